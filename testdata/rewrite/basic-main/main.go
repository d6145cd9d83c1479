// Command main flushes the reporter before it exits.
package main

import "fmt"

//zipkin:trace
func main() {
	fmt.Println("hello")
}
