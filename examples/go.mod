module github.com/zipkingen/zipkingen/examples

go 1.24.0

require github.com/zipkingen/zipkingen v0.0.0-00010101000000-000000000000

require (
	github.com/dave/dst v0.27.4 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/tools v0.42.0 // indirect
)

replace github.com/zipkingen/zipkingen => ../

tool github.com/zipkingen/zipkingen/cmd/zipkingen
