// Package initfunc traces init functions: no context source, so each
// starts a root trace.
package initfunc

import "github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated

var order []string

//zipkin:trace
func init() {
	_, span := zipkin.StartRoot("initfunc.init") //zipkin:generated
	defer span.End(nil)                          //zipkin:generated
	order = append(order, "first")
}

//zipkin:trace name="initfunc.second"
func init() {
	_, span := zipkin.StartRoot("initfunc.second") //zipkin:generated
	defer span.End(nil)                            //zipkin:generated
	order = append(order, "second")
}

// Order reports the order the init functions ran in.
func Order() []string { return order }
