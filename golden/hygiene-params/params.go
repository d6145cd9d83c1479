// Package hygieneparams traces functions whose parameters and results are
// called span, zipkin, err or ctx with types other than expected.
package hygieneparams

import (
	"context"
	"fmt"
	"time"

	zipkingen "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Span is a user type named like the runtime's.
type Span struct{ Name string }

// Params has parameters named span and zipkin.
//
//zipkin:trace
func Params(ctx context.Context, span *Span, zipkin string) string {
	_, zipkinSpan := zipkingen.Start(ctx, "hygieneparams.Params") //zipkin:generated
	defer zipkinSpan.End(nil)                                     //zipkin:generated
	return span.Name + zipkin
}

// CtxNotContext has a parameter called ctx that is not a context, and the
// real context under another name.
//
//zipkin:trace
func CtxNotContext(ctx int, c context.Context) (err error) {
	_, span := zipkingen.Start(c, "hygieneparams.CtxNotContext") //zipkin:generated
	defer span.End(&err)                                         //zipkin:generated
	if ctx < 0 {
		return fmt.Errorf("negative %d", ctx)
	}
	return nil
}

// ErrNotError returns a non-error named err and an unnamed error.
//
//zipkin:trace
func ErrNotError(ctx context.Context) (err time.Duration, zipkinErr error) {
	_, span := zipkingen.Start(ctx, "hygieneparams.ErrNotError") //zipkin:generated err=_
	defer span.End(&zipkinErr)                                   //zipkin:generated
	return time.Second, nil
}

// ResultNamedSpan names its error result span.
//
//zipkin:trace
func ResultNamedSpan(ctx context.Context) (span error) {
	_, zipkinSpan := zipkingen.Start(ctx, "hygieneparams.ResultNamedSpan") //zipkin:generated
	defer zipkinSpan.End(&span)                                            //zipkin:generated
	return nil
}
