package zipkingin_test

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/zipkingen/zipkingen/runtime/zipkingin"
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

type item struct{ ID string }

type store struct{}

func (store) Get(ctx context.Context, id string) (*item, error) { return &item{ID: id}, nil }

// A gin server whose spans are named by route ("GET /items/:id"), health
// checks left out; the handler's callees are children of the server span.
func ExampleMiddleware() {
	var db store
	r := gin.New()
	r.Use(gin.Recovery(), zipkingin.Middleware(zipkinhttp.ServerOptions{SkipPaths: []string{"/healthz"}}))
	r.GET("/items/:id", func(c *gin.Context) {
		it, err := db.Get(c.Request.Context(), c.Param("id")) // a child of "GET /items/:id"
		if err != nil {
			_ = c.AbortWithError(http.StatusInternalServerError, err) // its message is the span's error
			return
		}
		c.JSON(http.StatusOK, it)
	})
	r.GET("/healthz", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	_ = r.Run("127.0.0.1:8080")
}
