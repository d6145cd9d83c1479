package zipkinhttp

// ErrorRule decides whether a finished request is an error, from its HTTP
// status (0 when there is none) and the error of the round trip (nil for a
// server, and for a client that got a response). A span it calls an error
// is tagged "error": the status code, or the error's message.
//
// The same shape (a code and an error) is meant for other transports: a
// gRPC integration takes a func(codes.Code, error) bool.
type ErrorRule func(status int, err error) bool

// DefaultIsError is the rule used when none is set: a transport error or
// a 5xx status. 4xx statuses are the caller's mistakes, not the server's
// failures; compose with it to count some of them:
//
//	IsError: func(status int, err error) bool {
//		return status == http.StatusTooManyRequests || zipkinhttp.DefaultIsError(status, err)
//	}
func DefaultIsError(status int, err error) bool { return err != nil || status >= 500 }

// isError applies rule, or DefaultIsError when rule is nil.
func isError(rule ErrorRule, status int, err error) bool {
	if rule == nil {
		return DefaultIsError(status, err)
	}
	return rule(status, err)
}
