// Package worker is the example shop's order worker: it consumes order
// events from the queue and sends receipts. Its consumer span joins the trace
// of the checkout that published the event.
package worker
