#!/usr/bin/env bash
# corpus/genspeed.sh: issue 6's generator speed. On one module (default: the
# largest corpus module) and in one run, times
#   - zipkingen -all ./...   (one process for the whole module),
#   - go-instrument, one process per non-test .go file, as its README says
#     (find | xargs), serially and with xargs -P <cores>,
#   - go vet ./...           (the yardstick every Go user already pays),
# each on its own fresh copy of the same module, under three build-cache
# states:
#   cold    a fresh, empty GOCACHE for every run (GOMODCACHE shared, filled);
#   warm    a private GOCACHE primed by one untimed run of every tool over
#           the same files: what re-running costs (go vet's result is a
#           cache hit here: nothing changed);
#   edited  the warm GOCACHE, with a new trailing comment appended to every
#           non-test .go file before each run, so no package of the module
#           is in the cache (what a developer pays after editing; the
#           dependencies and the standard library stay cached).
# Runs are interleaved (for each repetition: cold A B C D, warm A B C D,
# edited A B C D) so that load drift on a shared machine hits every tool
# alike; the report gives medians of wall and CPU (user+sys) time, with the
# load average before and after. Then checks that each tool's output builds
# (go-instrument's needs go.opentelemetry.io/otel, added with go get at the
# version bench/ uses), and reports a failure instead of hiding it.
#
# Usage: corpus/genspeed.sh [MODULE@VERSION]   (make genspeed)
#
# Environment:
#   GENSPEED_RUNS    repetitions of every timed step (default 3)
#   GENSPEED_OUT     markdown section to write (default
#                    bench/results/genspeed.md; make bench-report adds it
#                    to BENCHMARKS.md); raw times go beside it (.txt)
#   GENSPEED_WORK    work folder (default <repo>/.tools/genspeed, git-ignored)
#   GO_INSTRUMENT    a go-instrument binary to use; default: go install
#                    github.com/nikolaydubina/go-instrument@$GO_INSTRUMENT_VERSION
#                    from the module proxy into .tools/bin (the run stops
#                    when neither gives a binary)
#   GO_INSTRUMENT_LABEL  how to name that binary's version in the report
#                    when go version -m cannot tell (a build from source)
#   CORPUS_TREE=1    build zipkingen and link the runtime from the working
#                    tree; default: from a snapshot of HEAD (git archive)
#   GENSPEED_REPORT_ONLY=1  time nothing: write the section again from the
#                    raw times of the last run (the counts and build checks
#                    are redone with that run's zipkingen)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${GENSPEED_WORK:-$ROOT/.tools/genspeed}
RUNS=${GENSPEED_RUNS:-3}
OUT=${GENSPEED_OUT:-$ROOT/bench/results/genspeed.md}
RAW=${OUT%.md}.txt
MODULE=${1:-github.com/google/go-github/v74@v74.0.0}
# go-instrument's latest release (tag v1.11.1, 2025-07-27), pinned.
GO_INSTRUMENT_VERSION=v1.11.1
ZIPKINGEN=$WORK/bin/zipkingen
CORES=$(nproc)
RUNTIME_VERSION=v0.0.0-00010101000000-000000000000
TOOLS=(zipkingen goinstrument goinstrumentP vet)
STATES=(cold warm edited)

