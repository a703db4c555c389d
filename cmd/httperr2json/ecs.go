package main

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/errlog"
)

// converter writes records as ECS JSON objects, one per line. It builds
// each object in a buffer it reuses, so converting a record allocates
// nothing in steady state.
type converter struct {
	w        io.Writer
	original bool   // write event.original
	path     string // log.file.path, "" for standard input

	buf   []byte
	esc   bool    // escape mode for the current object (see the package doc)
	stack []level // open and pending objects
}

// level is one object being written. An object is opened lazily, when its
// first member is written, so that objects without members never appear.
type level struct {
	name    string
	opened  bool
	members bool
}

// timeLayout is the @timestamp layout of the Elastic integration: RFC 3339
// in UTC with milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z"

// write converts one record. It does not retain rec.
func (c *converter) write(rec *errlog.Record) error {
	c.buf = c.buf[:0]
	c.stack = c.stack[:0]
	c.esc = !utf8.Valid(trimCR(rec.Raw())) || !utf8.ValidString(c.path) || !namesValid(rec)

	c.buf = append(c.buf, '{')
	c.stack = append(c.stack, level{opened: true})

	if rec.Valid.Has(errlog.FieldTime) {
		c.key("@timestamp")
		c.buf = append(c.buf, '"')
		c.buf = rec.Time.UTC().AppendFormat(c.buf, timeLayout)
		c.buf = append(c.buf, '"')
	}

	c.endpoint("source", rec, errlog.FieldClientIP, errlog.FieldClientPort, rec.ClientPort)
	c.endpoint("destination", rec, errlog.FieldServerIP, errlog.FieldServerPort, rec.ServerPort)

	c.begin("http")
	if rec.Valid.Has(errlog.FieldVersion) {
		v := rec.Version
		if len(v) > 5 && string(v[:5]) == "HTTP/" {
			v = v[5:]
		}
		c.str("version", v)
	}
	c.begin("request")
	if rec.Valid.Has(errlog.FieldMethod) {
		c.str("method", rec.Method)
	}
	c.end()
	c.begin("response")
	if rec.Valid.Has(errlog.FieldStatus) {
		c.key("status_code")
		c.buf = strconv.AppendInt(c.buf, int64(rec.Status), 10)
	}
	c.end()
	c.end()

	c.begin("url")
	if rec.Valid.Has(errlog.FieldURI) {
		c.str("original", rec.URI)
	}
	c.end()

	c.begin("iis")
	c.begin("error")
	if rec.Valid.Has(errlog.FieldReason) {
		c.str("reason_phrase", rec.RawReason())
	}
	if rec.Valid.Has(errlog.FieldQueueName) {
		c.str("queue_name", rec.QueueName)
	}
	if rec.Valid.Has(errlog.FieldSiteID) {
		c.key("site_id")
		c.buf = strconv.AppendUint(c.buf, uint64(rec.SiteID), 10)
	}
	for _, f := range extraColumns {
		if v, ok := rec.Field(f.column); ok && !isDash(v) {
			c.str(f.key, v)
		}
	}
	c.begin("fields")
	for i := range rec.NumField() {
		name, v := rec.Column(i)
		if !mapped(name) && !isDash(v) {
			c.str(name, v)
		}
	}
	c.end()
	c.begin("invalid")
	for i := range rec.NumField() {
		// A typed column holding a value that is not valid. Text fields
		// (cs-uri, s-reason...) are valid whenever they are not "-".
		name, v := rec.Column(i)
		if f := errlog.FieldOf(name); f != 0 && !isDash(v) && !rec.Valid.Has(f) {
			c.str(name, v)
		}
	}
	c.end()
	c.end()
	c.end()

	c.begin("event")
	c.strConst("kind", "event")
	c.key("category")
	c.buf = append(c.buf, `["web","network"]`...)
	c.key("type")
	c.buf = append(c.buf, `["connection"]`...)
	c.strConst("module", "iis")
	c.strConst("dataset", "iis.error")
	if rec.Valid.Has(errlog.FieldStatus) && rec.Status >= 400 {
		c.strConst("outcome", "failure")
	}
	if c.original {
		c.str("original", trimCR(rec.Raw()))
	}
	c.end()

	if rec.Valid.Has(errlog.FieldClientIP) || rec.Valid.Has(errlog.FieldServerIP) {
		c.begin("related")
		c.key("ip")
		c.buf = append(c.buf, '[')
		n := 0
		if rec.Valid.Has(errlog.FieldClientIP) {
			c.buf = append(c.buf, '"')
			c.buf = rec.ClientIP.WithZone("").AppendTo(c.buf)
			c.buf = append(c.buf, '"')
			n++
		}
		if rec.Valid.Has(errlog.FieldServerIP) {
			if n > 0 {
				c.buf = append(c.buf, ',')
			}
			c.buf = append(c.buf, '"')
			c.buf = rec.ServerIP.WithZone("").AppendTo(c.buf)
			c.buf = append(c.buf, '"')
		}
		c.buf = append(c.buf, ']')
		c.end()
	}

	c.begin("log")
	if c.path != "" {
		c.begin("file")
		c.str("path", []byte(c.path))
		c.end()
	}
	c.key("offset")
	c.buf = strconv.AppendInt(c.buf, rec.Offset, 10)
	c.end()

	if c.esc {
		c.key("tags")
		c.buf = append(c.buf, `["escaped_bytes"]`...)
	}
	c.buf = append(c.buf, '}', '\n')
	_, err := c.w.Write(c.buf)
	return err
}

