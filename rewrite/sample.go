package rewrite

import "github.com/zipkingen/zipkingen/annotations"

// sampleOption renders the sample= of the trace directive as a Start
// option, written after the span name: unlike kind= and remote=, the rate
// must be known when the span starts, because it decides whether there is
// a span at all.
func sampleOption(fi *funcInfo, imp string) string {
	for _, d := range fi.doc {
		if d.Kind == annotations.Trace && d.Sample != "" {
			return ", " + imp + ".WithSampleRate(" + d.Sample + ")"
		}
	}
	return ""
}
