package catalog

import (
	"context"
	"errors"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
	"github.com/zipkingen/zipkingen/runtime/zipkinsql"
	"github.com/zipkingen/zipkingen/runtime/zipkintest"
)

// TestLookupQueriesTheDatabase: a lookup is a span with a CLIENT child
// for its query, to catalog-db, carrying the statement.
func TestLookupQueriesTheDatabase(t *testing.T) {
	rec := zipkintest.Record(t)
	c, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, _ := zipkintest.Parent(t)
	item, err := c.Lookup(ctx, "mug")
	if err != nil || item.Price != 1250 {
		t.Fatalf("Lookup(mug) = %+v, %v", item, err)
	}
	if _, err := c.Lookup(context.Background(), "nothing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Lookup(nothing): %v, want ErrNotFound", err)
	}
	lookup := spanOf(t, rec, "catalog.Catalog.Lookup", func(s zipkin.RecordedSpan) bool { return s.Tags["item.id"] == "mug" })
	query := spanOf(t, rec, zipkinsql.OpQuery, func(s zipkin.RecordedSpan) bool { return s.TraceID == lookup.TraceID })
	zipkintest.ChildOfSpan(t, query, lookup)
	zipkintest.HasTag(t, query, zipkinsql.TagQuery, "SELECT id, name, price FROM items WHERE id = ?")
	if query.Kind != zipkin.Client || query.RemoteEndpoint.ServiceName != "catalog-db" {
		t.Errorf("query span: kind %v, remote %q; want CLIENT to catalog-db", query.Kind, query.RemoteEndpoint.ServiceName)
	}
}

// spanOf returns the one span called name for which match is true.
func spanOf(t *testing.T, rec *zipkin.Recorder, name string, match func(zipkin.RecordedSpan) bool) zipkin.RecordedSpan {
	t.Helper()
	var found []zipkin.RecordedSpan
	for _, s := range rec.Spans() {
		if s.Name == name && match(s) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d matching spans %s, want 1: %+v", len(found), name, rec.Spans())
	}
	return found[0]
}
