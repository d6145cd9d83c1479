module github.com/zipkingen/zipkingen/examples

go 1.26.0

require (
	github.com/zipkingen/zipkingen v0.0.0-00010101000000-000000000000
	github.com/zipkingen/zipkingen/runtime/zipkingrpc v0.0.0-00010101000000-000000000000
	google.golang.org/grpc v1.85.0
	modernc.org/sqlite v1.62.0
)

require (
	github.com/dave/dst v0.27.4 // indirect
	github.com/dustin/go-humanize v1.1.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/ncruces/go-strftime v1.1.0 // indirect
	github.com/remyoudompheng/bigfft v0.0.0-20230129092748-24d4a6f8daec // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260817212433-ac3dfec99bb1 // indirect
	google.golang.org/protobuf v1.36.12 // indirect
	modernc.org/libc v1.80.1 // indirect
	modernc.org/mathutil v1.7.1 // indirect
	modernc.org/memory v1.12.1 // indirect
)

replace github.com/zipkingen/zipkingen => ../

replace github.com/zipkingen/zipkingen/runtime/zipkingrpc => ../runtime/zipkingrpc

tool github.com/zipkingen/zipkingen/cmd/zipkingen
