// Package dbtest runs zipkinsql against real databases: SQLite
// (modernc.org/sqlite, pure Go) always, and PostgreSQL through pgx's
// database/sql driver when ZIPKINSQL_PG_DSN names a server. It is a module
// of its own so that the main module never requires either driver.
//
// make test starts a throwaway PostgreSQL (pg.sh, a Unix socket in a
// temporary folder) and sets ZIPKINSQL_PG_REQUIRED=1, which turns a
// missing server into a failure; a plain go test skips the PostgreSQL
// tests with a message instead.
package dbtest
