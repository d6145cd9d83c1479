module github.com/zipkingen/zipkingen/interop

go 1.24.0

replace github.com/zipkingen/zipkingen => ../

require (
	github.com/openzipkin/zipkin-go v0.4.3
	github.com/zipkingen/zipkingen v0.0.0-00010101000000-000000000000
)

require (
	golang.org/x/sys v0.41.0 // indirect
	google.golang.org/grpc v1.63.2 // indirect
)
