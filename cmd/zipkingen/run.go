package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"syscall"
	"time"

	"github.com/zipkingen/zipkingen/rewrite"
)

// Exit codes. A run's code only ever goes up: errors win over stale files.
const (
	exitOK    = 0 // done, or nothing to do
	exitStale = 1 // -check found files whose instrumentation is stale
	exitError = 2 // bad usage, directives, load or type errors: nothing written
)

// slowLoad is how long loading may take before the user is told why; on a
// cold build cache the first typed load compiles export data for the
// standard library and every dependency, which can take minutes.
const slowLoad = 2 * time.Second

const slowLoadMessage = "zipkingen: loading packages (first run compiles export data)…"

// run is the whole command, with its I/O injected so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	return (&cli{stdout: stdout, stderr: stderr, slowAfter: slowLoad}).run(args)
}

// cli is one invocation: where output goes and when to call loading slow.
type cli struct {
	stdout, stderr io.Writer
	slowAfter      time.Duration
	cwd            string          // for relative paths in everything printed
	ctx            context.Context // nil: context.Background(); tests cancel it
}

func (c *cli) context() context.Context {
	if c.ctx == nil {
		return context.Background()
	}
	return c.ctx
}

// config is the parsed command line.
type config struct {
	diff, check, strip, all, tests, verbose, version bool
	overlay                                          string
	tags                                             []string
	patterns                                         []string
}

func (c *cli) run(args []string) int {
	cfg, code, ok := c.parseArgs(args)
	if !ok {
		return code
	}
	if cfg.version {
		fmt.Fprintln(c.stdout, "zipkingen", version())
		return exitOK
	}
	cwd, err := os.Getwd()
	if err != nil {
		return c.fail(err)
	}
	c.cwd = cwd
	// An interrupt, SIGTERM or SIGHUP cancels loading and staging; it is
	// caught until the end of the run so that it never cuts Commit's
	// all-or-nothing renames in half.
	ctx, stop := signal.NotifyContext(c.context(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	res, err := c.rewrite(ctx, cfg)
	if ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "zipkingen: interrupted; nothing written")
		return exitError
	}
	if err != nil {
		return c.fail(err)
	}
	if cfg.verbose {
		for _, n := range res.Notes {
			fmt.Fprintln(c.stderr, n)
		}
	}
	if len(res.Diagnostics) > 0 {
		c.printDiagnostics(res.Diagnostics)
		return exitError
	}
	return c.apply(ctx, cfg, res)
}

func (c *cli) fail(err error) int {
	fmt.Fprintf(c.stderr, "zipkingen: %v\n", err)
	return exitError
}

// rewrite calls the engine, telling the user on stderr when loading is slow.
func (c *cli) rewrite(ctx context.Context, cfg config) (*rewrite.Result, error) {
	opts := rewrite.Options{
		Dir:      c.cwd,
		Patterns: cfg.patterns,
		Tags:     cfg.tags,
		All:      cfg.all,
		Strip:    cfg.strip,
		Tests:    cfg.tests,
	}
	var res *rewrite.Result
	var err error
	c.noticeIfSlow(func() { res, err = rewrite.Run(ctx, opts) })
	return res, err
}

// noticeIfSlow runs f and prints slowLoadMessage to stderr if f takes longer
// than c.slowAfter. It returns only once nothing more can be printed, so the
// notice never interleaves with what follows.
func (c *cli) noticeIfSlow(f func()) {
	done := make(chan struct{})
	printed := make(chan struct{})
	go func() {
		defer close(printed)
		timer := time.NewTimer(c.slowAfter)
		defer timer.Stop()
		select {
		case <-timer.C:
			fmt.Fprintln(c.stderr, slowLoadMessage)
		case <-done:
		}
	}()
	f()
	close(done)
	<-printed
}

// apply does what the flags ask with a result free of diagnostics.
func (c *cli) apply(ctx context.Context, cfg config, res *rewrite.Result) int {
	switch {
	case cfg.check:
		return c.check(cfg, res)
	case cfg.diff:
		c.stdout.Write(res.Diff())
		return exitOK
	case cfg.overlay != "":
		return c.writeOverlay(cfg, res)
	}
	err := res.CommitContext(ctx)
	c.reportCleaned(cfg, res.Cleaned)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(c.stderr, "zipkingen: interrupted; nothing written")
		return exitError
	}
	if err != nil {
		return c.fail(err)
	}
	if cfg.verbose {
		for _, f := range res.Files {
			fmt.Fprintf(c.stderr, "%s: written\n", c.rel(f.Path))
		}
	}
	return exitOK
}

