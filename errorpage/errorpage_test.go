package errorpage

import (
	"bufio"
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
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

// testDirs are the directories of the test site.
var testDirs = map[string]bool{"/": true, "/docs": true, "/private": true}

// newSite returns the test site behind a Handler: /docs/ has an index,
// /private/ has none (403.14), /app/config fails with 500.19, /app/busy
// with 503.2, anything else is 404.0.
func newSite(logger *log.Logger) *Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/app/config", func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, substatus.New(status.InternalServerError, 19))
	})
	mux.HandleFunc("/app/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		Error(w, r, substatus.New(status.ServiceUnavailable, 2))
	})
	mux.HandleFunc("/docs/{$}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "docs index\n") })
	mux.HandleFunc("/docs/readme.txt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "a file\n") })
	mux.HandleFunc("/private/{$}", func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, substatus.New(status.Forbidden, 14))
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "home\n") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, substatus.New(status.NotFound, 0))
	})
	return &Handler{Next: mux, IsDir: func(p string) bool { return testDirs[p] }, Log: logger}
}

// newServer starts the test site on a real loopback server. local nil
// keeps the default locality rule (loopback and not forwarded).
func newServer(t *testing.T, local *bool) (*httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	h := newSite(log.New(logs, "", 0))
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

// do sends a request to srv; target is sent as given, not cleaned (like
// curl --path-as-is).
func do(t *testing.T, srv *httptest.Server, method, target string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+target, nil)
	require.NoError(t, err)
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
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

// doRaw writes request bytes to srv over TCP, for request targets that
// the Go client would not send, and returns the status line and headers.
func doRaw(t *testing.T, srv *httptest.Server, request string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, request)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	return resp
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
// connects over loopback, so it gets the detailed page.
func TestRealLoopbackIsLocal(t *testing.T) {
	srv, _ := newServer(t, nil)
	r := do(t, srv, "GET", "/app/config", nil)
	assert.Equal(t, http.StatusInternalServerError, r.code)
	assert.Contains(t, r.body, "500.19")
	m, ok := substatus.New(status.InternalServerError, 19).Lookup(substatus.Latest, substatus.ModuleCore)
	require.True(t, ok)
	assert.Contains(t, r.body, m.Label())
}

// TestForwardedIsRemote: a request from 127.0.0.1 that carries a
// forwarding header came through a proxy on this machine and gets the
// safe page, unless the proxy is trusted and forwards a loopback client.
func TestForwardedIsRemote(t *testing.T) {
	tests := []struct {
		name    string
		header  map[string]string
		trusted []netip.Prefix
		local   bool
	}{
		{"no header", nil, nil, true},
		{"x-forwarded-for", map[string]string{"X-Forwarded-For": "203.0.113.9"}, nil, false},
		{"forwarded", map[string]string{"Forwarded": "for=203.0.113.9"}, nil, false},
		{"x-real-ip", map[string]string{"X-Real-IP": "203.0.113.9"}, nil, false},
		{"via", map[string]string{"Via": "1.1 proxy"}, nil, false},
		{"forged loopback, untrusted", map[string]string{"X-Forwarded-For": "127.0.0.1"}, nil, false},
		{"trusted proxy, remote client", map[string]string{"X-Forwarded-For": "203.0.113.9"}, loopbackNet, false},
		{"trusted proxy, local client", map[string]string{"X-Forwarded-For": "127.0.0.1"}, loopbackNet, true},
		{"trusted proxy, forged loopback before remote", map[string]string{"X-Forwarded-For": "127.0.0.1, 203.0.113.9"}, loopbackNet, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuffer{}
			h := newSite(log.New(logs, "", 0))
			h.TrustedProxies = tc.trusted
			srv := httptest.NewServer(h)
			defer srv.Close()
			r := do(t, srv, "GET", "/private/", tc.header)
			assert.Equal(t, http.StatusForbidden, r.code)
			assert.Equal(t, tc.local, strings.Contains(r.body, "403.14"), "detailed page")
		})
	}
}

var loopbackNet = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

