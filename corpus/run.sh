#!/usr/bin/env bash
# corpus/run.sh: run zipkingen -all over real third-party modules nobody here
# wrote, and prove on each that the instrumented module still builds and
# passes its own tests (untraced, then with tracing on), that go vet finds
# nothing it did not find before instrumentation, that a second run changes
# nothing, and that -strip gives back every file byte for byte.
#
# Usage: corpus/run.sh [MODULE@VERSION ...]   (make corpus)
#
# Environment:
#   CORPUS_WORK        work folder (default: <repo>/.tools/corpus, git-ignored)
#   CORPUS_TREE=1      build zipkingen and link the runtime from the working
#                      tree; default: from a snapshot of HEAD (git archive),
#                      so that others' unfinished edits cannot leak in
#   CORPUS_BASELINE=0  skip the build/vet/test of the pristine copy
#   CORPUS_ONLY_BASELINE=1  stop after the baseline (no zipkingen needed)
#   CORPUS_TEST_FLAGS  flags for every `go test` (default: -count=1)
#   CORPUS_TIMEOUT     go test -timeout per package binary (default 15m)
#   CORPUS_TRACED=0    skip the test runs with tracing on everywhere
#   CORPUS_COLD=0      time the first module with the shared (warm) build
#                      cache instead of a fresh private one
#
# The pristine copy is the module cache itself (read-only, verified by go
# against go.sum), so the strip comparison diffs against it directly.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${CORPUS_WORK:-$ROOT/.tools/corpus}
ZIPKINGEN=$WORK/bin/zipkingen
TEST_FLAGS=${CORPUS_TEST_FLAGS:--count=1}
TIMEOUT=${CORPUS_TIMEOUT:-15m}

# MODULE@VERSION|extra go test flags|traced run (1/0). The largest first:
# its timing line compares zipkingen -all with go vet on the same tree.
# Every default module builds, vets and passes its tests offline here
# before instrumentation, in minutes. Evaluated and kept out of the default:
#   google.golang.org/grpc (234k-323k lines): its suite takes ~20 minutes on
#   a shared 2-core machine and has timing-sensitive tests that fail before
#   any instrumentation (v1.67.1 Test/RetryStats; v1.85.0
#   PickFirst_StickyTransientFailure, and balancer/rls hitting 15m; under
#   load v1.67.1 Test/CZClientSocketMetricsKeepAlive counts too few
#   keepalives, instrumented or not, and passes alone); linking raises
#   v1.67.1's go line to 1.24, whose vet printf check then fails the build
#   of its tests. Run it by hand with
#     corpus/run.sh 'google.golang.org/grpc@v1.67.1|-vet=off -skip=^Test$/^(RetryStats|CZClientSocketMetricsKeepAlive)$|0'
#   (go vet itself is still compared against the linked baseline).
#   github.com/cenkalti/backoff/v4@v4.3.0: its pristine copy fails go vet
#   with Go 1.26 (example_test.go refers to an unknown identifier).
DEFAULT_MODULES=(
	'github.com/google/go-github/v74@v74.0.0||1'
	'github.com/go-chi/chi/v5@v5.5.0||1'
	'golang.org/x/sync@v0.24.0||1'
	'github.com/hashicorp/go-retryablehttp@v0.7.8||1'
)
# A pseudo-version for a require line that the replace directive satisfies.
RUNTIME_VERSION=v0.0.0-00010101000000-000000000000

SUMMARY=()
FAILED=0

log() { printf 'corpus: %s\n' "$*" >&2; }

# prepare_source, moddir, fresh_copy.
# shellcheck source=corpus/lib.sh
. "$ROOT/corpus/lib.sh"

# now prints the wall clock in seconds with nanosecond precision.
now() { date +%s.%N; }

# elapsed START prints seconds since START, two decimals.
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'; }

# step NAME CMD...: run CMD in the current directory, log its output to a
# file, and on failure print the tail so the reason is visible.
step() {
	local name=$1 out
	shift
	out=$WORK/logs/$MODNAME.$name.log
	log "$MODNAME: $name: $*"
	if ! "$@" >"$out" 2>&1; then
		log "$MODNAME: $name FAILED (log: $out); last lines:"
		tail -n 40 "$out" >&2
		return 1
	fi
}

# checksum: one line per .go file under the current directory.
checksum() { find . -name '*.go' -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; }

# count_functions: instrumented functions = generated span starts.
count_functions() {
	grep -rhE --include='*.go' ', [A-Za-z0-9_]+ :?= [A-Za-z0-9_]+\.Start(Root|Request)?\(.*//zipkin:generated' . | wc -l
}
count_markers() { grep -rh --include='*.go' '//zipkin:generated' . | wc -l; }

