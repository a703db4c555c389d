package main

import (
	"html/template"
	"log"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// Handler is net/http middleware that answers errors the way IIS does.
//
//   - A handler reports an error with [Error] and an IIS substatus code
//     (403.14, 500.19, …). A remote client gets a safe page: the status and
//     a short, generic text. A local request gets the detailed page:
//     substatus, label, description, likely causes, fixes and the operator
//     text. This is IIS's default errorMode, "DetailedLocalOnly".
//   - Pages are in the client's language (Accept-Language), with
//     Content-Language set; English is the fallback.
//   - Every response is logged as one W3C-style line carrying sc-status and
//     sc-substatus, like an IIS log.
//   - A GET or HEAD for a directory URL without a trailing slash gets IIS's
//     courtesy redirect: 302 to the same URL with the slash, query string
//     kept. Other methods get 405, as IIS does for static content.
//
// All text on the pages is HTML-escaped by html/template. The zero value is
// not usable: Next is required; the other fields have defaults.
type Handler struct {
	// Next serves the requests. Required.
	Next http.Handler
	// IsLocal reports whether r comes from the local machine and may see
	// the detailed page. Nil means [IsLoopback]: the peer address is a
	// loopback address (127.0.0.0/8, ::1). Behind a reverse proxy every
	// request looks local: set IsLocal then.
	IsLocal func(r *http.Request) bool
	// IsDir reports whether the URL path names a directory, for the
	// courtesy redirect. Nil disables the redirect.
	IsDir func(urlPath string) bool
	// Log receives one line per request (see [Handler]). Nil disables
	// logging.
	Log *log.Logger
	// Version is the IIS version whose substatus meanings are shown; zero
	// means substatus.Latest.
	Version substatus.Version
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &responseWriter{ResponseWriter: w, h: h, r: r}
	switch {
	case h.IsDir != nil && !strings.HasSuffix(r.URL.Path, "/") && h.IsDir(r.URL.Path):
		h.courtesyRedirect(rw, r)
	default:
		h.Next.ServeHTTP(rw, r)
	}
	if h.Log != nil {
		h.logLine(rw, r, start)
	}
}

// courtesyRedirect answers a request for a directory URL without the
// trailing slash.
func (h *Handler) courtesyRedirect(rw *responseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// IIS does not redirect other verbs on static content: it
		// answers 405 (the seed's "405-HTTP Verb Used to Access This Page
		// Is Not Allowed").
		rw.Header().Set("Allow", "GET, HEAD")
		Error(rw, r, substatus.New(status.MethodNotAllowed, 0))
		return
	}
	loc := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	// Not http.Redirect: it would resolve the path and write an English
	// body. IIS sends 302 "Object Moved" with the Location header.
	rw.Header().Set("Location", loc)
	rw.WriteHeader(http.StatusFound)
}

// Fields is the W3C #Fields directive describing the log lines of
// [Handler]; write it at the top of a log file.
const Fields = "#Fields: date time cs-method cs-uri-stem cs-uri-query c-ip sc-status sc-substatus sc-bytes time-taken"

// logLine writes one line in the layout of [Fields].
func (h *Handler) logLine(rw *responseWriter, r *http.Request, start time.Time) {
	code := rw.status
	if code == 0 {
		code = http.StatusOK
	}
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	h.Log.Printf("%s %s %s %s %s %d %d %d %d",
		start.UTC().Format("2006-01-02 15:04:05"), r.Method, w3c(r.URL.EscapedPath()), w3c(r.URL.RawQuery),
		w3c(ip), code, rw.sub, rw.bytes, time.Since(start).Milliseconds())
}

// w3c returns "-" for an empty field and replaces spaces, as W3C logs do.
func w3c(s string) string {
	if s == "" {
		return "-"
	}
	return strings.ReplaceAll(s, " ", "+")
}

// IsLoopback reports whether the request's peer address (RemoteAddr) is a
// loopback address. It is the default of [Handler.IsLocal].
func IsLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

