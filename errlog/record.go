package errlog

import (
	"log/slog"
	"net/netip"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/w3c"
	"github.com/iisstatus/iisstatus/status"
)

// A FieldSet is a bit set of the typed fields of a [Record]. The
// [Record.Valid] set tells which typed fields hold a value: a field whose
// column is missing from the layout, holds "-" (absent), or holds text that
// is not a valid value, is not in the set, and its Go field is the zero
// value. This is how a status or port of 0 is told apart from an absent
// one.
type FieldSet uint16

// The typed fields of a Record, as members of a [FieldSet].
const (
	FieldTime       FieldSet = 1 << iota // Time, from the "date" and "time" columns
	FieldClientIP                        // ClientIP, from "c-ip"
	FieldClientPort                      // ClientPort, from "c-port"
	FieldServerIP                        // ServerIP, from "s-ip"
	FieldServerPort                      // ServerPort, from "s-port"
	FieldVersion                         // Version, from "cs-version"
	FieldMethod                          // Method, from "cs-method"
	FieldURI                             // URI, from "cs-uri"
	FieldStatus                          // Status, from "sc-status"
	FieldSiteID                          // SiteID, from "s-siteid"
	FieldReason                          // Reason, from "s-reason"
	FieldQueueName                       // QueueName, from "s-queuename"
)

// Has reports whether every field of f is in s.
func (s FieldSet) Has(f FieldSet) bool { return s&f == f }

// A Record is one data line of an HTTP.sys error log.
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
	// Time is the "date" and "time" columns combined, in UTC (HTTP.sys
	// writes UTC). Set when both columns hold valid values.
	Time time.Time

	// ClientIP and ServerIP are "c-ip" and "s-ip". An IPv6 scope zone
	// ("::1%0") is kept. IPv6 addresses with an embedded IPv4 part are
	// IPv6 addresses (they are not unmapped).
	ClientIP, ServerIP netip.Addr

	// ClientPort and ServerPort are "c-port" and "s-port".
	ClientPort, ServerPort uint16

	// Version, Method and URI are "cs-version", "cs-method" and "cs-uri",
	// as raw bytes (valid until the next call to Read). They are nil when
	// the column is absent or holds "-". Method may contain raw spaces
	// when the line had more tokens than its layout (see [ErrFieldCount]).
	Version, Method, URI []byte

	// Status is "sc-status": three digits, 100 to 999 (HTTP.sys logs at
	// most 999). Codes unknown to package status are kept as numbers.
	Status status.Code

	// SiteID is "s-siteid", a decimal number (the IIS site id).
	SiteID uint32

	// Reason is "s-reason". A token unknown to package httpsys gives
	// [httpsys.ReasonUnknown], with FieldReason still set in Valid; the
	// raw token is [Record.RawReason].
	Reason httpsys.Reason

	// QueueName is "s-queuename", the request queue (application pool),
	// as raw bytes valid until the next call to Read; nil when absent.
	QueueName []byte

	// Valid is the set of typed fields above that hold a value.
	Valid FieldSet

	// Line is the 1-based line number of the record in the input.
	Line int

	// Offset is the byte offset of the start of the record's line in the
	// input.
	Offset int64

	// Inferred is true when no #Fields directive had been seen yet, so
	// that the layout was assumed: the 12-, 14-, 16- or 18-column layout
	// for a line with that many fields, and the 13-column layout for any
	// other line.
	Inferred bool

	row w3c.Row // the raw line, its columns and its layout
}

// Field returns the raw bytes of the column called name (a W3C field name
// such as "s-reason", "streamid", "transport" or "fault-code", or any
// name the #Fields directive declared), and whether the line's layout has
// that column. An absent value is returned as it is written, "-". The
// bytes are valid until the next call to Read. Field does not allocate.
func (r *Record) Field(name string) ([]byte, bool) { return r.row.Field(name) }

