package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// syncBuffer is a log sink safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newServer starts the demo site on a real loopback server. local nil
// keeps the default (loopback means local).
func newServer(t *testing.T, local *bool) (*httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	h := newDemo(demoFS, log.New(logs, "", 0))
	if local != nil {
		v := *local
		h.IsLocal = func(*http.Request) bool { return v }
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

type response struct {
	code   int
	header http.Header
	body   string
}

func do(t *testing.T, srv *httptest.Server, method, target string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+target, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func ptr(b bool) *bool { return &b }

func TestRemoteGetsSafePage(t *testing.T) {
	srv, _ := newServer(t, ptr(false))
	m, ok := substatus.ByID("403.14")
	require.True(t, ok)
	r := do(t, srv, "GET", "/private/", nil)
	assert.Equal(t, http.StatusForbidden, r.code)
	assert.Contains(t, r.body, "403 Forbidden")
	assert.Contains(t, r.body, m.ClientText())
	for _, secret := range []string{"403.14", m.Label(), m.Description(), m.Causes(), m.Fixes(), "/private/", "IIS"} {
		assert.NotContains(t, r.body, secret, "remote page leaks %q", secret)
	}
}

func TestLocalGetsDetailedPage(t *testing.T) {
	srv, _ := newServer(t, ptr(true))
	m, ok := substatus.ByID("403.14")
	require.True(t, ok)
	r := do(t, srv, "GET", "/private/", nil)
	assert.Equal(t, http.StatusForbidden, r.code)
	for _, want := range []string{"403.14", m.Label(), m.Description(), m.Causes(), m.Fixes(), "<code>/private/</code>"} {
		assert.Contains(t, r.body, want)
	}
}

// TestRealLoopbackIsLocal runs with the default IsLocal: the test client
// connects over loopback, so it must get the detailed page.
func TestRealLoopbackIsLocal(t *testing.T) {
	srv, _ := newServer(t, nil)
	r := do(t, srv, "GET", "/app/config", nil)
	assert.Equal(t, http.StatusInternalServerError, r.code)
	assert.Contains(t, r.body, "500.19")
	m, ok := substatus.New(status.InternalServerError, 19).Lookup(substatus.Latest, substatus.ModuleCore)
	require.True(t, ok)
	assert.Contains(t, r.body, m.Label())
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		name, addr string
		want       bool
	}{
		{"ipv4 loopback", "127.0.0.1:5000", true},
		{"other 127 address", "127.0.0.2:5000", true},
		{"ipv6 loopback", "[::1]:5000", true},
		{"mapped loopback", "[::ffff:127.0.0.1]:80", true},
		{"private", "10.0.0.1:5000", false},
		{"public v6", "[2001:db8::1]:443", false},
		{"no port", "127.0.0.1", true},
		{"garbage", "localhost:80", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.addr
			assert.Equal(t, tc.want, IsLoopback(r))
		})
	}
}

func TestEscaping(t *testing.T) {
	srv, logs := newServer(t, ptr(true))
	r := do(t, srv, "GET", "/%3Cscript%3Ealert(1)%3C/script%3E?q=%3Cb%3E", nil)
	assert.Equal(t, http.StatusNotFound, r.code)
	assert.NotContains(t, r.body, "<script>")
	assert.NotContains(t, r.body, "<b>")
	assert.Contains(t, r.body, "<code>/&lt;script&gt;alert(1)&lt;/script&gt;?q=%3Cb%3E</code>")
	assert.Contains(t, logs.String(), " GET /%3Cscript%3Ealert(1)%3C/script%3E q=%3Cb%3E ")
}

func TestLanguages(t *testing.T) {
	m, ok := substatus.ByID("404.0")
	require.True(t, ok)
	tests := []struct {
		name, accept, lang string
	}{
		{"german", "de-DE,de;q=0.9,en;q=0.5", "de"},
		{"japanese", "ja", "ja"},
		{"garbage", "garbage;;;", "en"},
		{"none", "", "en"},
		{"unsupported", "pt-BR", "en"},
	}
	srv, _ := newServer(t, ptr(false))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, srv, "GET", "/nope", map[string]string{"Accept-Language": tc.accept})
			assert.Equal(t, http.StatusNotFound, r.code)
			assert.Equal(t, tc.lang, r.header.Get("Content-Language"))
			assert.Contains(t, r.body, `<html lang="`+tc.lang+`">`)
			tag := ui[languageOf(tc.lang)]
			assert.Contains(t, r.body, tag.Title)
			assert.Contains(t, r.body, m.ClientTextIn(languageOf(tc.lang)))
		})
	}
	r := do(t, srv, "GET", "/nope", map[string]string{"Accept-Language": "de"})
	assert.Contains(t, r.body, "Die angeforderte Ressource wurde nicht gefunden.", "a translated row, spelled out")
}