log() { printf 'genspeed: %s\n' "$*" >&2; }
die() {
	log "$*"
	exit 2
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

# prepare_source, moddir, fresh_copy.
# shellcheck source=corpus/lib.sh
. "$ROOT/corpus/lib.sh"

# gofiles: the non-test .go files under the current directory, NUL-separated.
gofiles() { find . -name '*.go' ! -name '*_test.go' -type f -print0; }

# prepare_goinstrument sets GI (the binary) and GIDESC; without go-instrument
# there is no comparison, so the run stops.
prepare_goinstrument() {
	local mod
	if [ -n "${GO_INSTRUMENT:-}" ]; then
		GI=$GO_INSTRUMENT
	else
		GI=$ROOT/.tools/bin/go-instrument
		log "installing github.com/nikolaydubina/go-instrument@$GO_INSTRUMENT_VERSION into $ROOT/.tools/bin"
		GOBIN=$ROOT/.tools/bin go install "github.com/nikolaydubina/go-instrument@$GO_INSTRUMENT_VERSION" 2>"$WORK/logs/go-instrument.install.log" ||
			die "go install github.com/nikolaydubina/go-instrument@$GO_INSTRUMENT_VERSION failed: $(head -n 2 "$WORK/logs/go-instrument.install.log" | tr '\n' ' ')(pass a go-instrument binary in GO_INSTRUMENT)"
	fi
	[ -x "$GI" ] || die "$GI is not an executable"
	mod=$(go version -m "$GI" 2>/dev/null | awk '$1 == "mod" { print $2, $3 }')
	GIDESC=${mod:-$GI}
	case $GIDESC in *'(devel)'* | "$GI") [ -n "${GO_INSTRUMENT_LABEL:-}" ] && GIDESC="$GIDESC, $GO_INSTRUMENT_LABEL" ;; esac
}

# The templates each timed run copies from: the module as published (for
# go-instrument and go vet), and the module linked to our runtime with a
# require + replace (what zipkingen's output imports; the same set-up as
# make corpus). Setting up is not timed, for either tool.
prepare_templates() {
	fresh_copy "$PRISTINE" "$WORK/tmpl/pristine" || return 1
	fresh_copy "$PRISTINE" "$WORK/tmpl/linked" || return 1
	(cd "$WORK/tmpl/pristine" && go mod download) &&
		(cd "$WORK/tmpl/linked" &&
			go mod edit -replace "github.com/zipkingen/zipkingen=$SRC" \
				-require "github.com/zipkingen/zipkingen@$RUNTIME_VERSION" &&
			go list -mod=mod -deps -test ./... github.com/zipkingen/zipkingen/runtime/zipkin >/dev/null)
}

# setup TOOL STATE REP: the tool's fresh copy, in a fixed place per tool (so
# that the warm cache sees the same paths every time); under "edited" every
# non-test .go file gets a comment no earlier run has seen.
setup() {
	local tmpl=pristine dir=$WORK/run/$1
	[ "$1" = zipkingen ] && tmpl=linked
	fresh_copy "$WORK/tmpl/$tmpl" "$dir" || return 1
	if [ "$2" = edited ]; then
		(cd "$dir" && gofiles | xargs -0 sh -c 'for f; do printf "\n// genspeed: edit %s\n" "$0" >>"$f"; done' "$RANDOM$RANDOM-$3")
	fi
}

# run_tool TOOL: the timed command, run in the tool's copy.
run_tool() {
	case $1 in
	zipkingen) "$ZIPKINGEN" -all ./... ;;
	goinstrument) gofiles | xargs -0 -I{} "$GI" -app "$APP" -w -skip-generated -filename {} ;;
	goinstrumentP) gofiles | xargs -0 -P "$CORES" -I{} "$GI" -app "$APP" -w -skip-generated -filename {} ;;
	vet) go vet ./... ;;
	esac
}

# timed TOOL STATE REP: set up, then run the tool once under the state's
# cache; appends "tool state rep wall cpu exit load" to the raw file.
timed() {
	local tool=$1 state=$2 rep=$3 cache t rc
	setup "$tool" "$state" "$rep" || die "cannot set up $tool"
	cache=$WORK/cache-warm
	if [ "$state" = cold ]; then
		cache=$WORK/cache-cold
		rm -rf "$cache" && mkdir -p "$cache"
	fi
	t=$(
		cd "$WORK/run/$tool" || exit 2
		export GOCACHE=$cache
		TIMEFORMAT='%R %U %S'
		{ time run_tool "$tool" >"$WORK/logs/$tool.$state.$rep.log" 2>&1; } 2>&1
		echo "rc=$?"
	)
	rc=${t##*rc=}
	t=${t%rc=*}
	read -r wall user sys <<<"$t"
	printf '%s %s %s %s %s %s %s\n' "$tool" "$state" "$rep" "$wall" \
		"$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" "$rc" "$(load | tr ' ' ,)" >>"$RAW"
	log "$(printf '%-13s %-6s run %s: %6ss wall, %6ss cpu, exit %s (load %s)' "$tool" "$state" "$rep" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rc" "$(load)")"
	[ "$state" = cold ] && rm -rf "$cache"
	return 0
}

