// Package ecsjson builds the JSON objects that the ECS exporters of cmd/
// write, one per log record, in a buffer it reuses: writing an object
// allocates nothing in steady state.
//
// Objects nest as Elastic stores them ("source": {"ip": ...}), and are
// opened lazily: an object member begun with [Writer.Begin] appears only
// if a member is written into it, so that absent values leave no empty
// objects behind.
//
// Strings are written in one of two modes, chosen per object. Normally the
// text must be valid UTF-8 and gets the usual JSON escapes. A log line
// that is not valid UTF-8 (HTTP.sys and IIS log raw bytes they could not
// decode) would lose bytes if replaced with U+FFFD, so in escape mode
// every byte that is not part of a valid UTF-8 sequence, and every
// backslash, is written as the four characters \xNN (two upper-case hex
// digits): replacing every \xNN with the byte 0xNN gives back the exact
// bytes. The exporters tag such objects, so that a reader knows which mode
// an object is in.
package ecsjson

import (
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"
)

// A Writer builds one JSON object at a time. The zero Writer is ready to
// use; call [Writer.Reset] before each object.
type Writer struct {
	buf   []byte
	esc   bool
	stack []level // open and pending objects
}

// level is one object being written. An object is opened lazily, when its
// first member is written.
type level struct {
	name    string
	opened  bool
	members bool
}

// Reset starts a new top-level object, in escape mode if esc is set (see
// the package documentation).
func (w *Writer) Reset(esc bool) {
	w.buf = append(w.buf[:0], '{')
	w.stack = append(w.stack[:0], level{opened: true})
	w.esc = esc
}

// Escaping reports whether the current object is written in escape mode.
func (w *Writer) Escaping() bool { return w.esc }

// Line closes the object and returns it followed by "\n". The bytes are
// valid until the next Reset.
func (w *Writer) Line() []byte {
	for len(w.stack) > 1 {
		w.End()
	}
	return append(w.buf, '}', '\n')
}

// Begin starts a (lazily opened) object member called name, a constant of
// the program.
func (w *Writer) Begin(name string) {
	w.stack = append(w.stack, level{name: name})
}

// End closes the innermost object, if it was opened.
func (w *Writer) End() {
	top := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	if top.opened {
		w.buf = append(w.buf, '}')
	}
}

// Key writes the member name k of the innermost object, opening pending
// objects first and writing commas where needed; the value must follow.
func (w *Writer) Key(k string) {
	for i := range w.stack {
		if w.stack[i].opened {
			continue
		}
		w.member(i - 1)
		w.buf = AppendString(w.buf, w.stack[i].name, w.esc)
		w.buf = append(w.buf, ':', '{')
		w.stack[i].opened = true
	}
	w.member(len(w.stack) - 1)
	w.buf = AppendString(w.buf, k, w.esc)
	w.buf = append(w.buf, ':')
}

// member writes the comma before a new member of object i.
func (w *Writer) member(i int) {
	if w.stack[i].members {
		w.buf = append(w.buf, ',')
	}
	w.stack[i].members = true
}

// Str writes a string member with the value v, from the log. Its name k
// may come from the log too (a column name of a #Fields directive).
func (w *Writer) Str(k string, v []byte) {
	w.Key(k)
	w.buf = AppendString(w.buf, v, w.esc)
}

// Const writes a string member whose value is a constant of the program
// (plain ASCII, nothing to escape).
func (w *Writer) Const(k, v string) {
	w.Key(k)
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, v...)
	w.buf = append(w.buf, '"')
}

// Raw writes a member whose value is the JSON text v, a constant of the
// program such as `["web","network"]`.
func (w *Writer) Raw(k, v string) {
	w.Key(k)
	w.buf = append(w.buf, v...)
}

// Int writes a number member.
func (w *Writer) Int(k string, n int64) {
	w.Key(k)
	w.buf = strconv.AppendInt(w.buf, n, 10)
}

// Uint writes a number member.
func (w *Writer) Uint(k string, n uint64) {
	w.Key(k)
	w.buf = strconv.AppendUint(w.buf, n, 10)
}

// Addr writes an IP address member, without its zone (ECS ip fields hold
// no zone; the address as logged goes to an address field).
func (w *Writer) Addr(k string, a netip.Addr) {
	w.Key(k)
	w.buf = append(w.buf, '"')
	w.buf = a.WithZone("").AppendTo(w.buf)
	w.buf = append(w.buf, '"')
}

// TimeLayout is the layout of @timestamp in Elastic's integrations:
// RFC 3339 in UTC with milliseconds.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// Time writes a time member in [TimeLayout].
func (w *Writer) Time(k string, t time.Time) {
	w.Key(k)
	w.buf = append(w.buf, '"')
	w.buf = t.UTC().AppendFormat(w.buf, TimeLayout)
	w.buf = append(w.buf, '"')
}

// Array starts an array member; write its elements with [Writer.Elem] or
// [Writer.ElemAddr] and close it with [Writer.EndArray].
func (w *Writer) Array(k string) {
	w.Key(k)
	w.buf = append(w.buf, '[')
}

// ElemAddr writes an IP address element of an array begun with Array,
// without its zone; first tells whether it is the first element.
func (w *Writer) ElemAddr(a netip.Addr, first bool) {
	if !first {
		w.buf = append(w.buf, ',')
	}
	w.buf = append(w.buf, '"')
	w.buf = a.WithZone("").AppendTo(w.buf)
	w.buf = append(w.buf, '"')
}

// Elem writes a string element of an array begun with Array; first tells
// whether it is the first element.
func (w *Writer) Elem(v []byte, first bool) {
	if !first {
		w.buf = append(w.buf, ',')
	}
	w.buf = AppendString(w.buf, v, w.esc)
}

// EndArray closes an array begun with Array.
func (w *Writer) EndArray() { w.buf = append(w.buf, ']') }

const hex = "0123456789ABCDEF"

// AppendString appends s as a JSON string. With esc unset, s must be valid
// UTF-8 and is written with the usual JSON escapes (an invalid byte would
// become U+FFFD). With esc set, each byte that is not part of a valid UTF-8
// sequence and each backslash is written as the text \xNN.
func AppendString[T ~string | ~[]byte](b []byte, s T, esc bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch {
			case c == '\\' && esc:
				b = append(b, `\\x5C`...)
			case c == '\\' || c == '"':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		// At most 4 bytes: the conversion stays on the stack.
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			if esc {
				b = append(b, '\\', '\\', 'x', hex[c>>4], hex[c&0xF])
			} else {
				b = append(b, `\ufffd`...)
			}
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
