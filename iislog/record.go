package iislog

import (
	"log/slog"
	"net/netip"
	"strconv"
	"time"

	"github.com/iisstatus/iisstatus/internal/w3c"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// A FieldSet is a bit set of the typed fields of a [Record]. The
// [Record.Valid] set tells which typed fields hold a value: a field whose
// column is missing from the layout, holds "-" (absent), or holds text that
// is not a valid value, is not in the set, and its Go field is the zero
// value. This is how a substatus or Windows status of 0 is told apart from
// an absent one.
type FieldSet uint32

// The typed fields of a Record, as members of a [FieldSet].
const (
	FieldTime          FieldSet = 1 << iota // Time, from "date" and "time"
	FieldSiteName                           // SiteName, from "s-sitename"
	FieldComputerName                       // ComputerName, from "s-computername"
	FieldServerIP                           // ServerIP, from "s-ip"
	FieldMethod                             // Method, from "cs-method"
	FieldURIStem                            // URIStem, from "cs-uri-stem"
	FieldURIQuery                           // URIQuery, from "cs-uri-query"
	FieldServerPort                         // ServerPort, from "s-port"
	FieldUsername                           // Username, from "cs-username"
	FieldClientIP                           // ClientIP, from "c-ip"
	FieldClientPort                         // ClientPort, from "c-port"
	FieldVersion                            // Version, from "cs-version"
	FieldUserAgent                          // UserAgent, from "cs(User-Agent)"
	FieldCookie                             // Cookie, from "cs(Cookie)"
	FieldReferer                            // Referer, from "cs(Referer)"
	FieldHost                               // Host, from "cs-host"
	FieldStatus                             // Status, from "sc-status" of a web site
	FieldReply                              // Reply, from "sc-status" of the FTP or SMTP service
	FieldSubstatus                          // Substatus, from "sc-substatus"
	FieldWin32                              // Win32, from "sc-win32-status"
	FieldBytesSent                          // BytesSent, from "sc-bytes"
	FieldBytesReceived                      // BytesReceived, from "cs-bytes"
	FieldTimeTaken                          // TimeTaken, from "time-taken"
)

// Has reports whether every field of f is in s.
func (s FieldSet) Has(f FieldSet) bool { return s&f == f }

// A Record is one data line of an IIS W3C log.
//
// The Record returned by [Reader.Read] belongs to the Reader and is
// overwritten by the next call to Read; its []byte fields and the slices
// returned by its methods point into the Reader's buffer and are valid until
// the next call to Read. Use [Record.Clone] to keep a record.
//
// Typed fields are set only when their column is in the line's layout and
// holds a valid value; [Record.Valid] tells which are set. The raw bytes of
// every column, typed or not, remain available through [Record.Field].
type Record struct {
	// Time is the "date" and "time" columns combined, in UTC (IIS writes
	// UTC whatever the server's time zone and rollover settings). A
	// layout without a date column takes the date of the last #Date
	// directive (see the package documentation). Set when both hold
	// valid values.
	Time time.Time

	// ClientIP and ServerIP are "c-ip" and "s-ip". An IPv6 scope zone
	// ("fe80::1%3", "::1%0") is kept. Behind a proxy, c-ip is the proxy's
	// address: see [Record.ForwardedFor].
	ClientIP, ServerIP netip.Addr

	// ClientPort and ServerPort are "c-port" (logged by the FTP service)
	// and "s-port".
	ClientPort, ServerPort uint16

	// Status is "sc-status" of a web site's log: three digits, 100 to 999.
	// Codes unknown to package status are kept as numbers. It is not set
	// for the FTP and SMTP services, whose sc-status is Reply.
	Status status.Code

	// Reply is "sc-status" of the FTP or SMTP service (see [Record.Service]):
	// a reply code of that protocol (FTP 331 or 530, SMTP 250), which
	// has nothing to do with the HTTP status of the same number.
	Reply uint16

	// BytesSent and BytesReceived are "sc-bytes" and "cs-bytes", the bytes
	// the server sent and received, 0 to 2^63-1.
	BytesSent, BytesReceived int64

	// TimeTaken is "time-taken", which IIS logs in milliseconds (not in
	// the seconds of the W3C draft): from the first byte HTTP.sys received
	// to the last send IIS completed.
	TimeTaken time.Duration

	// The text columns, as raw bytes (valid until the next call to
	// Read), nil when the column is absent or holds "-":
	//
	//   - SiteName is "s-sitename": the service and site id (W3SVC1,
	//     MSFTPSVC1, SMTPSVC1), or the site name when IIS logs names.
	//   - ComputerName is "s-computername".
	//   - Method is "cs-method": the HTTP verb, any token (RPC_IN_DATA,
	//     BASELINE-CONTROL), or the FTP or SMTP command.
	//   - URIStem is "cs-uri-stem", the decoded path; URIQuery is
	//     "cs-uri-query", without its "?", as the client sent it.
	//   - Username is "cs-username", as authenticated ("DOMAIN\user",
	//     "user@domain"); anonymous requests have "-", hence nil.
	//   - Version is "cs-version" ("HTTP/1.1", "HTTP/2"; "SMTP").
	//   - UserAgent, Cookie and Referer are "cs(User-Agent)", "cs(Cookie)"
	//     and "cs(Referer)", with spaces written as
	//     "+" (see [AppendDecoded]); Host is "cs-host".
	SiteName, ComputerName, Method, URIStem, URIQuery, Username, Version []byte
	UserAgent, Cookie, Referer, Host                                     []byte

	// Service is the IIS service that wrote the line's log; see the
	// package documentation.
	Service Service

	// Valid is the set of typed fields above that hold a value.
	Valid FieldSet

	// Line is the 1-based line number of the record in the input.
	Line int

	// Offset is the byte offset of the start of the record's line in the
	// input.
	Offset int64

	// Inferred is true when no #Fields directive had been seen yet, so
	// that the layout was assumed (see [InferredLayouts]).
	Inferred bool

	sub   uint16
	win32 win32.Code
	row   w3c.Row
}

// Substatus returns "sc-status" and "sc-substatus" of a web site's log as
// one IIS code, such as 401.2 or 500.19, ready for
// [substatus.Code.Lookup] and [github.com/iisstatus/iisstatus.Explain]. It
// is the zero (invalid) Code when the record has no valid Status; the
// substatus is 0 when the layout has no sc-substatus column or the column
// holds "-" (see [FieldSubstatus]).
//
// For the FTP and SMTP services, whose sc-status is not an HTTP status,
// the Code has Status 0 and the substatus in Sub: it is not valid, so that
// it is never taken for an HTTP code.
func (r *Record) Substatus() substatus.Code {
	return substatus.New(r.Status, r.sub)
}

// Win32 returns "sc-win32-status", the Windows status code of the request
// (0 for success, 64 when the client went away, 2148074254 for the first
// leg of an NTLM handshake). It is 0 when the column is absent; see
// [FieldWin32].
func (r *Record) Win32() win32.Code { return r.win32 }

// AppendTriple appends the status triple of a web site's record, the form
// of "sc-status sc-substatus sc-win32-status" that
// [github.com/iisstatus/iisstatus.Explain] reads: "401 2 5" when the three are valid, "401 2" without a Windows
// status, "401" without a substatus. It appends nothing when the record has
// no valid Status (an FTP or SMTP record, or "-"). It does not allocate
// when b has room.
func (r *Record) AppendTriple(b []byte) []byte {
	if !r.Valid.Has(FieldStatus) {
		return b
	}
	b = strconv.AppendInt(b, int64(r.Status), 10)
	if !r.Valid.Has(FieldSubstatus) {
		return b
	}
	b = strconv.AppendUint(append(b, ' '), uint64(r.sub), 10)
	if r.Valid.Has(FieldWin32) {
		b = strconv.AppendUint(append(b, ' '), uint64(r.win32), 10)
	}
	return b
}

// Triple returns [Record.AppendTriple] as a string, which it allocates:
//
//	e, err := iisstatus.Explain(rec.Triple()) // "401 2 5"
func (r *Record) Triple() string { return string(r.AppendTriple(make([]byte, 0, 24))) }

// Field returns the raw bytes of the column called name (a W3C field name
// such as "cs(User-Agent)" or "x-session", or any name the #Fields
// directive declared, such as "X-Forwarded-For" or "crypt-protocol"), and
// whether the line's layout has that column. An absent value is returned as
// it is written, "-". The bytes are valid until the next call to Read.
// Field does not allocate.
func (r *Record) Field(name string) ([]byte, bool) { return r.row.Field(name) }

// Has reports whether the line's layout has the column called name and the
// column holds a value other than "-". For a typed column, Has does not
// tell whether the value is valid: see [Record.Valid].
func (r *Record) Has(name string) bool { return r.row.Has(name) }

// NumField returns the number of columns of the record's layout.
func (r *Record) NumField() int { return r.row.NumField() }

// Column returns the W3C name and the raw bytes of column i of the
// record's layout, for 0 <= i < NumField. The bytes are valid until the
// next call to Read. It panics if i is out of range.
func (r *Record) Column(i int) (name string, value []byte) { return r.row.Column(i) }

// ColumnField returns the typed field that column i of the record's
// layout fills, as [FieldOf] returns for its name, without looking the
// name up; 0 for a column without a typed field. It panics if i is out of
// range.
func (r *Record) ColumnField(i int) FieldSet {
	if k := r.row.Layout.Kinds[i]; k != kindNone {
		return columns[k-1].field
	}
	return 0
}

// Raw returns the record's whole line as read, without its line
// terminator ("\n"; a trailing "\r" is not removed). The bytes are valid
// until the next call to Read.
func (r *Record) Raw() []byte { return r.row.Line }

// Clone returns a deep copy of r that stays valid after the next call to
// Read. Clone allocates.
func (r *Record) Clone() *Record {
	c := *r
	c.row = r.row.Clone()
	if lay := c.row.Layout; lay != nil {
		for _, k := range textKinds {
			if c.Valid.Has(columns[k-1].field) {
				*c.text(k) = c.row.Value(lay.Col(k))
			}
		}
	}
	return &c
}

// textKinds are the kinds of the text fields.
var textKinds = [...]w3c.Kind{kindSiteName, kindComputerName, kindMethod, kindURIStem, kindURIQuery,
	kindUsername, kindVersion, kindUserAgent, kindCookie, kindReferer, kindHost}

// text returns the text field of kind k.
func (r *Record) text(k w3c.Kind) *[]byte {
	switch k {
	case kindSiteName:
		return &r.SiteName
	case kindComputerName:
		return &r.ComputerName
	case kindMethod:
		return &r.Method
	case kindURIStem:
		return &r.URIStem
	case kindURIQuery:
		return &r.URIQuery
	case kindUsername:
		return &r.Username
	case kindVersion:
		return &r.Version
	case kindUserAgent:
		return &r.UserAgent
	case kindCookie:
		return &r.Cookie
	case kindReferer:
		return &r.Referer
	case kindHost:
		return &r.Host
	}
	return nil
}

// LogValue implements [slog.LogValuer]: the record logs as a group of its
// position and typed fields, under their W3C names ("time" for date and
// time), in the order of IIS's full field list, leaving out fields that
// are not set. LogValue allocates.
func (r *Record) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 2+len(columns))
	attrs = append(attrs, slog.Int("line", r.Line), slog.String("service", r.Service.String()))
	for i, c := range columns {
		k := w3c.Kind(i + 1)
		if k == kindDate || r.Valid&c.field == 0 {
			continue // date and time log as one "time"
		}
		var v slog.Value
		switch k {
		case kindTime:
			attrs = append(attrs, slog.Time("time", r.Time))
			continue
		case kindServerIP:
			v = slog.StringValue(r.ServerIP.String())
		case kindClientIP:
			v = slog.StringValue(r.ClientIP.String())
		case kindServerPort:
			v = slog.IntValue(int(r.ServerPort))
		case kindClientPort:
			v = slog.IntValue(int(r.ClientPort))
		case kindStatus:
			v = slog.IntValue(int(r.Status))
			if r.Valid.Has(FieldReply) {
				v = slog.IntValue(int(r.Reply))
			}
		case kindSubstatus:
			v = slog.IntValue(int(r.sub))
		case kindWin32:
			v = slog.Uint64Value(uint64(r.win32))
		case kindBytesSent:
			v = slog.Int64Value(r.BytesSent)
		case kindBytesReceived:
			v = slog.Int64Value(r.BytesReceived)
		case kindTimeTaken:
			v = slog.DurationValue(r.TimeTaken)
		default: // the text fields
			v = slog.StringValue(string(*r.text(k)))
		}
		attrs = append(attrs, slog.Attr{Key: c.name, Value: v})
	}
	return slog.GroupValue(attrs...)
}

