package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/dave/dst"
	"github.com/dave/dst/decorator"

	"github.com/zipkingen/zipkingen/annotations"
)

// plan is what will be injected into one traced function; it is computed
// for every function of the file before any is changed, so that names are
// chosen against the user's code only.
type plan struct {
	fi    *funcInfo
	ftype *dst.FuncType
	body  *dst.BlockStmt
	entry []string
	words annotations.Directive
	stmts []stmtPlan
	note  string
}

type stmtPlan struct {
	target dst.Stmt
	lines  []string
}

// inject writes the instrumentation of every traced function of the file.
func (w *fileWork) inject(traced []*funcInfo) {
	imp := w.ensureImportName(traced)
	var plans []*plan
	for _, fi := range traced {
		if p := w.plan(fi, imp); p != nil {
			plans = append(plans, p)
		}
	}
	if len(w.diags) > 0 {
		return
	}
	var groups []genGroup
	for _, p := range plans {
		p.words.Oneline = isOneline(p.body)
		groups = append(groups, genGroup{lines: p.entry, words: p.words})
		for _, sp := range p.stmts {
			groups = append(groups, genGroup{lines: sp.lines})
		}
	}
	stmts := generatedStmts(groups)
	for _, p := range plans {
		entry := stmts[0]
		w.apply(p, entry, stmts[1:1+len(p.stmts)])
		stmts = stmts[1+len(p.stmts):]
		w.notef("%s: %s", p.fi.label(), p.note)
	}
	w.addImport(imp)
}

// plan computes the statements and signature changes for fi.
func (w *fileWork) plan(fi *funcInfo, imp string) *plan {
	var dnode dst.Node = w.dec.Dst.Nodes[fi.node]
	p := &plan{fi: fi}
	var drecv *dst.FieldList
	switch n := dnode.(type) {
	case *dst.FuncDecl:
		p.ftype, p.body, drecv = n.Type, n.Body, n.Recv
	case *dst.FuncLit:
		p.ftype, p.body = n.Type, n.Body
	default:
		return nil
	}
	names := &namer{used: funcNames(dnode, fi)}
	span := names.pick("span", "zipkinSpan")
	start, srcNote := w.startLine(fi, p, drecv, names, span, imp)
	end := w.endLine(fi, p, names, span)
	if w.isMain(fi) {
		p.entry = append(p.entry, "defer "+imp+".Close()")
	}
	p.entry = append(p.entry, start, end)
	p.entry = append(p.entry, optionLines(fi, span, imp)...)
	p.entry = append(p.entry, w.entryTags(fi, span)...)
	for _, sd := range fi.stmts {
		p.stmts = append(p.stmts, w.stmtPlan(sd, span))
	}
	p.note = fmt.Sprintf("traced as %q, %s, %d tag(s) at entry, %d statement directive(s)", fi.name, srcNote, countTags(fi.doc), len(fi.stmts))
	return p
}

// funcNames returns every name a new identifier of fi must avoid: those
// of its code and of its directives' expressions.
func funcNames(dnode dst.Node, fi *funcInfo) map[string]bool {
	used := identNames(dnode)
	for _, d := range fi.doc {
		addExprNames(used, d)
	}
	for _, sd := range fi.stmts {
		for _, d := range sd.dirs {
			addExprNames(used, d)
		}
	}
	return used
}

// entryTags renders the tags of the trace directive, evaluated at entry
// (in the scope just inside the opening brace).
func (w *fileWork) entryTags(fi *funcInfo, span string) []string {
	_, _, body := fi.signature()
	var lines []string
	var tags []directive
	for _, d := range fi.doc {
		if d.Kind == annotations.Tag {
			if line, ok := w.tagLine(d, span, body.Lbrace+1); ok {
				lines = append(lines, line)
				tags = append(tags, d)
			}
		}
	}
	return w.guardLines(tags, body.Lbrace+1, span, lines)
}

// stmtPlan renders the directives before one statement, evaluated in the
// scope at that statement.
func (w *fileWork) stmtPlan(sd stmtDirectives, span string) stmtPlan {
	sp := stmtPlan{target: w.dec.Dst.Nodes[sd.stmt].(dst.Stmt)}
	for _, d := range sd.dirs {
		var line string
		var ok bool
		if d.Kind == annotations.Tag {
			line, ok = w.tagLine(d, span, sd.stmt.Pos())
		} else {
			line, ok = w.annotateLine(d, span, sd.stmt.Pos())
		}
		if ok {
			sp.lines = append(sp.lines, line)
		}
	}
	sp.lines = w.guardLines(sd.dirs, sd.stmt.Pos(), span, sp.lines)
	return sp
}

func (w *fileWork) isMain(fi *funcInfo) bool {
	d, ok := fi.node.(*ast.FuncDecl)
	return ok && d.Recv == nil && d.Name.Name == "main" && w.pkg.Name == "main"
}

