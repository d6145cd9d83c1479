package bench

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/zipkingen/zipkingen/runtime/zipkinecho"
	"github.com/zipkingen/zipkingen/runtime/zipkingin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	"go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
)

// routerModes are BenchmarkMiddleware's modes for the router adapters,
// which zipkin-go has none of: the comparison is with OpenTelemetry's
// otelgin and otelecho.
var routerModes = []struct {
	name    string
	sampled string // the upstream decision in the headers
	ours    oursMode
	otel    otelMode
}{
	{"sampled", "1", oursSampled, otelSampled},
	{"unsampled", "0", oursUnsampled, otelUnsampled},
	{"disabled", "1", oursDisabled, otelDisabled},
}

// BenchmarkGin measures a server middleware in a gin engine with one
// route, called in process as BenchmarkMiddleware does: zipkingin against
// otelgin; "untraced" is the bare engine.
func BenchmarkGin(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	for _, mode := range routerModes {
		b.Run(mode.name, func(b *testing.B) {
			req := upstreamRequest(mode.sampled)
			b.Run("zipkingen", func(b *testing.B) {
				benchHandler(b, ginEngine(zipkingin.Middleware(zipkinhttp.ServerOptions{Tracer: newOursTracer(b, mode.ours)})), req)
			})
			b.Run("otel", func(b *testing.B) {
				mw := otelgin.Middleware("server",
					otelgin.WithTracerProvider(newOTelProvider(b, mode.otel)),
					otelgin.WithMeterProvider(metricnoop.NewMeterProvider()),
					otelgin.WithPropagators(propagation.TraceContext{}))
				benchHandler(b, ginEngine(mw), req)
			})
			b.Run("untraced", func(b *testing.B) { benchHandler(b, ginEngine(), req) })
		})
	}
}

// ginEngine is BenchmarkMiddleware's application as a gin engine.
func ginEngine(middleware ...gin.HandlerFunc) *gin.Engine {
	e := gin.New()
	e.Use(middleware...)
	e.GET("/users/:id", func(c *gin.Context) {
		c.Header("Content-Type", "text/plain")
		_, _ = c.Writer.Write([]byte("user " + c.Param("id")))
	})
	return e
}

// BenchmarkEcho is BenchmarkGin for echo: zipkinecho against otelecho.
func BenchmarkEcho(b *testing.B) {
	for _, mode := range routerModes {
		b.Run(mode.name, func(b *testing.B) {
			req := upstreamRequest(mode.sampled)
			b.Run("zipkingen", func(b *testing.B) {
				benchHandler(b, echoServer(zipkinecho.Middleware(zipkinhttp.ServerOptions{Tracer: newOursTracer(b, mode.ours)})), req)
			})
			b.Run("otel", func(b *testing.B) {
				mw := otelecho.Middleware("server",
					otelecho.WithTracerProvider(newOTelProvider(b, mode.otel)),
					otelecho.WithPropagators(propagation.TraceContext{}))
				benchHandler(b, echoServer(mw), req)
			})
			b.Run("untraced", func(b *testing.B) { benchHandler(b, echoServer(), req) })
		})
	}
}

// echoServer is BenchmarkMiddleware's application as an echo server.
func echoServer(middleware ...echo.MiddlewareFunc) *echo.Echo {
	e := echo.New()
	e.Use(middleware...)
	e.GET("/users/:id", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "text/plain", []byte("user "+c.Param("id")))
	})
	return e
}
