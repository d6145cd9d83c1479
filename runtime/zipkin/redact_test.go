package zipkin

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

const secret = "HUNTER2"

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:9411/api/v2/spans":                       "http://127.0.0.1:9411/api/v2/spans",
		"http://user:HUNTER2@127.0.0.1:9411":                       "http://user:xxxxx@127.0.0.1:9411",
		"htp://user:HUNTER2@127.0.0.1:9411/x":                      "htp://user:xxxxx@127.0.0.1:9411/x",
		"https://c.example/api/v2/spans?api-key=HUNTER2&region=eu": "https://c.example/api/v2/spans?api-key=xxxxx&region=xxxxx",
		"http://h/?HUNTER2":                                        "http://h/?xxxxx",
		"http://h/p#HUNTER2":                                       "http://h/p#xxxxx",
		"http://h/p?k=HUNTER2#frag":                                "http://h/p?k=xxxxx#xxxxx",
		"http://u:p%zzHUNTER2@h":                                   "http://u:xxxxx@h",
		"user:HUNTER2@127.0.0.1:9411":                              "user:xxxxx@127.0.0.1:9411",
		"http://a:b@c:HUNTER2@h/":                                  "http://a:xxxxx@h/",
		"http://user:***@127.0.0.1:1/api?api-key=HUNTER2":          "http://user:xxxxx@127.0.0.1:1/api?api-key=xxxxx",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func noSecret(t *testing.T, where, text string) {
	t.Helper()
	if strings.Contains(text, secret) {
		t.Errorf("%s prints the secret: %s", where, text)
	}
}

// An invalid ZIPKIN_ENDPOINT is reported without its password or query
// values, by OptionsFromEnv and on the default tracer's stderr line.
func TestInvalidEndpointIsPrintedRedacted(t *testing.T) {
	for _, v := range []string{
		"htp://user:HUNTER2@127.0.0.1:9411",
		"http://user:HUNTER2@",
		"http://user:HUNTER2@127.0.0.1:9411/%zz?api-key=HUNTER2",
		"http://127.0.0.1:9411/%zz?api-key=HUNTER2",
		"ftp://127.0.0.1/?token=HUNTER2",
	} {
		getenv := func(k string) string {
			if k == envEndpoint {
				return v
			}
			return ""
		}
		_, err := OptionsFromEnv(getenv)
		if err == nil {
			t.Fatalf("%s: no error", v)
		}
		noSecret(t, "OptionsFromEnv", err.Error())
		if !strings.Contains(err.Error(), "ZIPKIN_ENDPOINT") {
			t.Errorf("error does not name the variable: %v", err)
		}
		var stderr bytes.Buffer
		tracerFromEnv(getenv, &stderr)
		noSecret(t, "the default tracer's stderr", stderr.String())
		if !strings.Contains(stderr.String(), "xxxxx") {
			t.Errorf("stderr does not show where the secret was: %s", stderr.String())
		}
	}
}

// A delivery error names the collector URL: the error log and
// Stats.LastError show it with the password and query values redacted.
func TestDeliveryErrorIsPrintedRedacted(t *testing.T) {
	var log syncBuffer
	tr, err := New(Options{
		ServiceName: "svc",
		Endpoint:    "http://user:HUNTER2@127.0.0.1:1/api/v2/spans?api-key=HUNTER2",
		ErrorOutput: &log,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = tr.Shutdown(ctx)
	}()
	_, s := tr.Start(context.Background(), "op")
	s.End(nil)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_ = tr.Flush(ctx)
	deadline := time.Now().Add(10 * time.Second)
	for tr.Stats().LastError == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	last := tr.Stats().LastError
	if last == "" {
		t.Fatal("no delivery error recorded")
	}
	noSecret(t, "Stats.LastError", last)
	noSecret(t, "the error log", log.String())
	for what, text := range map[string]string{"Stats.LastError": last, "the error log": log.String()} {
		if !strings.Contains(text, "api-key=xxxxx") {
			t.Errorf("%s does not show the redacted URL: %s", what, text)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the reporter's goroutine and the
// test's.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// FuzzRedactURL: whatever surrounds them, a password in the userinfo and
// a query value never come out, and redacting twice changes nothing.
func FuzzRedactURL(f *testing.F) {
	f.Add("127.0.0.1:9411", "HUNTER22", "/api/v2/spans")
	f.Add("h@x", "s3cr3tpw", "/p#frag")
	f.Add("[::1]:9411", "passw0rd", "/%zz")
	f.Fuzz(func(t *testing.T, host, pass, path string) {
		if len(pass) < 6 || strings.Trim(pass, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" ||
			strings.Contains(host+path, pass) || strings.Contains(redacted, pass) {
			t.Skip()
		}
		if strings.ContainsAny(path, "?#") {
			path = "" // the query below must be the query
		}
		in := "http://user:" + pass + "@" + host + path + "?key=" + pass
		out := redactURL(in)
		if strings.Contains(out, pass) {
			t.Errorf("redactURL(%q) = %q shows the secret", in, out)
		}
		if again := redactURL(out); again != out {
			t.Errorf("redacting %q again gives %q", out, again)
		}
	})
}
