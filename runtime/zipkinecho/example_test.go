package zipkinecho_test

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/zipkingen/zipkingen/runtime/zipkinecho"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

type item struct{ ID string }

type store struct{}

func (store) Get(ctx context.Context, id string) (*item, error) { return &item{ID: id}, nil }

// An echo server whose spans are named by route ("GET /items/:id"); the
// handler's callees are children of the server span.
func ExampleMiddleware() {
	var db store
	e := echo.New()
	e.Use(middleware.Recover(), zipkinecho.Middleware(zipkinhttp.ServerOptions{}))
	e.GET("/items/:id", func(c echo.Context) error {
		it, err := db.Get(c.Request().Context(), c.Param("id")) // a child of "GET /items/:id"
		if err != nil {
			return err // a 500 from echo's error handler, its message the span's error
		}
		return c.JSON(http.StatusOK, it)
	})
	_ = e.Start("127.0.0.1:8080")
}
