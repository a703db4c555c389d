// Package errorpage is net/http middleware whose error pages behave like
// IIS's: a remote client gets a safe page, a local request the detailed one,
// pages follow Accept-Language, the access log carries the IIS substatus,
// and directory URLs without a trailing slash get IIS's courtesy redirect.
//
// Wrap a handler in a [Handler] and report errors with [Error] and an IIS
// substatus code:
//
//	mux := http.NewServeMux()
//	mux.HandleFunc("/app/config", func(w http.ResponseWriter, r *http.Request) {
//		errorpage.Error(w, r, substatus.New(status.InternalServerError, 19)) // 500.19
//	})
//	h := &errorpage.Handler{Next: mux, Log: log.New(os.Stdout, "", 0)}
//	http.ListenAndServe("127.0.0.1:8080", h)
//
// # Safe and detailed pages
//
// IIS's default error mode, "DetailedLocalOnly", shows the detailed page
// (substatus, label, description, likely causes, fixes and operator text)
// only to requests from the server itself, and a short generic text to
// everyone else: the detail names paths, modules and settings that an
// attacker should not learn. [Handler] does the same. A request is local
// when [IsLocalRequest] says so, or the function in [Handler.IsLocal].
//
// Behind a reverse proxy on the same machine (IIS ARR, nginx, a load
// balancer agent) every request arrives from 127.0.0.1. A loopback request
// that carries a forwarding header (X-Forwarded-For, Forwarded, X-Real-IP,
// Via, ...) is therefore treated as remote, unless the operator lists the
// proxy in [Handler.TrustedProxies]; then the client address the proxy
// forwards decides. A proxy that forwards without adding any such header
// makes every request look local: set [Handler.IsLocal] to return false
// (or to your own rule) in that setup.
//
// # Security
//
// All text on the pages, including the requested URL on the detailed
// page, is escaped by html/template; no request data reaches an attribute,
// a URL or a script context. The courtesy redirect's Location is built
// from the cleaned path and is always a path on the same origin (a single
// leading "/", no backslash, no control character, no scheme or host), so
// "//evil.example/../docs" is redirected to "/docs/", not to another
// site. The Host header is never used. Header values derived from the
// request are escaped, and so are the log fields, so a request cannot
// split headers or forge log lines.
//
// # Log
//
// With [Handler.Log] set, every response is logged as one W3C-style line
// in the layout of [Fields], carrying sc-status and sc-substatus like an
// IIS log. [Error] records the substatus itself; a handler that writes its
// own response records it with [SetSubstatus].
package errorpage
