// Package e2e holds the end-to-end tests that send zipkingen's spans to a real
// Jaeger all-in-one and read them back through Jaeger's query API. The tests
// carry the build tag e2e (`make e2e`) and run the binary that `make jaeger`
// builds into .tools/bin.
package e2e
