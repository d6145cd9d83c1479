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

// Bounds of the debug reporter's buffer of spans waiting for their local
// root to end. Past them, the oldest waiting trace is printed as it is:
// memory stays bounded and a root that never ends (a background loop)
// cannot silence the output.
const (
	debugMaxTraces = 1000
	debugMaxSpans  = 10000
	debugMaxWait   = 10 * time.Second
)

const incompleteNote = " (incomplete: printed before its local root span ended)"

// debugReporter prints each finished trace as an indented tree. It keeps a
// trace's spans until its local root ends, so the tree is whole.
type debugReporter struct {
	w       io.Writer
	writeMu sync.Mutex // keeps the trees of concurrent traces apart
	now     func() time.Time

	mu       sync.Mutex
	traces   map[TraceID]*debugTrace
	order    []TraceID // arrival order: the oldest trace is evicted first
	buffered int
	stats    ReporterStats
	closed   bool
}

// debugTrace is the waiting part of one trace.
type debugTrace struct {
	spans []*Span
	since time.Time // arrival of its oldest waiting span
}

// debugOutput is one tree to print once the lock is released.
type debugOutput struct {
	spans []*Span
	note  string
}

// NewDebugReporter returns a Reporter that prints each finished trace to w
// as an indented tree with timings, tags, annotations and errors: what
// ZIPKIN_ENDPOINT=stderr selects. A trace is printed when its local root
// span ends; spans still waiting are printed by Flush and Close, or after
// 10 s, or when more than 10000 are waiting.
//
// It writes on the goroutine that ends the span, so a slow w slows the
// traced code: it is a development tool, not a production reporter.
func NewDebugReporter(w io.Writer) Reporter {
	return &debugReporter{w: w, now: time.Now, traces: make(map[TraceID]*debugTrace)}
}

// Report buffers s and prints its subtree once s is a local root.
func (d *debugReporter) Report(s *Span) {
	d.mu.Lock()
	if d.closed {
		d.stats.Dropped[DropShutdown]++
		d.mu.Unlock()
		return
	}
	d.add(s)
	var out []debugOutput
	if s.localRoot {
		out = append(out, debugOutput{spans: d.take(s)})
	}
	out = d.evict(out)
	d.mu.Unlock()
	for _, o := range out {
		d.print(o.spans, o.note)
	}
}

func (d *debugReporter) add(s *Span) {
	id := s.sc.TraceID
	t := d.traces[id]
	if t == nil {
		t = &debugTrace{since: d.now()}
		d.traces[id] = t
		d.order = append(d.order, id)
	}
	t.spans = append(t.spans, s)
	d.buffered++
}

// take removes root and its waiting descendants from root's trace and
// returns them, root first.
func (d *debugReporter) take(root *Span) []*Span {
	id := root.sc.TraceID
	t := d.traces[id]
	children := make(map[SpanID][]*Span, len(t.spans))
	for _, s := range t.spans {
		children[s.sc.ParentID] = append(children[s.sc.ParentID], s)
	}
	inTree := map[SpanID]bool{root.sc.ID: true}
	tree := []*Span{root}
	for i := 0; i < len(tree); i++ {
		for _, c := range children[tree[i].sc.ID] {
			if !inTree[c.sc.ID] { // a repeated span ID must not loop
				inTree[c.sc.ID] = true
				tree = append(tree, c)
			}
		}
	}
	rest := t.spans[:0]
	for _, s := range t.spans {
		if !inTree[s.sc.ID] {
			rest = append(rest, s)
		}
	}
	clear(t.spans[len(rest):]) // let printed spans be collected
	t.spans = rest
	if len(rest) == 0 {
		d.remove(id)
	}
	d.buffered -= len(tree)
	d.stats.Reported += uint64(len(tree))
	return tree
}

// evict appends to out the oldest waiting traces while the buffer is over
// its bounds or they have waited too long.
func (d *debugReporter) evict(out []debugOutput) []debugOutput {
	now := d.now()
	for len(d.order) > 0 {
		oldest := d.traces[d.order[0]]
		if d.buffered <= debugMaxSpans && len(d.traces) <= debugMaxTraces && now.Sub(oldest.since) < debugMaxWait {
			break
		}
		d.remove(d.order[0])
		d.buffered -= len(oldest.spans)
		d.stats.Reported += uint64(len(oldest.spans))
		out = append(out, debugOutput{spans: oldest.spans, note: incompleteNote})
	}
	return out
}

func (d *debugReporter) remove(id TraceID) {
	delete(d.traces, id)
	if i := slices.Index(d.order, id); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
}

// Flush prints every waiting span, as trees of whatever has ended.
func (d *debugReporter) Flush(ctx context.Context) error {
	d.mu.Lock()
	var out []debugOutput
	for _, id := range d.order {
		t := d.traces[id]
		out = append(out, debugOutput{spans: t.spans, note: incompleteNote})
		d.stats.Reported += uint64(len(t.spans))
	}
	clear(d.traces)
	d.order, d.buffered = nil, 0
	d.mu.Unlock()
	for _, o := range out {
		d.print(o.spans, o.note)
	}
	return ctx.Err()
}

// Close flushes and stops; later spans are counted as dropped.
func (d *debugReporter) Close(ctx context.Context) error {
	err := d.Flush(ctx)
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
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
