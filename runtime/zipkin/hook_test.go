package zipkin

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// handlerTracer is a tracer recording into a Recorder through o's pipeline.
func handlerTracer(t *testing.T, o Options) (*Tracer, *Recorder) {
	t.Helper()
	rec := NewRecorder()
	o.Reporter = rec
	o.ServiceName = "test"
	return newTracer(t, o), rec
}

func TestSpanHandlerEditsBeforeTheReporter(t *testing.T) {
	tr, rec := handlerTracer(t, Options{SpanHandler: func(s *FinishedSpan) bool {
		if s.Name() == "health" {
			return false
		}
		s.SetName("renamed " + s.Name())
		if v, ok := s.Tag("user"); !ok || v != "alice" {
			t.Errorf("Tag(user) = %q, %v", v, ok)
		}
		if v, _ := s.Tag("n"); v != "42" {
			t.Errorf("typed tag n = %q, want 42", v)
		}
		s.DeleteTag("user")
		s.SetTag("added", "yes")
		s.EditTags(func(k, v string) (string, bool) {
			if k == "drop.me" {
				return "", false
			}
			return strings.ToUpper(v), true
		})
		s.EditAnnotations(func(a Annotation) (string, bool) {
			return "edited " + a.Value, a.Value != "noise"
		})
		return true
	}})
	_, s := tr.Start(t.Context(), "op")
	s.Tag("user", "alice")
	s.TagInt("n", 42)
	s.Tag("drop.me", "x")
	s.Tag("keep", "v")
	s.Annotate("noise")
	s.Annotate("cache miss")
	s.End(nil)
	_, h := tr.Start(t.Context(), "health")
	h.End(nil)

	spans := rec.Spans()
	if len(spans) != 1 {
		t.Fatalf("%d spans reported, want 1 (health dropped)", len(spans))
	}
	got := spans[0]
	if got.Name != "renamed op" {
		t.Errorf("name %q", got.Name)
	}
	want := map[string]string{"n": "42", "keep": "V", "added": "YES"}
	if fmt.Sprint(got.Tags) != fmt.Sprint(want) {
		t.Errorf("tags %v, want %v", got.Tags, want)
	}
	if len(got.Annotations) != 1 || got.Annotations[0].Value != "edited cache miss" {
		t.Errorf("annotations %+v", got.Annotations)
	}
	st := tr.Stats()
	if st.Dropped[DropHandler] != 1 || st.Reported != 1 || st.Reported+st.TotalDropped() != st.Sampled {
		t.Errorf("stats %+v", st)
	}
	if DropHandler.String() != "handler" {
		t.Errorf("DropHandler is %q", DropHandler)
	}
}

// TestSpanHandlerOrderAfterDeletes checks deletions anywhere among inline
// and spilled tags and annotations against a plain list.
func TestSpanHandlerOrderAfterDeletes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		nTags, nAnns := r.IntN(7), r.IntN(5)
		delTag := map[string]bool{}
		delAnn := map[string]bool{}
		var wantTags, wantAnns []string
		for i := range nTags {
			k := fmt.Sprintf("k%d", i)
			if r.IntN(2) == 0 {
				delTag[k] = true
			} else {
				wantTags = append(wantTags, k)
			}
		}
		for i := range nAnns {
			a := fmt.Sprintf("a%d", i)
			if r.IntN(2) == 0 {
				delAnn[a] = true
			} else {
				wantAnns = append(wantAnns, a)
			}
		}
		var extra string
		if r.IntN(2) == 0 {
			extra = "late"
			wantTags = append(wantTags, extra)
		}
		tr, _ := handlerTracer(t, Options{SpanHandler: func(s *FinishedSpan) bool {
			for k := range delTag {
				if !s.DeleteTag(k) {
					t.Errorf("DeleteTag(%s) found nothing", k)
				}
			}
			s.EditAnnotations(func(a Annotation) (string, bool) { return a.Value, !delAnn[a.Value] })
			if extra != "" {
				s.SetTag(extra, "v")
			}
			return true
		}})
		_, s := tr.Start(t.Context(), "op")
		for i := range nTags {
			s.Tag(fmt.Sprintf("k%d", i), "v")
		}
		for i := range nAnns {
			s.Annotate(fmt.Sprintf("a%d", i))
		}
		s.End(nil)
		var gotTags, gotAnns []string
		for i := range s.tagCount() {
			gotTags = append(gotTags, s.tagAt(i).key)
		}
		for i := range s.annotationCount() {
			gotAnns = append(gotAnns, s.annotationAt(i).value)
		}
		if fmt.Sprint(gotTags) != fmt.Sprint(wantTags) || fmt.Sprint(gotAnns) != fmt.Sprint(wantAnns) {
			t.Fatalf("round %d: tags %v annotations %v, want %v %v", round, gotTags, gotAnns, wantTags, wantAnns)
		}
		if js := string(AppendJSON(nil, s)); strings.Count(js, `"k`) != strings.Count(strings.Join(wantTags, " "), "k") {
			t.Fatalf("round %d: JSON %s disagrees with %v", round, js, wantTags)
		}
	}
}

