// Package initfunc traces init functions: no context source, so each
// starts a root trace.
package initfunc

var order []string

//zipkin:trace
func init() {
	order = append(order, "first")
}

//zipkin:trace name="initfunc.second"
func init() {
	order = append(order, "second")
}

// Order reports the order the init functions ran in.
func Order() []string { return order }
