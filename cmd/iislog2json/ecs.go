package main

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
)

// converter writes records as ECS JSON objects, one per line, in a buffer
// it reuses: converting a record allocates nothing in steady state.
type converter struct {
	w        io.Writer
	original bool   // write event.original
	path     string // log.file.path, "" for standard input
	j        ecsjson.Writer
	scratch  []byte // the decoded user agent
}

// write converts one record. It does not retain rec.
func (c *converter) write(rec *iislog.Record) error {
	j := &c.j
	j.Reset(!utf8.Valid(trimCR(rec.Raw())) || !utf8.ValidString(c.path) || !namesValid(rec))
	v := rec.Valid
	http := rec.Service == iislog.ServiceHTTP

	if v.Has(iislog.FieldTime) {
		j.Time("@timestamp", rec.Time)
	}
	// source is the TCP peer, which may be a proxy (the client behind it
	// is network.forwarded_ip); destination the server.
	c.endpoint("source", rec, "c-ip", iislog.FieldClientIP, rec.ClientPort, iislog.FieldClientPort)
	if !http && v.Has(iislog.FieldBytesReceived) {
		j.Int("bytes", rec.BytesReceived)
	}
	j.End()
	c.endpoint("destination", rec, "s-ip", iislog.FieldServerIP, rec.ServerPort, iislog.FieldServerPort)
	if v.Has(iislog.FieldHost) {
		j.Str("domain", rec.Host)
	}
	if !http && v.Has(iislog.FieldBytesSent) {
		j.Int("bytes", rec.BytesSent)
	}
	j.End()

	if http {
		j.Begin("http")
		if v.Has(iislog.FieldVersion) {
			ver := rec.Version
			if len(ver) > 5 && string(ver[:5]) == "HTTP/" {
				ver = ver[5:]
			}
			j.Str("version", ver)
		}
		j.Begin("request")
		if v.Has(iislog.FieldMethod) {
			j.Str("method", rec.Method)
		}
		if v.Has(iislog.FieldReferer) {
			j.Str("referrer", rec.Referer)
		}
		if v.Has(iislog.FieldBytesReceived) {
			j.Begin("body")
			j.Int("bytes", rec.BytesReceived)
			j.End()
		}
		j.End()
		j.Begin("response")
		if v.Has(iislog.FieldStatus) {
			j.Int("status_code", int64(rec.Status))
		}
		if v.Has(iislog.FieldBytesSent) {
			j.Begin("body")
			j.Int("bytes", rec.BytesSent)
			j.End()
		}
		j.End()
		j.End()

		j.Begin("url")
		if v.Has(iislog.FieldURIStem) {
			j.Str("original", rec.URIStem)
			j.Str("path", rec.URIStem)
		}
		if v.Has(iislog.FieldURIQuery) {
			j.Str("query", rec.URIQuery)
		}
		j.End()

		if v.Has(iislog.FieldUserAgent) {
			j.Begin("user_agent")
			// IIS writes a space as "+"; Elastic decodes it here too.
			c.scratch = iislog.AppendDecoded(c.scratch[:0], rec.UserAgent)
			j.Str("original", c.scratch)
			j.End()
		}
	}

	name, domain := splitUser(rec.Username)
	if name != nil {
		j.Begin("user")
		j.Str("name", name)
		if domain != nil {
			j.Str("domain", domain)
		}
		j.End()
	}

	j.Begin("network")
	j.Const("protocol", protocols[rec.Service])
	if a, err := rec.ForwardedFor(iislog.FirstHop); err == nil && a.IsValid() {
		j.Addr("forwarded_ip", a)
	}
	j.End()

	j.Begin("iis")
	j.Begin("access")
	if !http {
		j.Const("service", rec.Service.String())
		if v.Has(iislog.FieldReply) {
			j.Int("reply_code", int64(rec.Reply))
		}
	}
	if v.Has(iislog.FieldSiteName) {
		j.Str("site_name", rec.SiteName)
	}
	if v.Has(iislog.FieldComputerName) {
		j.Str("server_name", rec.ComputerName)
	}
	if v.Has(iislog.FieldCookie) {
		j.Str("cookie", rec.Cookie)
	}
	if v.Has(iislog.FieldSubstatus) {
		j.Int("sub_status", int64(rec.Substatus().Sub))
	}
	if v.Has(iislog.FieldWin32) {
		j.Int("win32_status", int64(rec.Win32()))
	}
	if s, ok := rec.Field("x-session"); ok && !isDash(s) {
		j.Str("session_id", s)
	}
	j.Begin("fields")
	for i := range rec.NumField() {
		n, val := rec.Column(i)
		if !mapped(n, rec.ColumnField(i), http) && !isDash(val) {
			j.Str(n, val)
		}
	}
	j.End()
	j.Begin("invalid")
	for i := range rec.NumField() {
		n, val := rec.Column(i)
		if f := rec.ColumnField(i); f != 0 && !isDash(val) && rec.Valid&f == 0 {
			j.Str(n, val)
		}
	}
	j.End()
	j.End()
	j.End()

	j.Begin("event")
	j.Const("kind", "event")
	j.Raw("category", `["web","network"]`)
	j.Raw("type", `["connection"]`)
	j.Const("module", "iis")
	j.Const("dataset", "iis.access")
	if v.Has(iislog.FieldStatus) || v.Has(iislog.FieldReply) {
		code := int(rec.Status) + int(rec.Reply)
		if code >= 400 {
			j.Const("outcome", "failure")
		} else {
			j.Const("outcome", "success")
		}
	}
	if v.Has(iislog.FieldTimeTaken) {
		j.Int("duration", int64(rec.TimeTaken))
	}
	if c.original {
		j.Str("original", trimCR(rec.Raw()))
	}
	j.End()

	if v.Has(iislog.FieldClientIP) || v.Has(iislog.FieldServerIP) || name != nil {
		j.Begin("related")
		if v.Has(iislog.FieldClientIP) || v.Has(iislog.FieldServerIP) {
			j.Array("ip")
			first := true
			if v.Has(iislog.FieldClientIP) {
				j.ElemAddr(rec.ClientIP, first)
				first = false
			}
			if v.Has(iislog.FieldServerIP) {
				j.ElemAddr(rec.ServerIP, first)
			}
			j.EndArray()
		}
		if name != nil {
			j.Array("user")
			j.Elem(name, true)
			j.EndArray()
		}
		j.End()
	}

	j.Begin("log")
	if c.path != "" {
		j.Begin("file")
		j.Str("path", []byte(c.path))
		j.End()
	}
	j.Int("offset", rec.Offset)
	j.End()

	if j.Escaping() {
		j.Raw("tags", `["escaped_bytes"]`)
	}
	_, err := c.w.Write(j.Line())
	return err
}