# median TOOL STATE FIELD: median of a raw column (4 wall, 5 cpu), then
# min-max.
median() {
	awk -v t="$1" -v s="$2" -v f="$3" '$1 == t && $2 == s && $3 != "prime" { print $f }' "$RAW" | sort -g |
		awk '{ v[NR] = $1 } END {
			if (NR == 0) { print "-"; exit }
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print m, v[1], v[NR] }'
}

# secs N: seconds, three significant decimals below 1 s.
secs() { awk -v v="$1" 'BEGIN { printf (v < 1 ? "%.3f" : "%.2f"), v }'; }

# loads: the 1-minute load average after the first and the last timed run,
# and its lowest and highest value after any run.
loads() {
	awk '/^#/ { next } $3 != "prime" { split($7, l, ","); if (n++ == 0) { first = l[1]; lo = hi = l[1] } last = l[1]
		if (l[1] < lo) lo = l[1]; if (l[1] > hi) hi = l[1] }
		END { print first, last, lo, hi }' "$RAW"
}

exits() { awk -v t="$1" '$1 == t && $6 != 0 { n++ } END { print n + 0 }' "$RAW"; }

# count TOOL: "functions files changed" in the tool's copy after a run on
# unedited files (the cold state's last run).
count() {
	local dir=$WORK/run/$1 funcs files changed tmpl=pristine
	[ "$1" = zipkingen ] && tmpl=linked
	case $1 in
	zipkingen)
		funcs=$(grep -rhE --include='*.go' ', [A-Za-z0-9_]+ :?= [A-Za-z0-9_]+\.Start(Root|Request)?\(.*//zipkin:generated' "$dir" | wc -l)
		files=$(grep -rl --include='*.go' '//zipkin:generated' "$dir" | wc -l)
		;;
	*)
		funcs=$(grep -rh --include='*.go' 'span := otel.Tracer(' "$dir" | wc -l)
		files=$(grep -rl --include='*.go' 'span := otel.Tracer(' "$dir" | wc -l)
		;;
	esac
	changed=$(cd "$dir" && gofiles | xargs -0 sh -c 'for f; do cmp -s "$f" "$0/$f" || echo "$f"; done' "$WORK/tmpl/$tmpl" | wc -l)
	echo "$funcs $files $changed"
}

# builds TOOL: does the tool's output (its copy after a cold run) build?
# Sets BUILD to a cell for the table.
builds() {
	local dir=$WORK/run/$1 log=$WORK/logs/$1.build.log
	(
		cd "$dir" || exit 2
		export GOCACHE=$WORK/cache-warm
		if [ "$1" != zipkingen ]; then
			go get "go.opentelemetry.io/otel@$OTEL_VERSION" || exit 3
		fi
		go build ./...
	) >"$log" 2>&1
	case $? in
	0) BUILD="yes" ;;
	3) BUILD="not tried: go get go.opentelemetry.io/otel@$OTEL_VERSION failed" ;;
	*) BUILD="**no**: $(grep -c '\.go:[0-9]' "$log") errors, first: \`$(grep -m1 '\.go:[0-9]' "$log" | sed "s|$dir/||")\`" ;;
	esac
	log "$1: go build ./... of the output: $BUILD (log: $log)"
}

cell() {
	local w c
	read -r w wlo whi <<<"$(median "$1" "$2" 4)"
	read -r c _ _ <<<"$(median "$1" "$2" 5)"
	[ "$w" = - ] && {
		echo "—"
		return
	}
	printf '%s s (%s–%s; cpu %s s)' "$(secs "$w")" "$(secs "$wlo")" "$(secs "$whi")" "$(secs "$c")"
}