func TestRedactTags(t *testing.T) {
	var buf bytes.Buffer
	o := Options{
		ServiceName: "api",
		RedactTags:  []string{"password", "*.token", "*secret*"},
		Reporter:    NewDebugReporter(&syncWriter{w: &buf}),
	}
	tr := newTracer(t, o)
	_, s := tr.Start(t.Context(), "login")
	s.Tag("Password", "hunter2")
	s.Tag("auth.token", "tok-123")
	s.TagInt("client_secret_id", 4242424242) // no trace ID holds this by chance
	s.Tag("user", "alice")
	s.Tag("token", "not.matched.by.star-dot-token")
	s.End(nil)
	out := buf.String()
	for _, secret := range []string{"hunter2", "tok-123", "4242424242"} {
		if strings.Contains(out, secret) {
			t.Errorf("debug output shows %q:\n%s", secret, out)
		}
	}
	if strings.Count(out, RedactedValue) != 3 || !strings.Contains(out, "alice") || !strings.Contains(out, "not.matched") {
		t.Errorf("want 3 redacted values, alice and the plain token kept:\n%s", out)
	}
}

func TestRedactTagsBeforeHandlerAndAfterIt(t *testing.T) {
	tr, rec := handlerTracer(t, Options{RedactTags: []string{"*secret*"}, SpanHandler: func(s *FinishedSpan) bool {
		if v, _ := s.Tag("db.secret"); v != RedactedValue {
			t.Errorf("handler saw %q", v)
		}
		s.SetTag("my.secret", "leak") // redacted on the way in
		s.EditTags(func(k, v string) (string, bool) { return "restored", true })
		return true
	}})
	_, s := tr.Start(t.Context(), "op")
	s.Tag("db.secret", "pw")
	s.Tag("plain", "v")
	s.End(nil)
	got := rec.Spans()[0].Tags
	want := map[string]string{"db.secret": RedactedValue, "plain": "restored", "my.secret": RedactedValue}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tags %v, want %v", got, want)
	}
}

func TestRedactTagsFromEnv(t *testing.T) {
	o, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_REDACT_TAGS": " password, *.token ,,*secret*"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"password", "*.token", "*secret*"}; fmt.Sprint(o.RedactTags) != fmt.Sprint(want) {
		t.Errorf("RedactTags %q, want %q", o.RedactTags, want)
	}
	if _, err := OptionsFromEnv(envOf(map[string]string{"ZIPKIN_REDACT_TAGS": "pass word"})); err == nil || !strings.Contains(err.Error(), "ZIPKIN_REDACT_TAGS") {
		t.Errorf("white space inside a pattern: err %v", err)
	}
	if _, err := New(Options{RedactTags: []string{"ok", " "}}); err == nil {
		t.Error("an empty pattern in code is accepted")
	}
}