// startLine returns the statement that starts the span, naming the context
// parameter when it is unnamed or blank.
func (w *fileWork) startLine(fi *funcInfo, p *plan, drecv *dst.FieldList, names *namer, span, imp string) (string, string) {
	src := w.contextSource(fi)
	quoted := strconv.Quote(fi.name) + sampleOption(fi, imp) // the name, and the rate when sample= is set
	switch src.kind {
	case srcContext, srcRequest:
		base, alt := "ctx", "zipkinCtx"
		if src.kind == srcRequest {
			base, alt = "r", "zipkinReq"
		}
		name := w.nameParam(p, src, names, base, alt)
		lhs := name
		if w.returnsContext(fi) || !w.sourceUsed(fi, src) {
			// The caller continues with a returned context, which must
			// not carry this function's span (ended by then); and a
			// context the body never reads is not rebound (SA4006).
			lhs = "_"
		}
		if src.kind == srcRequest {
			return fmt.Sprintf("%s, %s := %s.StartRequest(%s, %s)", lhs, span, imp, name, quoted), "context from *http.Request " + name
		}
		return fmt.Sprintf("%s, %s := %s.Start(%s, %s)", lhs, span, imp, name, quoted), "context from " + name
	case srcMethod:
		fl := p.ftype.Params
		if src.recv {
			fl = drecv
		}
		name := fl.List[src.field].Names[src.name].Name
		if w.e.runtimeHas("StartFrom") {
			// The runtime calls Context() only when tracing is on, and
			// survives a nil source (docs/DESIGN.md).
			arg := name
			if w.pointerMethodOnly(fi, src) {
				arg = "&" + name // Context has a pointer receiver; x is addressable
			}
			return fmt.Sprintf("_, %s := %s.StartFrom(%s, %s)", span, imp, arg, quoted), "context from " + name + ".Context()"
		}
		return fmt.Sprintf("_, %s := %s.Start(%s.Context(), %s)", span, imp, name, quoted), "context from " + name + ".Context()"
	}
	if v := w.capturedContext(fi); v != nil {
		return w.capturedStart(fi, v, span, imp, quoted)
	}
	return fmt.Sprintf("_, %s := %s.StartRoot(%s)", span, imp, quoted), "new root trace"
}

// capturedStart starts a literal's span from the context variable it
// captures, rebinding the name inside the literal (a new local that
// shadows the captured one) when the body reads it, so that the body sees
// the span's context and the enclosing function's variable is untouched.
func (w *fileWork) capturedStart(fi *funcInfo, v *types.Var, span, imp, quoted string) (string, string) {
	lhs := v.Name()
	if w.returnsContext(fi) || !w.varUsed(fi, v) || !w.canRebindCaptured(fi, v) {
		lhs = "_"
	}
	return fmt.Sprintf("%s, %s := %s.Start(%s, %s)", lhs, span, imp, v.Name(), quoted), "context from captured " + v.Name()
}

// nameParam returns the name of the context parameter, giving one to an
// unnamed (all parameters then get names, the others _) or blank parameter
// and recording the marker word that lets -strip undo it.
func (w *fileWork) nameParam(p *plan, src source, names *namer, base, alt string) string {
	f := p.ftype.Params.List[src.field]
	switch {
	case len(f.Names) == 0:
		name := names.pick(base, alt)
		for i, g := range p.ftype.Params.List {
			n := "_"
			if i == src.field {
				n = name
			}
			g.Names = []*dst.Ident{dst.NewIdent(n)}
		}
		p.words.Params = true
		return name
	case f.Names[src.name].Name == "_":
		name := names.pick(base, alt)
		f.Names[src.name].Name = name
		p.words.CtxBlank = true
		return name
	}
	return f.Names[src.name].Name
}

// endLine returns the deferred End, naming the error result when needed.
func (w *fileWork) endLine(fi *funcInfo, p *plan, names *namer, span string) string {
	_, ftype, _ := fi.signature()
	slot, ok := w.errorResult(ftype)
	if !ok {
		return "defer " + span + ".End(nil)"
	}
	res := p.ftype.Results
	f := res.List[slot.field]
	var name string
	switch {
	case len(f.Names) == 0:
		name = names.pick("err", "zipkinErr")
		for i, g := range res.List {
			n := "_"
			if i == slot.field {
				n = name
			}
			g.Names = []*dst.Ident{dst.NewIdent(n)}
		}
		res.Opening, res.Closing = true, true
		p.words.Results = true
	case f.Names[slot.name].Name == "_":
		name = names.pick("err", "zipkinErr")
		f.Names[slot.name].Name = name
		p.words.ErrBlank = true
	default:
		name = f.Names[slot.name].Name
	}
	return "defer " + span + ".End(&" + name + ")"
}

// optionLines renders the kind= and remote= of the trace directive as
// statements of their own (docs/DESIGN.md: short lines keep gofmt's marker
// alignment close to the code).
func optionLines(fi *funcInfo, span, imp string) []string {
	var out []string
	for _, d := range fi.doc {
		if d.Kind != annotations.Trace {
			continue
		}
		if g := d.SpanKind.GoName(); g != "" {
			out = append(out, fmt.Sprintf("%s.SetKind(%s.%s)", span, imp, g))
		}
		if d.Remote != "" {
			out = append(out, fmt.Sprintf("%s.SetRemoteService(%s)", span, strconv.Quote(d.Remote)))
		}
	}
	return out
}