gotest() { go test $TEST_FLAGS $MOD_TEST_FLAGS -timeout "$TIMEOUT" ./...; }

baseline() {
	step baseline-build go build ./... &&
		step baseline-vet go vet ./... &&
		step baseline-test gotest
}

# link_runtime lets the instrumented module import our runtime: a require
# satisfied by a replace to the zipkingen tree. Our go.mod's requirements
# can raise the module's own (x/sync, x/sys...), so go list -mod=mod -test
# over the whole module downloads those and adds their go.sum lines. go.mod
# and go.sum are restored from the module cache before the strip comparison.
link_runtime() {
	go mod edit -replace "github.com/zipkingen/zipkingen=$SRC" \
		-require "github.com/zipkingen/zipkingen@$RUNTIME_VERSION" &&
		step link-sum go list -mod=mod -deps -test ./... "github.com/zipkingen/zipkingen/runtime/zipkin" &&
		step link-build go build ./...
}

# unlink_runtime SRC: go.mod and go.sum back as published.
unlink_runtime() {
	cp "$1/go.mod" go.mod && chmod u+w go.mod
	if [ -f "$1/go.sum" ]; then
		cp "$1/go.sum" go.sum && chmod u+w go.sum
	else
		rm -f go.sum
	fi
}

# vet_findings prints go vet's findings without their positions (which move
# when lines are inserted), sorted: a multiset to compare.
vet_findings() {
	go vet ./... 2>&1 | sed -nE 's/^([^ ]+\.go):[0-9]+:[0-9]+: (.*)$/\1: \2/p' | LC_ALL=C sort
}

# vet_before records go vet's findings on the linked, not yet instrumented
# module. Linking can raise the module's go line (our go.mod says 1.24), and
# newer language versions turn on stricter checks (printf's non-constant
# format strings): such findings are the module's own, not ours.
vet_before() {
	log "$MODNAME: vet-before: go vet ./... (linked, not instrumented)"
	vet_findings >"$WORK/logs/$MODNAME.vet-before.txt"
}

# vet_after runs go vet on the instrumented module (timed). It passes when
# vet is clean or finds exactly what it found before instrumentation.
vet_after() {
	local t0 out=$WORK/logs/$MODNAME.vet.log before=$WORK/logs/$MODNAME.vet-before.txt
	log "$MODNAME: vet: go vet ./..."
	t0=$(now)
	if go vet ./... >"$out" 2>&1; then
		T_VET=$(elapsed "$t0")
		VET="clean"
		return 0
	fi
	T_VET=$(elapsed "$t0")
	sed -nE 's/^([^ ]+\.go):[0-9]+:[0-9]+: (.*)$/\1: \2/p' "$out" | LC_ALL=C sort >"$out.findings"
	if cmp -s "$before" "$out.findings" && [ -s "$before" ]; then
		VET="$(wc -l <"$before") findings, all there before instrumentation"
		return 0
	fi
	log "$MODNAME: go vet finds what it did not before instrumentation (log: $out):"
	diff "$before" "$out.findings" >&2
	return 1
}

# cold CMD...: run CMD with a fresh, private build cache when this is the
# timing module (the first one), so that zipkingen -all and go vet both pay
# for export data and analysis from scratch, as on a CI machine: a fair
# comparison. The shared cache is never cleaned.
cold() {
	if [ "$TIMING" = 1 ]; then
		rm -rf "$WORK/cold-cache" && mkdir -p "$WORK/cold-cache"
		GOCACHE=$WORK/cold-cache "$@"
	else
		"$@"
	fi
}

instrument() {
	local t0
	vet_before
	t0=$(now)
	cold step zipkingen-all "$ZIPKINGEN" -all ./... || return 1
	T_GEN=$(elapsed "$t0")
	cold vet_after || return 1
	rm -rf "$WORK/cold-cache"
	FUNCS=$(count_functions)
	MARKERS=$(count_markers)
	FILES=$(grep -rl --include='*.go' '//zipkin:generated' . | wc -l)
	log "$MODNAME: instrumented $FUNCS functions in $FILES files ($MARKERS generated lines); zipkingen -all ${T_GEN}s, go vet ${T_VET}s"
}

# test_instrumented runs the module's tests untraced, then (unless turned
# off) with tracing on, so that every instrumented call really starts and
# ends a span. The debug reporter is synchronous: no goroutine for leak
# checkers to trip on; passing packages' output is not shown.
test_instrumented() {
	step build go build ./... && step test gotest || return 1
	TESTED="untraced"
	if [ "${CORPUS_TRACED:-1}" != 0 ] && [ "$MOD_TRACED" = 1 ]; then
		step test-traced env ZIPKIN_ENDPOINT=stderr \
			go test $TEST_FLAGS $MOD_TEST_FLAGS -timeout "$TIMEOUT" ./... || return 1
		TESTED="untraced and traced"
	fi
}

