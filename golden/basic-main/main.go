// Command main flushes the reporter before it exits.
package main

import (
	"fmt"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated block
)

//zipkin:trace
func main() {
	defer zipkin.Close()                     //zipkin:generated
	_, span := zipkin.StartRoot("main.main") //zipkin:generated
	defer span.End(nil)                      //zipkin:generated
	fmt.Println("hello")
}