// protocols are the network.protocol values of the services.
var protocols = [...]string{iislog.ServiceHTTP: "http", iislog.ServiceFTP: "ftp", iislog.ServiceSMTP: "smtp"}

// endpoint begins source or destination and writes the address as
// logged, the IP without its zone, and the port; the caller ends it.
func (c *converter) endpoint(obj string, rec *iislog.Record, column string, ipField iislog.FieldSet, port uint16, portField iislog.FieldSet) {
	j := &c.j
	j.Begin(obj)
	if a, ok := rec.Field(column); ok && !isDash(a) {
		j.Str("address", a)
	}
	if rec.Valid.Has(ipField) {
		ip := rec.ClientIP
		if ipField == iislog.FieldServerIP {
			ip = rec.ServerIP
		}
		j.Addr("ip", ip)
	}
	if rec.Valid.Has(portField) {
		j.Uint("port", uint64(port))
	}
}

// httpFields are the typed fields that have an ECS field only in a web
// site's log (http.*, url.*, user_agent.*); in an FTP or SMTP log their
// columns go to iis.access.fields under their own names.
const httpFields = iislog.FieldMethod | iislog.FieldURIStem | iislog.FieldURIQuery | iislog.FieldVersion |
	iislog.FieldUserAgent | iislog.FieldReferer

// mapped reports whether the column called name, which fills the typed
// field f (or none), has an ECS or iis.access field in a log of a web site
// (http) or of another service.
func mapped(name string, f iislog.FieldSet, http bool) bool {
	if f == 0 {
		return name == "x-session"
	}
	return http || f&httpFields == 0
}

// namesValid reports whether the names of the columns that become JSON
// keys (those without an ECS field) are valid UTF-8.
func namesValid(rec *iislog.Record) bool {
	http := rec.Service == iislog.ServiceHTTP
	for i := range rec.NumField() {
		name, _ := rec.Column(i)
		if !mapped(name, rec.ColumnField(i), http) && !utf8.ValidString(name) {
			return false
		}
	}
	return true
}

// splitUser splits cs-username into the user name and domain, as Elastic
// does: "DOMAIN\user" and "user@domain"; a name without either has no
// domain. It returns nil for an absent user.
func splitUser(u []byte) (name, domain []byte) {
	if u == nil {
		return nil, nil
	}
	if i := bytes.IndexByte(u, '\\'); i > 0 && i < len(u)-1 {
		return u[i+1:], u[:i]
	}
	if i := bytes.LastIndexByte(u, '@'); i > 0 && i < len(u)-1 {
		return u[:i], u[i+1:]
	}
	return u, nil
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

func trimCR(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\r")) }
