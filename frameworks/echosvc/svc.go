// Package echosvc is an echo service: handlers take echo.Context, which
// has no Context method; the request's context is c.Request().Context().
package echosvc

//go:generate go tool zipkingen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zipkingen/zipkingen/frameworks/store"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// getUser joins the request's trace; store.Get is its child.
//
//zipkin:trace
func getUser(c echo.Context) (zipkinErr error) {
	req, span := zipkin.StartRequest(c.Request(), "echosvc.getUser") //zipkin:generated results
	c.SetRequest(req)                                                //zipkin:generated
	defer span.End(&zipkinErr)                                       //zipkin:generated
	u, err := store.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound, err.Error())
	}
	return c.String(http.StatusOK, u)
}

// New returns the service behind the zipkinhttp middleware.
func New() http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/users/:id", getUser)
	return zipkinhttp.Middleware(e, zipkinhttp.ServerOptions{})
}
