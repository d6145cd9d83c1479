// Package zipkingin traces gin servers with Zipkin: a gin middleware that
// records a SERVER span per request, named by gin's route template
// ("GET /items/:id"), with the options and tags of zipkinhttp.Middleware.
//
// It is a module of its own, so that the zipkingen runtime stays free of
// third-party dependencies for programs that do not use gin.
package zipkingin
