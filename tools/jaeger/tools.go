//go:build tools

// Package jaeger pins the Jaeger all-in-one collector that the end-to-end
// tests run against. It exists only so that go.mod and go.sum record the exact
// version; `make jaeger` builds the binary into .tools/bin.
package jaeger

import _ "github.com/jaegertracing/jaeger/cmd/all-in-one"
