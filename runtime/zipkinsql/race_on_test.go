//go:build race

package zipkinsql

const raceEnabled = true
