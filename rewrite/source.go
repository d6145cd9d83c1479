package rewrite

import (
	"go/ast"
	"go/types"
)

// sourceKind is where a traced function gets its parent context (SPEC §4).
type sourceKind int

const (
	srcRoot     sourceKind = iota // no source: a new root trace
	srcContext                    // a context.Context parameter
	srcRequest                    // a *http.Request parameter
	srcField                      // a parameter with a field Request *http.Request (gin's *gin.Context)
	srcAccessor                   // a parameter with Request() *http.Request and SetRequest(*http.Request) (echo.Context)
	srcValue                      // a parameter whose type implements context.Context (type parameters too)
	srcMethod                     // a parameter or receiver with Context() context.Context
	srcExpr                       // the ctx= expression of the directive
)

// viaMethod reports whether starting from the source calls a method of the
// user's or a library's type that the function itself may never call
// (Context, Request, SetRequest): -all never uses such a source, since
// such a method may have side effects (gRPC's client stream commits its
// retry attempt in Context).
func (k sourceKind) viaMethod() bool { return k == srcAccessor || k == srcMethod }

// source is the context source of a function: which field of the
// parameter list (or the receiver) and which name within it.
type source struct {
	kind  sourceKind
	recv  bool
	field int // index in the parameter list (or receiver list)
	name  int // index in the field's names; 0 when unnamed
}

// contextSource picks the context source of fi by type (SPEC §4). Sources
// reached through a method (Context, Request and SetRequest) count only
// for functions marked by hand: under -all the instrumentation calls no
// method the original code did not call, since such a method may have side
// effects (gRPC's client stream commits its retry attempt in Context).
func (w *fileWork) contextSource(fi *funcInfo) source {
	if fi.traceDirective().Ctx.Text != "" {
		return source{kind: srcExpr}
	}
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
	for _, kind := range []sourceKind{srcField, srcAccessor, srcValue} {
		if fi.auto && kind.viaMethod() {
			continue
		}
		for _, s := range params {
			f := ftype.Params.List[s.field]
			if named(f, s.name) && w.hasShape(info.TypeOf(f.Type), kind) {
				s.kind = kind
				return s
			}
		}
	}
	self := w.funcObject(fi)
	for _, s := range params {
		f := ftype.Params.List[s.field]
		if !fi.auto && named(f, s.name) && hasContextMethod(info.TypeOf(f.Type), w.pkg.Types, self) {
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

// hasShape reports whether a parameter of type t is a context source of
// the given kind, recognised by the shape of the type rather than its
// package: a field Request *http.Request (gin's *gin.Context), a method
// pair Request() *http.Request and SetRequest(*http.Request) (echo's
// echo.Context), or an implementation of context.Context (a type parameter
// constrained by it included).
func (w *fileWork) hasShape(t types.Type, kind sourceKind) bool {
	if t == nil || isHTTPRequest(t) {
		return false
	}
	switch kind {
	case srcField:
		if isHTTPResponse(t) {
			return false // its Request is the one that was sent, not a request being served
		}
		v, ok := lookup(t, w.pkg.Types, "Request").(*types.Var)
		return ok && v.IsField() && isHTTPRequest(v.Type())
	case srcAccessor:
		get, ok1 := lookup(t, w.pkg.Types, "Request").(*types.Func)
		set, ok2 := lookup(t, w.pkg.Types, "SetRequest").(*types.Func)
		if !ok1 || !ok2 {
			return false
		}
		gs, ss := get.Type().(*types.Signature), set.Type().(*types.Signature)
		return gs.Params().Len() == 0 && gs.Results().Len() == 1 && isHTTPRequest(gs.Results().At(0).Type()) &&
			ss.Params().Len() == 1 && ss.Results().Len() == 0 && isHTTPRequest(ss.Params().At(0).Type())
	case srcValue:
		return w.implementsContext(t)
	}
	return false
}

// lookup finds a field or method of a variable of type t (addressable, so
// pointer methods count).
func lookup(t types.Type, pkg *types.Package, name string) types.Object {
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
	return obj
}

// implementsContext reports whether a value of type t can be passed as a
// context.Context (a concrete type with its methods, or a type parameter
// constrained by it) without being one by name.
func (w *fileWork) implementsContext(t types.Type) bool {
	ctxType := w.e.contextType()
	return ctxType != nil && !isContext(t) && types.AssignableTo(t, ctxType)
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

// isHTTPResponse reports whether t is net/http.Response or a pointer to it.
func isHTTPResponse(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return isNamed(t, "net/http", "Response")
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
