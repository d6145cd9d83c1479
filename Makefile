# zipkingen: every set-up step lives here, so a fresh clone needs only Go.
#   make demo   the main job on an embedded default (no collector needed)
#   make test   every gate and every test, including end-to-end against Jaeger
SHELL := /bin/bash
GO    ?= go
TOOLS := $(CURDIR)/.tools
BIN   := $(TOOLS)/bin
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(BIN)/staticcheck

.PHONY: all build test lint fmt-check vet staticcheck unit golden demo bench jaeger e2e examples-check

all: build

build:
	$(GO) build ./...
	$(GO) build -o $(BIN)/zipkingen ./cmd/zipkingen

# Modules of their own beside the main one (integrations that need a
# third-party library, the example shop, interop tests): make test vets,
# staticchecks and race-tests each of them like the main module.
NESTED_MODULES := examples interop runtime/zipkingin runtime/zipkinecho runtime/zipkinhttp/chitest runtime/zipkingrpc bench/grpc frameworks runtime/zipkinsql/internal/dbtest
# Runs a command in every nested module, stopping at the first failure.
in_nested = for m in $(NESTED_MODULES); do (cd $$m && $(1)) || exit 1; done

# The steps of `make test`, in order; each room of the project adds its own.
TEST_STEPS := lint unit pg-stop golden bench-build examples-check e2e

test: $(TEST_STEPS)
	@echo "make test: all steps passed ($(TEST_STEPS))"

lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^testdata/')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(call in_nested,$(GO) vet ./...)

$(STATICCHECK):
	@echo "installing staticcheck $(STATICCHECK_VERSION) into $(BIN)"
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# bench/ and the nested modules are checked too; golden/ is not: its
# packages are test inputs that copy what users write, on purpose.
staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...
	cd bench && $(STATICCHECK) ./...
	$(call in_nested,$(STATICCHECK) ./...)

# unit needs PostgreSQL for zipkinsql's behaviour tests (pg-start); make
# test stops it right after (pg-stop), and a failure here stops it too.
unit: pg-start
	$(GO) test -race -count=1 -timeout 20m ./... || { $(PG_SH) stop $(PG_DIR); exit 1; }
	$(call in_nested,$(GO) test -race -count=1 -timeout 20m ./...) || { $(PG_SH) stop $(PG_DIR); exit 1; }

# A throwaway PostgreSQL for runtime/zipkinsql/internal/dbtest, from
# Debian's packages (pg.sh installs them with apt-get when missing): a Unix
# socket in a temporary folder, no TCP port; as root the server runs as the
# postgres user. While it runs, the tests must reach it
# (ZIPKINSQL_PG_REQUIRED); a plain go test there skips PostgreSQL.
PG_SH  := runtime/zipkinsql/internal/dbtest/pg.sh
PG_DIR := $(or $(TMPDIR),/tmp)/zipkingen-pg-$(shell echo '$(CURDIR)' | cksum | cut -d' ' -f1)
export ZIPKINSQL_PG_DSN := $(shell $(PG_SH) dsn $(PG_DIR))
export ZIPKINSQL_PG_REQUIRED := 1

.PHONY: pg-start pg-stop
pg-start:
	$(PG_SH) start $(PG_DIR)

pg-stop:
	$(PG_SH) stop $(PG_DIR)

# Every expected output of the generator compiles, passes vet and runs its
# behaviour tests against the real runtime (golden/ is its own module).
golden:
	cd golden && $(GO) vet ./... && $(GO) test -count=1 ./...

# Jaeger all-in-one for the end-to-end tests, built from the Go module proxy
# (tools/jaeger pins the version); rebuilt only when missing or when
# tools/jaeger/go.mod changes. The first build takes several minutes.
JAEGER := $(BIN)/jaeger-all-in-one

jaeger: $(JAEGER)