# ratio A B STATE FIELD: median of A over median of B (field 4 wall, 5 cpu).
ratio() {
	local a b
	read -r a _ _ <<<"$(median "$1" "$3" "${4:-4}")"
	read -r b _ _ <<<"$(median "$2" "$3" "${4:-4}")"
	awk -v a="$a" -v b="$b" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "—"; else printf (a / b < 10 ? "%.2f" : "%.0f"), a / b }'
}

# ratios LABEL TOOL: one row, zipkingen over TOOL, wall / cpu per state.
ratios() {
	local st row="| $1 |"
	for st in "${STATES[@]}"; do
		row="$row $(ratio zipkingen "$2" "$st" 4) / $(ratio zipkingen "$2" "$st" 5) |"
	done
	printf '%s\n' "$row"
}

report() {
	local t name what build counts
	{
		printf '## Generator speed (issue 6)\n\n'
		printf '`make genspeed` (corpus/genspeed.sh) on %s: %s lines of Go, %s non-test .go files' "$MODULE" "$LINES" "$NFILES"
		printf ' (%s of them generated or build-ignored, which every tool here leaves alone).\n' "$NSKIP"
		read -r l0 l1 llo lhi <<<"$(loads)"
		printf 'zipkingen %s; go-instrument %s; %s; %s cores, shared: 1-minute load average %s after the first timed run, %s after the last (%s–%s).\n' \
			"$SRC_DESC" "$GIDESC" "$(go version | cut -d' ' -f3-)" "$CORES" "$l0" "$l1" "$llo" "$lhi"
		printf 'Each step ran %s time(s), interleaved (cold, warm, edited; the four tools in turn within each), each on a fresh copy of the module;\n' "$RUNS"
		printf 'cells are the median wall time (min–max; median CPU time, user+sys, of the process and its children).\n'
		printf 'cold: a fresh empty GOCACHE per run, module cache filled. warm: a GOCACHE primed by one untimed run of each tool on the same files (go vet'\''s result is then cached). edited: the warm GOCACHE, every non-test .go file given a new trailing comment first, so none of the module'\''s packages is cached.\n\n'
		printf '| command | instrumented | files rewritten | cold | warm | edited | output builds |\n'
		printf '|---|--:|--:|--:|--:|--:|---|\n'
		for t in "${TOOLS[@]}"; do
			case $t in
			zipkingen) name='`zipkingen -all ./...`' ;;
			goinstrument) name='`find . -name '"'"'*.go'"'"' ! -name '"'"'*_test.go'"'"' \| xargs -I{} go-instrument -app '"$APP"' -w -skip-generated -filename {}`' ;;
			goinstrumentP) name='the same with `xargs -P '"$CORES"'`' ;;
			vet) name='`go vet ./...`' ;;
			esac
			counts=${COUNTS[$t]:-}
			what='—'
			files='—'
			if [ -n "$counts" ]; then
				read -r f fl ch <<<"$counts"
				what="$f functions in $fl files"
				files=$ch
			fi
			build=${BUILDS[$t]:-—}
			[ "$(exits "$t")" != 0 ] && build="$build; $(exits "$t") runs exited non-zero (logs in $WORK/logs)"
			printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$what" "$files" \
				"$(cell "$t" cold)" "$(cell "$t" warm)" "$(cell "$t" edited)" "$build"
		done
		printf '\nRatios of the medians, wall time / CPU time (below 1: zipkingen is faster; on a loaded machine CPU time is the steadier of the two):\n\n'
		printf '| ratio | cold | warm | edited |\n|---|--:|--:|--:|\n'
		ratios "zipkingen ÷ go-instrument" goinstrument
		ratios "zipkingen ÷ go-instrument -P $CORES" goinstrumentP
		ratios "zipkingen ÷ go vet" vet
		printf '\nWhat each counts as instrumented: zipkingen -all, functions and methods with a context source (by type: a context.Context, else an *http.Request, else a parameter with a Context() method; never the receiver'\''s own), in non-test, non-generated files; go-instrument, every function, method and function literal with a parameter declared as `name context.Context` (by syntax: not `_`, not unnamed, not an alias), in the file it is given (it skips generated files with -skip-generated and //go:build ignore files by itself), and puts a /*line*/ directive after the lines it inserts so that panics keep their line numbers (it reprints every file with go/format: a gofmt-clean file it does not instrument comes out unchanged). zipkingen loads and type-checks the module (go list, export data of its dependencies: hence the build cache matters); go-instrument parses one file at a time and needs no type information. go-instrument'\''s output needs go.opentelemetry.io/otel in go.mod; the build check adds it with go get at %s (the version bench/ uses).\n' "$OTEL_VERSION"
	} >"$OUT"
}

