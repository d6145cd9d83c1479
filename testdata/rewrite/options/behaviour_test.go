package options

import (
	"context"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

func TestTraceOptions(t *testing.T) {
	rec := zipkintest.Record(t)
	ctx, p := zipkintest.Parent(t)
	for _, c := range []struct {
		call   func(context.Context)
		name   string
		kind   zipkin.Kind
		remote string
	}{
		{Client, "options.Client", zipkin.Client, "inventory"},
		{Server, "options.Server", zipkin.Server, ""},
		{Producer, "options.Producer", zipkin.Producer, "kafka"},
		{Consumer, "options.Consumer", zipkin.Consumer, ""},
		{Named, "db.query", zipkin.Client, "db"},
		{Escaped, `say "hi" \ bye`, zipkin.Unspecified, ""},
		{Spaces, "spaced", zipkin.Client, ""},
	} {
		c.call(ctx)
		s := zipkintest.Named(t, rec, c.name)
		zipkintest.ChildOf(t, s, p)
		if s.Kind != c.kind {
			t.Errorf("%s: kind %v, want %v", c.name, s.Kind, c.kind)
		}
		if s.RemoteEndpoint.ServiceName != c.remote {
			t.Errorf("%s: remote service %q, want %q", c.name, s.RemoteEndpoint.ServiceName, c.remote)
		}
	}
}
