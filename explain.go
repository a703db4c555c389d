package iisstatus

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/enumtext"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// Kind says what an input to [Explain] was recognised as.
type Kind uint8

// The kinds of input. The zero value, KindUnknown, belongs to the zero
// Explanation only.
const (
	KindUnknown   Kind = iota // "unknown"
	KindStatus                // "status": an HTTP status code such as "404", or a page that carries only a status
	KindSubstatus             // "substatus": an IIS code with substatus such as "403.14", "404 2 1260" or an error page's heading
	KindReason                // "reason": an HTTP.sys error-log reason token such as "QueueFull"
	KindWin32                 // "win32": a Windows error code or HRESULT alone, such as "0x80070021" or "1326"
)

var kindNames = [...]string{"unknown", "status", "substatus", "reason", "win32"}

// String returns the kind's lower-case name, or "Kind(n)".
func (k Kind) String() string { return enumString(kindNames[:], k, "Kind") }

// AppendText implements [encoding.TextAppender] with the String form.
func (k Kind) AppendText(b []byte) ([]byte, error) { return enumAppend(b, kindNames[:], k, "Kind") }

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (k Kind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (k *Kind) UnmarshalText(text []byte) error { return enumUnmarshal(text, kindNames[:], k, "Kind") }

// enumString, enumAppend and enumUnmarshal implement the text forms of the
// package's small enums from their table of names, with the module's one
// rule (internal/enumtext).
func enumString[E ~uint8](names []string, v E, typ string) string {
	return enumtext.String(names, v, typ)
}

func enumAppend[E ~uint8](b []byte, names []string, v E, typ string) ([]byte, error) {
	return enumtext.Append(b, names, v, "iisstatus", typ)
}

func enumUnmarshal[E ~uint8](text []byte, names []string, v *E, typ string) error {
	return enumtext.Unmarshal(text, names, v, "iisstatus", typ)
}

// Errors wrapped by the *InputError that [Explain] returns; test with
// [errors.Is]. Where a package's parser rejected a part of the input, the
// error wraps that parser's error as well: errors.As finds the
// *status.ParseError, *substatus.ParseError or *win32.ParseError behind
// ErrStatusRange, ErrSubstatus or ErrWin32Status, and errors.Is the
// package's ErrSyntax or ErrRange.
var (
	// ErrEmpty: the input is empty or only white space.
	ErrEmpty = errors.New("empty input")
	// ErrStatusRange: a number was given where a status belongs that is
	// not a three-digit code in 100-999 (status.Parse rejects it).
	ErrStatusRange = errors.New("status code outside 100-999")
	// ErrSubstatus: the substatus part is malformed or out of range
	// (substatus.Parse rejects it: a leading zero, more than 65535, not
	// digits, or a status outside 100-599 such as "700.5").
	ErrSubstatus = errors.New("malformed substatus")
	// ErrWin32Status: a Windows code, such as the third number of an IIS
	// log triple ("404 2 1260", sc-win32-status, an unsigned 32-bit
	// decimal) or the HRESULT after a code ("500.19 0x8007000d"), is
	// malformed (win32.Parse rejects it).
	ErrWin32Status = errors.New("malformed Windows status code")
	// ErrUnrecognized: the input, or the part of it at the error's
	// offset, fits none of the forms Explain reads.
	ErrUnrecognized = errors.New("not a status code, substatus code, Windows code or known HTTP.sys reason token")
)

// InputError is the error [Explain] returns for input it cannot explain.
// It follows the model of the packages' ParseError types, with the byte
// offset of the part that could not be read.
type InputError struct {
	Input string // the input as given to Explain
	// Offset is the byte offset in Input where recognition failed: the
	// start of the first part that no form of input accepts, as far as the
	// form that got furthest got. For empty input it is len(Input).
	Offset int
	// Err is one of ErrEmpty, ErrStatusRange, ErrSubstatus,
	// ErrWin32Status and ErrUnrecognized, possibly wrapping the error of
	// the package parser that rejected the part.
	Err error
}

// maxQuoted bounds how much of the input an error message quotes.
const maxQuoted = 64

// Error returns a message such as
// `iisstatus: parse "404 2 4294967296" at byte 6: malformed Windows status
// code (win32: ...)`. An input longer than 64 bytes is quoted in part, with
// its length.
func (e *InputError) Error() string {
	q := e.Input
	if len(q) > maxQuoted {
		n := maxQuoted
		for n > 0 && !utf8.RuneStart(q[n]) {
			n--
		}
		q = strconv.Quote(q[:n]) + "... (" + strconv.Itoa(len(e.Input)) + " bytes)"
	} else {
		q = strconv.Quote(q)
	}
	return "iisstatus: parse " + q + " at byte " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *InputError) Unwrap() error { return e.Err }

// Explanation is everything the library knows about one input to
// [Explain]. It is plain data with exported fields and JSON tags, meant to
// be printed with [Explanation.String] or encoded as JSON; sections that do
// not apply are zero and omitted from JSON.
type Explanation struct {
	// Input is the text given to Explain, unchanged.
	Input string `json:"input"`
	// Kind says what the input was recognised as.
	Kind Kind `json:"kind"`
	// Title is text that followed the code in the input and was not
	// interpreted, such as "Forbidden" in "HTTP Error 403.14 - Forbidden".
	// It is not checked against the data.
	Title string `json:"title,omitempty"`
	// Pairs are the causes and fixes of the (substatus, error code) pair
	// the input names (500.19 with 0x8007000D), of a substatus whose page
	// shows no code (the ASP.NET Core Module's 500.30), or of a code alone
	// (0x80070021, with every substatus it is known with); the most
	// specific answer, so Format prints them first.
	Pairs []PairDetail `json:"pairs,omitempty"`
	// Page holds what was read from a pasted error page (the fields of its
	// detailed error information, the lines not interpreted); it is zero
	// for other input.
	Page PageDetail `json:"page,omitzero"`
	// Status describes the HTTP status: the code given (KindStatus,
	// KindSubstatus) or the one HTTP.sys sends with the reason
	// (KindReason); zero when a reason implies no status.
	Status StatusDetail `json:"status,omitzero"`
	// Substatus describes the IIS substatus code (KindSubstatus only).
	Substatus SubstatusDetail `json:"substatus,omitzero"`
	// Substatuses lists the known substatus codes of a bare status
	// (KindStatus only), such as 403.1 … 403.20 for "403".
	Substatuses []SubstatusSummary `json:"substatuses,omitempty"`
	// Reason describes the HTTP.sys reason token (KindReason only).
	Reason ReasonDetail `json:"reason,omitzero"`
	// Win32 describes the Windows status code: the input itself
	// (KindWin32), the sc-win32-status of an IIS log triple such as
	// "404 2 1260", or the HRESULT after a code ("500.19 0x8007000d").
	Win32 Win32Detail `json:"win32,omitzero"`
}

// Known reports whether the library knows the thing asked about: the
// status for KindStatus, the substatus code for KindSubstatus, always for
// KindReason (unknown tokens are errors), the Windows code for KindWin32.
// A substatus of 0 with no meaning
// of its own (Substatus.None, as in "200 0 64") is known when its status
// is: it says that IIS had nothing to add to the status.
func (e Explanation) Known() bool {
	switch e.Kind {
	case KindStatus:
		return e.Status.Known
	case KindSubstatus:
		return e.Substatus.Known || e.Substatus.None && e.Status.Known
	case KindReason:
		return true
	case KindWin32:
		return e.Win32.Known
	}
	return false
}

// StatusDetail describes an HTTP status code: the status table's entry,
// embedded with all its fields and JSON names, and what the entry holds
// as iterators. For a code the library does not know, only Code and Class
// are set and Known is false.
type StatusDetail struct {
	// Info is the table's entry (status.Code.Info): phrase, spec,
	// registry, description, IIS note, hints, notes and sources.
	status.Info
	// Known reports whether the status table has the code.
	Known bool `json:"known"`
	// Class is the class, from the first digit; it is set for unknown
	// codes in 100-599 too.
	Class status.Class `json:"class,omitempty"`
	// IISWordings are the names IIS documentation gives the code where
	// they differ from Phrase ("Object Moved" for 302).
	IISWordings []string `json:"iis_wordings,omitempty"`
	// FormerPhrases are phrases once registered for the code.
	FormerPhrases []string `json:"former_phrases,omitempty"`
}

// SubstatusDetail describes an IIS substatus code with all its meanings.
type SubstatusDetail struct {
	Code  substatus.Code `json:"code"`  // the code; JSON "403.14"
	Known bool           `json:"known"` // whether any meaning is known
	// None reports a substatus of 0 that has no meaning of its own: IIS
	// logs sc-substatus 0 when it has no more specific reason, so the
	// status alone explains the response ("200 0 64", "304 0 0"). Codes
	// whose ".0" has a documented meaning, such as 404.0, are Known instead.
	None bool `json:"none,omitempty"`
	// Meanings lists every known meaning with its scope (IIS versions,
	// module), in the order of substatus.Code.Meanings.
	Meanings []SubstatusMeaning `json:"meanings,omitempty"`
	// Selected is the ID of the meaning that applies ("502.5/ancm"), when
	// that is known, or "". Explain sets it for a page, from the IIS
	// release and module the page names, and for a code whose meanings
	// belong to several modules when its Windows code says which
	// ("502 5 12030", a WinHTTP error: ARR's); a caller that knows the IIS
	// version and module may set it from substatus.Code.Lookup, or use
	// [Explanation.WithModule]. [Explanation.Format] prints the selected
	// meaning in full and the others in one line each.
	Selected string `json:"selected,omitempty"`
}

// SubstatusMeaning is one scoped meaning of a substatus code.
type SubstatusMeaning struct {
	// Meaning is the handle into the substatus table, for further lookups
	// (translations, sources, notes). It is not encoded in JSON.
	Meaning substatus.Meaning `json:"-"`
	// ID is the meaning's stable identifier ("502.5/ancm").
	ID string `json:"id"`
	// Scope says where the meaning applies ("IIS 7.0+", "ARR 3.0.1916 on
	// IIS 7.0+").
	Scope string `json:"scope"`
	// Module is the module's key ("core", "arr", "ancm", …).
	Module string `json:"module"`
	// Label is Microsoft's short label, byte-exact.
	Label string `json:"label"`
	// AltLabels are other official wordings of the same meaning.
	AltLabels []string `json:"alt_labels,omitempty"`
	// Description, Causes and Fixes are the operator's explanation.
	Description string `json:"description,omitempty"`
	Causes      string `json:"causes,omitempty"`
	Fixes       string `json:"fixes,omitempty"`
	// ClientText is safe to send to a remote client.
	ClientText string `json:"client_text,omitempty"`
	// ReplacedBy is the code newer IIS releases log instead, or "".
	ReplacedBy string `json:"replaced_by,omitempty"`
}

// SubstatusSummary names one known substatus code of a status.
type SubstatusSummary struct {
	Code  substatus.Code `json:"code"`  // JSON "403.14"
	Label string         `json:"label"` // the newest core IIS label, or the first known
}

// ReasonDetail describes an HTTP.sys reason token.
type ReasonDetail struct {
	// Reason is the token's value; JSON encodes Info.Token instead.
	Reason httpsys.Reason `json:"-"`
	// Info is the table's entry for the token.
	Info httpsys.Info `json:"info"`
	// Causes lists the distinct causes (several for N/A).
	Causes []string `json:"causes,omitempty"`
	// AltStatus describes Info.AltStatus, the second status a token can be
	// logged with (503 for N/I), or is zero.
	AltStatus StatusDetail `json:"alt_status,omitzero"`
}

// Win32Detail describes a Windows status code: the sc-win32-status IIS
// logs, the Error Code of an error page, or a code given alone. A number
// the win32 data does not name has only Code, Known false and the other
// form.
type Win32Detail struct {
	Code  win32.Code `json:"code"`  // the number as given; JSON "1260" (decimal, as IIS logs it)
	Known bool       `json:"known"` // whether the win32 data names the code
	// Symbol is the upstream name ("ERROR_ACCESS_DISABLED_BY_POLICY"),
	// byte-exact.
	Symbol string `json:"symbol,omitempty"`
	// HRESULT is the HRESULT form, as error pages and event logs show it
	// ("0x8007000D" for 13 and for 0x8007000D), or "" for 0, which is
	// S_OK in both forms.
	HRESULT string `json:"hresult,omitempty"`
	// Win32Error is the Win32 error code behind an HRESULT of
	// FACILITY_WIN32 (13 for 0x8007000D), or Code itself for a Win32 code;
	// HasWin32 is false for HRESULTs of other facilities (0x8009030E).
	Win32Error win32.Code `json:"win32_error,omitempty"`
	HasWin32   bool       `json:"has_win32"`
	// Description explains the code in our words.
	Description string `json:"description,omitempty"`
	// SystemMessage is Windows's own message for the code, in the
	// language of the system, when Explain runs on Windows; "" elsewhere.
	SystemMessage string `json:"system_message,omitempty"`
}

func win32Detail(c win32.Code) Win32Detail {
	d := Win32Detail{Code: c, Known: c.IsKnown(), Symbol: c.Symbol(), Description: c.Description()}
	if h := c.HRESULT(); h != 0 {
		d.HRESULT = "0x" + strings.ToUpper(strconv.FormatUint(uint64(h)|1<<32, 16)[1:])
	}
	d.Win32Error, d.HasWin32 = c.Win32()
	d.SystemMessage, _ = c.SystemMessage()
	return d
}

// PairDetail is the cause and fix of one (substatus, error code) pair of
// the win32 data: what 500.19 with 0x8007000D means, or an ASP.NET Core
// Module page that shows no code (HasCode false).
type PairDetail struct {
	// Pair is the handle into the win32 data, for further lookups
	// (sources, notes). It is not encoded in JSON; ID is.
	Pair win32.Pair `json:"-"`
	// ID is the pair's stable identifier ("500.19/0x8007000D").
	ID string `json:"id"`
	// Substatus, Module, Code and HasCode say which pair it is.
	Substatus substatus.Code   `json:"substatus"`
	Module    substatus.Module `json:"module"`
	Code      win32.Code       `json:"code"`
	HasCode   bool             `json:"has_code"`
	// IISVersions says where the pair applies ("7.0+", "7.5+ with ANCM v2").
	IISVersions string `json:"iis_versions,omitempty"`
	// Cause and Fix are the operator's explanation.
	Cause string `json:"cause"`
	Fix   string `json:"fix"`
	// Confidence is how well the sources support the pair.
	Confidence substatus.Confidence `json:"confidence,omitempty"`
	// Sources are the public sources of the pair.
	Sources []string `json:"sources,omitempty"`
}

func pairDetail(p win32.Pair) PairDetail {
	d := PairDetail{Pair: p, ID: p.ID(), Substatus: p.Substatus(), Module: p.Module(), Code: p.Code(), HasCode: p.HasCode(),
		IISVersions: p.IISVersions(), Cause: p.Cause(), Fix: p.Fix(), Confidence: p.Confidence()}
	for s := range p.Sources() {
		d.Sources = append(d.Sources, s)
	}
	return d
}

// triple returns what e says about one IIS error for the win32 data: its
// substatus, its Windows code if it has one, and the module its page
// names.
func triple(e Explanation) win32.Triple {
	t := win32.Triple{Substatus: e.Substatus.Code, Code: e.Win32.Code, HasCode: e.Win32 != (Win32Detail{})}
	t.Module, t.HasModule = e.Page.module()
	return t
}

// pairs returns the pairs that explain e: for a substatus, those the
// win32 data chooses for it, its code and its page's module
// (win32.Triple.Pairs, the rule iisreport follows too); for a status with
// a code, the pairs of that code under the status; for a code alone,
// every pair of the code.
func pairs(e Explanation, t win32.Triple) []PairDetail {
	var out []PairDetail
	add := func(p win32.Pair, ok bool) {
		if ok {
			out = append(out, pairDetail(p))
		}
	}
	switch hasCode := e.Win32 != (Win32Detail{}); {
	case e.Kind == KindSubstatus:
		for p := range t.Pairs() {
			add(p, true)
		}
	case e.Kind == KindStatus && hasCode:
		for p := range e.Win32.Code.Pairs() {
			add(p, p.Substatus().Status == e.Status.Code)
		}
	case e.Kind == KindWin32:
		for p := range e.Win32.Code.Pairs() {
			add(p, true)
		}
	}
	return out
}

// WithModule returns e explained as an error that module m set, for a
// caller that knows which module that was (iisexplain's -module): the
// pairs are those the win32 data has for m (win32.Triple with the module
// named: "502.5" with the ASP.NET Core Module gets the module's cause of
// its 502.5 page), and Substatus.Selected is m's meaning on the IIS
// release the page names, or on the latest, when the code has several.
// An Explanation of another kind than KindSubstatus is returned as it is.
func (e Explanation) WithModule(m substatus.Module) Explanation {
	if e.Kind != KindSubstatus {
		return e
	}
	t := triple(e)
	t.Module, t.HasModule = m, true
	e.Pairs = pairs(e, t)
	e.Substatus.Selected = ""
	if len(e.Substatus.Meanings) > 1 {
		e.Substatus.Selected = meaningOf(e.Substatus.Code, e.Page.IIS, m)
	}
	return e
}

// meaningOf returns the ID of the meaning of c on IIS release v (the
// latest when v is 0) for module m, or "".
func meaningOf(c substatus.Code, v substatus.Version, m substatus.Module) string {
	if v == 0 {
		v = substatus.Latest
	}
	if mm, ok := c.Lookup(v, m); ok {
		return mm.ID()
	}
	return ""
}

// selected returns the ID of the meaning that applies to e, when its code
// has several and the input tells which, or "". The module is the one the
// page names, else the one the code implies (win32.Triple.SetBy: the
// WinHTTP code of "502 5 12030" says ARR, 0x8000FFFF with 500.0 the
// ASP.NET Core Module); the IIS release is the one the page names, else
// the latest. A one-line input selects only when the meanings belong to
// several modules and the code names one; an error page of IIS 7 or later
// selects IIS's own meaning when nothing names a module, an IIS 6 page the
// IIS 6 meaning.
func selected(e Explanation) string {
	d := e.Substatus
	if len(d.Meanings) < 2 {
		return ""
	}
	m, ok := triple(e).SetBy()
	v := e.Page.IIS
	switch e.Page.Kind {
	case PageUnknown:
		several := false
		for _, x := range d.Meanings {
			several = several || x.Meaning.Scope().Module != d.Meanings[0].Meaning.Scope().Module
		}
		if !ok || !several {
			return ""
		}
	case PageIIS6:
		if v == 0 {
			v = substatus.IIS6
		}
	case PageASPNET:
		return ""
	}
	return meaningOf(d.Code, v, m)
}

// Explain explains what a person pastes: a status code ("404", "HTTP 404",
// "404 Not Found"), an IIS code with substatus ("403.14", "403 14",
// "403,14", " 500.19 ", the IIS error-page title "HTTP Error 403.14 -
// Forbidden"), a status with ".x" ("401.x", all its substatus codes), or an
// HTTP.sys reason token ("ConnLimit", "Timer_ConnectionIdle", "N/A",
// "Invalid_CR/LF"; matched exactly, or else ignoring case), alone or after
// the status it was logged with ("503 QueueFull", "400 - Hostname"). In the
// last form the Explanation is of KindReason and its Status is the status
// given, which may differ from the one the token implies
// (Reason.Info.Status).
//
// Explain also accepts the three numbers of an IIS W3C log line's
// sc-status sc-substatus sc-win32-status fields, separated by white space
// as pasted from the log ("404 0 2", "404 2 1260", "401 2 2148074254",
// "200 0 64"): the Explanation is of KindSubstatus for the first two, and
// its Win32 section describes the third, an unsigned 32-bit decimal.
// Nothing may follow the third number. A status or code followed by the
// HRESULT of an error page, in hexadecimal or negative decimal ("500.19
// 0x8007000d", "401 2 0x8009030E"), fills the Win32 section the same way.
// A Windows error code or HRESULT alone ("0x80070021", "1326",
// "2148074254") is of KindWin32; a three-digit number in 100-999 is read
// as a status, so write such a Windows code in hexadecimal ("0x7E"). A
// Windows code the data does not know is not an error (Win32.Known is
// false).
//
// Text of several lines, or with HTML tags, is read as a pasted error
// page: the detailed error page of IIS 7 and later (as HTML or as the
// text a browser copies), the custom page IIS shows remote clients, the
// ASP.NET Core Module's page, the IIS 5 and 6 page, the ASP.NET "Server
// Error in '/' Application." page and the page HTTP.sys sends. The
// heading gives the code, the Error Code the Win32 section, and the fields
// of the detailed error information go into Page; lines it does not
// interpret are kept in Page.Text. A page that names its IIS release or
// module selects the meaning that applies (Substatus.Selected).
//
// Pairs holds the cause and fix of the (substatus, error code) pair the
// input names, from the win32 data, which [Explanation.Format] prints
// first. For a substatus they are the ones [win32.Triple.Pairs] chooses,
// the same rule the iisreport program follows for each log triple: the
// pairs of exactly the substatus and the code, else the causes without a
// code of the add-on module that set the substatus, when only that module
// sets it ("500 30 0", "500.30") or the page is the module's own.
//
// Every number is checked by the package that owns it: [status.Parse],
// [substatus.Parse], [win32.Parse]. So "700.5" is rejected, as
// substatus.Parse rejects it, and every Explanation encodes to JSON.
//
// A well-formed code the data does not know ("299", "403.99") is not an
// error: the Explanation carries the digits with Known false. Explain
// returns an *[InputError] for empty input, for a number where a status
// belongs that is not a three-digit status in 100-999, for a malformed
// substatus or Windows code, for a text of several lines in which no page
// heading, status or error code is found ([ErrPage]), and for any other
// text (an unknown reason token); the error gives the byte offset where
// reading failed and quotes the input. Explain never panics, and its cost
// grows linearly with the length of the input (a pasted page of 1 MB is
// read in milliseconds).
func Explain(s string) (Explanation, error) {
	p := parser{s: s}
	p.start, p.end = trimSpace(s, 0, len(s))
	if p.start == p.end {
		return Explanation{Input: s}, &InputError{Input: s, Offset: len(s), Err: ErrEmpty}
	}
	if in := s[p.start:p.end]; strings.IndexByte(in, '\n') >= 0 || looksLikeHTML(in) {
		e, err := explainPage(s, p.start, p.end)
		if err != nil {
			return e, err
		}
		e.Input = s
		e.Substatus.Selected, e.Pairs = selected(e), pairs(e, triple(e))
		return e, nil
	}
	e, ok := p.parseLine()
	if !ok {
		if p.far.err == nil {
			p.far = failure{p.start, ErrUnrecognized}
		}
		return Explanation{Input: s}, &InputError{Input: s, Offset: p.far.off, Err: p.far.err}
	}
	e.Input = s
	e.Substatus.Selected, e.Pairs = selected(e), pairs(e, triple(e))
	return e, nil
}

func statusDetail(c status.Code) StatusDetail {
	info, ok := c.Info()
	if !ok {
		info = status.Info{Code: c}
	}
	d := StatusDetail{Info: info, Known: ok, Class: c.Class()}
	for w := range info.IISWordings() {
		d.IISWordings = append(d.IISWordings, w)
	}
	for p := range info.FormerPhrases() {
		d.FormerPhrases = append(d.FormerPhrases, p)
	}
	return d
}

func substatusDetail(c substatus.Code) SubstatusDetail {
	d := SubstatusDetail{Code: c}
	for m := range c.Meanings() {
		sm := SubstatusMeaning{
			Meaning:     m,
			ID:          m.ID(),
			Scope:       m.Scope().String(),
			Module:      m.Scope().Module.Key(),
			Label:       m.Label(),
			Description: m.Description(),
			Causes:      m.Causes(),
			Fixes:       m.Fixes(),
			ClientText:  m.ClientText(),
		}
		for a := range m.AltLabels() {
			sm.AltLabels = append(sm.AltLabels, a)
		}
		if r, ok := m.ReplacedBy(); ok {
			sm.ReplacedBy = r.String()
		}
		d.Meanings = append(d.Meanings, sm)
	}
	d.Known = len(d.Meanings) > 0
	d.None = !d.Known && c.Sub == 0
	return d
}

func substatusesOf(c status.Code) []SubstatusSummary {
	var out []SubstatusSummary
	for sc := range substatus.All() {
		if sc.Status != c {
			continue
		}
		m, ok := sc.Lookup(substatus.Latest, substatus.ModuleCore)
		if !ok {
			for first := range sc.Meanings() {
				m = first
				break
			}
		}
		out = append(out, SubstatusSummary{Code: sc, Label: m.Label()})
	}
	return out
}

func explainReason(e Explanation, r httpsys.Reason) Explanation {
	info := r.Info()
	e.Kind = KindReason
	e.Reason = ReasonDetail{Reason: r, Info: info}
	for c := range r.Causes() {
		e.Reason.Causes = append(e.Reason.Causes, c)
	}
	if info.HasStatus() {
		e.Status = statusDetail(info.Status)
	}
	if info.AltStatus != 0 {
		e.Reason.AltStatus = statusDetail(info.AltStatus)
	}
	return e
}
