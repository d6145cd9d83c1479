//go:build !race

package zipkingrpc

const raceEnabled = false
