package tracetree

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Trace is the spans of one trace, from any number of processes.
type Trace struct {
	ID    string
	Title string // shown in the header when set, such as the request that started the trace
	Spans []Span
}

// Group splits spans by trace ID. The traces named in order come first,
// in that order (those with no span are left out); the others follow,
// earliest first.
func Group(spans []Span, order ...string) []Trace {
	byID := map[string]*Trace{}
	var ids []string
	for _, s := range spans {
		t := byID[s.TraceID]
		if t == nil {
			t = &Trace{ID: s.TraceID}
			byID[s.TraceID] = t
			ids = append(ids, s.TraceID)
		}
		t.Spans = append(t.Spans, s)
	}
	var out []Trace
	for _, id := range order {
		if t := byID[id]; t != nil {
			out = append(out, *t)
			delete(byID, id)
		}
	}
	var rest []Trace
	for _, id := range ids {
		if t := byID[id]; t != nil {
			rest = append(rest, *t)
		}
	}
	slices.SortStableFunc(rest, func(a, b Trace) int { return cmp.Compare(a.start(), b.start()) })
	return append(out, rest...)
}

// start is the timestamp of the trace's earliest span.
func (t Trace) start() int64 {
	var first int64
	for i, s := range t.Spans {
		if i == 0 || s.Timestamp < first {
			first = s.Timestamp
		}
	}
	return first
}

// Node is a span in its trace's tree.
type Node struct {
	Span     Span
	Children []*Node // by start time
	// Orphan is set on a root whose parent ID names a span that is not
	// in the trace: it was lost, or its process has not reported it.
	Orphan bool
}

// nodeKey tells apart the two halves of a span shared between a client
// and a server (Zipkin's classic RPC model: one ID, the server's half
// marked shared).
type nodeKey struct {
	id     string
	shared bool
}

// Roots returns the trace as trees: the spans whose parent is not among
// its spans, each with its descendants; several roots mean the trace is
// not whole. A span reported twice is drawn once.
func (t Trace) Roots() []*Node {
	spans := slices.Clone(t.Spans)
	slices.SortStableFunc(spans, func(a, b Span) int { return cmp.Compare(a.Timestamp, b.Timestamp) })
	nodes := make(map[nodeKey]*Node, len(spans))
	var order []*Node
	for _, s := range spans {
		k := nodeKey{s.ID, s.Shared}
		if nodes[k] == nil {
			nodes[k] = &Node{Span: s}
			order = append(order, nodes[k])
		}
	}
	var roots []*Node
	for _, n := range order {
		if p := parentOf(nodes, n.Span); p != nil {
			p.Children = append(p.Children, n)
			continue
		}
		n.Orphan = n.Span.ParentID != ""
		roots = append(roots, n)
	}
	return roots
}

// parentOf finds s's parent: for the server half of a shared span, the
// client half; else the span its parent ID names, the server half first
// (the server's own children point at the shared ID).
func parentOf(nodes map[nodeKey]*Node, s Span) *Node {
	if s.Shared {
		if p := nodes[nodeKey{s.ID, false}]; p != nil {
			return p
		}
	}
	if s.ParentID == "" || s.ParentID == s.ID {
		return nil
	}
	if p := nodes[nodeKey{s.ParentID, true}]; p != nil {
		return p
	}
	return nodes[nodeKey{s.ParentID, false}]
}

// Print writes each trace as one tree, separated by blank lines.
func Print(w io.Writer, traces []Trace) error {
	for i, t := range traces {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, Format(t)); err != nil {
			return err
		}
	}
	return nil
}

// Format draws one trace: a header line (ID, title, span and service
// counts, total time), then the tree, each span as
//
//	service · name [KIND → remote] duration, starts +offset  ✗ ERROR: message
//
// with its tags and annotations on the lines under it. Offsets count from
// the trace's first span.
func Format(t Trace) string {
	roots := t.Roots()
	p := &printer{origin: t.start()}
	p.header(t, len(roots))
	for i, r := range roots {
		p.node(r, "", i == len(roots)-1)
	}
	return p.b.String()
}

type printer struct {
	b      strings.Builder
	origin int64 // epoch microseconds
}

