// Package chitest tests zipkinhttp.Middleware inside a chi router (a module
// of its own, so that zipkinhttp stays standard-library only): registered
// with r.Use, it names server spans by chi's route pattern.
package chitest
