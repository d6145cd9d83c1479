// Package rewrite is the zipkingen engine: it loads Go packages, strips the
// instrumentation it generated before and injects fresh Zipkin spans into
// every function marked with //zipkin: directives (or, under Options.All,
// every function with a context source), then type-checks the result.
// Run writes nothing and returns the changed files with positioned
// diagnostics; Result.Commit, Result.Diff and Result.WriteOverlay are the
// only ways the result reaches the disk or the user.
package rewrite
