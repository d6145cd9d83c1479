#!/bin/sh
# pg.sh start|stop|dsn DIR: a throwaway PostgreSQL server for zipkinsql's
# behaviour tests, from Debian's packages (installed with apt-get when
# missing), listening only on a Unix socket in DIR (no TCP port at all),
# with its data in DIR/data. PostgreSQL refuses to run as root: as root,
# the server runs as the postgres user that Debian's package creates.
set -eu
cmd=${1:?usage: pg.sh start|stop|dsn DIR}
dir=${2:?usage: pg.sh start|stop|dsn DIR}

dsn="host=$dir user=zipkingen dbname=postgres sslmode=disable"

bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
dsn)
	echo "$dsn"
	;;
start)
	bin=$(bindir)
	if [ -z "$bin" ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "pg.sh: PostgreSQL is not installed; run: apt-get install -y postgresql" >&2
			exit 1
		fi
		echo "pg.sh: installing PostgreSQL from Debian's packages"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
		bin=$(bindir)
	fi
	if [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		echo "pg.sh: PostgreSQL already running in $dir"
		exit 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	as_pg "$bin/initdb" -D "$dir/data" -U zipkingen --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=50" start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	echo "pg.sh: $("$bin/postgres" --version) running on the Unix socket in $dir"
	;;
stop)
	bin=$(bindir)
	if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
		echo "pg.sh: PostgreSQL in $dir stopped"
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg.sh start|stop|dsn DIR" >&2
	exit 2
	;;
esac
