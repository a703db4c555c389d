package errorpage

import (
	"context"
	"log"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// Handler is net/http middleware that answers errors the way IIS does; see
// the package documentation for what it does. Set its fields before the
// first request and do not change them afterwards. The zero value is not
// usable: Next is required; the other fields have defaults.
type Handler struct {
	// Next serves the requests. Required.
	Next http.Handler

	// IsLocal reports whether r comes from the local machine and may see
	// the detailed page. Nil means [IsLocalRequest] with TrustedProxies:
	// the peer is a loopback address and the request was not forwarded
	// by a proxy. Return false always to show only safe pages.
	IsLocal func(r *http.Request) bool

	// TrustedProxies lists the addresses of the reverse proxies whose
	// forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP) are
	// believed, for the default IsLocal. Nil trusts none: every forwarded
	// request is remote, as it must be when a proxy on this machine
	// connects from 127.0.0.1 for remote clients. It is not used when
	// IsLocal is set.
	TrustedProxies []netip.Prefix

	// IsDir reports whether a URL path names a directory, for the
	// courtesy redirect. It receives the cleaned path ("/docs", never
	// "//x/../docs"). Nil disables the redirect.
	IsDir func(urlPath string) bool

	// Log receives one line per request in the layout of [Fields]. Nil
	// disables logging.
	Log *log.Logger

	// Version is the IIS version whose substatus meanings are shown; zero
	// means [substatus.Latest].
	Version substatus.Version
}

// state is what [Handler] tells [Error] and [SetSubstatus] about the
// request, through its context.
type state struct {
	h   *Handler
	sub uint16
}

type stateKey struct{}

func stateOf(r *http.Request) *state {
	s, _ := r.Context().Value(stateKey{}).(*state)
	return s
}

// ServeHTTP implements [http.Handler].
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	st := &state{h: h}
	r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
	rw := &responseWriter{ResponseWriter: w}
	if loc, ok := h.redirect(r); ok {
		courtesyRedirect(rw, r, loc)
	} else {
		h.Next.ServeHTTP(rw, r)
	}
	if h.Log != nil {
		h.logLine(rw, r, st.sub, start)
	}
}

// redirect returns the Location of the courtesy redirect for r, if r asks
// for a directory without the trailing slash. The Location is built from
// the cleaned path, never from the raw one, so it is always a path on this
// server: it starts with a single "/", holds no backslash, no control
// character and no scheme.
func (h *Handler) redirect(r *http.Request) (string, bool) {
	if h.IsDir == nil || r.URL == nil || strings.HasSuffix(r.URL.Path, "/") {
		return "", false
	}
	clean := path.Clean("/" + r.URL.Path)
	if !h.IsDir(clean) {
		return "", false
	}
	if !strings.HasSuffix(clean, "/") {
		clean += "/"
	}
	// EscapedPath of a Path-only URL escapes everything but the path
	// characters of RFC 3986: '\\', '%', controls and non-ASCII bytes
	// become %XX. Clean has collapsed "//" runs, so the result cannot
	// be read as a network-path reference ("//host/...").
	loc := (&url.URL{Path: clean}).EscapedPath()
	if q := escapeQuery(r.URL.RawQuery); q != "" {
		loc += "?" + q
	}
	if !isLocalPath(loc) {
		// Not reachable with the construction above; a guard, so that a
		// future change cannot turn the redirect into an open one.
		return "", false
	}
	return loc, true
}

