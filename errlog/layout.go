package errlog

import (
	"fmt"
	"strings"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// kind tells which typed field of a Record a column fills: its index in
// columns, plus one (0 is w3c.Untyped).
type kind = w3c.Kind

const (
	kindNone kind = iota
	kindDate
	kindTime
	kindClientIP
	kindClientPort
	kindServerIP
	kindServerPort
	kindVersion
	kindMethod
	kindURI
	kindStatus
	kindSiteID
	kindReason
	kindQueueName
)

// A column describes a typed column: its W3C name, the typed field it
// fills, and the key of that field in [Record.LogValue] ("" when another
// column logs the field). Everything else about typed columns (the
// schema's kinds, FieldOf, FieldSet.Column, Clone, LogValue) is derived
// from this table; the conversion itself is setColumn.
type column struct {
	name  string
	kind  kind
	field FieldSet
	key   string
	text  bool // the field is a []byte view of the column
}

// columns is the table of typed columns, in kind order.
var columns = [...]column{
	{"date", kindDate, FieldTime, "", false},
	{"time", kindTime, FieldTime, "time", false},
	{"c-ip", kindClientIP, FieldClientIP, "c-ip", false},
	{"c-port", kindClientPort, FieldClientPort, "c-port", false},
	{"s-ip", kindServerIP, FieldServerIP, "s-ip", false},
	{"s-port", kindServerPort, FieldServerPort, "s-port", false},
	{"cs-version", kindVersion, FieldVersion, "cs-version", true},
	{"cs-method", kindMethod, FieldMethod, "cs-method", true},
	{"cs-uri", kindURI, FieldURI, "cs-uri", true},
	{"sc-status", kindStatus, FieldStatus, "sc-status", false},
	{"s-siteid", kindSiteID, FieldSiteID, "s-siteid", false},
	{"s-reason", kindReason, FieldReason, "s-reason", false},
	{"s-queuename", kindQueueName, FieldQueueName, "s-queuename", true},
}

// FieldOf returns the typed field filled by the column called name
// ([FieldTime] for "date" and "time", [FieldClientIP] for "c-ip"...), or 0
// if the column has no typed field.
func FieldOf(name string) FieldSet {
	if k := schema.Kinds[name]; k != kindNone {
		return columns[k-1].field
	}
	return 0
}

// Column returns the W3C name of the column that fills f, a single typed
// field: "c-ip" for [FieldClientIP], "s-reason" for [FieldReason], and
// "date time" for [FieldTime], which combines two columns. It returns ""
// when f is not exactly one typed field.
func (f FieldSet) Column() string {
	if f == FieldTime {
		return "date time"
	}
	for _, c := range columns {
		if c.field == f {
			return c.name
		}
	}
	return ""
}

// schema describes the HTTPERR format to the W3C engine.
var schema = newSchema()

func newSchema() *w3c.Schema {
	s := &w3c.Schema{
		Name:  "errlog",
		Kinds: make(map[string]kind, len(columns)),
		// HTTP.sys logs an unknown verb as it came, raw spaces included,
		// but escapes spaces in the URL; so surplus tokens belong to
		// cs-method, or to cs-uri in a layout without it.
		Free:  []kind{kindMethod, kindURI},
		Fast:  standardStatus,
		Error: newParseError,
	}
	for _, c := range columns {
		s.Kinds[c.name] = c.kind
	}
	for _, text := range knownFields {
		s.Known = append(s.Known, s.NewLayout(strings.Fields(text)))
	}
	s.Default = s.Known[1] // layout13
	return s
}

// knownFields are the layouts HTTP.sys is known to write, by column count.
var knownFields = [...]string{
	// 12 columns: the early, headerless format (no s-queuename).
	"date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason",
	// 13: the classic format (Windows Server 2003 to 2012 R2), also
	// assumed for data before any #Fields directive.
	"date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename",
	// 14: adds the HTTP/2 streamid.
	"date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename",
	// 16: adds streamid_ex and transport (HTTP/3 era).
	"date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport",
	// 18: adds fault-code and extended-fault-code.
	"date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code",
}

// The known layouts.
var (
	layout12 = schema.Known[0]
	layout13 = schema.Known[1]
	layout14 = schema.Known[2]
	layout16 = schema.Known[3]
	layout18 = schema.Known[4]
)

// layoutByWidth returns the known layout with n columns, or nil.
func layoutByWidth(n int) *w3c.Layout {
	switch n {
	case 12:
		return layout12
	case 13:
		return layout13
	case 14:
		return layout14
	case 16:
		return layout16
	case 18:
		return layout18
	}
	return nil
}

// standardStatus returns the column of sc-status if l is a layout of the
// shape recordStandard reads (Layout.Fast), or 0: date, time, c-ip,
// c-port, s-ip, s-port, cs-version, cs-method and cs-uri first, then
// sc-status, s-siteid, s-reason and s-queuename, with untyped columns in
// between and after.
func standardStatus(l *w3c.Layout) int {
	head := [...]kind{kindDate, kindTime, kindClientIP, kindClientPort, kindServerIP, kindServerPort, kindVersion, kindMethod, kindURI}
	tail := [...]kind{kindStatus, kindSiteID, kindReason, kindQueueName}
	kinds := l.Kinds
	if len(kinds) < len(head)+len(tail) {
		return 0
	}
	for i, k := range head {
		if kinds[i] != k {
			return 0
		}
	}
	st := l.Col(kindStatus)
	if st < 0 || st+len(tail) > len(kinds) {
		return 0
	}
	for i := len(head); i < st; i++ {
		if kinds[i] != kindNone {
			return 0
		}
	}
	for i, k := range tail {
		if kinds[st+i] != k {
			return 0
		}
	}
	for _, k := range kinds[st+len(tail):] {
		if k != kindNone {
			return 0
		}
	}
	return st
}

// A Layout is the column list a [Reader] reads data lines with: the field
// names of the last #Fields directive. The zero Layout stands for none
// (the layout is then inferred; see the package documentation). Layouts
// are comparable values: two are equal when they have the same field
// names in the same order.
//
// A Layout carries the layout over when reading resumes at an
// [Reader.InputOffset] past the #Fields directive: take it from
// [Reader.Layout], and give it to the new Reader with [Reader.SetLayout].
// Its text form (see [Layout.MarshalText]) can be saved with the offset.
type Layout struct {
	text string // the names joined by single spaces
}

// String returns the field names, separated by single spaces as in a
// #Fields directive, or "" for the zero Layout.
func (l Layout) String() string { return l.text }

// AppendText implements [encoding.TextAppender]: it appends the form of
// [Layout.String].
func (l Layout) AppendText(b []byte) ([]byte, error) { return append(b, l.text...), nil }

// MarshalText implements [encoding.TextMarshaler].
func (l Layout) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads field
// names separated by spaces, as after "#Fields:" in a directive. Empty
// text gives the zero Layout. Text whose names repeat gives an error
// wrapping [ErrBadDirective].
func (l *Layout) UnmarshalText(b []byte) error {
	if strings.TrimSpace(string(b)) == "" {
		*l = Layout{}
		return nil
	}
	w, at := schema.ParseLayout(b, nil)
	if w == nil {
		return fmt.Errorf("errlog: layout %q: field name repeated at byte %d: %w", b, at+1, ErrBadDirective)
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
