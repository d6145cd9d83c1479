//go:build race

package zipkin

const raceEnabled = true