main() {
	local rep state t
	mkdir -p "$WORK/logs" "$WORK/bin" "$WORK/tmpl" "$WORK/run" "$(dirname "$OUT")"
	unset ZIPKIN_ENDPOINT
	if [ "${GENSPEED_REPORT_ONLY:-0}" = 1 ]; then
		# The zipkingen of the run being reported, not today's HEAD.
		SRC_DESC=$(sed -n 's/^# zipkingen //p' "$RAW" | head -n 1)
		SRC=$WORK/src
		[ "${CORPUS_TREE:-0}" = 1 ] && SRC=$ROOT
		[ -n "$SRC_DESC" ] && [ -x "$ZIPKINGEN" ] || die "no earlier run to report in $RAW"
	else
		log "building zipkingen"
		prepare_source || die "cannot build zipkingen"
	fi
	prepare_goinstrument
	OTEL_VERSION=$(cd "$ROOT/bench" && go list -m -f '{{.Version}}' go.opentelemetry.io/otel) || die "no otel version in bench/go.mod"
	PRISTINE=$(moddir "$MODULE") || die "cannot download $MODULE"
	APP=$(basename "${MODULE%@*}")
	case $APP in v[0-9]*) APP=$(basename "$(dirname "${MODULE%@*}")") ;; esac
	LINES=$(find "$PRISTINE" -name '*.go' -type f -print0 | xargs -0 cat | wc -l)
	NFILES=$(cd "$PRISTINE" && gofiles | tr -cd '\0' | wc -c)
	NSKIP=$(cd "$PRISTINE" && gofiles | xargs -0 grep -lE '^// Code generated .* DO NOT EDIT\.$|^//go:build ignore$' | wc -l)
	log "preparing copies of $MODULE"
	export GOCACHE=$WORK/cache-warm
	prepare_templates || die "cannot prepare the module's copies"
	unset GOCACHE
	if [ "${GENSPEED_REPORT_ONLY:-0}" = 1 ]; then
		[ -s "$RAW" ] || die "no raw times in $RAW"
		RUNS=$(awk '/^#/ { next } $3 != "prime" && $3 > n { n = $3 } END { print n + 0 }' "$RAW")
	else
		printf '# zipkingen %s\n' "$SRC_DESC" >"$RAW"
		log "priming the warm cache (one untimed run of each tool); load $(load)"
		for t in "${TOOLS[@]}"; do timed "$t" warm prime; done
		for rep in $(seq "$RUNS"); do
			for state in "${STATES[@]}"; do
				for t in "${TOOLS[@]}"; do
					timed "$t" "$state" "$rep"
				done
			done
		done
	fi
	# Counts and build checks on unedited output.
	declare -gA COUNTS BUILDS
	for t in "${TOOLS[@]}"; do
		[ "$t" = vet ] && continue
		setup "$t" cold count && (cd "$WORK/run/$t" && GOCACHE=$WORK/cache-warm run_tool "$t" >"$WORK/logs/$t.count.log" 2>&1)
		COUNTS[$t]=$(count "$t")
		if [ "$t" = goinstrumentP ] && diff -r -q "$WORK/run/goinstrument" "$WORK/run/$t" >/dev/null; then
			BUILDS[$t]="the same files as the serial run"
			continue
		fi
		builds "$t"
		BUILDS[$t]=$BUILD
	done
	report
	log "wrote $OUT (raw times: $RAW)"
	cat "$OUT"
}

main "$@"
