// Package rewrite is the zipkingen engine: it loads Go packages, finds the
// functions marked with //zipkin: directives (or every function with a
// context source under Options.All), strips earlier generated code and
// injects fresh Zipkin instrumentation, then type-checks the result.
// Run returns the changed files and positioned diagnostics and writes
// nothing; Result.Commit, Result.Diff and Result.WriteOverlay are the only
// ways the result reaches the disk or the user.
package rewrite
