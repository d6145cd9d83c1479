package zipkin

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// otlpChunkBytes is how many bytes of encoded OTLP spans the encoder holds
// before it writes them to the batch (through the compressor when there
// is one). A ResourceSpans starts with its length, so its spans wait for
// it; in chunks, the uncompressed batch is never held whole, at the cost
// of one resource and scope header (some 50 bytes) per chunk.
const otlpChunkBytes = 64 << 10

// otlpChunk is the ResourceSpans being encoded: the spans of one tracer,
// waiting for their header.
type otlpChunk struct {
	tracer   *Tracer
	started  bool   // tracer and resource are set
	resource []byte // the Resource field for tracer's spans
	spans    []byte // Span elements not yet written
	header   []byte // reused by otlpFlush
}

// otlpBegin prepares the chunk for a span of s's tracer: a span of another
// tracer first closes the chunk, since a ResourceSpans has one resource.
func (r *batchReporter) otlpBegin(b *batch, s *Span) {
	c := &r.otlp
	if c.started && c.tracer == s.tracer {
		return
	}
	r.otlpFlush(b)
	c.tracer, c.started = s.tracer, true
	c.resource = appendOTLPResource(c.resource[:0], s.tracer)
}

// otlpFlush writes the chunk's spans to b as one ResourceSpans.
func (r *batchReporter) otlpFlush(b *batch) {
	c := &r.otlp
	if len(c.spans) == 0 {
		return
	}
	c.header = appendOTLPHeader(c.header[:0], c.resource, len(c.spans))
	r.write(b, c.header)
	r.write(b, c.spans)
	c.spans = c.spans[:0]
	if cap(c.spans) > 2*otlpChunkBytes {
		c.spans = nil // do not keep a buffer grown by a monster span
	}
}

// add appends one encoded span to b: straight to the batch, or for OTLP
// to the chunk that waits for its header.
func (r *batchReporter) add(b *batch, p []byte) {
	if r.o.Encoding != OTLP {
		r.write(b, p)
		return
	}
	r.otlp.spans = append(r.otlp.spans, p...)
	if len(r.otlp.spans) >= otlpChunkBytes {
		r.otlpFlush(b)
	}
}

// unwritten bounds the bytes the current batch will still get besides its
// next span: JSON's closing bracket, or the OTLP chunk and its header.
func (r *batchReporter) unwritten() int {
	if r.o.Encoding != OTLP {
		return len(r.trailer())
	}
	return len(r.otlp.spans) + otlpHeaderMax(r.otlp.resource)
}

// partialSuccess reports whether err is a partial success, and how many of
// b's spans the collector rejected, logging its explanation.
func (r *batchReporter) partialSuccess(b *batch, err error) (int, bool) {
	var ps *PartialSuccessError
	if !errors.As(err, &ps) {
		return 0, false
	}
	n := int(min(max(ps.Rejected, 0), int64(b.spans)))
	if n > 0 {
		r.noteError(fmt.Errorf("dropped %d of %d spans: %w", n, b.spans, err))
	} else {
		r.noteError(fmt.Errorf("sent %d spans: %w", b.spans, err))
	}
	return n, true
}

// otlpPath is where OTLP/HTTP receivers accept traces.
const otlpPath = "/v1/traces"

// otlpEndpoint applies the OTLP defaults to a collector URL: with
// encoding OTLP, a URL without a path (raw as the user gave it) gets
// /v1/traces rather than Zipkin's /api/v2/spans; and a URL whose path ends
// in /v1/traces is sent OTLP unless Proto3 was asked for, since Zipkin
// JSON is never accepted there. It returns the URL (normalized, as given
// unless a path was added) and the encoding to use.
func otlpEndpoint(raw, normalized string, enc Encoding) (string, Encoding) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return normalized, enc
	}
	switch {
	case enc == OTLP && (u.Path == "" || u.Path == "/"):
		u.Path = otlpPath
		return u.String(), enc
	case enc == JSON && strings.HasSuffix(u.Path, otlpPath):
		return normalized, OTLP
	}
	return normalized, enc
}