$(JAEGER): tools/jaeger/go.mod tools/jaeger/go.sum
	@echo "building Jaeger all-in-one into $(BIN) (first build takes several minutes)"
	cd tools/jaeger && $(GO) build -o $(JAEGER) github.com/jaegertracing/jaeger/cmd/all-in-one

# End-to-end tests against a real Jaeger (e2e/, build tag e2e): the runtime's
# wire formats and the example shop, read back through Jaeger's query API.
e2e: jaeger
	$(GO) vet -tags e2e ./e2e/...
	$(GO) test -tags e2e -count=1 -timeout 10m ./e2e/...

# The example shop (examples/): the diff zipkingen adds to one package, then
# all services on loopback, each request's trace printed whole by the driver
# (shop -trees collects every process's spans); no collector needed.
demo:
	$(GO) build -o $(BIN)/zipkingen ./cmd/zipkingen
	examples/demo.sh $(BIN)/zipkingen

# Fails when the committed instrumentation of the examples is stale, i.e.
# when `go generate ./examples/...` would change a file.
examples-check:
	$(GO) build -o $(BIN)/zipkingen ./cmd/zipkingen
	cd examples && $(BIN)/zipkingen -check ./...

# Side-by-side benchmarks against zipkin-go and OpenTelemetry (bench/, its own
# module so that the main module stays dependency-light). `make bench` runs the
# suite (several minutes), compares the libraries with benchstat and rewrites
# BENCHMARKS.md; raw results stay in bench/results/ (git-ignored).
BENCHSTAT_VERSION := v0.0.0-20260908200009-22c9c6c9d4da
BENCHSTAT   := $(BIN)/benchstat
# The suite runs as BENCH_COUNT passes of -count=1 rather than one run of
# -count=6: on a shared machine the load drifts, and interleaving puts every
# library's samples under the same drift.
BENCH_COUNT ?= 6
BENCH_TEST  := for i in $(shell seq $(BENCH_COUNT)); do results/bench.test -test.run='^$$' -test.bench=. -test.count=1 -test.benchmem -test.timeout=60m || exit 1; done
BENCH_STAT  := benchstat -col '/impl@(zipkingo zipkingen otel untraced)' results/keyed.txt

.PHONY: bench-build bench-report loadtest

$(BENCHSTAT):
	@echo "installing benchstat into $(BIN)"
	GOBIN=$(BIN) $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)

bench: $(BENCHSTAT)
	mkdir -p bench/results
	cd bench && $(GO) test -c -o results/bench.test .
	cd bench && set -o pipefail && ( $(BENCH_TEST) ) | tee results/bench.txt
	cp /proc/loadavg bench/results/loadavg.txt
	cd bench && $(GO) run ./cmd/report -in results/bench.txt -keyed results/keyed.txt
	cd bench && PATH=$(BIN):$$PATH $(BENCH_STAT) > results/benchstat.txt
	$(MAKE) bench-report

# BENCHMARKS.md from the results in bench/results/ (and the load test's
# section, when make loadtest has run).
bench-report:
	cd bench && $(GO) run ./cmd/report -in results/bench.txt -benchstat results/benchstat.txt -loadavg results/loadavg.txt \
		-loadtest results/loadtest.md -genspeed results/genspeed.md -out ../BENCHMARKS.md \
		-cmd "cd bench && go test -c -o results/bench.test ." -cmd "cd bench && $(BENCH_TEST)" \
		-cmd "cd bench && $(BENCH_STAT)" -cmd "make loadtest" -cmd "make genspeed"
	@echo "wrote BENCHMARKS.md"

# The gRPC handlers (runtime/zipkingrpc) beside zipkin-go's middleware/grpc
# and otelgrpc, per RPC over bufconn and on the stats events alone
# (bench/grpc, a module of its own: otelgrpc needs a newer OpenTelemetry SDK
# than bench/ measures). BENCH_COUNT interleaved passes, as make bench;
# writes bench/results/grpc*.txt. About ten minutes. Not part of make test.
GRPC_BENCH_TEST := for i in $(shell seq $(BENCH_COUNT)); do results/grpc.test -test.run='^$$' -test.bench=. -test.count=1 -test.benchmem -test.timeout=60m || exit 1; done

