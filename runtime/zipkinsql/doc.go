// Package zipkinsql traces database/sql with Zipkin: it wraps a driver's
// connector (or a driver registered by name) so that every operation that
// reaches the driver — query, exec, prepare, a prepared statement's query
// and exec, begin, commit, rollback, and on request ping and session
// reset — is a CLIENT span, a child of the span in the call's context.
//
//	db := sql.OpenDB(zipkinsql.WrapConnector(connector, zipkinsql.Options{RemoteService: "orders-db"}))
//	db, err := zipkinsql.Open("pgx", dsn, zipkinsql.Options{RemoteService: "orders-db"})
//
// The wrapper does not change what database/sql does: each wrapped value
// (connector, driver, connection, statement, rows) implements an optional
// interface of database/sql/driver exactly when the value it wraps does,
// so database/sql takes the same code paths with and without it, and
// every error the driver returns reaches database/sql unchanged.
//
// A call whose context carries no trace records nothing (Options.NewTraces
// changes that); a call in an unsampled trace, or with tracing disabled,
// costs a few nanoseconds and no allocation. Only calls made with a
// context can have a parent: database/sql passes one to drivers that
// implement the context interfaces (QueryerContext, ExecerContext,
// ConnPrepareContext, ConnBeginTx, StmtQueryContext, StmtExecContext),
// which every maintained driver does.
//
// The driver is handed the caller's context, not one holding the call's
// span: nothing below database/sql can be a child of a database call, so
// its span is a leaf (zipkin.Tracer.StartLeaf), whose memory the tracer's
// reporter hands back once the span is sent, and a sampled call allocates
// nothing either once spans are being reused.
package zipkinsql

//go:generate go run ./internal/gencombos
