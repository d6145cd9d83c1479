// Package errbadsample has sample rates that are not rates.
package errbadsample

import "context"

// Percent is not a fraction.
//
//zipkin:trace sample=50
func Percent(ctx context.Context) {}

// Exponent is refused: a person reads the rate first.
//
//zipkin:trace sample=1e-3
func Exponent(ctx context.Context) {}

// Quoted rates are not accepted: the rate is a bare word.
//
//zipkin:trace sample="0.1"
func Quoted(ctx context.Context) {}
