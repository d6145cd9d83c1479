module github.com/zipkingen/zipkingen/runtime/zipkinhttp/chitest

go 1.24.0

replace github.com/zipkingen/zipkingen => ../../..

require github.com/zipkingen/zipkingen v0.0.0-00010101000000-000000000000

require github.com/go-chi/chi/v5 v5.5.0
