package dbtest

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// backend is one real database the suite runs against.
type backend struct {
	name   string
	driver string // as registered with database/sql
	// dsn returns a data source for a fresh database (SQLite: a new file)
	// or fails the test.
	dsn func(t *testing.T) string
	// arg is the i-th (from 1) placeholder.
	arg func(i int) string
	// slow is a query that runs for about ten seconds.
	slow string
}

var sqlite = backend{
	name:   "sqlite",
	driver: "sqlite",
	dsn: func(t *testing.T) string {
		return "file:" + filepath.Join(t.TempDir(), "test.db") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
	},
	arg:  func(int) string { return "?" },
	slow: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c",
}

var postgres = backend{
	name:   "postgres",
	driver: "pgx",
	dsn: func(t *testing.T) string {
		dsn := os.Getenv("ZIPKINSQL_PG_DSN")
		if dsn == "" {
			if os.Getenv("ZIPKINSQL_PG_REQUIRED") != "" {
				t.Fatal("ZIPKINSQL_PG_REQUIRED is set but ZIPKINSQL_PG_DSN is not: no PostgreSQL server to test against")
			}
			t.Skip("no PostgreSQL: set ZIPKINSQL_PG_DSN (make test starts a server and sets it)")
		}
		return dsn
	},
	arg:  func(i int) string { return fmt.Sprintf("$%d", i) },
	slow: "SELECT pg_sleep(10)",
}

var backends = []backend{sqlite, postgres}

var tables atomic.Int64

// table creates a table of items for one test, with three rows, through
// a database that is not traced, and returns its name. PostgreSQL tests
// share one server, so every table has a name of its own and is dropped
// at the end.
func (b backend) table(t *testing.T, dsn string) string {
	t.Helper()
	db, err := sql.Open(b.driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("items_%d_%d", os.Getpid(), tables.Add(1))
	stmts := []string{
		"CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL)",
		"INSERT INTO " + name + " (id, name, price) VALUES (1, 'mug', 800), (2, 'book', 1500), (3, 'lamp', 3900)",
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %s: %v", b.name, s, err)
		}
	}
	t.Cleanup(func() {
		db, err := sql.Open(b.driver, dsn)
		if err == nil {
			db.Exec("DROP TABLE " + name)
			db.Close()
		}
	})
	return name
}

// q replaces each "?" in s with the backend's placeholder.
func (b backend) q(s string) string {
	var out strings.Builder
	n := 0
	for _, r := range s {
		if r == '?' {
			n++
			out.WriteString(b.arg(n))
			continue
		}
		out.WriteRune(r)
	}
	return out.String()
}
