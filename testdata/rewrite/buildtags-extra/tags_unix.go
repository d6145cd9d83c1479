//go:build unix

package buildtagsextra

import "context"

func platform() string { return "unix" }

// OnUnix is traced on every unix system, this one included.
//
//zipkin:trace
func OnUnix(ctx context.Context) string { return "unix" }
