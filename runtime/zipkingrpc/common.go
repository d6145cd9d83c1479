package zipkingrpc

import (
	"net"
	"net/netip"
	"slices"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// HealthAndReflection returns the services most servers leave untraced, in
// the form of SkipMethods: gRPC's health checks and server reflection.
func HealthAndReflection() []string {
	return []string{
		"grpc.health.v1.Health/",
		"grpc.reflection.v1.ServerReflection/",
		"grpc.reflection.v1alpha.ServerReflection/",
	}
}

// skipList matches full method names ("pkg.Service/Method", without the
// leading slash) against SkipMethods entries.
type skipList struct {
	methods  map[string]bool
	services []string // entries ending in "/": every method of a service
	skip     func(method string) bool
}

func newSkipList(entries []string, skip func(string) bool) skipList {
	l := skipList{skip: skip}
	for _, e := range entries {
		e = strings.TrimPrefix(e, "/")
		if strings.HasSuffix(e, "/") {
			l.services = append(l.services, e)
			continue
		}
		if l.methods == nil {
			l.methods = make(map[string]bool, len(entries))
		}
		l.methods[e] = true
	}
	return l
}

func (l *skipList) match(method string) bool {
	if l.methods[method] {
		return true
	}
	for _, s := range l.services {
		if strings.HasPrefix(method, s) {
			return true
		}
	}
	return l.skip != nil && l.skip(method)
}

// methodRules returns rules with each Route's leading slash removed, as
// SkipMethods allows one, so that they match method names as methodName
// gives them ("pkg.Service/Method"). The caller's slice is not changed.
func methodRules(rules zipkin.SamplingRules) zipkin.SamplingRules {
	if len(rules) == 0 {
		return nil
	}
	out := slices.Clone(rules)
	for i := range out {
		out[i].Route = strings.TrimPrefix(out[i].Route, "/")
	}
	return out
}

// methodName is gRPC's full method name without its leading slash:
// "helloworld.Greeter/SayHello".
func methodName(fullMethod string) string { return strings.TrimPrefix(fullMethod, "/") }

// codeNames are the canonical names of gRPC's codes, as the gRPC
// specification spells them (codes.Code's String is "InvalidArgument").
var codeNames = [...]string{
	codes.OK:                 "OK",
	codes.Canceled:           "CANCELLED",
	codes.Unknown:            "UNKNOWN",
	codes.InvalidArgument:    "INVALID_ARGUMENT",
	codes.DeadlineExceeded:   "DEADLINE_EXCEEDED",
	codes.NotFound:           "NOT_FOUND",
	codes.AlreadyExists:      "ALREADY_EXISTS",
	codes.PermissionDenied:   "PERMISSION_DENIED",
	codes.ResourceExhausted:  "RESOURCE_EXHAUSTED",
	codes.FailedPrecondition: "FAILED_PRECONDITION",
	codes.Aborted:            "ABORTED",
	codes.OutOfRange:         "OUT_OF_RANGE",
	codes.Unimplemented:      "UNIMPLEMENTED",
	codes.Internal:           "INTERNAL",
	codes.Unavailable:        "UNAVAILABLE",
	codes.DataLoss:           "DATA_LOSS",
	codes.Unauthenticated:    "UNAUTHENTICATED",
}

// CodeName returns the canonical name of c ("INVALID_ARGUMENT"), the value
// of the grpc.status_code tag; a code outside the specification's list is
// "CODE(n)".
func CodeName(c codes.Code) string {
	if int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "CODE(" + c.String()[len("Code("):]
}

// ErrorRule decides whether a finished RPC is an error, from its status
// code and the error gRPC ended it with (nil for OK): the shape of
// zipkinhttp.ErrorRule, with a gRPC code for the HTTP status.
type ErrorRule func(code codes.Code, err error) bool

// DefaultIsError is the rule used when none is set: every code but OK. A
// server that answers NOT_FOUND as part of its contract can leave it out:
//
//	IsError: func(code codes.Code, err error) bool {
//		return code != codes.NotFound && zipkingrpc.DefaultIsError(code, err)
//	}
func DefaultIsError(code codes.Code, _ error) bool { return code != codes.OK }

// finishRPC tags span with the RPC's outcome and ends it: grpc.status_code
// when the status is not OK, and error (the status message, else the
// code's name) when the rule (DefaultIsError when nil) calls it an error.
func finishRPC(span *zipkin.Span, err error, rule ErrorRule) {
	if rule == nil {
		rule = DefaultIsError
	}
	if err != nil {
		s := status.Convert(err)
		if code := s.Code(); code != codes.OK {
			span.Tag("grpc.status_code", CodeName(code))
			if rule(code, err) {
				msg := s.Message()
				if msg == "" {
					msg = CodeName(code)
				}
				span.Tag("error", msg)
			}
		}
	}
	span.End(nil)
}

// endpointOf converts a peer's address; anything but an IP and port is
// left out.
func endpointOf(a net.Addr) zipkin.Endpoint {
	var ap netip.AddrPort
	switch a := a.(type) {
	case nil:
		return zipkin.Endpoint{}
	case *net.TCPAddr:
		ap = a.AddrPort()
	default:
		var err error
		if ap, err = netip.ParseAddrPort(a.String()); err != nil {
			return zipkin.Endpoint{}
		}
	}
	if !ap.Addr().IsValid() {
		return zipkin.Endpoint{}
	}
	return zipkin.Endpoint{Addr: ap.Addr().Unmap(), Port: ap.Port()}
}

// tracerOr is the tracer an option names, else the default tracer, read
// at each RPC so that a default set after the handler was built is used.
func tracerOr(t *zipkin.Tracer) *zipkin.Tracer {
	if t != nil {
		return t
	}
	return zipkin.Default()
}
