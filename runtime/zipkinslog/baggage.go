package zipkinslog

import (
	"context"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// hasBaggage reports whether ctx carries baggage fields, which Handle
// stamps on the record at the top level, each under its field name
// ("tenant-id"). The context is searched only when the default tracer
// allow-lists any field: without baggage, logging pays nothing for it.
func hasBaggage(ctx context.Context) bool {
	if len(zipkin.Default().BaggageFields()) == 0 {
		return false
	}
	found := false
	zipkin.RangeBaggage(ctx, func(string, string) bool { found = true; return false })
	return found
}