func TestEscaping(t *testing.T) {
	srv, logs := newServer(t, ptr(true))
	r := do(t, srv, "GET", "/%3Cscript%3Ealert(1)%3C/script%3E?q=%3Cb%3E", nil)
	assert.Equal(t, http.StatusNotFound, r.code)
	assert.NotContains(t, r.body, "<script>")
	assert.NotContains(t, r.body, "<b>")
	assert.Contains(t, r.body, "<code>/&lt;script&gt;alert(1)&lt;/script&gt;?q=%3Cb%3E</code>")
	assert.Contains(t, logs.String(), " GET /%3Cscript%3Ealert(1)%3C/script%3E q=%3Cb%3E ")

	// Quotes and javascript: in the path stay text: nothing from the
	// request reaches an attribute or URL context.
	r = do(t, srv, "GET", `/%22%3E%3Ca%20href=%22javascript:alert(1)%22%3E`, map[string]string{"Accept-Language": `"><script>x</script>`})
	assert.NotContains(t, r.body, `<a href`)
	assert.NotContains(t, r.body, `"javascript:`)
	assert.Contains(t, r.body, `<html lang="en">`, "the lang attribute comes from the supported languages only")
	assert.Equal(t, "en", r.header.Get("Content-Language"))
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
			tag := language.MustParse(tc.lang)
			assert.Contains(t, r.body, uiFor(tag).Title)
			assert.Contains(t, r.body, m.ClientTextIn(tag))
		})
	}
	r := do(t, srv, "GET", "/nope", map[string]string{"Accept-Language": "de"})
	assert.Contains(t, r.body, "Die angeforderte Ressource wurde nicht gefunden.", "a translated row, spelled out")
}

// TestLanguageHeaderLines: two Accept-Language lines form one list.
func TestLanguageHeaderLines(t *testing.T) {
	srv, _ := newServer(t, ptr(false))
	req, err := http.NewRequest("GET", srv.URL+"/nope", nil)
	require.NoError(t, err)
	req.Header.Add("Accept-Language", "fr;q=0.5")
	req.Header.Add("Accept-Language", "de;q=0.9")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "de", resp.Header.Get("Content-Language"))
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
		{"other directory", "GET", "/private", http.StatusFound, "/private/"},
		{"with slash", "GET", "/docs/", http.StatusOK, ""},
		{"file", "GET", "/docs/readme.txt", http.StatusOK, ""},
		{"missing", "GET", "/nodir", http.StatusNotFound, ""},
		{"post to directory", "POST", "/docs", http.StatusMethodNotAllowed, ""},
		// Open-redirect attempts: the Location comes from the cleaned
		// path, so it never names another host.
		{"network-path reference", "GET", "//evil.example/../docs", http.StatusFound, "/docs/"},
		{"three slashes", "GET", "///evil.example/../docs", http.StatusFound, "/docs/"},
		{"dot segments to root", "GET", "/docs/..", http.StatusFound, "/"},
		{"encoded slashes", "GET", "/%2F%2Fevil.example/../docs", http.StatusFound, "/docs/"},
		{"query with CRLF escape kept escaped", "GET", "/docs?x=%0D%0ASet-Cookie:%20a=1", http.StatusFound, "/docs/?x=%0D%0ASet-Cookie:%20a=1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, srv, tc.method, tc.target, nil)
			assert.Equal(t, tc.code, r.code)
			assert.Equal(t, tc.location, r.header.Get("Location"))
			assert.Empty(t, r.header.Get("Set-Cookie"))
			if tc.code == http.StatusMethodNotAllowed {
				assert.Equal(t, "GET, HEAD", r.header.Get("Allow"))
			}
		})
	}
	assert.Contains(t, logs.String(), " GET /docs a=1&b=%2F 127.0.0.1 302 0 ")
}

// TestRedirectRawTargets sends request targets byte for byte, as curl
// --path-as-is does, including a backslash the Go client would escape.
func TestRedirectRawTargets(t *testing.T) {
	srv, _ := newServer(t, ptr(false))
	tests := []struct{ name, target, location string }{
		{"double slash", "//evil.example/../docs", "/docs/"},
		{"backslash", `/\evil.example/../docs`, "/docs/"},
		{"backslash directory name", `/\evil.example`, ""},
		{"mixed", `/.//\/evil.example/../../docs`, "/docs/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := doRaw(t, srv, "GET "+tc.target+" HTTP/1.1\r\nHost: origin.example\r\nConnection: close\r\n\r\n")
			assert.Equal(t, tc.location, resp.Header.Get("Location"))
		})
	}
}

// TestHostHeaderIgnored: neither Host nor X-Forwarded-Host reaches the
// Location or the page.
func TestHostHeaderIgnored(t *testing.T) {
	srv, _ := newServer(t, ptr(true))
	for _, hdr := range []string{"Host", "X-Forwarded-Host"} {
		t.Run(hdr, func(t *testing.T) {
			r := do(t, srv, "GET", "/docs", map[string]string{hdr: "evil.example"})
			assert.Equal(t, http.StatusFound, r.code)
			assert.Equal(t, "/docs/", r.header.Get("Location"))
			r = do(t, srv, "GET", "/nope", map[string]string{hdr: "evil.example"})
			assert.NotContains(t, r.body, "evil.example")
		})
	}
}

