// Package tags tags spans with values of many static types.
package tags

import (
	"context"
	"errors"
	"time"
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
func Do(ctx context.Context, id string, n int, lvl Level, st Status, d time.Duration) error {
	err := errors.New("boom")
	//zipkin:tag failure err
	//zipkin:tag items []int{n}
	//zipkin:annotate "after " + id
	_ = err
	return nil
}