// apply edits the dst tree: statement directives first (they take over
// the comments above their statement), then the entry statements.
func (w *fileWork) apply(p *plan, entry []dst.Stmt, stmts [][]dst.Stmt) {
	for i, sp := range p.stmts {
		if len(sp.lines) > 0 {
			insertBefore(p.body, sp.target, stmts[i], true)
		}
	}
	if p.words.Oneline {
		if n := len(p.body.List); n > 0 {
			p.body.List[n-1].Decorations().After = dst.NewLine
		}
	}
	if len(p.body.List) == 0 {
		// Comments of an empty body go above the generated statements,
		// where a re-run's decoration will find them too.
		// A comment on the brace's own line stays there.
		lb := p.body.Decs.Lbrace
		if len(lb) > 0 && lb[0] != "\n" {
			p.body.Decs.Lbrace, lb = lb[:1], lb[1:]
		} else {
			p.body.Decs.Lbrace = nil
		}
		entry[0].Decorations().Start = trimNewlines(lb)
		p.body.List = entry
		return
	}
	insertBefore(p.body, p.body.List[0], entry, false)
}

// insertBefore puts gen before target in whatever list holds it. For
// statement directives, the first generated statement takes the target's
// spacing and leading comments (the directive stays above); removeGenerated
// gives them back.
func insertBefore(body *dst.BlockStmt, target dst.Stmt, gen []dst.Stmt, takeComments bool) {
	dst.Inspect(body, func(n dst.Node) bool {
		switch n := n.(type) {
		case *dst.BlockStmt:
			n.List = insertInto(n.List, target, gen, takeComments)
		case *dst.CaseClause:
			n.Body = insertInto(n.Body, target, gen, takeComments)
		case *dst.CommClause:
			n.Body = insertInto(n.Body, target, gen, takeComments)
		}
		return true
	})
}

func insertInto(list []dst.Stmt, target dst.Stmt, gen []dst.Stmt, takeComments bool) []dst.Stmt {
	for i, s := range list {
		if s != target {
			continue
		}
		td, gd := target.Decorations(), gen[0].Decorations()
		if takeComments {
			// Statement directives: the generated lines take the
			// statement's place under its comments.
			gd.Before, td.Before = td.Before, dst.NewLine
			gd.Start, td.Start = td.Start, nil
		} else {
			// Entry: right under the brace; a blank line the user left
			// there stays between our lines and theirs.
			gd.Before = dst.NewLine
		}
		out := make([]dst.Stmt, 0, len(list)+len(gen))
		out = append(out, list[:i]...)
		out = append(out, gen...)
		return append(out, list[i:]...)
	}
	return list
}

// genGroup is a run of generated lines that go in one place; words go on
// the marker of its first line.
type genGroup struct {
	lines []string
	words annotations.Directive
}

// generatedStmts parses every group of generated source lines of a file
// into dst statements in one go (one parse, one decoration), each
// statement ending with its marker.
func generatedStmts(groups []genGroup) [][]dst.Stmt {
	var b strings.Builder
	b.WriteString("package p\n")
	for _, g := range groups {
		b.WriteString("\nfunc _() {\n")
		for i, l := range g.lines {
			m := annotations.Directive{Kind: annotations.Generated}
			if i == 0 {
				m = g.words
				m.Kind = annotations.Generated
			}
			b.WriteString(l + " " + m.String() + "\n")
		}
		b.WriteString("}\n")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", b.String(), parser.ParseComments)
	if err != nil {
		panic(fmt.Sprintf("zipkingen: generated code does not parse: %v\n%s", err, b.String()))
	}
	df, err := decorator.NewDecorator(fset).DecorateFile(f)
	if err != nil {
		panic(fmt.Sprintf("zipkingen: decorating generated code: %v", err))
	}
	out := make([][]dst.Stmt, len(groups))
	for i, d := range df.Decls {
		list := d.(*dst.FuncDecl).Body.List
		for _, s := range list {
			ds := s.Decorations()
			ds.Before, ds.After = dst.NewLine, dst.NewLine
			ds.Start = nil
		}
		out[i] = list
	}
	return out
}

// trimNewlines drops the leading newline entries of decorations.
func trimNewlines(d dst.Decorations) dst.Decorations {
	for len(d) > 0 && d[0] == "\n" {
		d = d[1:]
	}
	return d
}

func countTags(ds []directive) int {
	n := 0
	for _, d := range ds {
		if d.Kind == annotations.Tag {
			n++
		}
	}
	return n
}

// label names a function for -v: Func, Type.Method, or the line of a
// literal.
func (f *funcInfo) label() string {
	if d, ok := f.node.(*ast.FuncDecl); ok {
		return declName(d)
	}
	return "func literal " + f.name
}