// reportCleaned says which temporary files of an interrupted earlier run
// were removed: a count with the first path, every path under -v.
func (c *cli) reportCleaned(cfg config, paths []string) {
	switch {
	case len(paths) == 0:
	case cfg.verbose || len(paths) == 1:
		for _, p := range paths {
			fmt.Fprintf(c.stderr, "zipkingen: removed %s, left by an interrupted run\n", c.rel(p))
		}
	default:
		fmt.Fprintf(c.stderr, "zipkingen: removed %d temporary files left by an interrupted run (%s, …)\n", len(paths), c.rel(paths[0]))
	}
}

// check lists the stale files on stdout, like gofmt -l, followed by their
// diff under -diff.
func (c *cli) check(cfg config, res *rewrite.Result) int {
	if len(res.Files) == 0 {
		return exitOK
	}
	for _, f := range res.Files {
		fmt.Fprintln(c.stdout, c.rel(f.Path))
	}
	if cfg.diff {
		c.stdout.Write(res.Diff())
	}
	return exitStale
}

// writeOverlay writes the overlay JSON at FILE, which is what
// go build -overlay=FILE reads, and the instrumented copies in a hidden
// folder next to it (zk.json gives .zk.zipkingen), which the go command
// ignores; an existing FILE that is not zipkingen's overlay is refused.
func (c *cli) writeOverlay(cfg config, res *rewrite.Result) int {
	dir, err := res.WriteOverlayFile(cfg.overlay) // relative to c.cwd, the process's directory
	if err != nil {
		return c.fail(err)
	}
	if cfg.verbose {
		fmt.Fprintf(c.stderr, "zipkingen: overlay of %d file(s) in %s, copies in %s\n", len(res.Files), cfg.overlay, c.rel(dir))
	}
	return exitOK
}

// printDiagnostics prints go vet style lines, paths relative to the working
// directory, sorted and without duplicates.
func (c *cli) printDiagnostics(diags []rewrite.Diagnostic) {
	lines := make([]diagLine, 0, len(diags))
	for _, d := range diags {
		lines = append(lines, diagLine{c.rel(d.Pos.Filename), d.Pos.Line, d.Pos.Column, d.Message})
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].less(lines[j]) })
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		fmt.Fprintln(c.stderr, l)
	}
}

// diagLine is one diagnostic as printed.
type diagLine struct {
	file      string
	line, col int
	msg       string
}

func (a diagLine) less(b diagLine) bool {
	if a.file != b.file {
		return a.file < b.file
	}
	if a.line != b.line {
		return a.line < b.line
	}
	if a.col != b.col {
		return a.col < b.col
	}
	return a.msg < b.msg
}

// String formats like go vet: file:line:col: message, leaving out what is
// unknown (an error without a file is the tool's own).
func (a diagLine) String() string {
	switch {
	case a.file == "":
		return "zipkingen: " + a.msg
	case a.line == 0:
		return fmt.Sprintf("%s: %s", a.file, a.msg)
	case a.col == 0:
		return fmt.Sprintf("%s:%d: %s", a.file, a.line, a.msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", a.file, a.line, a.col, a.msg)
}

// rel returns path relative to the working directory when it can. A path
// reached through the directory's real name (the working directory under a
// symbolic link, as /tmp is on macOS) is made relative to that name.
func (c *cli) rel(path string) string {
	if path == "" || !filepath.IsAbs(path) {
		return path
	}
	r, err := filepath.Rel(c.cwd, path)
	if err == nil && filepath.IsLocal(r) {
		return r
	}
	if real, rerr := filepath.EvalSymlinks(c.cwd); rerr == nil && real != c.cwd {
		if r2, err2 := filepath.Rel(real, path); err2 == nil && filepath.IsLocal(r2) {
			return r2
		}
	}
	if err == nil {
		return r
	}
	return path
}

// version is the module version the binary was built from: a tag for
// go install …@v1.2.3, "(devel)" for a build inside the repository.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// errUsage marks command lines that parse but make no sense together.
var errUsage = errors.New("run 'zipkingen -h' for usage")