func TestSpanHandlerPanicDrops(t *testing.T) {
	var log bytes.Buffer
	tr, rec := handlerTracer(t, Options{ErrorOutput: &log, SpanHandler: func(s *FinishedSpan) bool { panic("boom") }})
	func() {
		_, s := tr.Start(t.Context(), "op")
		defer s.End(nil)
	}()
	if n := len(rec.Spans()); n != 0 {
		t.Errorf("%d spans reported", n)
	}
	if st := tr.Stats(); st.Dropped[DropHandler] != 1 {
		t.Errorf("stats %+v", st)
	}
	if !strings.Contains(log.String(), "boom") {
		t.Errorf("log %q", log.String())
	}
}

// TestSpanHandlerRace ends spans on many goroutines while others keep
// mutating them (late mutations) and the handler edits them: go test
// -race checks the handler's access.
func TestSpanHandlerRace(t *testing.T) {
	tr, rec := handlerTracer(t, Options{RedactTags: []string{"k"}, SpanHandler: func(s *FinishedSpan) bool {
		s.SetName("x")
		s.SetTag("k", "v")
		s.EditTags(func(k, v string) (string, bool) { return v, true })
		return true
	}})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				ctx, s := tr.Start(context.Background(), "op")
				done := make(chan struct{})
				go func() {
					Tag(ctx, "late", "v")
					SpanFromContext(ctx).SetName("late")
					close(done)
				}()
				s.End(nil)
				<-done
			}
		}()
	}
	wg.Wait()
	if n := len(rec.Spans()); n != 800 {
		t.Errorf("%d spans", n)
	}
}

func TestMatchGlob(t *testing.T) {
	for _, c := range []struct {
		pat, name  string
		fold, want bool
	}{
		{"password", "password", true, true},
		{"password", "PassWord", true, true},
		{"password", "PassWord", false, false},
		{"password", "password2", true, false},
		{"*.token", "auth.token", true, true},
		{"*.token", "token", true, false},
		{"*secret*", "secret", true, true},
		{"*secret*", "my_SECRET_key", true, true},
		{"/api/*", "/api/v1/users", false, true},
		{"/api/*/items", "/api/v1/items", false, true},
		{"/api/*/items", "/api/v1/items/2", false, false},
		{"a*b*c", "aXbYbZc", false, true},
		{"a*b*c", "aXbYbZ", false, false},
		{"*", "", false, true},
		{"", "", false, true},
		{"", "x", false, false},
	} {
		if got := matchGlob(c.pat, c.name, c.fold); got != c.want {
			t.Errorf("matchGlob(%q, %q, %v) = %v, want %v", c.pat, c.name, c.fold, got, c.want)
		}
	}
}

// globRegexp is matchGlob's meaning spelled as a regular expression.
func globRegexp(pat string, fold bool) *regexp.Regexp {
	parts := strings.Split(pat, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	flags := "(?s)"
	if fold {
		flags = "(?is)"
	}
	return regexp.MustCompile(flags + "^" + strings.Join(parts, ".*") + "$")
}

func FuzzRedactTags(f *testing.F) {
	f.Add("password,*.token,*secret*", "auth.token")
	f.Add("a*b*c", "aXbYbZc")
	f.Add("**x*", "xyz")
	f.Fuzz(func(t *testing.T, list, key string) {
		patterns, err := ParseRedactTags(list)
		if err != nil {
			return
		}
		for _, p := range patterns {
			if p == "" || strings.ContainsAny(p, ", \t") {
				t.Fatalf("ParseRedactTags(%q) gave pattern %q", list, p)
			}
			if !isASCII(p) || !isASCII(key) {
				continue // the regexp folds Unicode, matchGlob only ASCII
			}
			if got, want := matchGlob(p, key, true), globRegexp(p, true).MatchString(key); got != want {
				t.Fatalf("matchGlob(%q, %q) = %v, regexp says %v", p, key, got, want)
			}
		}
		if err := validateRedactTags(patterns); err != nil {
			t.Fatalf("parsed patterns %q fail validation: %v", patterns, err)
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
