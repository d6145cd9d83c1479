package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

const usageText = `usage: zipkingen [flags] [packages]

zipkingen instruments the Go functions marked with //zipkin: directives
with Zipkin spans, rewriting the files in place. Packages are named as for
go list; the default is the package in the current directory (under
go generate, the package of $GOFILE). Run 'go doc
github.com/zipkingen/zipkingen/cmd/zipkingen' for the manual.

Exit status: 0 done or nothing to do, 1 -check found stale files,
2 errors (nothing is written).

Flags:
`

// parseArgs parses the command line. When ok is false the command is over
// with exit code code: -h (0, as the flag package does) or a usage error (2).
func (c *cli) parseArgs(args []string) (cfg config, code int, ok bool) {
	fs := flag.NewFlagSet("zipkingen", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprint(c.stderr, usageText)
		fs.PrintDefaults()
	}
	fs.BoolVar(&cfg.diff, "diff", false, "print a unified diff of the changes, write nothing")
	fs.BoolVar(&cfg.check, "check", false, "write nothing; list the files whose instrumentation is stale and exit 1")
	fs.BoolVar(&cfg.strip, "strip", false, "remove all generated instrumentation")
	fs.BoolVar(&cfg.all, "all", false, "also trace every function and method with a context source, except //zipkin:ignore")
	fs.StringVar(&cfg.overlay, "overlay", "", "write instrumented copies outside the tree and an overlay `FILE` for go build -overlay=FILE")
	tags := fs.String("tags", "", "comma-separated `list` of build tags, as for go build")
	fs.BoolVar(&cfg.tests, "tests", false, "also rewrite _test.go files")
	fs.BoolVar(&cfg.verbose, "v", false, "say what was done per file and function (on stderr)")
	fs.BoolVar(&cfg.version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, exitOK, false
		}
		return cfg, exitError, false // the flag package has printed the error and usage
	}
	cfg.tags = splitTags(*tags)
	cfg.patterns = fs.Args()
	if err := cfg.validate(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(c.stderr, "zipkingen: %s\n", line)
		}
		return cfg, exitError, false
	}
	return cfg, exitOK, true
}

// validate rejects flags that contradict each other instead of guessing
// which one the user meant.
func (cfg config) validate() error {
	var errs []error
	if cfg.overlay != "" && (cfg.diff || cfg.check) {
		errs = append(errs, errors.New("-overlay writes files; it cannot be combined with -diff or -check"))
	}
	if cfg.overlay != "" && cfg.strip {
		errs = append(errs, errors.New("-overlay and -strip cannot be combined: an overlay holds instrumented copies"))
	}
	for _, p := range cfg.patterns {
		if strings.HasPrefix(p, "-") {
			// A flag after the packages would otherwise reach go list as a
			// pattern, and the run would rewrite files the user only wanted
			// to diff or check.
			errs = append(errs, fmt.Errorf("flag %s after the packages: flags go first", p))
		}
	}
	if len(errs) > 0 {
		errs = append(errs, errUsage)
	}
	return errors.Join(errs...)
}

// splitTags splits a -tags list the way go build does: commas, or spaces in
// the older form.
func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
