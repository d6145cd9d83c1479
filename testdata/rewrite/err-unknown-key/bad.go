// Package errunknownkey uses keys //zipkin:trace does not have.
package errunknownkey

import "context"

// Service has an unknown key.
//
//zipkin:trace service="users"
func Service(ctx context.Context) {}

// Late has an unknown key after a good one.
//
//zipkin:trace kind=client endpoint="db:5432"
func Late(ctx context.Context) {}
