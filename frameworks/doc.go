// Package frameworks holds small services written with real frameworks
// (gin, echo, chi, gRPC), instrumented by the zipkingen command (go
// generate, committed like any user's output), and tests that run them
// over loopback and assert the shape of their traces. It is a module of
// its own so that the main module never depends on the frameworks.
package frameworks
