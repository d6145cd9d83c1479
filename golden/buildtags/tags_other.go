//go:build !unix

package buildtags

func platform() string { return "other" }