.PHONY: bench-grpc
bench-grpc: $(BENCHSTAT)
	mkdir -p bench/results
	cd bench/grpc && $(GO) test -c -o ../results/grpc.test .
	cd bench && set -o pipefail && ( $(GRPC_BENCH_TEST) ) | tee results/grpc.txt
	cd bench && $(GO) run ./cmd/report -in results/grpc.txt -keyed results/grpc-keyed.txt
	cd bench && PATH=$(BIN):$$PATH benchstat -col '/impl@(zipkingo zipkingen otel floor untraced)' results/grpc-keyed.txt > results/grpc-benchstat.txt
	@echo "wrote bench/results/grpc.txt and grpc-benchstat.txt"

# Issue 6's load test: the example service in bench/loadtest under wrk,
# untraced vs the floor (B3 headers and span bytes, no tracer) vs zipkingen
# (100%, 1%, 100% with gzip forced) vs zipkin-go vs OTel, interleaved over 3
# rounds of 10 s each (medians), then a 60 s collector outage with heap and
# span accounting, then each variant's instructions per request under
# valgrind. About twenty minutes. Flags: see bench/loadtest/run
# (LOADTEST_FLAGS="-rounds 5" ...). Installs wrk and valgrind with apt-get
# when they are missing.
LOADTEST_FLAGS ?=

loadtest:
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	@command -v valgrind >/dev/null || (apt-get update && apt-get install -y valgrind)
	mkdir -p bench/results
	cd bench && $(GO) run ./loadtest/run $(LOADTEST_FLAGS) -out results/loadtest.md
	@if [ -f bench/results/bench.txt ]; then $(MAKE) bench-report; else echo "wrote bench/results/loadtest.md (make bench adds it to BENCHMARKS.md)"; fi

# Issue 6's generator speed (corpus/genspeed.sh): zipkingen -all against
# go-instrument (one process per file, installed from the module proxy into
# .tools/bin; GO_INSTRUMENT=path uses another build, and the run stops
# without one) and go vet ./... on the largest corpus module, interleaved,
# with cold, warm and edited-warm build caches, GENSPEED_RUNS (default 3)
# runs each. Writes bench/results/genspeed.md, which bench-report adds to
# BENCHMARKS.md, and its committed copy docs/genspeed.md. About 20 minutes on
# a shared 2-core machine (26 with GENSPEED_RUNS=5). Not part of make test.
.PHONY: genspeed
genspeed:
	corpus/genspeed.sh
	cp bench/results/genspeed.md docs/genspeed.md
	@if [ -f bench/results/bench.txt ]; then $(MAKE) bench-report; else echo "wrote bench/results/genspeed.md (make bench adds it to BENCHMARKS.md)"; fi

# Interoperation with zipkin-go's B3 HTTP middleware, in both directions
# (interop/, its own module so that the main module never requires zipkin-go).
# make test runs it with the other nested modules (lint, unit); this target
# runs it alone.
.PHONY: interop
interop:
	cd interop && $(GO) vet ./... && $(GO) test -race -count=1 ./...

# That bench/ compiles and vets, its quick tests (the report generator, the
# fixtures' sanity checks, the load test's wrk parser) pass, and the
# instrumented packages are what the CLI writes today (go tool zipkingen
# -check); no benchmark runs here.
bench-build:
	cd bench && $(GO) vet ./... && $(GO) test ./...
	cd bench && $(GO) tool zipkingen -check ./generated ./loadtest/app

# Real third-party modules through zipkingen -all: they must still build, vet
# and pass their own tests; a re-run changes nothing; -strip restores every
# file. Downloads through the Go module proxy into .tools/corpus (git-ignored).
# Not part of `make test`: it takes many minutes. Modules: corpus/run.sh.
.PHONY: corpus
corpus:
	corpus/run.sh
