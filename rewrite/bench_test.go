package rewrite

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// benchModule is a package of files traced functions, each with a tag and a
// statement annotation, plus as many files without directives.
func benchModule(b *testing.B, files, funcs int) string {
	srcs := map[string]string{}
	for f := 0; f < files; f++ {
		var sb strings.Builder
		sb.WriteString("package m\n\nimport \"context\"\n")
		for i := 0; i < funcs; i++ {
			fmt.Fprintf(&sb, "\n//zipkin:trace\n//zipkin:tag n n\nfunc F%d_%d(ctx context.Context, n int) error {\n\t//zipkin:annotate \"step\"\n\treturn nil\n}\n", f, i)
		}
		srcs[fmt.Sprintf("traced%d.go", f)] = sb.String()
		srcs[fmt.Sprintf("plain%d.go", f)] = fmt.Sprintf("package m\n\nfunc plain%d() int { return %d }\n", f, f)
	}
	return tempModuleTB(b, srcs)
}

// BenchmarkRun measures a whole Run (go list, decoration, injection and the
// final type-check) on 20 files of 20 traced functions and 20 plain files.
func BenchmarkRun(b *testing.B) {
	dir := benchModule(b, 20, 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Run(context.Background(), Options{Dir: dir})
		if err != nil || len(r.Diagnostics) > 0 || len(r.Files) != 20 {
			b.Fatalf("Run: %v, %d files, diagnostics %v", err, len(r.Files), r.Diagnostics)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/400, "µs/func")
}
