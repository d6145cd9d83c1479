package rewrite

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestZZDev(t *testing.T) {
	dir := os.Getenv("ZDIR")
	if dir == "" {
		t.Skip()
	}
	o := Options{Dir: dir, Patterns: strings.Fields(os.Getenv("ZPAT")), All: os.Getenv("ZALL") != "", Strip: os.Getenv("ZSTRIP") != "", Tests: os.Getenv("ZTESTS") != ""}
	r, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range r.Diagnostics {
		t.Log(d)
	}
	t.Logf("%d files, %d notes", len(r.Files), len(r.Notes))
	if os.Getenv("ZCOMMIT") != "" {
		if err := r.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}
