//go:build !race

package zipkin

const raceEnabled = false
