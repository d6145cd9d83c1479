package zipkinhttp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// statusHandler answers with the status in the path: /status/429.
func statusHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/status/{code}", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.PathValue("code"))
		w.WriteHeader(code)
	})
	return mux
}

func TestServerIsError(t *testing.T) {
	count429 := func(status int, err error) bool {
		return status == http.StatusTooManyRequests || DefaultIsError(status, err)
	}
	no503 := func(status int, err error) bool { return status >= 500 && status != 503 }
	for _, c := range []struct {
		name   string
		rule   ErrorRule
		status int
		want   string // the error tag, "" for none
	}{
		{"default 500", nil, 500, "500"},
		{"default 429", nil, 429, ""},
		{"default 404", nil, 404, ""},
		{"429 counted", count429, 429, "429"},
		{"404 still not", count429, 404, ""},
		{"503 not counted", no503, 503, ""},
		{"502 counted", no503, 502, "502"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, rec := newTracer(t, "svc", "")
			h := Middleware(statusHandler(), ServerOptions{Tracer: tr, IsError: c.rule})
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/status/"+strconv.Itoa(c.status), nil))
			sp := oneSpan(t, rec)
			if got, ok := sp.Tags["error"]; got != c.want || ok != (c.want != "") {
				t.Errorf("error tag %q (present %v), want %q", got, ok, c.want)
			}
			if sp.Tags["http.status_code"] != strconv.Itoa(c.status) {
				t.Errorf("status tag %q", sp.Tags["http.status_code"])
			}
		})
	}
}

func TestClientIsError(t *testing.T) {
	srv := httptest.NewServer(statusHandler())
	defer srv.Close()
	count404 := func(status int, err error) bool { return status == 404 || DefaultIsError(status, err) }
	notCanceled := func(status int, err error) bool {
		return !errors.Is(err, context.Canceled) && DefaultIsError(status, err)
	}
	for _, c := range []struct {
		name     string
		rule     ErrorRule
		status   int
		canceled bool
		want     bool
	}{
		{"default 404", nil, 404, false, false},
		{"default 500", nil, 500, false, true},
		{"default canceled", nil, 0, true, true},
		{"404 counted", count404, 404, false, true},
		{"canceled not counted", notCanceled, 0, true, false},
		{"500 still counted", notCanceled, 500, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, rec := newTracer(t, "client", "")
			client := &http.Client{Transport: Transport(nil, ClientOptions{Tracer: tr, IsError: c.rule})}
			ctx := context.Background()
			if c.canceled {
				cctx, cancel := context.WithCancel(ctx)
				cancel()
				ctx = cctx
			}
			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/status/"+strconv.Itoa(c.status), nil)
			resp, err := client.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			sp := oneSpan(t, rec)
			if _, got := sp.Tags["error"]; got != c.want {
				t.Errorf("error tag present %v, want %v (tags %v)", got, c.want, sp.Tags)
			}
		})
	}
}
