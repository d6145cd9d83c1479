// Command mainpanics is a traced main that panics: the panic is recorded on
// the span, the reporter is flushed by the generated defer, and the program
// still dies with the original panic.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

//zipkin:trace
func main() {
	defer zipkin.Close()                     //zipkin:generated
	_, span := zipkin.StartRoot("main.main") //zipkin:generated
	defer span.End(nil)                      //zipkin:generated
	if err := work(context.Background(), len(os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	panic("main gave up")
}

//zipkin:trace
func work(ctx context.Context, n int) (err error) {
	_, span := zipkin.Start(ctx, "main.work") //zipkin:generated results
	defer span.End(&err)                      //zipkin:generated
	return fmt.Errorf("work %d failed", n)
}
