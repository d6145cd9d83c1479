package zipkin

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Memory bounds of the debug reporter: spans waiting for their local root
// to end. Beyond them spans are dropped and counted (DropQueueFull).
const (
	debugMaxTraces = 1000
	debugMaxSpans  = 10000
)

// debugReporter prints each finished trace as an indented tree. It keeps a
// trace's spans until its local root ends, so the tree is whole.
type debugReporter struct {
	w       io.Writer
	writeMu sync.Mutex // keeps the trees of concurrent traces apart

	mu       sync.Mutex
	traces   map[TraceID][]*Span
	order    []TraceID // arrival order, for a stable Flush
	buffered int
	stats    ReporterStats
	closed   bool
}

// NewDebugReporter returns a Reporter that prints each finished trace to w
// as an indented tree with timings, tags, annotations and errors: what
// ZIPKIN_ENDPOINT=stderr selects. Spans whose local root has not ended are
// printed by Flush and Close.
func NewDebugReporter(w io.Writer) Reporter {
	return &debugReporter{w: w, traces: make(map[TraceID][]*Span)}
}

// Report buffers s and prints its subtree once s is a local root.
func (d *debugReporter) Report(s *Span) {
	d.mu.Lock()
	if !d.admit(s) {
		d.mu.Unlock()
		return
	}
	id := s.sc.TraceID
	if _, ok := d.traces[id]; !ok {
		d.order = append(d.order, id)
	}
	d.traces[id] = append(d.traces[id], s)
	d.buffered++
	var tree []*Span
	if s.localRoot {
		tree = d.take(id, s)
	}
	d.mu.Unlock()
	if tree != nil {
		d.print(tree, "")
	}
}

// admit counts and refuses spans beyond the memory bounds or after Close.
func (d *debugReporter) admit(s *Span) bool {
	switch {
	case d.closed:
		d.stats.Dropped[DropShutdown]++
	case d.buffered >= debugMaxSpans,
		len(d.traces) >= debugMaxTraces && d.traces[s.sc.TraceID] == nil:
		d.stats.Dropped[DropQueueFull]++
	default:
		return true
	}
	return false
}

// take removes root and its buffered descendants from trace id and returns
// them, root first.
func (d *debugReporter) take(id TraceID, root *Span) []*Span {
	spans := d.traces[id]
	inTree := map[SpanID]bool{root.sc.ID: true}
	tree := []*Span{root}
	// Children can arrive in any order; repeat until no span joins.
	for grew := true; grew; {
		grew = false
		for _, s := range spans {
			if !inTree[s.sc.ID] && inTree[s.sc.ParentID] {
				inTree[s.sc.ID] = true
				tree = append(tree, s)
				grew = true
			}
		}
	}
	rest := spans[:0]
	for _, s := range spans {
		if !inTree[s.sc.ID] {
			rest = append(rest, s)
		}
	}
	d.setTrace(id, rest)
	d.buffered -= len(tree)
	d.stats.Reported += uint64(len(tree))
	return tree
}

func (d *debugReporter) setTrace(id TraceID, spans []*Span) {
	if len(spans) > 0 {
		d.traces[id] = spans
		return
	}
	delete(d.traces, id)
	if i := slices.Index(d.order, id); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
}

// Flush prints every buffered span, as trees of whatever has ended.
func (d *debugReporter) Flush(ctx context.Context) error {
	d.mu.Lock()
	var trees [][]*Span
	for _, id := range d.order {
		trees = append(trees, d.traces[id])
		d.stats.Reported += uint64(len(d.traces[id]))
	}
	clear(d.traces)
	d.order, d.buffered = nil, 0
	d.mu.Unlock()
	for _, t := range trees {
		d.print(t, " (incomplete: the local root span has not ended)")
	}
	return ctx.Err()
}

// Close flushes and stops; later spans are counted as dropped.
func (d *debugReporter) Close(ctx context.Context) error {
	err := d.Flush(ctx)
	d.mu.Lock()
	d.closed = true
	full := d.stats.Dropped[DropQueueFull]
	d.mu.Unlock()
	if full > 0 {
		d.write(fmt.Sprintf("zipkin: the debug reporter dropped %d spans (more than %d buffered)\n", full, debugMaxSpans))
	}
	return err
}

// ReporterStats reports printed spans as reported.
func (d *debugReporter) ReporterStats() ReporterStats {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stats
}

func (d *debugReporter) print(spans []*Span, note string) {
	d.write(formatTrace(spans, note))
}

func (d *debugReporter) write(text string) {
	d.writeMu.Lock()
	defer d.writeMu.Unlock()
	n, _ := io.WriteString(d.w, text)
	d.mu.Lock()
	d.stats.BytesSent += uint64(n)
	d.mu.Unlock()
}

