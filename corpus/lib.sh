# corpus/lib.sh: helpers shared by run.sh (make corpus) and genspeed.sh
# (make genspeed). Sourced, not run: the caller defines log and sets ROOT,
# WORK and ZIPKINGEN first.
# shellcheck shell=bash

# prepare_source sets SRC to the zipkingen tree under test (a snapshot of
# HEAD unless CORPUS_TREE=1) and SRC_DESC to its description, and builds
# the CLI from it into $ZIPKINGEN.
prepare_source() {
	if [ "${CORPUS_TREE:-0}" = 1 ]; then
		SRC=$ROOT
		SRC_DESC="working tree of $ROOT"
	else
		SRC=$WORK/src
		rm -rf "$SRC" && mkdir -p "$SRC" &&
			git -C "$ROOT" archive HEAD | tar -x -C "$SRC" || return 1
		SRC_DESC="commit $(git -C "$ROOT" rev-parse --short HEAD)"
	fi
	log "building zipkingen from the $SRC_DESC"
	(cd "$SRC" && go build -o "$ZIPKINGEN" ./cmd/zipkingen)
}

# moddir MODULE@VERSION: download through the module proxy and print the
# module's directory in the module cache.
moddir() {
	local json dir
	json=$(cd "$WORK" && go mod download -json "$1") || return 1
	dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
	[ -n "$dir" ] && [ -d "$dir" ] || { log "no Dir for $1: $json"; return 1; }
	printf '%s\n' "$dir"
}

# fresh_copy SRC DST: a writable copy of a module.
fresh_copy() {
	rm -rf "$2"
	cp -R "$1" "$2" && chmod -R u+w "$2"
}