func (p *printer) header(t Trace, roots int) {
	var services []string // in the order they joined the trace
	end := p.origin
	spans := slices.Clone(t.Spans)
	slices.SortStableFunc(spans, func(a, b Span) int { return cmp.Compare(a.Timestamp, b.Timestamp) })
	for _, s := range spans {
		if name := serviceOf(s); !slices.Contains(services, name) {
			services = append(services, name)
		}
		end = max(end, s.Timestamp+s.Duration)
	}
	fmt.Fprintf(&p.b, "trace %s", t.ID)
	if t.Title != "" {
		fmt.Fprintf(&p.b, " · %s", oneLine(t.Title))
	}
	fmt.Fprintf(&p.b, " · %s · %s (%s) · %s", plural(len(t.Spans), "span"), plural(len(services), "service"),
		strings.Join(services, ", "), formatMicros(end-p.origin))
	if roots > 1 {
		fmt.Fprintf(&p.b, " · not whole: %d roots", roots)
	}
	p.b.WriteString("\n")
}

func (p *printer) node(n *Node, prefix string, last bool) {
	branch, cont := "├─ ", "│  "
	if last {
		branch, cont = "└─ ", "   "
	}
	p.b.WriteString(prefix + branch + p.line(n) + "\n")
	detail := prefix + cont + "   "
	if len(n.Children) > 0 {
		detail = prefix + cont + "│  "
	}
	if tags := tagLine(n.Span.Tags); tags != "" {
		p.b.WriteString(detail + tags + "\n")
	}
	for _, a := range n.Span.Annotations {
		p.b.WriteString(detail + "+" + formatMicros(a.Timestamp-p.origin) + "  " + oneLine(a.Value) + "\n")
	}
	for i, c := range n.Children {
		p.node(c, prefix+cont, i == len(n.Children)-1)
	}
}

// line is one span's summary.
func (p *printer) line(n *Node) string {
	s := n.Span
	var b strings.Builder
	b.WriteString(serviceOf(s) + " · ")
	if s.Name == "" {
		b.WriteString("(unnamed)")
	}
	b.WriteString(oneLine(s.Name))
	kind := s.Kind
	if peer := endpointLabel(s.RemoteEndpoint); peer != "" {
		kind = strings.TrimSpace(kind + " → " + peer)
	}
	if kind != "" {
		b.WriteString(" [" + kind + "]")
	}
	b.WriteString(" " + formatMicros(max(s.Duration, 1)))
	if off := s.Timestamp - p.origin; off > 0 {
		b.WriteString(", starts +" + formatMicros(off))
	}
	if s.Shared {
		b.WriteString(" (shared)")
	}
	if s.Debug {
		b.WriteString(" (debug)")
	}
	if n.Orphan {
		b.WriteString(" (parent " + s.ParentID + " not collected)")
	}
	if msg, ok := s.Tags["error"]; ok {
		b.WriteString("  ✗ ERROR: " + oneLine(msg))
	}
	return b.String()
}

func serviceOf(s Span) string {
	if s.LocalEndpoint != nil && s.LocalEndpoint.ServiceName != "" {
		return s.LocalEndpoint.ServiceName
	}
	return "(unknown service)"
}

func endpointLabel(e *Endpoint) string {
	if e == nil {
		return ""
	}
	addr := cmp.Or(e.IPv4, e.IPv6)
	switch {
	case addr != "" && e.Port != 0 && e.IPv4 == "":
		addr = fmt.Sprintf("[%s]:%d", addr, e.Port)
	case addr != "" && e.Port != 0:
		addr = fmt.Sprintf("%s:%d", addr, e.Port)
	}
	switch {
	case e.ServiceName != "" && addr != "":
		return e.ServiceName + " (" + addr + ")"
	case addr != "":
		return addr
	}
	return e.ServiceName
}

// tagLine lists the tags but "error" (shown on the span line), sorted.
func tagLine(tags map[string]string) string {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		if k != "error" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = oneLine(k) + "=" + quoteIfNeeded(tags[k])
	}
	return strings.Join(parts, " ")
}

// formatMicros is a short, human duration: 840µs, 12.35ms, 1.204s.
func formatMicros(us int64) string {
	d := time.Duration(us) * time.Microsecond
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", us)
	case d < time.Second:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.3fs", d.Seconds())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// quoteIfNeeded keeps tag values apart on their line.
func quoteIfNeeded(v string) string {
	if v == "" || strings.ContainsAny(v, " \"\\") || hasControl(v) {
		return strconv.Quote(v)
	}
	return v
}

// oneLine keeps text with control characters (a newline in an error) on
// its line of the tree.
func oneLine(v string) string {
	if hasControl(v) {
		return strconv.Quote(v)
	}
	return v
}

func hasControl(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