// isLocalPath reports whether loc is an absolute path on this origin:
// a single leading "/" followed by anything but "/" or "\", and only
// printable ASCII (browsers drop tabs and newlines from URLs, so
// "/\t/evil.example" would become "//evil.example").
func isLocalPath(loc string) bool {
	if loc == "" || loc[0] != '/' || (len(loc) > 1 && (loc[1] == '/' || loc[1] == '\\')) {
		return false
	}
	for i := 0; i < len(loc); i++ {
		if c := loc[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// escapeQuery returns the raw query with every byte that may not appear
// in a URL query (RFC 3986, Section 3.4) percent-encoded, so that the
// query string is kept but cannot carry spaces, quotes or control
// characters into a header. Existing %XX sequences are kept.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(q); i++ {
		if !queryByte(q[i]) {
			n++
		}
	}
	if n == 0 {
		return q
	}
	b := make([]byte, 0, len(q)+2*n)
	for i := 0; i < len(q); i++ {
		if c := q[i]; queryByte(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// queryByte reports whether c may appear as itself in a query: unreserved,
// sub-delims, ":", "@", "/", "?" and "%" (the start of an escape).
func queryByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?%", c) >= 0
}

// courtesyRedirect answers a request for a directory URL without the
// trailing slash.
func courtesyRedirect(w http.ResponseWriter, r *http.Request, loc string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// IIS does not redirect other verbs on static content: it
		// answers 405 (IIS 6.0 Technical Reference, "405-HTTP Verb Used
		// to Access This Page Is Not Allowed").
		w.Header().Set("Allow", "GET, HEAD")
		Error(w, r, substatus.New(status.MethodNotAllowed, 0))
		return
	}
	// Not http.Redirect: it would write an English body. IIS sends 302
	// "Object Moved" with the Location header.
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

// SetSubstatus records the IIS substatus that the log line of r carries,
// for a handler that writes its own response instead of calling [Error].
// Outside a [Handler] it does nothing.
func SetSubstatus(r *http.Request, sub uint16) {
	if s := stateOf(r); s != nil {
		s.sub = sub
	}
}

// Error replies to r with the error page for code: the detailed page when
// the request is local (see [Handler.IsLocal]), the safe page otherwise, in
// the client's language. The handler must not have written anything yet.
// Outside a [Handler] it gives the safe page, since locality is unknown. A
// HEAD request gets the status and headers only. An invalid code is
// answered as 500.0.
func Error(w http.ResponseWriter, r *http.Request, code substatus.Code) {
	if !code.IsValid() {
		code = substatus.New(status.InternalServerError, 0)
	}
	local := false
	var h *Handler
	if s := stateOf(r); s != nil {
		s.sub = code.Sub
		h = s.h
		local = h.isLocal(r)
	}
	tag := iisstatus.MatchLanguage(r.Header.Values("Accept-Language")...)
	p := newPage(code, tag, local, r, h)
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Content-Language", tag.String())
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-store")
	hdr.Add("Vary", "Accept-Language")
	hdr.Del("Content-Length")
	w.WriteHeader(int(code.Status))
	if r.Method == http.MethodHead {
		return
	}
	if err := pageTemplate.Execute(w, p); err != nil && h != nil && h.Log != nil {
		h.Log.Printf("errorpage: rendering %s: %v", code, err)
	}
}

func (h *Handler) isLocal(r *http.Request) bool {
	if h.IsLocal != nil {
		return h.IsLocal(r)
	}
	return IsLocalRequest(r, h.TrustedProxies)
}

// Fields is the W3C #Fields directive describing the log lines of
// [Handler]; write it at the top of a log file.
const Fields = "#Fields: date time cs-method cs-uri-stem cs-uri-query c-ip sc-status sc-substatus sc-bytes time-taken"

// logLine writes one line in the layout of [Fields].
func (h *Handler) logLine(rw *responseWriter, r *http.Request, sub uint16, start time.Time) {
	code := rw.status
	if code == 0 {
		code = http.StatusOK
	}
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	var stem, query string
	if r.URL != nil {
		stem, query = r.URL.EscapedPath(), r.URL.RawQuery
	}
	h.Log.Print(start.UTC().Format("2006-01-02 15:04:05"), " ", w3c(r.Method), " ", w3c(stem), " ", w3c(query), " ",
		w3c(ip), " ", strconv.Itoa(code), " ", strconv.Itoa(int(sub)), " ", strconv.FormatInt(rw.bytes, 10), " ",
		strconv.FormatInt(time.Since(start).Milliseconds(), 10))
}

// w3c returns a value as one field of a W3C log line: "-" when empty, a
// space as "+" (as IIS writes it), and every other byte that would break
// the line (controls, non-ASCII) as %XX, so that a request cannot forge
// log lines.
func w3c(s string) string {
	if s == "" {
		return "-"
	}
	safe := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			b = append(b, '+')
		case c < ' ' || c >= 0x7f:
			b = append(b, '%', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// responseWriter records the status and size of the response, for the
// log.
type responseWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *responseWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx responses are interim
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets [http.ResponseController] reach the underlying writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
