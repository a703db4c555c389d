package errorpage_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"

	"github.com/iisstatus/iisstatus/errorpage"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// site is a small application: /app/config fails with 500.19.
func site() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/app/config", func(w http.ResponseWriter, r *http.Request) {
		errorpage.Error(w, r, substatus.New(status.InternalServerError, 19))
	})
	return mux
}

// title returns the <h1> line of an error page.
func title(body string) string {
	_, after, _ := strings.Cut(body, "<h1>")
	h1, _, _ := strings.Cut(after, "</h1>")
	return h1
}

// A remote client gets the safe page, in its language; a request from the
// machine itself gets the detailed page with the substatus.
func ExampleHandler() {
	h := &errorpage.Handler{Next: site()}

	remote := httptest.NewRequest("GET", "/app/config", nil) // from 192.0.2.1
	remote.Header.Set("Accept-Language", "de-CH, en;q=0.5")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, remote)
	fmt.Println(w.Code, w.Header().Get("Content-Language"), title(w.Body.String()))

	local := httptest.NewRequest("GET", "/app/config", nil)
	local.RemoteAddr = "127.0.0.1:50000"
	w = httptest.NewRecorder()
	h.ServeHTTP(w, local)
	fmt.Println(w.Code, w.Header().Get("Content-Language"), title(w.Body.String()))
	// Output:
	// 500 de Fehler 500 Internal Server Error
	// 500 en Error 500.19 Internal Server Error
}

// A directory URL without the trailing slash gets IIS's courtesy redirect.
// The Location is built from the cleaned path, so a request that tries to
// name another host stays on this one.
func ExampleHandler_courtesyRedirect() {
	h := &errorpage.Handler{
		Next:  site(),
		IsDir: func(p string) bool { return p == "/docs" },
	}
	for _, target := range []string{"/docs?page=2", "//evil.example/../docs"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Header().Get("Location"))
	}
	// Output:
	// 302 /docs/?page=2
	// 302 /docs/
}

// Behind a reverse proxy on the same machine every request comes from
// 127.0.0.1; its forwarding header makes it remote. Trusting the proxy
// lets the forwarded client address decide.
func ExampleHandler_trustedProxies() {
	r := httptest.NewRequest("GET", "/app/config", nil)
	r.RemoteAddr = "127.0.0.1:50000" // the proxy
	r.Header.Set("X-Forwarded-For", "127.0.0.1")

	untrusted := &errorpage.Handler{Next: site()}
	trusted := &errorpage.Handler{Next: site(), TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}
	for _, h := range []*errorpage.Handler{untrusted, trusted} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(title(w.Body.String()))
	}
	// Output:
	// Error 500 Internal Server Error
	// Error 500.19 Internal Server Error
}

func ExampleIsLocalRequest() {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "[::1]:50000"
	fmt.Println(errorpage.IsLocalRequest(r, nil))
	r.Header.Set("Forwarded", "for=203.0.113.9")
	fmt.Println(errorpage.IsLocalRequest(r, nil))
	// Output:
	// true
	// false
}

// A handler that writes its own response records the substatus for the
// log line with SetSubstatus.
func ExampleSetSubstatus() {
	h := &errorpage.Handler{Next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		errorpage.SetSubstatus(r, 2) // 401.2: logon failed due to server configuration
		w.Header().Set("WWW-Authenticate", "Negotiate")
		w.WriteHeader(http.StatusUnauthorized)
	})}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api", nil))
	fmt.Println(w.Code, w.Header().Get("WWW-Authenticate"))
	// Output:
	// 401 Negotiate
}

// Fields is the header line of the log the Handler writes.
func ExampleFields() {
	fmt.Println(errorpage.Fields)
	// Output:
	// #Fields: date time cs-method cs-uri-stem cs-uri-query c-ip sc-status sc-substatus sc-bytes time-taken
}

// Error answers a request with the page for an IIS substatus code. Outside
// a Handler the page is always the safe one.
func ExampleError() {
	w := httptest.NewRecorder()
	errorpage.Error(w, httptest.NewRequest("GET", "/", nil), substatus.New(status.NotFound, 0))
	fmt.Println(w.Code, w.Header().Get("Content-Type"), title(w.Body.String()))
	// Output:
	// 404 text/html; charset=utf-8 Error 404 Not Found
}
