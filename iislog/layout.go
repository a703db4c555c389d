package iislog

import (
	"fmt"
	"iter"
	"strings"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// kind tells which typed field of a Record a column fills (a w3c.Kind).
const (
	kindNone w3c.Kind = iota
	kindDate
	kindTime
	kindSiteName
	kindComputerName
	kindServerIP
	kindMethod
	kindURIStem
	kindURIQuery
	kindServerPort
	kindUsername
	kindClientIP
	kindClientPort
	kindVersion
	kindUserAgent
	kindCookie
	kindReferer
	kindHost
	kindStatus
	kindSubstatus
	kindWin32
	kindBytesSent
	kindBytesReceived
	kindTimeTaken
	numKinds
)

// columns describes the typed columns: the W3C name, and the field of the
// Record it fills. Their order is the canonical order of IIS (the order in
// which IIS writes the standard fields), with c-port, which only the FTP
// service logs, after c-ip.
var columns = [numKinds - 1]struct {
	name  string
	field FieldSet
}{
	kindDate - 1:          {"date", FieldTime},
	kindTime - 1:          {"time", FieldTime},
	kindSiteName - 1:      {"s-sitename", FieldSiteName},
	kindComputerName - 1:  {"s-computername", FieldComputerName},
	kindServerIP - 1:      {"s-ip", FieldServerIP},
	kindMethod - 1:        {"cs-method", FieldMethod},
	kindURIStem - 1:       {"cs-uri-stem", FieldURIStem},
	kindURIQuery - 1:      {"cs-uri-query", FieldURIQuery},
	kindServerPort - 1:    {"s-port", FieldServerPort},
	kindUsername - 1:      {"cs-username", FieldUsername},
	kindClientIP - 1:      {"c-ip", FieldClientIP},
	kindClientPort - 1:    {"c-port", FieldClientPort},
	kindVersion - 1:       {"cs-version", FieldVersion},
	kindUserAgent - 1:     {"cs(User-Agent)", FieldUserAgent},
	kindCookie - 1:        {"cs(Cookie)", FieldCookie},
	kindReferer - 1:       {"cs(Referer)", FieldReferer},
	kindHost - 1:          {"cs-host", FieldHost},
	kindStatus - 1:        {"sc-status", FieldStatus | FieldReply},
	kindSubstatus - 1:     {"sc-substatus", FieldSubstatus},
	kindWin32 - 1:         {"sc-win32-status", FieldWin32},
	kindBytesSent - 1:     {"sc-bytes", FieldBytesSent},
	kindBytesReceived - 1: {"cs-bytes", FieldBytesReceived},
	kindTimeTaken - 1:     {"time-taken", FieldTimeTaken},
}

// FieldOf returns the typed field filled by the column called name
// ([FieldTime] for "date" and "time", [FieldClientIP] for "c-ip",
// [FieldStatus] | [FieldReply] for "sc-status", which fills one or the
// other by service...), or 0 if the column has no typed field.
func FieldOf(name string) FieldSet {
	if k := schema.Kinds[name]; k != kindNone {
		return columns[k-1].field
	}
	return 0
}

// Column returns the W3C name of the column that fills f, a single typed
// field: "c-ip" for [FieldClientIP], "sc-status" for [FieldStatus] and for
// [FieldReply], and "date time" for [FieldTime], which combines two
// columns. It returns "" when f is not exactly one typed field.
func (f FieldSet) Column() string {
	switch f {
	case FieldTime:
		return "date time"
	case FieldStatus, FieldReply:
		return "sc-status"
	}
	for _, c := range columns {
		if c.field == f {
			return c.name
		}
	}
	return ""
}

// The layouts IIS writes by default, and others seen in real logs; they
// are known to the engine by their text, so that their directives cost
// nothing, and serve to read headerless lines (see InferredLayouts).
const (
	fieldsIIS6   = "date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status"
	fieldsIIS7   = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken"
	fieldsIIS8   = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
	fieldsBytes  = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"
	fieldsAll    = "date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"
	fieldsFTP    = "date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath"
	fieldsIIS8XF = fieldsIIS8 + " X-Forwarded-For"
)

// inferred are the layouts tried for a line read before any #Fields
// directive, in order of preference, with the sources that show them.
var inferred = []struct {
	fields string
	source string
}{
	{fieldsIIS8, "IIS 8.0 to 10 default"},
	{fieldsIIS7, "IIS 7.0 and 7.5 default"},
	{fieldsIIS6, "IIS 6.0 default"},
	{fieldsFTP, "FTP service default (IIS 7 and later)"},
	{fieldsIIS8XF, "IIS 8.5+ default with an X-Forwarded-For custom field"},
	{"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken", "IIS 10 default with cs-host"},
	{"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) sc-status sc-substatus sc-win32-status time-taken", "IIS 10 default with cs(Cookie)"},
	{"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken", "IIS 7.5 default with sc-bytes and cs-bytes"},
	{fieldsBytes, "default from the February 2026 update (IIS 8.5 with sc-bytes and cs-bytes)"},
	{fieldsBytes + " X-Forwarded-For", "the same with an X-Forwarded-For custom field"},
	{"date time s-sitename cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken", "Azure App Service"},
	{"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken X-Forwarded-For", "IIS 10 with cs-version, cs-host, bytes and X-Forwarded-For"},
	{"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken X-Forwarded-For", "IIS 10 with cs(Cookie), bytes and X-Forwarded-For"},
	{"date time s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken X-Forwarded-For", "IIS 10 with s-computername and X-Forwarded-For"},
	{"date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken", "IIS 10 with s-sitename, s-computername and cs-host"},
	{"date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken", "IIS 10 with s-sitename, cs-version, cs-host and bytes"},
	{fieldsAll, "all standard fields"},
	{fieldsAll + " X-Forwarded-For", "all standard fields with an X-Forwarded-For custom field"},
}

// A layout's code (w3c.Layout.Fast), computed once per layout by
// layoutCode: the service its column names imply, in the low bits, and
// the column of its X-Forwarded-For field plus one, above them.
const (
	codeClueBits = 2
	codeClueMask = 1<<codeClueBits - 1
)

func layoutCode(l *w3c.Layout) int {
	code := int(layoutClue(l.Names))
	for i, n := range l.Names {
		if strings.EqualFold(n, "X-Forwarded-For") {
			code |= (i + 1) << codeClueBits
			break
		}
	}
	return code
}

// xffCol returns the X-Forwarded-For column of l, or -1.
func xffCol(l *w3c.Layout) int { return l.Fast>>codeClueBits - 1 }

var schema = func() *w3c.Schema {
	s := &w3c.Schema{
		Name:  "iislog",
		Kinds: make(map[string]w3c.Kind, len(columns)+1),
		Fast:  layoutCode,
		Error: newParseError,
	}
	for i, c := range columns {
		s.Kinds[c.name] = w3c.Kind(i + 1)
	}
	return s
}()

// inferredLayouts are the engine's layouts of inferred, by column count.
var inferredLayouts = func() map[int][]*w3c.Layout {
	m := map[int][]*w3c.Layout{}
	for _, in := range inferred {
		l := schema.NewLayout(strings.Fields(in.fields))
		m[len(l.Names)] = append(m[len(l.Names)], l)
		schema.Known = append(schema.Known, l)
	}
	schema.Default = m[15][0]
	return m
}()

// InferredLayouts returns the layouts a Reader tries, in order, for a data
// line read before any #Fields directive, each with a note on where IIS
// writes it: the defaults of IIS 6 to 10 and of the FTP service, and
// selections seen in real logs. A line is read with the first layout of
// its number of fields whose typed columns all hold valid values or "-",
// or else with the first layout of its number of fields, or else with the
// IIS 8 to 10 default (and then reported with [ErrFieldCount]).
func InferredLayouts() iter.Seq2[Layout, string] {
	return func(yield func(Layout, string) bool) {
		for _, in := range inferred {
			if !yield(Layout{text: in.fields}, in.source) {
				return
			}
		}
	}
}

// A Layout is the list of field names of a #Fields directive, as a
// comparable value that can be saved as text. A tailer that resumes
// reading a log in mid-file, at a saved [Reader.InputOffset], past the
// file's last #Fields directive, saves the [Reader.Layout] too and gives
// it to the new Reader with [Reader.SetLayout]. The zero Layout means "no
// #Fields directive".
type Layout struct {
	text string // the names joined by single spaces
}

// ParseLayout parses field names separated by spaces, as they follow
// "#Fields:" in a directive. Empty text gives the zero Layout. Text whose
// names repeat gives an error wrapping [ErrBadDirective].
func ParseLayout(text string) (Layout, error) {
	var l Layout
	err := l.UnmarshalText([]byte(text))
	return l, err
}

// String returns the field names, separated by single spaces as in a
// #Fields directive, or "" for the zero Layout.
func (l Layout) String() string { return l.text }

// Fields returns the field names of l, in order, in a new slice.
func (l Layout) Fields() []string { return strings.Fields(l.text) }

// AppendText implements [encoding.TextAppender]: it appends the form of
// [Layout.String].
func (l Layout) AppendText(b []byte) ([]byte, error) { return append(b, l.text...), nil }

// MarshalText implements [encoding.TextMarshaler].
func (l Layout) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler] with the rules of
// [ParseLayout].
func (l *Layout) UnmarshalText(b []byte) error {
	if strings.TrimSpace(string(b)) == "" {
		*l = Layout{}
		return nil
	}
	w, at := schema.ParseLayout(b, nil)
	if w == nil {
		return fmt.Errorf("iislog: layout %q: field name repeated at byte %d: %w", b, at+1, ErrBadDirective)
	}
	*l = Layout{text: w.Text}
	return nil
}

// resolve returns the engine's layout of l, or nil for the zero Layout.
func (l Layout) resolve() *w3c.Layout {
	if l.text == "" {
		return nil
	}
	w, _ := schema.ParseLayout([]byte(l.text), nil)
	return w
}
