//go:build !unix

package buildtagsextra

func platform() string { return "other" }
