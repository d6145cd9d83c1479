package tagentryexpr

import (
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestEntryTagExpressions(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	s := &Service{user: &User{ID: 9, Tags: []string{"a", "b"}}, name: "svc"}
	if err := s.Handle(ctx, 101); err != nil {
		t.Fatal(err)
	}
	h := zipkintest.Named(t, rec, "tagentryexpr.Service.Handle")
	zipkintest.ChildOf(t, h, p)
	for k, w := range map[string]string{
		"service": "svc", "user.id": "9", "user.tags": "2", "req.id": "101",
		"req.big": "true", "req.kind": "odd1",
	} {
		zipkintest.HasTag(t, h, k, w)
	}
}
