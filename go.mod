module github.com/zipkingen/zipkingen

go 1.24.0

require (
	github.com/dave/dst v0.27.4
	github.com/rogpeppe/go-internal v1.14.1
	golang.org/x/mod v0.33.0
	golang.org/x/tools v0.42.0
)

require (
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
)

tool github.com/zipkingen/zipkingen/cmd/zipkingen
