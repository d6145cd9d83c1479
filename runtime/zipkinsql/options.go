package zipkinsql

import (
	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// Span names, one per operation; Options.SpanName receives them.
const (
	OpQuery        = "sql.query"         // QueryContext, on the connection or a prepared statement
	OpExec         = "sql.exec"          // ExecContext, on the connection or a prepared statement
	OpPrepare      = "sql.prepare"       // PrepareContext
	OpBegin        = "sql.begin"         // BeginTx
	OpCommit       = "sql.commit"        // Tx.Commit
	OpRollback     = "sql.rollback"      // Tx.Rollback
	OpPing         = "sql.ping"          // Ping, when Options.Ping is set
	OpResetSession = "sql.reset_session" // ResetSession, when Options.ResetSession is set
	OpConnect      = "sql.connect"       // Connector.Connect, when Options.Connect is set
)

// Tag keys.
const (
	// TagQuery holds the statement text (never its arguments), cut to
	// Options.MaxQueryBytes.
	TagQuery = "sql.query"
	// TagBadConn is "true" on a span whose call failed with
	// driver.ErrBadConn: database/sql retries such a call on another
	// connection, so the failed attempt is not tagged error; the retry has
	// its own span, and the caller's span shows the error if every attempt
	// failed.
	TagBadConn = "sql.bad_conn"
	// TagSkipped is "true" on a span whose call the driver declined with
	// driver.ErrSkip: database/sql then takes its fallback path (prepare,
	// then the statement's query or exec), whose spans follow.
	TagSkipped = "sql.skipped"
)

// DefaultMaxQueryBytes is the length at which the sql.query tag is cut
// when Options.MaxQueryBytes is zero.
const DefaultMaxQueryBytes = 2048

// Options configures the wrapper. The zero value traces every operation
// except ping and session reset with the default tracer, under the
// caller's span, with the statement text as a tag.
type Options struct {
	// Tracer records the spans. Nil: zipkin.Default(), looked up per call.
	Tracer *zipkin.Tracer
	// RemoteService is the remote endpoint's service name: the database,
	// as Zipkin's dependency graph shows it. Empty: absent.
	RemoteService string
	// SpanName names a span from its operation (OpQuery, ...) and the
	// statement text ("" for begin, commit, rollback, ping and reset).
	// Nil: the operation. VerbSpanName names query and exec spans by the
	// statement's verb.
	SpanName func(op, query string) string
	// NewTraces starts a new trace for a call whose context carries none.
	// False: such calls record nothing, so that connection pool upkeep and
	// background jobs do not flood the collector with one-span traces.
	NewTraces bool
	// OmitQuery leaves out the sql.query tag (statement text). Arguments
	// are never recorded.
	OmitQuery bool
	// MaxQueryBytes caps the sql.query tag, cut at a UTF-8 boundary and
	// marked with "…". Zero or negative: DefaultMaxQueryBytes.
	MaxQueryBytes int
	// UntilRowsClosed makes a query's span last until its rows are closed
	// (the time the caller spends reading them included), and records an
	// error from reading the rows (io.EOF, the end of the rows, is not an
	// error). False: the span ends when the driver's query returns.
	UntilRowsClosed bool
	// Ping records a span for each Ping (database/sql pings on DB.Ping and
	// PingContext only).
	Ping bool
	// ResetSession records a span for each session reset, which
	// database/sql does before it reuses a pooled connection.
	ResetSession bool
	// Connect records a span for each new connection (dialing and
	// authenticating), which database/sql opens inside the call that
	// finds no idle one, under that call's context; connections that
	// database/sql opens in the background have no trace to join.
	// Only a connector's Connect has a context: connections opened
	// through a driver registered by name without driver.DriverContext
	// (driver.Driver.Open) have no span.
	Connect bool
}
