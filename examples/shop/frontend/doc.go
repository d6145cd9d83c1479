// Package frontend is the example shop's web front: it looks items up in the
// catalog and buys them through checkout. It is the edge of every trace the
// demo's driver starts.
package frontend
