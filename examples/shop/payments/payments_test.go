package payments_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/zipkingen/zipkingen/examples/shop/payments"
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// TestLargeChargeFailsWithTrace: the demo's failing path records its error,
// tags and annotation on the spans the directives create, as seen in
// zipkin's in-memory Recorder (how users test their own instrumentation).
func TestLargeChargeFailsWithTrace(t *testing.T) {
	tr, rec := zipkin.NewTestTracer()
	defer zipkin.SetDefault(zipkin.SetDefault(tr))

	_, err := payments.Authorize(context.Background(), payments.Charge{OrderID: "o-1", Amount: 7_500_000})
	if !errors.Is(err, payments.ErrReviewUnavailable) {
		t.Fatalf("Authorize: %v, want ErrReviewUnavailable", err)
	}
	spans := map[string]zipkin.RecordedSpan{}
	for _, s := range rec.Spans() {
		spans[s.Name] = s
	}
	auth, review := spans["payments.Authorize"], spans["payments.review"]
	if auth.Tags["error"] != err.Error() || auth.Tags["payment.amount"] != "7500000" || auth.Tags["order.id"] != "o-1" {
		t.Errorf("Authorize tags = %v", auth.Tags)
	}
	var events []string
	for _, a := range auth.Annotations {
		events = append(events, a.Value)
	}
	if !slices.Equal(events, []string{"fraud review required"}) {
		t.Errorf("Authorize annotations = %q", events)
	}
	if review.ParentID != auth.ID || review.Kind != zipkin.Client || review.RemoteEndpoint.ServiceName != "fraud-review" || review.Tags["error"] == "" {
		t.Errorf("review span = %+v, want a failed CLIENT child of Authorize calling fraud-review", review)
	}
}

// TestSmallChargeSucceeds: below the review threshold nothing fails and no
// review span is started.
func TestSmallChargeSucceeds(t *testing.T) {
	tr, rec := zipkin.NewTestTracer()
	defer zipkin.SetDefault(zipkin.SetDefault(tr))

	r, err := payments.Authorize(context.Background(), payments.Charge{OrderID: "o-2", Amount: 1250})
	if err != nil || r.AuthCode != "AUTH-o-2" {
		t.Fatalf("Authorize = %+v, %v", r, err)
	}
	spans := rec.Spans()
	if len(spans) != 1 || spans[0].Name != "payments.Authorize" || spans[0].Tags["error"] != "" {
		t.Errorf("spans = %+v, want one successful payments.Authorize", spans)
	}
}
