package hygieneparams

import (
	"testing"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestUserParametersAreUntouched(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if got := Params(ctx, &Span{Name: "a"}, "b"); got != "ab" {
		t.Errorf("Params = %q", got)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygieneparams.Params"), p)

	if err := CtxNotContext(-1, ctx); err == nil {
		t.Fatal("CtxNotContext(-1): no error")
	}
	c := zipkintest.Named(t, rec, "hygieneparams.CtxNotContext")
	zipkintest.ChildOf(t, c, p)
	zipkintest.HasTag(t, c, "error", "negative -1")

	if d, err := ErrNotError(ctx); d != time.Second || err != nil {
		t.Errorf("ErrNotError = %v, %v", d, err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygieneparams.ErrNotError"), p)
	if err := ResultNamedSpan(ctx); err != nil {
		t.Error(err)
	}
	zipkintest.ChildOf(t, zipkintest.Named(t, rec, "hygieneparams.ResultNamedSpan"), p)
}
