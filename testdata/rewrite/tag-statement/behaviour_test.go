package tagstatement

import (
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestStatementDirectivesRunWhereTheyStand(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	if n, err := Process(ctx, []string{"a", "", "b"}); n != 2 || err != nil {
		t.Fatalf("Process = %d, %v", n, err)
	}
	s := zipkintest.Named(t, rec, "tagstatement.Process")
	zipkintest.ChildOf(t, s, p)
	if a := annotations(s); !slices.Equal(a, []string{"start", "empty item", "done"}) {
		t.Errorf("annotations %q", a)
	}
	zipkintest.HasTag(t, s, "item.index", "2") // the last value set wins
	zipkintest.HasTag(t, s, "item.empty", "true")
	zipkintest.HasTag(t, s, "upper", "A,B")
	zipkintest.HasTag(t, s, "err", "<nil>")
	zipkintest.NoTag(t, s, "error")

	rec.Reset()
	if _, err := Process(ctx, nil); err == nil {
		t.Fatal("Process(nil): no error")
	}
	s = zipkintest.Named(t, rec, "tagstatement.Process")
	zipkintest.HasTag(t, s, "err", "nothing processed")
	zipkintest.HasTag(t, s, "error", "nothing processed")
	zipkintest.NoTag(t, s, "item.index")
}

func TestDirectivesInSwitchSelectAndLiterals(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, _ := zipkintest.Parent(t)
	if got := Switch(ctx, 0, nil); got != "zero" {
		t.Errorf("Switch(0) = %q", got)
	}
	if a := annotations(zipkintest.Named(t, rec, "tagstatement.Switch")); !slices.Equal(a, []string{"zero"}) {
		t.Errorf("Switch(0) annotations %q", a)
	}
	rec.Reset()
	ch := make(chan int, 1)
	ch <- 5
	if got := Switch(ctx, 1, ch); got != "got 5" {
		t.Errorf("Switch(1) = %q", got)
	}
	s := zipkintest.Named(t, rec, "tagstatement.Switch")
	zipkintest.HasTag(t, s, "mode", "1")
	zipkintest.HasTag(t, s, "received", "5")
	if len(s.Annotations) != 0 {
		t.Errorf("Switch(1) annotations %q", annotations(s))
	}

	rec.Reset()
	if got := Literal(ctx); got != 42 {
		t.Errorf("Literal = %d", got)
	}
	outer := zipkintest.Named(t, rec, "tagstatement.Literal")
	if a := annotations(outer); !slices.Equal(a, []string{"calling literal"}) {
		t.Errorf("Literal annotations %q", a)
	}
	zipkintest.NoTag(t, outer, "x")
	lit := zipkintest.Named(t, rec, "tagstatement.Literal.func1")
	zipkintest.ChildOfSpan(t, lit, outer)
	zipkintest.HasTag(t, lit, "x", "21")
}

// annotations lists the annotation values of s in order.
func annotations(s zipkin.RecordedSpan) []string {
	var out []string
	for _, a := range s.Annotations {
		out = append(out, a.Value)
	}
	return out
}