// TestHeaderAndLogInjection calls the handler directly with request data
// that net/http's server would refuse, as another server or a test might
// pass: no header value and no log line may be split.
func TestHeaderAndLogInjection(t *testing.T) {
	logs := &syncBuffer{}
	h := newSite(log.New(logs, "", 0))
	r := httptest.NewRequest("GET", "/docs", nil)
	r.URL.RawQuery = "a=1\r\nSet-Cookie: x=1\n2026-01-01 00:00:00 GET /admin - 127.0.0.1 200 0 0 0"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, http.StatusFound, rec.Code)
	loc := rec.Header().Get("Location")
	assert.True(t, isLocalPath(loc), loc)
	assert.Equal(t, "/docs/?a=1%0D%0ASet-Cookie:%20x=1%0A2026-01-01%2000:00:00%20GET%20/admin%20-%20127.0.0.1%20200%200%200%200", loc)
	assert.Equal(t, 1, strings.Count(logs.String(), "\n"), "one log line: %q", logs.String())
	assert.Contains(t, logs.String(), " GET /docs a=1%0D%0ASet-Cookie:+x=1%0A2026-01-01+00:00:00+GET+/admin+-+127.0.0.1+200+0+0+0 192.0.2.1 302 0 ")
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
	h := newSite(nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("HEAD", "/private/", nil))
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Zero(t, rec.Body.Len())
}

func TestErrorOutsideHandler(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/x", nil)
	req.RemoteAddr = "127.0.0.1:5000"
	Error(rec, req, substatus.New(status.Forbidden, 14))
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.NotContains(t, rec.Body.String(), "403.14", "no Handler: never detailed")

	rec = httptest.NewRecorder()
	Error(rec, req, substatus.Code{})
	assert.Equal(t, http.StatusInternalServerError, rec.Code, "invalid code becomes 500")
	SetSubstatus(req, 3) // no Handler: nothing to record, no panic
}

// TestWrappedWriter: Error finds the Handler through the request, so a
// middleware between Handler and the handler that wraps the writer keeps
// the detailed page and the substatus.
func TestWrappedWriter(t *testing.T) {
	logs := &syncBuffer{}
	h := &Handler{
		Next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			Error(struct{ http.ResponseWriter }{w}, r, substatus.New(status.Forbidden, 14))
		}),
		IsLocal: func(*http.Request) bool { return true },
		Log:     log.New(logs, "", 0),
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	assert.Contains(t, rec.Body.String(), "403.14")
	assert.Contains(t, logs.String(), " 403 14 ")
}

// TestSetSubstatus covers a handler that writes its own response and only
// records the substatus for the log.
func TestSetSubstatus(t *testing.T) {
	logs := &syncBuffer{}
	h := &Handler{
		Next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			SetSubstatus(r, 2)
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

func TestIsLocalPath(t *testing.T) {
	tests := []struct {
		name, loc string
		want      bool
	}{
		{"path", "/docs/", true},
		{"root", "/", true},
		{"query", "/a/?b=c", true},
		{"empty", "", false},
		{"relative", "docs/", false},
		{"network path", "//evil.example/", false},
		{"backslash second", `/\evil.example/`, false},
		{"backslash later", `/a\b`, false},
		{"scheme", "http://evil.example/", false},
		{"javascript", "javascript:alert(1)", false},
		{"tab", "/\t/evil.example", false},
		{"newline", "/a\nb", false},
		{"space", "/a b", false},
		{"non-ASCII", "/é", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, isLocalPath(tc.loc))
		})
	}
}

// assertSameOrigin checks a Location value the way a browser would read
// it: a path on the same origin, whatever the request was.
func assertSameOrigin(t *testing.T, loc string) {
	t.Helper()
	if loc == "" {
		return
	}
	if !isLocalPath(loc) {
		t.Fatalf("Location %q is not a local path", loc)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("Location %q does not parse: %v", loc, err)
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil {
		t.Fatalf("Location %q leaves the origin: %#v", loc, u)
	}
	base, _ := url.Parse("https://origin.example/a/b")
	if got := base.ResolveReference(u); got.Host != "origin.example" || got.Scheme != "https" {
		t.Fatalf("Location %q resolves to %s", loc, got)
	}
}
