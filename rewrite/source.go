package rewrite

import (
	"go/ast"
	"go/types"
)

// sourceKind is where a traced function gets its parent context (SPEC §4).
type sourceKind int

const (
	srcRoot    sourceKind = iota // no source: a new root trace
	srcContext                   // a context.Context parameter
	srcRequest                   // a *http.Request parameter
	srcMethod                    // a parameter or receiver with Context() context.Context
)

// source is the context source of a function: which field of the
// parameter list (or the receiver) and which name within it.
type source struct {
	kind  sourceKind
	recv  bool
	field int // index in the parameter list (or receiver list)
	name  int // index in the field's names; 0 when unnamed
}

// contextSource picks the context source of fi by type. The receiver's
// Context method counts only for functions marked by hand: under -all a
// type's own methods are its internals, where Context may have side
// effects or call back into them (gRPC's client stream commits its retry
// attempt in Context).
func (w *fileWork) contextSource(fi *funcInfo) source {
	recv, ftype, _ := fi.signature()
	info := w.pkg.TypesInfo
	params := fieldSlots(ftype.Params)
	for _, s := range params {
		if isContext(info.TypeOf(ftype.Params.List[s.field].Type)) {
			s.kind = srcContext
			return s
		}
	}
	for _, s := range params {
		if isHTTPRequest(info.TypeOf(ftype.Params.List[s.field].Type)) {
			s.kind = srcRequest
			return s
		}
	}
	self := w.funcObject(fi)
	for _, s := range params {
		f := ftype.Params.List[s.field]
		if named(f, s.name) && hasContextMethod(info.TypeOf(f.Type), w.pkg.Types, self) {
			s.kind = srcMethod
			return s
		}
	}
	if !fi.auto && recv != nil && len(recv.List) == 1 && named(recv.List[0], 0) &&
		hasContextMethod(info.TypeOf(recv.List[0].Type), w.pkg.Types, self) {
		return source{kind: srcMethod, recv: true}
	}
	return source{}
}

// funcObject is the types object of a declared function, nil for literals.
func (w *fileWork) funcObject(fi *funcInfo) types.Object {
	if d, ok := fi.node.(*ast.FuncDecl); ok {
		return w.pkg.TypesInfo.Defs[d.Name]
	}
	return nil
}

// isContextAccessor reports whether fi is itself a method
// Context() context.Context: -all leaves those alone, since tracing them
// would start a span on every context lookup.
func (w *fileWork) isContextAccessor(fi *funcInfo) bool {
	fn, ok := w.funcObject(fi).(*types.Func)
	return ok && fn.Name() == "Context" && isContextSig(fn.Type().(*types.Signature))
}

// fieldSlots lists every parameter as (field, name) in order; an unnamed
// field is one slot.
func fieldSlots(fl *ast.FieldList) []source {
	var out []source
	if fl == nil {
		return nil
	}
	for i, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, source{field: i})
			continue
		}
		for j := range f.Names {
			out = append(out, source{field: i, name: j})
		}
	}
	return out
}

// named reports whether the slot has a usable name (not unnamed, not _).
func named(f *ast.Field, i int) bool {
	return len(f.Names) > i && f.Names[i].Name != "_"
}

// isContext reports whether t is context.Context, through aliases.
func isContext(t types.Type) bool {
	return isNamed(t, "context", "Context")
}

// isHTTPRequest reports whether t is *net/http.Request.
func isHTTPRequest(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), "net/http", "Request")
}

func isNamed(t types.Type, pkg, name string) bool {
	if t == nil {
		return false
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	o := n.Obj()
	return o.Pkg() != nil && o.Pkg().Path() == pkg && o.Name() == name
}

// hasContextMethod reports whether a variable of type t has a method
// Context() context.Context (pointer methods count: parameters are
// addressable). The method must not be self, the function being traced:
// calling it from its own span start would recurse forever.
func hasContextMethod(t types.Type, pkg *types.Package, self types.Object) bool {
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, "Context")
	fn, ok := obj.(*types.Func)
	if !ok || (self != nil && fn.Origin() == self) {
		return false
	}
	return isContextSig(fn.Type().(*types.Signature))
}

func isContextSig(sig *types.Signature) bool {
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && isContext(sig.Results().At(0).Type())
}

// errorResult returns the index of the last result of type error as a
// slot, or ok=false.
func (w *fileWork) errorResult(ftype *ast.FuncType) (source, bool) {
	slots := fieldSlots(ftype.Results)
	errType := types.Universe.Lookup("error").Type()
	for i := len(slots) - 1; i >= 0; i-- {
		t := w.pkg.TypesInfo.TypeOf(ftype.Results.List[slots[i].field].Type)
		if t != nil && types.Identical(t, errType) {
			return slots[i], true
		}
	}
	return source{}, false
}

// returnsContext reports whether fi has a result that carries a context
// (context.Context, *http.Request, or a value with a Context() method, such
// as a request type embedding *http.Request): its callers continue with
// what it returns.
func (w *fileWork) returnsContext(fi *funcInfo) bool {
	_, ftype, _ := fi.signature()
	if ftype.Results == nil {
		return false
	}
	for _, f := range ftype.Results.List {
		t := w.pkg.TypesInfo.TypeOf(f.Type)
		if isContext(t) || isHTTPRequest(t) || hasContextMethod(t, w.pkg.Types, nil) {
			return true
		}
	}
	return false
}

// pointerMethodOnly reports whether the source's Context method is only in
// the method set of a pointer to its type, so that passing it as an
// interface needs its address.
func (w *fileWork) pointerMethodOnly(fi *funcInfo, src source) bool {
	recv, ftype, _ := fi.signature()
	fl := ftype.Params
	if src.recv {
		fl = recv
	}
	t := w.pkg.TypesInfo.TypeOf(fl.List[src.field].Type)
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, w.pkg.Types, "Context")
	return obj == nil
}

// sourceUsed reports whether the body reads the context parameter of src
// outside generated statements (or a traced literal inside starts from
// it). When it does not, rebinding it would leave a value nobody reads
// (staticcheck SA4006), so the span's context is dropped instead.
func (w *fileWork) sourceUsed(fi *funcInfo, src source) bool {
	_, ftype, _ := fi.signature()
	f := ftype.Params.List[src.field]
	if len(f.Names) <= src.name {
		return false
	}
	v, ok := w.pkg.TypesInfo.Defs[f.Names[src.name]].(*types.Var)
	return ok && w.varUsed(fi, v)
}
