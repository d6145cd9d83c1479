package zipkin

import (
	"context"
	"testing"
)

func TestRecorder(t *testing.T) {
	tr, rec := NewTestTracer()
	ctx, root := tr.Start(context.Background(), "root", WithKind(Server))
	_, child := tr.Start(ctx, "child")
	child.TagFloat("f", 2.5)
	child.End(nil)
	root.End(nil)
	spans := rec.Spans()
	if len(spans) != 2 || spans[0].Name != "child" || spans[1].Name != "root" {
		t.Fatalf("spans = %+v, want child then root (end order)", spans)
	}
	if spans[0].Tags["f"] != "2.5" || spans[0].ParentID != spans[1].ID || spans[1].Kind != Server {
		t.Errorf("recorded values wrong: %+v", spans)
	}
	spans[0].Tags["f"] = "changed" // a copy: the recorder is unaffected
	if rec.Spans()[0].Tags["f"] != "2.5" {
		t.Error("Spans shares its maps with the recorder")
	}
	rec.Reset()
	if len(rec.Spans()) != 0 {
		t.Error("Reset kept spans")
	}
	if rs := rec.ReporterStats(); rs.Reported != 2 {
		t.Errorf("reported = %d", rs.Reported)
	}
	if err := rec.Flush(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestRecorderConcurrent(t *testing.T) {
	tr, rec := NewTestTracer()
	runWorkers(8, func(int) {
		for range 50 {
			_, s := tr.Start(context.Background(), "x")
			s.End(nil)
			_ = rec.Spans()
		}
	})
	if n := len(rec.Spans()); n != 400 {
		t.Errorf("recorded %d spans, want 400", n)
	}
}
