package pkgidentzipkin

import (
	"context"
	"testing"

	tracing "github.com/zipkingen/zipkingen/runtime/zipkin"
)

func TestAliasedRuntimeImport(t *testing.T) {
	tr, rec := tracing.NewTestTracer()
	defer tracing.SetDefault(tracing.SetDefault(tr))
	if !Default(context.Background()) {
		t.Fatal("Default = false")
	}
	var def, conf tracing.RecordedSpan
	for _, s := range rec.Spans() {
		switch s.Name {
		case "pkgidentzipkin.Default":
			def = s
		case "pkgidentzipkin.Configured":
			conf = s
		}
	}
	if def.ID == 0 || conf.ID == 0 {
		t.Fatalf("spans %+v", rec.Spans())
	}
	if conf.ParentID != def.ID {
		t.Errorf("Configured's parent %v, want Default %v", conf.ParentID, def.ID)
	}
}