// formatTrace renders spans of one trace as a tree: the spans whose parent
// is not among them are the roots, children are ordered by start time.
func formatTrace(spans []*Span, note string) string {
	recs := make([]RecordedSpan, len(spans))
	ids := make(map[SpanID]bool, len(spans))
	for i, s := range spans {
		recs[i] = s.record()
		ids[recs[i].ID] = true
	}
	slices.SortStableFunc(recs, func(a, b RecordedSpan) int { return a.Start.Compare(b.Start) })
	children := make(map[SpanID][]RecordedSpan)
	var roots []RecordedSpan
	for _, r := range recs {
		if r.ParentID != 0 && ids[r.ParentID] {
			children[r.ParentID] = append(children[r.ParentID], r)
		} else {
			roots = append(roots, r)
		}
	}
	p := &treePrinter{children: children, origin: recs[0].Start}
	p.header(recs, note)
	for i, r := range roots {
		p.span(r, "", i == len(roots)-1)
	}
	return p.b.String()
}

// treePrinter writes one trace; origin is the first span's start, from
// which span and annotation offsets are measured.
type treePrinter struct {
	b        strings.Builder
	children map[SpanID][]RecordedSpan
	origin   time.Time
}

func (p *treePrinter) header(recs []RecordedSpan, note string) {
	end := p.origin
	for _, r := range recs {
		if e := r.Start.Add(r.Duration); e.After(end) {
			end = e
		}
	}
	plural := "s"
	if len(recs) == 1 {
		plural = ""
	}
	fmt.Fprintf(&p.b, "trace %s · service %s · %d span%s · %s%s\n",
		recs[0].TraceID, recs[0].LocalEndpoint.ServiceName, len(recs), plural, formatDuration(end.Sub(p.origin)), note)
}

// span writes r and its children; prefix is the tree drawing of the
// levels above.
func (p *treePrinter) span(r RecordedSpan, prefix string, last bool) {
	branch, cont := "├─ ", "│  "
	if last {
		branch, cont = "└─ ", "   "
	}
	p.b.WriteString(prefix + branch + spanLine(r, r.Start.Sub(p.origin)) + "\n")
	kids := p.children[r.ID]
	detail := prefix + cont + "   "
	if len(kids) > 0 {
		detail = prefix + cont + "│  "
	}
	if tags := tagLine(r.Tags); tags != "" {
		p.b.WriteString(detail + tags + "\n")
	}
	for _, a := range r.Annotations {
		p.b.WriteString(detail + formatOffset(a.Time.Sub(p.origin)) + "  " + oneLine(a.Value) + "\n")
	}
	for i, k := range kids {
		p.span(k, prefix+cont, i == len(kids)-1)
	}
}

// spanLine is the one-line summary of a span: name, kind and peer,
// duration, start offset in the trace, and the error marked so that it
// stands out.
func spanLine(r RecordedSpan, offset time.Duration) string {
	var b strings.Builder
	b.WriteString(oneLine(r.Name))
	if r.Name == "" {
		b.WriteString("(unnamed)")
	}
	kind := r.Kind.String()
	if peer := r.RemoteEndpoint; !peer.IsZero() {
		kind = strings.TrimSpace(kind + " → " + endpointLabel(peer))
	}
	if kind != "" {
		b.WriteString(" [" + kind + "]")
	}
	b.WriteString(" " + formatDuration(r.Duration))
	if offset > 0 {
		b.WriteString(", starts " + formatOffset(offset))
	}
	if r.Debug {
		b.WriteString(" (debug)")
	}
	if msg, ok := r.Tags["error"]; ok {
		b.WriteString("  ✗ ERROR: " + oneLine(msg))
	}
	return b.String()
}

// tagLine lists the tags but "error" (shown on the span line), sorted.
func tagLine(tags map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(tags) {
		if k != "error" {
			parts = append(parts, oneLine(k)+"="+quoteIfNeeded(tags[k]))
		}
	}
	return strings.Join(parts, " ")
}

func endpointLabel(e Endpoint) string {
	s := e.ServiceName
	if e.Addr.IsValid() {
		addr := e.Addr.String()
		if e.Port != 0 {
			addr = fmt.Sprintf("%s:%d", addr, e.Port)
			if e.Addr.Is6() && !e.Addr.Is4In6() {
				addr = fmt.Sprintf("[%s]:%d", e.Addr, e.Port)
			}
		}
		if s != "" {
			return s + " (" + addr + ")"
		}
		return addr
	}
	if e.Port != 0 {
		return fmt.Sprintf("%s:%d", s, e.Port)
	}
	return s
}

// formatDuration is a short, human duration: 840µs, 12.35ms, 1.204s.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.3fs", d.Seconds())
}

func formatOffset(d time.Duration) string {
	if d < 0 {
		return "-" + formatDuration(-d)
	}
	return "+" + formatDuration(d)
}

// quoteIfNeeded keeps tag values apart on their line: a value with spaces,
// quotes or control characters is Go-quoted.
func quoteIfNeeded(v string) string {
	if v == "" || strings.ContainsAny(v, " \"\\") || hasControl(v) {
		return strconv.Quote(v)
	}
	return v
}

// oneLine keeps a name, annotation or error on its line of the tree:
// text with control characters (a newline in an error) is Go-quoted.
func oneLine(v string) string {
	if hasControl(v) {
		return strconv.Quote(v)
	}
	return v
}

func hasControl(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
