package erronepass

import "context"

//zipkin:trace kind=sever
func BadKind(ctx context.Context) {}

//zipkin:annotate "misplaced"
//zipkin:trace
func Misplaced(ctx context.Context) {}

//zipkin:trace
//zipkin:tag user.id userID
func Undefined(ctx context.Context, id string) {
	//zipkin:annotate "at " + when
	_ = id
}
