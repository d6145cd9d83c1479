package zipkinslog

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestHandlerStampsBaggage(t *testing.T) {
	tr, err := zipkin.New(zipkin.Options{Reporter: zipkin.NewRecorder(), Baggage: []string{"tenant-id"}})
	if err != nil {
		t.Fatal(err)
	}
	defer zipkin.SetDefault(zipkin.SetDefault(tr))
	var buf bytes.Buffer
	log := slog.New(NewHandler(slog.NewTextHandler(&buf, nil), Options{}))
	ctx := zipkin.WithBaggage(context.Background(), "tenant-id", "acme")
	log.InfoContext(ctx, "hello")
	if !strings.Contains(buf.String(), "tenant-id=acme") {
		t.Errorf("record %q has no baggage", buf.String())
	}
	buf.Reset()
	log.InfoContext(context.Background(), "plain")
	if strings.Contains(buf.String(), "tenant-id") {
		t.Errorf("record %q", buf.String())
	}
}
