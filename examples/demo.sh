#!/usr/bin/env bash
# make demo: what zipkingen adds to a package, then the example shop running
# with -trees: every service reports its spans to the driver, which acts as
# a Zipkin collector on loopback and prints each request's whole trace, across
# the services, as one tree. Loopback only, no collector to install, under a
# minute. (ZIPKIN_ENDPOINT=stderr instead shows each service's own part.)
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
echo "== the shop: services and a driver, their spans collected by the driver (shop -trees) =="
cd "$root/examples" # the shop is a module of its own
go run ./shop/cmd/shop -trees
