// Package docs holds the tests that keep the project's documentation honest:
// every Go snippet in README.md is compiled against the real runtime, and the
// README's before/after example is what the generator really writes.
package docs
