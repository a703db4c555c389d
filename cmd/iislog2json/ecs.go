package main

import (
	"bytes"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
)

// converter writes the ECS objects of records; its scratch buffer is
// reused, so that converting a record allocates nothing in steady state.
type converter struct {
	scratch []byte // the decoded user agent
}

// convert writes the ECS object of rec into j. It does not retain rec.
func (c *converter) convert(j *ecsjson.Writer, rec *iislog.Record, src *ecsjson.Source) {
	j.Reset(ecsjson.Escape(rec.Raw(), src.Path, namesValid(rec)))
	v := rec.Valid
	http := rec.Service == iislog.ServiceHTTP

	if v.Has(iislog.FieldTime) {
		j.Time("@timestamp", rec.Time)
	}
	// source is the TCP peer, which may be a proxy (the client behind it
	// is network.forwarded_ip); destination the server.
	j.Endpoint("source", value(rec, "c-ip"), rec.ClientIP, rec.ClientPort, v.Has(iislog.FieldClientPort))
	if !http && v.Has(iislog.FieldBytesReceived) {
		j.Int("bytes", rec.BytesReceived)
	}
	j.End()
	j.Endpoint("destination", value(rec, "s-ip"), rec.ServerIP, rec.ServerPort, v.Has(iislog.FieldServerPort))
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
			j.Str("version", ecsjson.HTTPVersion(rec.Version))
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
	if s := value(rec, "x-session"); s != nil {
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

	j.Event("iis.access")
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
	if src.Original {
		j.Str("original", ecsjson.TrimCR(rec.Raw()))
	}
	j.End()

	j.Begin("related")
	j.IPs("ip", rec.ClientIP, rec.ServerIP)
	if name != nil {
		j.Array("user")
		j.Elem(name, true)
		j.EndArray()
	}
	j.End()

	j.Log(src.Path, rec.Offset)
}

// protocols are the network.protocol values of the services.
var protocols = [...]string{iislog.ServiceHTTP: "http", iislog.ServiceFTP: "ftp", iislog.ServiceSMTP: "smtp"}

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

// value returns the column called name, or nil when the layout has none
// or it holds "-".
func value(rec *iislog.Record, name string) []byte {
	if b, ok := rec.Field(name); ok && !isDash(b) {
		return b
	}
	return nil
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }
