// Package tags tags spans with values of many static types.
package tags

import (
	"context"
	"errors"
	"time"

	"github.com/zipkingen/zipkingen/runtime/zipkin" //zipkin:generated
)

// Level is a named integer with a String method.
type Level int

func (l Level) String() string { return [...]string{"low", "high"}[l] }

// Status is a named string.
type Status string

// Do tags entry values and statement values.
//
//zipkin:trace
//zipkin:tag id id
//zipkin:tag count n
//zipkin:tag size uint(n)
//zipkin:tag ratio 0.5
//zipkin:tag ok n > 0
//zipkin:tag level lvl
//zipkin:tag status st
//zipkin:tag wait d
//zipkin:tag raw []byte(id)
//zipkin:tag const "fixed"
func Do(ctx context.Context, id string, n int, lvl Level, st Status, d time.Duration) (zipkinErr error) {
	_, span := zipkin.Start(ctx, "tags.Do") //zipkin:generated results
	defer span.End(&zipkinErr)              //zipkin:generated
	if span.IsRecording() {                 //zipkin:generated
		span.Tag("id", id)                    //zipkin:generated
		span.TagInt("count", int64(n))        //zipkin:generated
		span.TagUint("size", uint64(uint(n))) //zipkin:generated
		span.TagFloat("ratio", 0.5)           //zipkin:generated
		span.TagBool("ok", n > 0)             //zipkin:generated
		span.TagStringer("level", lvl)        //zipkin:generated
		span.Tag("status", string(st))        //zipkin:generated
		span.TagStringer("wait", d)           //zipkin:generated
		span.Tag("raw", string([]byte(id)))   //zipkin:generated
		span.Tag("const", "fixed")            //zipkin:generated
	} //zipkin:generated
	err := errors.New("boom")
	//zipkin:tag failure err
	//zipkin:tag items []int{n}
	//zipkin:annotate "after " + id
	if span.IsRecording() { //zipkin:generated
		span.TagError("failure", err)  //zipkin:generated
		span.TagAny("items", []int{n}) //zipkin:generated
		span.Annotate("after " + id)   //zipkin:generated
	} //zipkin:generated
	_ = err
	return nil
}