// clear zeroes the typed fields in s.
func (r *Record) clear(s FieldSet) {
	for s != 0 {
		f := s & -s
		s &^= f
		switch f {
		case FieldTime:
			r.Time = time.Time{}
		case FieldSiteName:
			r.SiteName = nil
		case FieldComputerName:
			r.ComputerName = nil
		case FieldServerIP:
			r.ServerIP = netip.Addr{}
		case FieldMethod:
			r.Method = nil
		case FieldURIStem:
			r.URIStem = nil
		case FieldURIQuery:
			r.URIQuery = nil
		case FieldServerPort:
			r.ServerPort = 0
		case FieldUsername:
			r.Username = nil
		case FieldClientIP:
			r.ClientIP = netip.Addr{}
		case FieldClientPort:
			r.ClientPort = 0
		case FieldVersion:
			r.Version = nil
		case FieldUserAgent:
			r.UserAgent = nil
		case FieldCookie:
			r.Cookie = nil
		case FieldReferer:
			r.Referer = nil
		case FieldHost:
			r.Host = nil
		case FieldStatus:
			r.Status = 0
		case FieldReply:
			r.Reply = 0
		case FieldSubstatus:
			r.sub = 0
		case FieldWin32:
			r.win32 = 0
		case FieldBytesSent:
			r.BytesSent = 0
		case FieldBytesReceived:
			r.BytesReceived = 0
		case FieldTimeTaken:
			r.TimeTaken = 0
		}
	}
}
