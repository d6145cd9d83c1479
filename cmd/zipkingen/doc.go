// Zipkingen instruments Go functions marked with //zipkin: directives with
// Zipkin spans, by rewriting their source so that the instrumentation is
// plain Go that you read in the diff and commit.
//
// Usage:
//
//	zipkingen [flags] [packages]
//
// Packages are named as for go list (./..., example.com/app/store); the
// default is the package in the current directory. Under go generate the
// current directory is the package of $GOFILE, so a line
//
//	//go:generate go tool zipkingen
//
// in any file of a package instruments that package. Arguments ending in .go
// name single files instead: only those files are rewritten (the rest of
// their package is still loaded, to type-check them), so
// //go:generate go tool zipkingen $GOFILE instruments just the file that
// holds the line. Running again after
// editing directives updates the instrumentation in place; a second run
// with nothing changed leaves every file byte for byte as it was.
//
// # Flags
//
//	-diff         print a unified diff of the changes and write nothing
//	-check        write nothing; list the files whose instrumentation is stale
//	              (one per line, relative to the current directory) and exit 1;
//	              with -diff, the list is followed by the diff; with -strip,
//	              it lists the files that still hold instrumentation
//	-strip        remove all generated instrumentation, restoring the source
//	              byte for byte
//	-all          also trace every function and method that has a context
//	              source (a context.Context or *http.Request parameter, or a
//	              parameter with a Context() method; a receiver's Context()
//	              counts only under //zipkin:trace), except those marked
//	              //zipkin:ignore
//	-overlay FILE write nothing in the tree: put instrumented copies of the
//	              changed files in a hidden folder next to FILE (zk.json
//	              gives .zk.zipkingen/, which the go command ignores) and
//	              the overlay JSON at FILE, for go build -overlay=FILE; an
//	              existing FILE that is not an overlay zipkingen wrote is
//	              refused, and a failed run leaves the earlier overlay
//	-tags LIST    comma-separated build tags, as for go build; files excluded
//	              by build constraints are not rewritten (-v names them)
//	-tests        also rewrite _test.go files (left alone by default)
//	-v            say on stderr what was done per file and function
//	-version      print the version and exit
//	-h            print the usage on stderr and exit 0
//
// Flags go before the packages. -overlay cannot be combined with -diff,
// -check or -strip, nor -strip with -all: such command lines are usage
// errors (exit 2).
//
// # Directives
//
// Directives are line comments with no space after the slashes:
//
//	//zipkin:trace [name="…"] [kind=client|server|producer|consumer] [remote="svc"]
//	    in a func's doc comment, or on the line before a func literal: trace
//	    it. The default span name is pkg.Func, pkg.Type.Method or
//	    pkg.Func.func1 for literals. sample=RATE (a decimal from 0 to 1)
//	    is the sample rate of the traces the function starts itself; a
//	    caller's decision still stands.
//	//zipkin:tag KEY VALUE
//	    with //zipkin:trace (evaluated on entry) or on the line before a
//	    statement of a traced function (evaluated there): add a tag. KEY
//	    matches [A-Za-z0-9_.\-/]+.
//	//zipkin:annotate VALUE
//	    on the line before a statement: add a timestamped annotation.
//	//zipkin:ignore
//	    in a func's doc comment: never instrument it, even under -all.
//
// A VALUE is a double-quoted Go string literal or a Go expression in the
// function's scope (id, req.UserID, len(items)); expressions are
// type-checked. A trailing // comment after a directive's arguments is
// ignored. Every generated statement ends with //zipkin:generated, which is
// how later runs (and -strip) find it: leave those lines alone. See package
// github.com/zipkingen/zipkingen/annotations for the full grammar.
//
// # Diagnostics and exit status
//
// Errors are printed on stderr like go vet's, sorted and without
// duplicates, with paths relative to the current directory:
//
//	store/store.go:12:16: unknown key "nme" in //zipkin:trace (want name, kind, remote or sample)
//
// The exit status only goes up: 0 done (or nothing to do), 1 -check found
// stale files, 2 errors (bad flags, directives, load or type errors). When
// there is any error nothing is written, in any file; writes are atomic per
// file and all or nothing per run. An interrupt (Ctrl-C), SIGTERM or SIGHUP
// before the renames stops the run with status 2 and nothing written; during
// them it waits until they are done. Temporary files that a killed run left
// (.NAME.go.zipkingen-PID-RANDOM) are removed by the next run that writes,
// which says so. Only files of the main module (or of the go.work modules)
// are rewritten in place.
//
// On a cold build cache the first run compiles export data for the standard
// library and every dependency, which can take a while; after two seconds
// zipkingen says so on stderr.
//
// # Examples
//
// Instrument the package in the current directory and everything below it:
//
//	zipkingen ./...
//
// Fail CI when the committed instrumentation is stale:
//
//	zipkingen -check ./...
//
// Build an instrumented binary without touching the sources:
//
//	zipkingen -overlay /tmp/zk.json ./... && go build -overlay=/tmp/zk.json -o app ./cmd/app
//
// Run it with traces printed on stdout:
//
//	ZIPKIN_ENDPOINT=stdout ./app
package main
