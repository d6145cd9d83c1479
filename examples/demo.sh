#!/usr/bin/env bash
# make demo: what zipkingen adds to a package, then the example shop running
# with the debug reporter (ZIPKIN_ENDPOINT=stderr): every service prints its
# part of each trace as a tree. Loopback only, no collector, under a minute.
#
# Usage: examples/demo.sh PATH-TO-ZIPKINGEN
set -euo pipefail
zipkingen=${1:?usage: demo.sh PATH-TO-ZIPKINGEN}
root=$(cd "$(dirname "$0")/.." && pwd)
pkg=examples/shop/payments
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A throwaway module holding a copy of one example package, so that the
# generator can strip and re-instrument it without touching the tree.
mkdir -p "$tmp/payments"
cp "$root/$pkg"/*.go "$tmp/payments/"
cp "$root/go.sum" "$tmp/go.sum"
cat > "$tmp/go.mod" <<MOD
module demo

go 1.24.0

require github.com/zipkingen/zipkingen v0.0.0

replace github.com/zipkingen/zipkingen => $root
MOD

echo "== what zipkingen adds to $pkg (zipkingen -strip, then zipkingen -diff) =="
(cd "$tmp" && "$zipkingen" -strip ./payments && "$zipkingen" -diff ./payments)
echo
echo "== the shop: 5 services and a driver, ZIPKIN_ENDPOINT=stderr =="
cd "$root/examples" # the shop is a module of its own
ZIPKIN_ENDPOINT=stderr go run ./shop/cmd/shop
