package iisstatus

import (
	"errors"
	"strings"

	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// PageKind says which kind of error page a pasted page is.
type PageKind uint8

// The kinds of error page. The zero value, PageUnknown, belongs to the zero
// PageDetail only.
const (
	PageUnknown     PageKind = iota // "unknown"
	PageIISDetailed                 // "iis-detailed": the detailed error page of IIS 7 and later ("HTTP Error 500.19 - Internal Server Error", Module, Notification, Handler, Error Code)
	PageIISCustom                   // "iis-custom": the custom error page IIS 7 and later show remote clients ("404 - File or directory not found.")
	PageANCM                        // "ancm": the page of the ASP.NET Core Module ("HTTP Error 500.30 - ASP.NET Core app failed to start")
	PageIIS6                        // "iis6": the error page of IIS 5 and 6 ("HTTP Error 404 - File or directory not found.", "Internet Information Services (IIS)")
	PageASPNET                      // "aspnet": the ASP.NET error page ("Server Error in '/' Application."), which carries no IIS code
	PageHTTPSys                     // "httpsys": the page HTTP.sys sends itself ("HTTP Error 503. The service is unavailable.")
)

var pageKindNames = [...]string{"unknown", "iis-detailed", "iis-custom", "ancm", "iis6", "aspnet", "httpsys"}

// String returns the kind's name, such as "iis-detailed", or "PageKind(n)".
func (k PageKind) String() string { return enumString(pageKindNames[:], k, "PageKind") }

// AppendText implements [encoding.TextAppender] with the String form.
func (k PageKind) AppendText(b []byte) ([]byte, error) {
	return enumAppend(b, pageKindNames[:], k, "PageKind")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (k PageKind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (k *PageKind) UnmarshalText(text []byte) error {
	return enumUnmarshal(text, pageKindNames[:], k, "PageKind")
}

// PageDetail is what [Explain] read from a pasted error page: its kind and
// the fields of its "Detailed Error Information" table, as text exactly as
// the page gives them. The typed values they carry are in the Explanation
// itself: the code in Status and Substatus, the Error Code in Win32. Lines
// the reader does not know are kept, in order, in Text.
type PageDetail struct {
	// Kind says which error page it is.
	Kind PageKind `json:"kind"`
	// Title is the page's heading line ("HTTP Error 500.19 - Internal
	// Server Error", "Server Error in '/' Application.").
	Title string `json:"title,omitempty"`
	// Description is the sentence under the heading ("The requested page
	// cannot be accessed because the related configuration data for the
	// page is invalid.").
	Description string `json:"description,omitempty"`
	// IIS is the IIS release the page names ("IIS 8.5 Detailed Error",
	// "Internet Information Services 7.5"), or the one that shipped with
	// the Windows build in its "View more information" link; zero when the
	// page does not say.
	IIS substatus.Version `json:"iis,omitempty"`
	// Module, Notification and Handler are the module that set the error,
	// the request-processing stage and the handler mapping ("IIS Web
	// Core", "BeginRequest", "Not yet determined").
	Module       string `json:"module,omitempty"`
	Notification string `json:"notification,omitempty"`
	Handler      string `json:"handler,omitempty"`
	// ErrorCode is the Error Code (or HRESULT) as written ("0x8007000d").
	ErrorCode string `json:"error_code,omitempty"`
	// ConfigError, ConfigFile and ConfigSource are the configuration
	// error, the file it is in ("\\?\C:\inetpub\wwwroot\web.config") and
	// the numbered lines the page quotes from it ("63:   <rewrite>").
	ConfigError  string   `json:"config_error,omitempty"`
	ConfigFile   string   `json:"config_file,omitempty"`
	ConfigSource []string `json:"config_source,omitempty"`
	// RequestedURL, PhysicalPath, LogonMethod and LogonUser describe the
	// request ("http://localhost:80/app", "C:\inetpub\wwwroot\app",
	// "Anonymous").
	RequestedURL string `json:"requested_url,omitempty"`
	PhysicalPath string `json:"physical_path,omitempty"`
	LogonMethod  string `json:"logon_method,omitempty"`
	LogonUser    string `json:"logon_user,omitempty"`
	// TracingDirectory is the Failed Request Tracing log directory the page
	// names.
	TracingDirectory string `json:"tracing_directory,omitempty"`
	// Exception is the "Exception Details" of an ASP.NET page.
	Exception string `json:"exception,omitempty"`
	// Text holds the lines the reader did not interpret, in order, without
	// the page's fixed headings ("Most likely causes:").
	Text []string `json:"text,omitempty"`
}

// ErrPage is wrapped by the *InputError of a text of several lines that
// has no error-page heading, status, substatus or error code.
var ErrPage = errors.New("not an IIS, ASP.NET Core Module, ASP.NET or HTTP.sys error page: no heading, status or error code found")

// pageField names a field of the detailed error information.
type pageField uint8

const (
	fNone pageField = iota
	fModule
	fNotification
	fHandler
	fErrorCode
	fConfigError
	fConfigFile
	fConfigSource
	fURL
	fPath
	fLogonMethod
	fLogonUser
	fTracing
	fDescription
	fException
)

// pageLabels are the labels of the fields, as IIS writes them in English
// and in German, and as ASP.NET and Microsoft's articles write some of
// them. Longer labels come first, so that a label that starts another
// ("Logon Method", "Logon") matches whole. colon means the label counts
// only when a colon follows ("Description:"), because the word also
// starts sentences.
var pageLabels = [...]struct {
	label string
	f     pageField
	colon bool
}{
	{"Failed Request Tracing Log Directory", fTracing, false},
	{"Request Tracing Directory", fTracing, false},
	{"Konfigurationsfehler", fConfigError, false},
	{"Konfigurationsdatei", fConfigFile, false},
	{"Konfigurationsquelle", fConfigSource, false},
	{"Benutzeranmeldung", fLogonUser, false},
	{"Benachrichtigung", fNotification, false},
	{"Exception Details", fException, true},
	{"Angeforderte URL", fURL, false},
	{"Physischer Pfad", fPath, false},
	{"Anmeldemethode", fLogonMethod, false},
	{"Requested URL", fURL, false},
	{"Physical Path", fPath, false},
	{"Config Source", fConfigSource, false},
	{"Config Error", fConfigError, false},
	{"Logon Method", fLogonMethod, false},
	{"Notification", fNotification, false},
	{"Config File", fConfigFile, false},
	{"Description", fDescription, true},
	{"Fehlercode", fErrorCode, false},
	{"Error Code", fErrorCode, false},
	{"Logon User", fLogonUser, false},
	{"HRESULT", fErrorCode, true},
	{"Handler", fHandler, false},
	{"Module", fModule, false},
	{"Modul", fModule, false},
}

// runTogether is the order of the fields on an IIS detailed page, for text
// in which the copy lost every separator
// ("ModuleiisnodeNotificationExecuteRequestHandlerHandleriisnode...").
var runTogether = [...]struct {
	label string
	f     pageField
}{
	{"Module", fModule}, {"Notification", fNotification}, {"Handler", fHandler}, {"Error Code", fErrorCode},
	{"Config Error", fConfigError}, {"Config File", fConfigFile}, {"Requested URL", fURL},
	{"Physical Path", fPath}, {"Logon Method", fLogonMethod}, {"Logon User", fLogonUser},
}

// notifications are the request-processing stages IIS names in the
// Notification field; a name that ends in "Handler" must not be taken for
// the Handler label in run-together text.
var notifications = [...]string{
	"BeginRequest", "AuthenticateRequest", "PostAuthenticateRequest", "AuthorizeRequest",
	"PostAuthorizeRequest", "ResolveRequestCache", "PostResolveRequestCache", "MapRequestHandler",
	"PostMapRequestHandler", "AcquireRequestState", "PostAcquireRequestState", "PreExecuteRequestHandler",
	"ExecuteRequestHandler", "PostExecuteRequestHandler", "ReleaseRequestState", "PostReleaseRequestState",
	"UpdateRequestCache", "PostUpdateRequestCache", "LogRequest", "PostLogRequest", "EndRequest",
	"SendResponse", "Unknown",
}

// pageChrome are the fixed headings of error pages, which say nothing
// about the error; they are not kept in PageDetail.Text. Compared without
// a trailing colon.
var pageChrome = map[string]bool{
	"Error Summary": true, "Detailed Error Information": true, "Most likely causes": true,
	"Things you can try": true, "Links and More Information": true, "More Information": true,
	"View more information »": true, "View more information": true, "Troubleshooting steps": true,
	"Common solutions to this issue": true, "Technical Information (for support personnel)": true,
	"Internet Information Services (IIS)": true, "Server Error": true, "Please try the following": true,
	"Microsoft Knowledge Base Articles": true, "Source Error": true, "Stack Trace": true,
	"Detaillierte Fehlerinformationen": true, "Weitere Informationen": true,
}

// pageReader collects what the lines of a page say.
type pageReader struct {
	p       *parser // over the page's text, for the heading's code
	plain   bool    // the text is the input itself, so its offsets are the input's
	d       PageDetail
	code    codePart
	hasCode bool
	title   string // the text after the code in the heading

	// What the page's lines say about its kind.
	sentence   bool // the HTTP.sys heading "HTTP Error 503. The service is unavailable."
	custom     bool // the custom-error heading "404 - File or directory not found."
	iis5       bool // the IIS 5 heading "HTTP 404 - File not found"
	aspnet     bool // "Server Error in '/' Application."
	ancmHint   bool // the ASP.NET Core Module's troubleshooting section
	detailHint bool // detailed error information, or an IIS 7+ title or link
	iis6Hint   bool // "Internet Information Services (IIS)", "Technical Information ..."

	win32      win32.Code
	hasWin32   bool
	pending    pageField // a label alone on its line: the value follows
	inSource   bool      // reading the numbered lines of Config Source
	glued      bool      // a line ran the fields together: the page lost its separators
	afterTitle bool      // the next prose line is the description
	seen       [fException + 1]bool
}

// explainPage explains a pasted page: s[start:end] is the input without
// surrounding white space, and has several lines or HTML tags.
func explainPage(s string, start, end int) (Explanation, *InputError) {
	text, link := s[start:end], ""
	plain := !looksLikeHTML(text)
	if !plain {
		text, link = htmlText(text)
	}
	r := pageReader{p: &parser{s: text}, plain: plain}
	base := 0
	if plain {
		r.p.s, base = s, start
	}
	for i := base; i < base+len(text); {
		j := strings.IndexByte(r.p.s[i:base+len(text)], '\n')
		if j < 0 {
			j = base + len(text) - i
		}
		r.line(i, i+j)
		i += j + 1
	}
	if link != "" {
		r.link(link)
	}
	e, ok := r.explanation()
	if !ok {
		ie := &InputError{Input: s, Offset: start, Err: ErrPage}
		if plain && r.p.far.err != nil {
			ie.Offset, ie.Err = r.p.far.off, r.p.far.err
		}
		return Explanation{Input: s}, ie
	}
	return e, nil
}

// line reads the line r.p.s[i:j].
func (r *pageReader) line(i, j int) {
	i, j = trimSpace(r.p.s, i, j)
	l := r.p.s[i:j]
	if l == "" {
		return
	}
	if r.inSource {
		if isSourceLine(l) {
			r.d.ConfigSource = append(r.d.ConfigSource, strings.TrimRight(r.p.s[i:j], " \t\r"))
			return
		}
		r.inSource = false
	}
	if r.heading(l, i, j) {
		return
	}
	if r.fields(l) {
		r.afterTitle = false
		return
	}
	if f := r.pending; f != fNone {
		r.pending = fNone
		r.set(f, l)
		return
	}
	if r.chrome(l) {
		// A fixed heading between the page's heading and the next text:
		// that text is a list, not the description.
		r.afterTitle = false
		return
	}
	if r.afterTitle {
		r.afterTitle = false
		if r.d.Description == "" {
			r.d.Description = l
			r.statusInDescription(l)
			return
		}
	}
	r.d.Text = append(r.d.Text, l)
}

// isSourceLine reports whether l is a numbered line of Config Source
// ("63:   <rewrite>", "-1:").
func isSourceLine(l string) bool {
	i := 0
	if strings.HasPrefix(l, "-") {
		i = 1
	}
	n := i
	for n < len(l) && isDigit(l[n]) {
		n++
	}
	return n > i && n < len(l) && l[n] == ':'
}

// headingPrefixes start the heading line of a page, before the code: the
// IIS and HTTP.sys form in English and in German, and the IIS 5 form
// ("HTTP 404 - File not found").
var headingPrefixes = [...]string{"HTTP Error ", "HTTP-Fehler ", "HTTP "}

// heading reads a heading line of a page; it reports whether l, which is
// r.p.s[i:j], was one. The first heading with a code gives the page's
// code; later ones (the <title> and the <h3> of one page) only add a
// substatus the first lacked.
func (r *pageReader) heading(l string, i, j int) bool {
	switch {
	case strings.HasPrefix(l, "Server Error in '"):
		// ASP.NET: "Server Error in '/' Application."
		r.aspnet = true
		r.d.Title = l
		r.afterTitle = true
		return true
	case strings.HasPrefix(l, "Server Error in Application"):
		// IIS 7.0 and 7.5 put this above the heading, with the site's
		// name; the line stays as text.
		r.detailHint = true
		r.d.Text = append(r.d.Text, l)
		return true
	case strings.HasPrefix(l, "Internet Information Services "):
		v, err := substatus.ParseVersion(strings.TrimPrefix(l, "Internet Information Services "))
		if err != nil {
			return false
		}
		r.d.IIS = v // the server_version bar of IIS 7.x
		return true
	}
	from, iisTitle := i, false // where the code starts in r.p.s
	if rest, ok := strings.CutPrefix(l, "IIS "); ok {
		// "IIS 8.5 Detailed Error - 404.0 - Not Found"
		v, after, ok := strings.Cut(rest, " Detailed Error - ")
		if !ok {
			return false
		}
		if ver, err := substatus.ParseVersion(v); err == nil {
			r.d.IIS = ver
		}
		r.detailHint, iisTitle = true, true
		from = j - len(after)
	} else if !strings.HasPrefix(l, "HTTP/") {
		// "HTTP/1.1 500 Internal Server Error" starts at the line.
		prefix := ""
		for _, p := range headingPrefixes {
			if len(l) > len(p) && strings.HasPrefix(l, p) && isDigit(l[len(p)]) {
				prefix = p
				break
			}
		}
		switch {
		case prefix != "":
			from = i + len(prefix)
			r.iis5 = r.iis5 || prefix == "HTTP "
		case len(l) > 6 && isDigit(l[0]) && strings.HasPrefix(l[3:], " - "):
			r.custom = true // "404 - File or directory not found."
		default:
			return false
		}
	}
	p := parser{s: r.p.s, start: from, end: j}
	c, title, ok := p.readCodeTitle()
	if !ok {
		if r.plain && !r.hasCode {
			r.p.fail(p.far.off, p.far.err)
		}
		return false
	}
	if rest := r.p.s[from:j]; len(rest) > 4 && rest[3] == '.' && rest[4] == ' ' {
		r.sentence = true // "HTTP Error 503. The service is unavailable."
	}
	r.afterTitle = true
	if r.hasCode && !(c.status == r.code.status && c.hasSub && !r.code.hasSub) {
		// The same heading again, as <title> and <h3>; an "HTTP Error"
		// heading is a better title than the <title> of IIS 8 and later.
		if !iisTitle && strings.HasPrefix(r.d.Title, "IIS ") {
			r.d.Title = l
		}
		return true
	}
	r.code, r.hasCode, r.title = c, true, title
	if r.d.Title == "" || !iisTitle && strings.HasPrefix(r.d.Title, "IIS ") {
		r.d.Title = l
	}
	return true
}

// fields reads a line of the detailed error information: "Label value",
// "Label: value", "Label<TAB>value", "| Label | value |", a label alone
// (the value on the next line), or the whole table run together. It
// reports whether l was such a line.
func (r *pageReader) fields(l string) bool {
	l = strings.TrimSpace(strings.Trim(l, "|"))
	if strings.HasPrefix(l, "Module") && len(l) > 6 && isWordByte(l[6]) && strings.Contains(l, "Notification") {
		return r.runTogether(l)
	}
	for _, pl := range pageLabels {
		rest, ok := strings.CutPrefix(l, pl.label)
		if !ok {
			continue
		}
		value, alone, ok := fieldValue(rest, pl.colon)
		if !ok && r.glued && !pl.colon && rest != "" {
			// A page whose copy lost every separator loses them on
			// every line: "Requested URLhttp://localhost/".
			value, alone, ok = strings.TrimSpace(rest), false, true
		}
		if !ok {
			continue
		}
		r.pending = fNone
		if alone {
			if pl.f == fConfigSource {
				r.inSource = true
			} else {
				r.pending = pl.f
			}
			r.seen[pl.f] = true
			return true
		}
		if r.seen[pl.f] {
			return false // a second occurrence is text
		}
		r.set(pl.f, value)
		if pl.f == fConfigSource {
			r.inSource = true
		}
		return true
	}
	return false
}

// fieldValue returns the value that follows a label, after its separator:
// a colon, a tab, a "|", or white space. alone reports a label with
// nothing after it. ok is false when rest does not start with a
// separator ("Modules", "Handler mappings" do not start a field when
// colon is set).
func fieldValue(rest string, colon bool) (value string, alone, ok bool) {
	t := strings.TrimLeft(rest, " \u00a0")
	if strings.HasPrefix(t, ":") {
		t = t[1:]
	} else if colon {
		return "", false, false
	} else if len(t) == len(rest) && t != "" && t[0] != '\t' && t[0] != '|' && !strings.HasPrefix(t, "\u00a0") {
		return "", false, false
	}
	a, b := trimSpace(t, 0, len(t))
	value = strings.TrimSpace(strings.Trim(t[a:b], "|"))
	return value, value == "", true
}

// runTogether splits a line in which the fields lost their separators.
func (r *pageReader) runTogether(l string) bool {
	type hit struct {
		f            pageField
		start, value int
	}
	var hits []hit
	pos := 0
	for _, rt := range runTogether {
		from := pos
		if rt.f == fHandler && len(hits) > 0 && hits[len(hits)-1].f == fNotification {
			skip := 0
			for _, n := range notifications {
				if strings.HasPrefix(l[pos:], n) {
					skip = max(skip, len(n))
				}
			}
			from += skip
		}
		k := strings.Index(l[from:], rt.label)
		if k < 0 {
			continue
		}
		hits = append(hits, hit{rt.f, from + k, from + k + len(rt.label)})
		pos = from + k + len(rt.label)
	}
	if len(hits) < 2 {
		return false
	}
	r.glued = true
	for n, h := range hits {
		end := len(l)
		if n+1 < len(hits) {
			end = hits[n+1].start
		}
		if !r.seen[h.f] {
			r.set(h.f, strings.TrimSpace(l[h.value:end]))
		}
	}
	return true
}

// text returns the string field of d that holds f, or nil for the fields
// that are not one string (Config Source) or are set with care (Error Code,
// Description).
func (d *PageDetail) text(f pageField) *string {
	switch f {
	case fModule:
		return &d.Module
	case fNotification:
		return &d.Notification
	case fHandler:
		return &d.Handler
	case fConfigError:
		return &d.ConfigError
	case fConfigFile:
		return &d.ConfigFile
	case fURL:
		return &d.RequestedURL
	case fPath:
		return &d.PhysicalPath
	case fLogonMethod:
		return &d.LogonMethod
	case fLogonUser:
		return &d.LogonUser
	case fTracing:
		return &d.TracingDirectory
	case fException:
		return &d.Exception
	}
	return nil
}

// set records the value of a field.
func (r *pageReader) set(f pageField, v string) {
	r.seen[f] = true
	d := &r.d
	switch f {
	case fErrorCode:
		d.ErrorCode = v
		if c, err := win32.Parse(v); err == nil && !r.hasWin32 {
			r.win32, r.hasWin32 = c, true
		}
	case fConfigSource:
		if v != "" {
			d.ConfigSource = append(d.ConfigSource, v)
		}
	case fDescription:
		if d.Description == "" {
			d.Description = v
		} else {
			d.Text = append(d.Text, v)
		}
		r.statusInDescription(v)
	default:
		*d.text(f) = v
	}
	if f != fDescription && f != fException && f != fURL {
		r.detailHint = true
	}
}

// statusInDescription reads the status an ASP.NET page names in its
// description ("HTTP 404. The resource you are looking for ...").
func (r *pageReader) statusInDescription(v string) {
	if !r.aspnet || r.hasCode {
		return
	}
	rest, ok := strings.CutPrefix(v, "HTTP ")
	if !ok || len(rest) < 4 || rest[3] != '.' {
		return
	}
	if c, err := status.Parse(rest[:3]); err == nil {
		r.code, r.hasCode = codePart{status: c}, true
	}
}

// chrome reports whether l is one of the fixed headings of error pages,
// noting what it says about the page's kind.
func (r *pageReader) chrome(l string) bool {
	k := strings.TrimSpace(strings.TrimSuffix(l, ":"))
	if !pageChrome[k] {
		return false
	}
	switch k {
	case "Troubleshooting steps", "Common solutions to this issue":
		r.ancmHint = true
	case "Detailed Error Information", "Error Summary", "Detaillierte Fehlerinformationen":
		r.detailHint = true
	case "Technical Information (for support personnel)", "Internet Information Services (IIS)":
		r.iis6Hint = true
	}
	return true
}

// link reads the IIS70Error value of the "View more information" link:
// status, substatus, HRESULT and the Windows build.
func (r *pageReader) link(v string) {
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return
	}
	r.detailHint = true
	if !r.hasCode {
		if c, err := substatus.Parse(parts[0] + "." + parts[1]); err == nil {
			r.code, r.hasCode = codePart{status: c.Status, sub: c, hasSub: true}, true
		}
	}
	if !r.hasWin32 {
		if c, err := win32.Parse(parts[2]); err == nil {
			r.win32, r.hasWin32 = c, true
			if r.d.ErrorCode == "" {
				r.d.ErrorCode = parts[2]
			}
		}
	}
	if r.d.IIS == 0 {
		r.d.IIS = iisOfBuild(parts[3])
	}
}

// iisOfBuild returns the IIS release that shipped with a Windows build
// number: 6000-6002 (Vista, Server 2008) IIS 7.0, 7600-7601 IIS 7.5, 9200
// IIS 8.0, 9600 IIS 8.5, 10240 and later IIS 10.0.
func iisOfBuild(s string) substatus.Version {
	n := 0
	for i := 0; i < len(s) && i < 6; i++ {
		if !isDigit(s[i]) {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	switch {
	case n >= 6000 && n <= 6002:
		return substatus.IIS7
	case n == 7600 || n == 7601:
		return substatus.IIS75
	case n == 9200:
		return substatus.IIS8
	case n == 9600:
		return substatus.IIS85
	case n >= 10240 && n < 1000000:
		return substatus.IIS10
	}
	return 0
}

// explanation builds the Explanation of the page, and reports whether the
// page said anything that can be explained.
func (r *pageReader) explanation() (Explanation, bool) {
	d := &r.d
	switch {
	case r.aspnet:
		d.Kind = PageASPNET
		if !r.hasCode {
			// The page carries no status; ASP.NET sends it with an
			// unhandled exception's 500.
			r.code, r.hasCode = codePart{status: status.InternalServerError}, true
		}
	case r.sentence && !r.code.hasSub:
		d.Kind = PageHTTPSys
	case r.ancmPage():
		d.Kind = PageANCM
	case r.detailHint:
		d.Kind = PageIISDetailed
	case r.iis6Hint || r.iis5 || r.hasCode && !r.code.hasSub && !r.custom:
		d.Kind = PageIIS6
	case r.custom:
		d.Kind = PageIISCustom
	case r.hasCode:
		d.Kind = PageIISDetailed // a heading such as "HTTP Error 403.14 - Forbidden" and its text
	}
	if !r.hasCode && !r.hasWin32 {
		return Explanation{}, false
	}
	var e Explanation
	if r.hasCode {
		e = r.code.explain()
		e.Title = r.title
	} else {
		e.Kind = KindWin32
	}
	if r.hasWin32 {
		e.Win32 = win32Detail(r.win32)
	}
	e.Page = r.d
	return e, true
}

// ancmPage reports whether the page is the ASP.NET Core Module's: its
// heading is one of the module's page titles (the labels of the ANCM
// meanings of the code), or it has the module's troubleshooting section
// and no detailed error information.
func (r *pageReader) ancmPage() bool {
	if r.d.Module != "" || r.d.Notification != "" {
		return false
	}
	if r.code.hasSub {
		for m := range r.code.sub.Meanings() {
			if m.Scope().Module == substatus.ModuleANCM && m.HasLabel(r.title) {
				return true
			}
		}
	}
	return r.ancmHint || strings.HasPrefix(r.title, "ANCM ")
}

// moduleNames are the names of the add-on modules in the Module row of a
// detailed error page, as IIS registers them.
var moduleNames = [...]struct {
	name string
	m    substatus.Module
}{
	{"AspNetCoreModuleV2", substatus.ModuleANCM}, {"AspNetCoreModule", substatus.ModuleANCM},
	{"ApplicationRequestRouting", substatus.ModuleARR}, {"RewriteModule", substatus.ModuleURLRewrite},
	{"IpRestrictionModule", substatus.ModuleIPRestrictions}, {"DynamicIpRestrictionModule", substatus.ModuleIPRestrictions},
}

// module returns the module the page says set its code, and whether it
// says: the ASP.NET Core Module on its own pages; else the add-on module
// its Module row names, or IIS itself for a row that names none ("IIS Web
// Core", "StaticFileModule", "global.asax").
func (d PageDetail) module() (substatus.Module, bool) {
	switch {
	case d.Kind == PageANCM:
		return substatus.ModuleANCM, true
	case d.Module == "":
		return substatus.ModuleCore, false
	}
	if m, err := substatus.ParseModule(d.Module); err == nil {
		return m, true
	}
	for _, n := range moduleNames {
		if strings.EqualFold(d.Module, n.name) {
			return n.m, true
		}
	}
	return substatus.ModuleCore, true
}