func TestCourtesyRedirect(t *testing.T) {
	srv, logs := newServer(t, ptr(false))
	tests := []struct {
		name, method, target string
		code                 int
		location             string
	}{
		{"directory", "GET", "/docs", http.StatusFound, "/docs/"},
		{"query kept", "GET", "/docs?a=1&b=%2F", http.StatusFound, "/docs/?a=1&b=%2F"},
		{"head", "HEAD", "/docs", http.StatusFound, "/docs/"},
		{"escaped name", "GET", "/private", http.StatusFound, "/private/"},
		{"with slash", "GET", "/docs/", http.StatusOK, ""},
		{"file", "GET", "/docs/readme.txt", http.StatusOK, ""},
		{"missing", "GET", "/nodir", http.StatusNotFound, ""},
		{"post to directory", "POST", "/docs", http.StatusMethodNotAllowed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, srv, tc.method, tc.target, nil)
			assert.Equal(t, tc.code, r.code)
			assert.Equal(t, tc.location, r.header.Get("Location"))
			if tc.code == http.StatusMethodNotAllowed {
				assert.Equal(t, "GET, HEAD", r.header.Get("Allow"))
			}
		})
	}
	assert.Contains(t, logs.String(), " GET /docs a=1&b=%2F 127.0.0.1 302 0 ")
}

func TestLogLine(t *testing.T) {
	srv, logs := newServer(t, ptr(false))
	do(t, srv, "GET", "/private/", nil)
	do(t, srv, "GET", "/app/busy", nil)
	do(t, srv, "GET", "/", nil)
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GET /private/ - 127\.0\.0\.1 403 14 \d+ \d+$`, lines[0])
	assert.Regexp(t, ` GET /app/busy - 127\.0\.0\.1 503 2 \d+ \d+$`, lines[1])
	assert.Regexp(t, ` GET / - 127\.0\.0\.1 200 0 \d+ \d+$`, lines[2])
	assert.Equal(t, len(strings.Fields(strings.TrimPrefix(Fields, "#Fields: "))), len(strings.Fields(lines[0])), "line matches #Fields")
}

func TestHeadHasNoBody(t *testing.T) {
	srv, logs := newServer(t, ptr(true))
	r := do(t, srv, "HEAD", "/private/", nil)
	assert.Equal(t, http.StatusForbidden, r.code)
	assert.Empty(t, r.body)
	assert.Contains(t, logs.String(), "HEAD /private/ - 127.0.0.1 403 14 0 ")

	// A recorder does not drop bodies as the server does: the middleware
	// itself must not write one.
	h := newDemo(demoFS, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("HEAD", "/private/", nil))
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Zero(t, rec.Body.Len())
}

func TestErrorOutsideHandler(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/x", nil) // RemoteAddr 192.0.2.1: remote
	Error(rec, req, substatus.New(status.Forbidden, 14))
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.NotContains(t, rec.Body.String(), "403.14", "no Handler: never detailed")

	rec = httptest.NewRecorder()
	Error(rec, req, substatus.Code{})
	assert.Equal(t, http.StatusInternalServerError, rec.Code, "invalid code becomes 500")
}

func TestRunFlags(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"-nope"}, io.Discard, &stderr))
	assert.Equal(t, 2, run([]string{"extra"}, io.Discard, &stderr))
	var stdout bytes.Buffer
	assert.Equal(t, 1, run([]string{"-addr", "256.0.0.1:bad"}, &stdout, &stderr))
	assert.Equal(t, Fields+"\n", stdout.String())
}

func languageOf(s string) language.Tag { return language.MustParse(s) }

// TestSetSubstatus covers a handler that writes its own response and only
// records the substatus for the log.
func TestSetSubstatus(t *testing.T) {
	logs := &syncBuffer{}
	h := &Handler{
		Next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, ok := w.(SubstatusSetter)
			require.True(t, ok)
			s.SetSubstatus(2)
			http.Error(w, "no", http.StatusUnauthorized)
		}),
		Log: log.New(logs, "", 0),
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	r := do(t, srv, "GET", "/api", nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Contains(t, logs.String(), " GET /api - 127.0.0.1 401 2 3 ")
}
