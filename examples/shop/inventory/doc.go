// Package inventory is the example shop's inventory service, the shop's
// one gRPC hop: checkout reserves an item here before it charges for it.
// The service is defined by hand (a grpc.ServiceDesc and a JSON codec)
// rather than from a .proto file, so that the example needs no protoc;
// zipkingrpc traces it like any generated service.
package inventory
