package bench

import (
	"testing"

	zipkingo "github.com/openzipkin/zipkin-go"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestModesRecordAsClaimed guards the fairness of the sampled, unsampled
// and disabled benchmarks: in each, every library's child span of the
// benchmark's parent is recording exactly when the mode says so.
func TestModesRecordAsClaimed(t *testing.T) {
	for _, mode := range []struct {
		name      string
		ours      oursMode
		zg        zipkinGoMode
		otel      otelMode
		recording bool
	}{
		{"sampled", oursSampled, zgSampled, otelSampled, true},
		{"unsampled", oursUnsampled, zgUnsampled, otelUnsampled, false},
		{"disabled", oursDisabled, zgDisabled, otelDisabled, false},
	} {
		t.Run(mode.name, func(t *testing.T) {
			useOursDefault(t, newOursTracer(t, mode.ours))
			_, span := zipkin.Start(oursParent(), childName)
			if got := span.IsRecording(); got != mode.recording {
				t.Errorf("zipkingen child recording = %v", got)
			}

			zg := newZipkinGoTracer(t, mode.zg, nil)
			zgSpan, _ := zg.StartSpanFromContext(zipkinGoParent(zg), childName)
			if got := !zipkingo.IsNoop(zgSpan); got != mode.recording {
				t.Errorf("zipkin-go child recording = %v", got)
			}

			tr := newOTelTracer(t, mode.otel)
			_, otelSpan := tr.Start(otelParent(tr), childName)
			if got := otelSpan.IsRecording(); got != mode.recording {
				t.Errorf("OTel child recording = %v", got)
			}
		})
	}
}