// Has reports whether the line's layout has the column called name and the
// column holds a value other than "-". For a typed column, Has does not
// tell whether the value is valid: see [Record.Valid].
func (r *Record) Has(name string) bool {
	b, ok := r.row.Field(name)
	return ok && !w3c.IsDash(b)
}

// NumField returns the number of columns of the record's layout.
func (r *Record) NumField() int { return r.row.NumField() }

// Column returns the W3C name and the raw bytes of column i of the
// record's layout, for 0 <= i < NumField. The bytes are valid until the
// next call to Read. It panics if i is out of range.
func (r *Record) Column(i int) (name string, value []byte) {
	return r.row.Layout.Names[i], r.row.Col(i)
}

// RawReason returns the raw "s-reason" token, such as "Timer_ConnectionIdle"
// or a token too new for package httpsys, or nil when the layout has no
// "s-reason" column. The bytes are valid until the next call to Read.
func (r *Record) RawReason() []byte {
	if r.row.Layout == nil {
		return nil
	}
	if c := r.row.Layout.Col(kindReason); c >= 0 {
		return r.row.Col(c)
	}
	return nil
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
		for _, col := range columns {
			if col.text {
				*c.text(col.field) = c.row.Value(lay.Col(col.kind))
			}
		}
	}
	return &c
}

// LogValue implements [slog.LogValuer]: the record logs as a group of its
// line number and typed fields, keyed by their W3C names ("time" for Time),
// leaving out fields that are not set. LogValue allocates.
func (r *Record) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 1+len(columns))
	attrs = append(attrs, slog.Int("line", r.Line))
	for _, c := range columns {
		if c.key == "" || !r.Valid.Has(c.field) {
			continue
		}
		var v slog.Value
		switch c.field {
		case FieldTime:
			v = slog.TimeValue(r.Time)
		case FieldClientIP:
			v = slog.StringValue(r.ClientIP.String())
		case FieldClientPort:
			v = slog.IntValue(int(r.ClientPort))
		case FieldServerIP:
			v = slog.StringValue(r.ServerIP.String())
		case FieldServerPort:
			v = slog.IntValue(int(r.ServerPort))
		case FieldStatus:
			v = slog.IntValue(int(r.Status))
		case FieldSiteID:
			v = slog.Uint64Value(uint64(r.SiteID))
		case FieldReason:
			v = slog.StringValue(string(r.RawReason()))
		default: // the []byte fields
			v = slog.StringValue(string(*r.text(c.field)))
		}
		attrs = append(attrs, slog.Attr{Key: c.key, Value: v})
	}
	return slog.GroupValue(attrs...)
}

// text returns the []byte field f (FieldVersion, FieldMethod, FieldURI or
// FieldQueueName).
func (r *Record) text(f FieldSet) *[]byte {
	switch f {
	case FieldVersion:
		return &r.Version
	case FieldMethod:
		return &r.Method
	case FieldURI:
		return &r.URI
	case FieldQueueName:
		return &r.QueueName
	}
	panic("errlog: not a text field")
}

// clear zeroes the typed fields in s.
func (r *Record) clear(s FieldSet) {
	for s != 0 {
		f := s & -s
		s &^= f
		switch f {
		case FieldTime:
			r.Time = time.Time{}
		case FieldClientIP:
			r.ClientIP = netip.Addr{}
		case FieldClientPort:
			r.ClientPort = 0
		case FieldServerIP:
			r.ServerIP = netip.Addr{}
		case FieldServerPort:
			r.ServerPort = 0
		case FieldStatus:
			r.Status = 0
		case FieldSiteID:
			r.SiteID = 0
		case FieldReason:
			r.Reason = 0
		case FieldVersion:
			r.Version = nil
		case FieldMethod:
			r.Method = nil
		case FieldURI:
			r.URI = nil
		case FieldQueueName:
			r.QueueName = nil
		}
	}
}
