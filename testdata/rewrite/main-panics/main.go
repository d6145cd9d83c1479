// Command mainpanics is a traced main that panics: the panic is recorded on
// the span, the reporter is flushed by the generated defer, and the program
// still dies with the original panic.
package main

import (
	"context"
	"fmt"
	"os"
)

//zipkin:trace
func main() {
	if err := work(context.Background(), len(os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	panic("main gave up")
}

//zipkin:trace
func work(ctx context.Context, n int) error {
	return fmt.Errorf("work %d failed", n)
}
