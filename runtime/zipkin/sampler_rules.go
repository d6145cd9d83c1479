package zipkin

// SamplingRule gives the requests it matches their own sampler: a rate
// for an expensive endpoint, a limit for a noisy one, nothing for health
// checks. Rules live in this package so that every integration takes the
// same ones: zipkinhttp matches Method and Route against the HTTP method
// and the URL path; an RPC integration would match Route against the full
// method name ("/pkg.Service/Method") and leave Method empty.
type SamplingRule struct {
	// Method matches the request method exactly ("GET", "POST"). Empty:
	// any method.
	Method string
	// Route is a pattern over the request's route, where '*' matches any
	// run of characters, '/' included ("/api/*", "/items/*/reviews",
	// "/healthz"); the rest matches exactly. Empty: any route.
	Route string
	// Sampler decides the traces that matching requests start, e.g.
	// ProbabilitySampler(0.01) or RateLimitedSampler(10). Nil: none are
	// sampled.
	Sampler Sampler
}

// SamplingRules are tried in order; the first rule that matches decides.
// A request no rule matches is decided by the tracer's sampler. Either
// way a parent's decision, when the request carries one, still stands.
type SamplingRules []SamplingRule

// Match returns the start option of the first rule matching method and
// route, and whether a rule matched. It allocates nothing.
func (rs SamplingRules) Match(method, route string) (StartOption, bool) {
	for i := range rs {
		r := &rs[i]
		if r.Method != "" && r.Method != method {
			continue
		}
		if r.Route != "" && !matchGlob(r.Route, route, false) {
			continue
		}
		return WithSampler(r.Sampler), true
	}
	return StartOption{}, false
}
