package errorpage

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzRedirect drives the courtesy redirect with any request target and
// query: whatever the request, a Location the handler sets stays on the
// same origin (see assertSameOrigin). IsDir says yes to everything, so
// every target that does not end in "/" is redirected.
func FuzzRedirect(f *testing.F) {
	for _, s := range []string{"/docs", "//evil.example/../docs", `/\evil.example/../docs`, "///x", "/docs/..", "/%2F%2Fevil",
		"/\t/evil.example", "/a?b=c", "/a?\r\nSet-Cookie:x", "http://evil.example/docs", "//", "/.", "/..//x", "/é", `\\evil`} {
		f.Add(s, "a=1")
	}
	h := &Handler{Next: http.NotFoundHandler(), IsDir: func(string) bool { return true }}
	f.Fuzz(func(t *testing.T, target, query string) {
		// As the server parses a request target, and as a caller might
		// fill in a URL by hand.
		urls := []*url.URL{{Path: target, RawQuery: query}}
		if u, err := url.ParseRequestURI(target); err == nil {
			urls = append(urls, u)
		}
		for _, u := range urls {
			r := &http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}, RemoteAddr: "192.0.2.1:1"}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			assertSameOrigin(t, rec.Header().Get("Location"))
		}
	})
}