// endpoint writes source or destination: the address as logged, the IP
// without its zone, and the port.
func (c *converter) endpoint(obj string, rec *errlog.Record, ipField, portField errlog.FieldSet, port uint16) {
	c.begin(obj)
	if v, ok := rec.Field(ipField.Column()); ok && !isDash(v) {
		c.str("address", v)
	}
	if rec.Valid.Has(ipField) {
		ip := rec.ClientIP
		if ipField == errlog.FieldServerIP {
			ip = rec.ServerIP
		}
		c.key("ip")
		c.buf = append(c.buf, '"')
		c.buf = ip.WithZone("").AppendTo(c.buf)
		c.buf = append(c.buf, '"')
	}
	if rec.Valid.Has(portField) {
		c.key("port")
		c.buf = strconv.AppendUint(c.buf, uint64(port), 10)
	}
	c.end()
}

// begin starts a (lazily opened) object member called name.
func (c *converter) begin(name string) {
	c.stack = append(c.stack, level{name: name})
}

// end closes the innermost object, if it was opened.
func (c *converter) end() {
	top := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	if top.opened {
		c.buf = append(c.buf, '}')
	}
}

// key writes the member name k of the innermost object, opening pending
// objects first and writing commas where needed.
func (c *converter) key(k string) {
	for i := range c.stack {
		if c.stack[i].opened {
			continue
		}
		c.member(i - 1)
		c.buf = appendString(c.buf, []byte(c.stack[i].name), c.esc)
		c.buf = append(c.buf, ':', '{')
		c.stack[i].opened = true
	}
	c.member(len(c.stack) - 1)
	c.buf = appendString(c.buf, []byte(k), c.esc)
	c.buf = append(c.buf, ':')
}

// member writes the comma before a new member of object i.
func (c *converter) member(i int) {
	if c.stack[i].members {
		c.buf = append(c.buf, ',')
	}
	c.stack[i].members = true
}

// str writes a string member.
func (c *converter) str(k string, v []byte) {
	c.key(k)
	c.buf = appendString(c.buf, v, c.esc)
}

// strConst writes a string member whose value is a constant of this
// program (plain ASCII).
func (c *converter) strConst(k, v string) {
	c.key(k)
	c.buf = append(c.buf, '"')
	c.buf = append(c.buf, v...)
	c.buf = append(c.buf, '"')
}

// extraColumns are the text columns that the Elastic pipelines drop, with
// the iis.error key this program gives them.
var extraColumns = [...]struct{ column, key string }{
	{"streamid", "stream_id"},
	{"streamid_ex", "stream_id_ex"},
	{"transport", "transport"},
	{"fault-code", "fault_code"},
	{"extended-fault-code", "extended_fault_code"},
}

// mapped reports whether the column called name has an ECS or iis.error
// field: the columns errlog reads into a typed field, and extraColumns.
// The other columns go to iis.error.fields under their own names.
func mapped(name string) bool {
	if errlog.FieldOf(name) != 0 {
		return true
	}
	for _, f := range extraColumns {
		if f.column == name {
			return true
		}
	}
	return false
}

// namesValid reports whether the names of the columns that become JSON
// keys (those without an ECS field) are valid UTF-8.
func namesValid(rec *errlog.Record) bool {
	for i := range rec.NumField() {
		name, _ := rec.Column(i)
		if !mapped(name) && !utf8.ValidString(name) {
			return false
		}
	}
	return true
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

func trimCR(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\r")) }

// appendString appends s as a JSON string. With esc unset, s must be valid
// UTF-8 and is written with the usual JSON escapes. With esc set, each
// byte that is not part of a valid UTF-8 sequence and each backslash is
// written as the text \xNN (see the package documentation).
func appendString(b []byte, s []byte, esc bool) []byte {
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
		r, size := utf8.DecodeRune(s[i:])
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