rerun_is_identical() {
	local sum1 sum2
	sum1=$(checksum)
	step zipkingen-rerun "$ZIPKINGEN" -all ./... || return 1
	sum2=$(checksum)
	if [ "$sum1" != "$sum2" ]; then
		log "$MODNAME: second run changed files:"
		diff <(printf '%s\n' "$sum1") <(printf '%s\n' "$sum2") >&2
		return 1
	fi
}

strip_and_compare() {
	# The go:generate line's flags plus -strip, as people type it.
	step zipkingen-strip "$ZIPKINGEN" -all -strip ./... || return 1
	unlink_runtime "$1"
	if ! diff -r "$1" . >"$WORK/logs/$MODNAME.strip.diff" 2>&1; then
		log "$MODNAME: -strip did not restore the module (diff: $WORK/logs/$MODNAME.strip.diff):"
		head -n 60 "$WORK/logs/$MODNAME.strip.diff" >&2
		return 1
	fi
}

# stages runs every stage in the module's copy and sets STATUS (not in a
# subshell: the stages set the numbers of the summary line).
stages() {
	local src=$1
	if [ "${CORPUS_BASELINE:-1}" != 0 ] && ! baseline; then
		STATUS="FAIL (baseline, before instrumentation)"
	elif [ "${CORPUS_ONLY_BASELINE:-0}" = 1 ]; then
		STATUS="baseline ok"
	elif ! link_runtime; then
		STATUS="FAIL (adding the runtime to go.mod)"
	elif ! instrument; then
		STATUS="FAIL (zipkingen -all or go vet of its output)"
	elif ! test_instrumented; then
		STATUS="FAIL (instrumented module: build or tests)"
	elif ! rerun_is_identical; then
		STATUS="FAIL (second run changed files)"
	elif ! strip_and_compare "$src"; then
		STATUS="FAIL (strip)"
	else
		STATUS="ok: build, tests ($TESTED) pass; vet $VET; rerun identical; strip restores every file"
	fi
}

# run_module 'MODULE@VERSION|test flags|traced': every stage; records one
# summary line.
run_module() {
	local spec=$1 mod src lines
	IFS='|' read -r mod MOD_TEST_FLAGS MOD_TRACED <<<"$spec"
	MOD_TRACED=${MOD_TRACED:-1}
	MODNAME=$(printf '%s' "$mod" | tr '/@' '__')
	T_GEN=- T_VET=- FUNCS=- FILES=- TESTED=- VET=-
	TIMING=0
	[ ${#SUMMARY[@]} -gt 0 ] || [ "${CORPUS_COLD:-1}" = 0 ] || TIMING=1
	if ! src=$(moddir "$mod") || ! fresh_copy "$src" "$WORK/$MODNAME"; then
		SUMMARY+=("$mod: FAIL (download)")
		FAILED=1
		return
	fi
	lines=$(find "$src" -name '*.go' -type f -print0 | xargs -0 cat | wc -l)
	pushd "$WORK/$MODNAME" >/dev/null || return
	stages "$src"
	popd >/dev/null || return
	case $STATUS in FAIL*) FAILED=1 ;; esac
	local caches=warm
	[ "$TIMING" = 1 ] && caches=cold
	SUMMARY+=("$(printf '%-45s %7s lines %6s funcs in %4s files  zipkingen -all %7ss  go vet %7ss (%s caches)  %s' \
		"$mod" "$lines" "$FUNCS" "$FILES" "$T_GEN" "$T_VET" "$caches" "$STATUS")")
}

main() {
	local modules=("$@")
	[ ${#modules[@]} -gt 0 ] || modules=("${DEFAULT_MODULES[@]}")
	mkdir -p "$WORK/logs" "$WORK/bin"
	if [ "${CORPUS_ONLY_BASELINE:-0}" != 1 ]; then
		prepare_source || { log "cannot build zipkingen"; exit 2; }
	fi
	# Nothing here may be slowed or broken by a tracer from the environment.
	unset ZIPKIN_ENDPOINT
	for m in "${modules[@]}"; do
		run_module "$m"
	done
	printf '\ncorpus summary (%s, zipkingen %s)\n' "$(date -u +%FT%TZ)" "${SRC_DESC:-not built}"
	printf '  %s\n' "${SUMMARY[@]}"
	exit "$FAILED"
}

main "$@"
