// Package ginsvc is a gin service: handlers take *gin.Context.
package ginsvc

//go:generate go tool zipkingen

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zipkingen/zipkingen/frameworks/store"
	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
	"github.com/zipkingen/zipkingen/runtime/zipkinhttp"
)

// API holds the handlers.
type API struct{}

// getItem joins the request's trace; store.Get, called with the request's
// context, is its child.
//
//zipkin:trace
//zipkin:tag item.id c.Param("id")
func (a *API) getItem(c *gin.Context) {
	req, span := zipkin.StartRequest(c.Request, "ginsvc.API.getItem") //zipkin:generated
	c.Request = req                                                   //zipkin:generated
	defer span.End(nil)                                               //zipkin:generated
	if span.IsRecording() {                                           //zipkin:generated
		span.Tag("item.id", c.Param("id")) //zipkin:generated
	} //zipkin:generated
	item, err := store.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		c.String(http.StatusNotFound, err.Error())
		return
	}
	c.String(http.StatusOK, item)
}

// getRaw passes gin's c itself as the context (*gin.Context implements
// context.Context): its Value consults the request's context, where the
// span is, only when the engine sets ContextWithFallback.
//
//zipkin:trace
func (a *API) getRaw(c *gin.Context) {
	req, span := zipkin.StartRequest(c.Request, "ginsvc.API.getRaw") //zipkin:generated
	c.Request = req                                                  //zipkin:generated
	defer span.End(nil)                                              //zipkin:generated
	item, _ := store.Get(c, c.Param("id"))
	c.String(http.StatusOK, item)
}

// New returns the service behind the zipkinhttp middleware.
func New() http.Handler {
	return zipkinhttp.Middleware(Engine(), zipkinhttp.ServerOptions{})
}

// Engine returns the gin engine alone.
func Engine() *gin.Engine { return engine(false) }

// FallbackEngine is Engine with ContextWithFallback set.
func FallbackEngine() *gin.Engine { return engine(true) }

func engine(fallback bool) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	a := &API{}
	r := gin.New()
	r.ContextWithFallback = fallback
	r.GET("/items/:id", a.getItem)
	r.GET("/raw/:id", a.getRaw)
	r.GET("/pair",
		//zipkin:trace name="pair.first"
		func(c *gin.Context) {
			req, span := zipkin.StartRequest(c.Request, "pair.first") //zipkin:generated
			c.Request = req                                           //zipkin:generated
			defer span.End(nil)                                       //zipkin:generated
			if _, err := store.Get(c.Request.Context(), "1"); err == nil {
				c.Next()
			}
		},
		//zipkin:trace name="pair.second"
		func(c *gin.Context) {
			req, span := zipkin.StartRequest(c.Request, "pair.second") //zipkin:generated
			c.Request = req                                            //zipkin:generated
			defer span.End(nil)                                        //zipkin:generated
			item, _ := store.Get(c.Request.Context(), "2")
			c.String(http.StatusOK, item)
		},
	)
	return r
}
