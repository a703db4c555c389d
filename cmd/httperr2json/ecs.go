package main

import (
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
)

// convert writes the ECS object of rec into j. It does not retain rec.
func convert(j *ecsjson.Writer, rec *errlog.Record, src *ecsjson.Source) {
	j.Reset(ecsjson.Escape(rec.Raw(), src.Path, namesValid(rec)))
	v := rec.Valid

	if v.Has(errlog.FieldTime) {
		j.Time("@timestamp", rec.Time)
	}
	j.Endpoint("source", value(rec, "c-ip"), rec.ClientIP, rec.ClientPort, v.Has(errlog.FieldClientPort))
	j.End()
	j.Endpoint("destination", value(rec, "s-ip"), rec.ServerIP, rec.ServerPort, v.Has(errlog.FieldServerPort))
	j.End()

	j.Begin("http")
	if v.Has(errlog.FieldVersion) {
		j.Str("version", ecsjson.HTTPVersion(rec.Version))
	}
	j.Begin("request")
	if v.Has(errlog.FieldMethod) {
		j.Str("method", rec.Method)
	}
	j.End()
	j.Begin("response")
	if v.Has(errlog.FieldStatus) {
		j.Int("status_code", int64(rec.Status))
	}
	j.End()
	j.End()

	j.Begin("url")
	if v.Has(errlog.FieldURI) {
		j.Str("original", rec.URI)
	}
	j.End()

	j.Begin("iis")
	j.Begin("error")
	if v.Has(errlog.FieldReason) {
		j.Str("reason_phrase", rec.RawReason())
	}
	if v.Has(errlog.FieldQueueName) {
		j.Str("queue_name", rec.QueueName)
	}
	if v.Has(errlog.FieldSiteID) {
		j.Uint("site_id", uint64(rec.SiteID))
	}
	for _, f := range extraColumns {
		if b := value(rec, f.column); b != nil {
			j.Str(f.key, b)
		}
	}
	j.Begin("fields")
	for i := range rec.NumField() {
		name, b := rec.Column(i)
		if !mapped(name) && !isDash(b) {
			j.Str(name, b)
		}
	}
	j.End()
	j.Begin("invalid")
	for i := range rec.NumField() {
		// A typed column holding a value that is not valid. Text fields
		// (cs-uri, s-reason...) are valid whenever they are not "-".
		name, b := rec.Column(i)
		if f := errlog.FieldOf(name); f != 0 && !isDash(b) && !v.Has(f) {
			j.Str(name, b)
		}
	}
	j.End()
	j.End()
	j.End()

	j.Event("iis.error")
	if v.Has(errlog.FieldStatus) && rec.Status >= 400 {
		j.Const("outcome", "failure")
	}
	if src.Original {
		j.Str("original", ecsjson.TrimCR(rec.Raw()))
	}
	j.End()

	j.Begin("related")
	j.IPs("ip", rec.ClientIP, rec.ServerIP)
	j.End()

	j.Log(src.Path, rec.Offset)
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

// value returns the column called name, or nil when the layout has none
// or it holds "-".
func value(rec *errlog.Record, name string) []byte {
	if b, ok := rec.Field(name); ok && !isDash(b) {
		return b
	}
	return nil
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }
