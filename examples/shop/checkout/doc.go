// Package checkout is the example shop's checkout service: it reserves the
// item with the inventory service (over gRPC), charges the customer through
// the payments service and publishes an order event for the
// worker. Its outgoing HTTP calls and messages carry the trace onwards.
package checkout
