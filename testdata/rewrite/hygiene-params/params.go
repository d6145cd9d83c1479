// Package hygieneparams traces functions whose parameters and results are
// called span, zipkin, err or ctx with types other than expected.
package hygieneparams

import (
	"context"
	"fmt"
	"time"
)

// Span is a user type named like the runtime's.
type Span struct{ Name string }

// Params has parameters named span and zipkin.
//
//zipkin:trace
func Params(ctx context.Context, span *Span, zipkin string) string {
	return span.Name + zipkin
}

// CtxNotContext has a parameter called ctx that is not a context, and the
// real context under another name.
//
//zipkin:trace
func CtxNotContext(ctx int, c context.Context) (err error) {
	if ctx < 0 {
		return fmt.Errorf("negative %d", ctx)
	}
	return nil
}

// ErrNotError returns a non-error named err and an unnamed error.
//
//zipkin:trace
func ErrNotError(ctx context.Context) (err time.Duration, _ error) {
	return time.Second, nil
}

// ResultNamedSpan names its error result span.
//
//zipkin:trace
func ResultNamedSpan(ctx context.Context) (span error) {
	return nil
}
