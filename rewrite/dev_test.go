package rewrite

import (
	"context"
	"os"
	"testing"
)

func TestDev(t *testing.T) {
	dir := os.Getenv("ZDIR")
	if dir == "" {
		t.Skip()
	}
	r, err := Run(context.Background(), Options{Dir: dir, Strip: os.Getenv("ZSTRIP") != "", All: os.Getenv("ZALL") != ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range r.Diagnostics {
		t.Log(d)
	}
	for _, n := range r.Notes {
		t.Log(n)
	}
	t.Logf("%s", r.Diff())
}