// responseWriter records what was sent, for the log and for [Error].
type responseWriter struct {
	http.ResponseWriter
	h      *Handler
	r      *http.Request
	status int
	sub    uint16
	bytes  int64
}

func (w *responseWriter) WriteHeader(code int) {
	if w.status == 0 {
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

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// SetSubstatus records the IIS substatus that the log line carries, for a
// handler that writes its own response. [Error] sets it itself.
func (w *responseWriter) SetSubstatus(sub uint16) { w.sub = sub }

// SubstatusSetter is implemented by the ResponseWriter that [Handler]
// passes to handlers.
type SubstatusSetter interface {
	SetSubstatus(sub uint16)
}

// Error replies to r with the error page for code: the detailed page when
// the request is local, the safe page otherwise, in the client's language.
// The handler must not have written anything yet. Outside a [Handler] it
// falls back to a plain safe reply (no detail, since locality is unknown).
// A HEAD request gets the status and headers only.
func Error(w http.ResponseWriter, r *http.Request, code substatus.Code) {
	if !code.IsValid() {
		code = substatus.New(status.InternalServerError, 0)
	}
	rw, ok := w.(*responseWriter)
	local := false
	var h *Handler
	if ok {
		rw.sub = code.Sub
		h = rw.h
		isLocal := h.IsLocal
		if isLocal == nil {
			isLocal = IsLoopback
		}
		local = isLocal(r)
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
		h.Log.Printf("errorpages: rendering %s: %v", code, err)
	}
}

// page is what the template shows.
type page struct {
	Lang       string
	UI         uiText
	Code       string // "403.14" (detailed) or "403"
	Status     string // "403"
	Phrase     string // "Forbidden"
	ClientText string
	Detailed   bool

	// Detailed page only.
	URL           string
	Label         string
	Scope         string
	Description   string
	StatusText    string
	Causes, Fixes string
	OperatorText  string
	Remaining     []string // other meanings of the code, "ID (scope): label"
}

func newPage(code substatus.Code, tag language.Tag, local bool, r *http.Request, h *Handler) page {
	p := page{
		Lang:     tag.String(),
		UI:       uiFor(tag),
		Code:     strconv.Itoa(int(code.Status)),
		Status:   strconv.Itoa(int(code.Status)),
		Phrase:   code.Status.Text(),
		Detailed: local,
	}
	v := substatus.Latest
	if h != nil && h.Version.IsValid() {
		v = h.Version
	}
	m, found := code.Lookup(v, substatus.ModuleCore)
	if !found {
		for mm := range code.Meanings() {
			m, found = mm, true
			break
		}
	}
	p.ClientText = p.UI.Generic
	if found && m.ClientText() != "" {
		p.ClientText = m.ClientTextIn(tag)
	}
	if !local {
		return p
	}
	p.Code = code.String()
	// The decoded path, as IIS shows it; html/template escapes it.
	p.URL = r.URL.Path
	if r.URL.RawQuery != "" {
		p.URL += "?" + r.URL.RawQuery
	}
	p.StatusText = code.Status.DescriptionIn(tag)
	if found {
		p.Label = m.Label()
		p.Scope = m.Scope().String()
		p.Description = m.DescriptionIn(tag)
		p.Causes = m.Causes()
		p.Fixes = m.Fixes()
		p.OperatorText = m.OperatorText()
		for o := range code.Meanings() {
			if o != m {
				p.Remaining = append(p.Remaining, o.ID()+" ("+o.Scope().String()+"): "+o.Label())
			}
		}
	}
	return p
}

// pageTemplate renders both pages; html/template escapes every value.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Code}} {{.Phrase}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:50em}h1{font-size:1.5em}dt{font-weight:bold;margin-top:1em}.note{color:#555}</style>
</head>
<body>
<h1>{{.UI.Title}} {{.Code}} {{.Phrase}}</h1>
<p>{{.ClientText}}</p>
{{- if .Detailed}}
<p class="note">{{.UI.LocalOnly}}</p>
<dl>
<dt>{{.UI.RequestedURL}}</dt><dd><code>{{.URL}}</code></dd>
{{- if .Label}}
<dt>{{.UI.Substatus}}</dt><dd>{{.Code}} {{.Label}} ({{.Scope}})</dd>
<dt>{{.UI.Meaning}}</dt><dd>{{.Description}}</dd>
{{- end}}
{{- if .StatusText}}
<dt>{{.Status}} {{.Phrase}}</dt><dd>{{.StatusText}}</dd>
{{- end}}
{{- if .Causes}}
<dt>{{.UI.Causes}}</dt><dd>{{.Causes}}</dd>
{{- end}}
{{- if .Fixes}}
<dt>{{.UI.Fixes}}</dt><dd>{{.Fixes}}</dd>
{{- end}}
{{- if .OperatorText}}
<dt>{{.UI.Operator}}</dt><dd>{{.OperatorText}}</dd>
{{- end}}
{{- if .Remaining}}
<dt>{{.UI.Other}}</dt><dd><ul>{{range .Remaining}}<li>{{.}}</li>{{end}}</ul></dd>
{{- end}}
</dl>
{{- end}}
</body>
</html>
`))

// uiText is the page chrome in one language.
type uiText struct {
	Title, Generic, LocalOnly, RequestedURL, Substatus, Meaning, Causes, Fixes, Operator, Other string
}

// ui holds the chrome per supported language (the library's texts come
// from its own catalog); English is the fallback.
var ui = map[language.Tag]uiText{
	language.English: {
		Title: "Error", Generic: "The request could not be completed.",
		LocalOnly:    "You see the detailed page because the request came from this machine. Remote clients see only the text above.",
		RequestedURL: "Requested URL", Substatus: "IIS substatus", Meaning: "What it means",
		Causes: "Most likely causes", Fixes: "Things you can try", Operator: "Operator detail", Other: "Other meanings of this code",
	},
	language.German: {
		Title: "Fehler", Generic: "Die Anfrage konnte nicht ausgeführt werden.",
		LocalOnly:    "Sie sehen die ausführliche Seite, weil die Anfrage von diesem Computer kam. Entfernte Clients sehen nur den Text oben.",
		RequestedURL: "Angeforderte URL", Substatus: "IIS-Unterstatus", Meaning: "Bedeutung",
		Causes: "Wahrscheinliche Ursachen", Fixes: "Lösungsvorschläge", Operator: "Details für Betreiber", Other: "Weitere Bedeutungen dieses Codes",
	},
	language.French: {
		Title: "Erreur", Generic: "La requête n’a pas pu aboutir.",
		LocalOnly:    "Vous voyez la page détaillée parce que la requête provient de cet ordinateur. Les clients distants ne voient que le texte ci-dessus.",
		RequestedURL: "URL demandée", Substatus: "Sous-état IIS", Meaning: "Signification",
		Causes: "Causes probables", Fixes: "Solutions possibles", Operator: "Détails pour l’exploitant", Other: "Autres significations de ce code",
	},
	language.Spanish: {
		Title: "Error", Generic: "No se pudo completar la solicitud.",
		LocalOnly:    "Ve la página detallada porque la solicitud procede de este equipo. Los clientes remotos solo ven el texto anterior.",
		RequestedURL: "URL solicitada", Substatus: "Subestado de IIS", Meaning: "Significado",
		Causes: "Causas probables", Fixes: "Posibles soluciones", Operator: "Detalles para el operador", Other: "Otros significados de este código",
	},
	language.Japanese: {
		Title: "エラー", Generic: "要求を完了できませんでした。",
		LocalOnly:    "この要求はこのコンピューターから送信されたため、詳細なページが表示されています。リモート クライアントには上のテキストだけが表示されます。",
		RequestedURL: "要求された URL", Substatus: "IIS サブステータス", Meaning: "意味",
		Causes: "考えられる原因", Fixes: "対処方法", Operator: "運用担当者向けの詳細", Other: "このコードのほかの意味",
	},
}

func uiFor(tag language.Tag) uiText {
	if t, ok := ui[tag]; ok {
		return t
	}
	return ui[language.English]
}
