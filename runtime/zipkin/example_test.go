package zipkin_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

var errNotFound = errors.New("not found")

// getUser is traced by hand the way zipkingen generates it: start a span
// from the context, defer End with the error result, tag, annotate.
func getUser(ctx context.Context, id string) (name string, err error) {
	ctx, span := zipkin.Start(ctx, "users.Get", zipkin.WithKind(zipkin.Client), zipkin.WithRemoteService("db"))
	defer span.End(&err)
	span.Tag("user.id", id)

	span.Annotate("query sent")
	return lookup(ctx, id)
}

func lookup(ctx context.Context, id string) (string, error) {
	zipkin.Tag(ctx, "cache", "miss") // tags the current span from anywhere below it
	if id != "42" {
		return "", errNotFound
	}
	return "Arthur", nil
}

func Example() {
	tr, rec := zipkin.NewTestTracer() // in production: the environment configures zipkin.Default()
	defer zipkin.SetDefault(zipkin.SetDefault(tr))

	_, _ = getUser(context.Background(), "42")
	_, _ = getUser(context.Background(), "7")

	for _, s := range rec.Spans() {
		fmt.Printf("%s %v → %s %q %v\n", s.Name, s.Kind, s.RemoteEndpoint.ServiceName, s.Annotations[0].Value, s.Tags)
	}
	// Output:
	// users.Get CLIENT → db "query sent" map[cache:miss user.id:42]
	// users.Get CLIENT → db "query sent" map[cache:miss error:not found user.id:7]
}

func ExampleNew() {
	rate := 0.1
	tr, err := zipkin.New(zipkin.Options{
		ServiceName: "checkout",
		Endpoint:    "http://127.0.0.1:9411", // gets /api/v2/spans
		SampleRate:  &rate,
		Propagation: []string{"b3", "w3c"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tr.Shutdown(context.Background())
	fmt.Println(tr.Enabled(), tr.LocalEndpoint().ServiceName, tr.Propagation())
	// Output: true checkout [b3 w3c]
}

func ExampleOptionsFromEnv() {
	env := map[string]string{
		"ZIPKIN_ENDPOINT":    "http://zipkin:9411",
		"ZIPKIN_SAMPLE_RATE": "0.5",
		"ZIPKIN_ENCODING":    "yaml",
	}
	_, err := zipkin.OptionsFromEnv(func(k string) string { return env[k] })
	fmt.Println(err)

	env["ZIPKIN_ENCODING"] = "proto3"
	o, _ := zipkin.OptionsFromEnv(func(k string) string { return env[k] })
	fmt.Println(o.Endpoint, *o.SampleRate, o.Encoding)
	// Output:
	// zipkin: ZIPKIN_ENCODING="yaml": want json, proto3 or otlp
	// http://zipkin:9411/api/v2/spans 0.5 proto3
}

func ExampleSpan_End() {
	tr, rec := zipkin.NewTestTracer()
	save := func() (err error) {
		_, span := tr.Start(context.Background(), "save")
		defer span.End(&err) // records the returned error, or a panic
		return errors.New("disk full")
	}
	_ = save()
	fmt.Println(rec.Spans()[0].Tags["error"])
	// Output: disk full
}

func ExampleSpanFromContext() {
	tr, _ := zipkin.NewTestTracer()
	ctx, span := tr.Start(context.Background(), "parent")
	defer span.End(nil)
	fmt.Println(zipkin.SpanFromContext(ctx) == span, zipkin.SpanFromContext(context.Background()) == nil)
	// Output: true true
}

func ExampleNewDebugReporter() {
	// ZIPKIN_ENDPOINT=stderr does this: each finished trace is printed as
	// a tree when its local root span ends.
	tr, _ := zipkin.New(zipkin.Options{ServiceName: "demo", Reporter: zipkin.NewDebugReporter(os.Stderr)})
	ctx, root := tr.Start(context.Background(), "handle")
	_, child := tr.Start(ctx, "work")
	child.End(nil)
	root.End(nil)
}
