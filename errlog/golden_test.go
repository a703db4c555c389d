package errlog_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

type goldenRecord struct {
	Inferred   bool     `json:"inferred,omitempty"`
	Valid      []string `json:"valid"`
	Time       string   `json:"time,omitempty"`
	ClientIP   string   `json:"c-ip,omitempty"`
	ClientPort *uint16  `json:"c-port,omitempty"`
	ServerIP   string   `json:"s-ip,omitempty"`
	ServerPort *uint16  `json:"s-port,omitempty"`
	Version    string   `json:"cs-version,omitempty"`
	Method     string   `json:"cs-method,omitempty"`
	URI        string   `json:"cs-uri,omitempty"`
	Status     int      `json:"sc-status,omitempty"`
	SiteID     *uint32  `json:"s-siteid,omitempty"`
	Reason     string   `json:"s-reason,omitempty"`
	QueueName  string   `json:"s-queuename,omitempty"`
	Columns    []string `json:"columns"` // name=raw value
}

var fieldNames = []struct {
	set  errlog.FieldSet
	name string
}{
	{errlog.FieldTime, "time"}, {errlog.FieldClientIP, "c-ip"}, {errlog.FieldClientPort, "c-port"},
	{errlog.FieldServerIP, "s-ip"}, {errlog.FieldServerPort, "s-port"}, {errlog.FieldVersion, "cs-version"},
	{errlog.FieldMethod, "cs-method"}, {errlog.FieldURI, "cs-uri"}, {errlog.FieldStatus, "sc-status"},
	{errlog.FieldSiteID, "s-siteid"}, {errlog.FieldReason, "s-reason"}, {errlog.FieldQueueName, "s-queuename"},
}

// toGolden is the golden form of rec, for readertest.Golden.
func toGolden(rec *errlog.Record) any {
	g := &goldenRecord{Inferred: rec.Inferred, Valid: []string{}}
	for _, f := range fieldNames {
		if rec.Valid.Has(f.set) {
			g.Valid = append(g.Valid, f.name)
		}
	}
	v := rec.Valid
	if v.Has(errlog.FieldTime) {
		g.Time = rec.Time.Format(time.RFC3339)
	}
	if v.Has(errlog.FieldClientIP) {
		g.ClientIP = rec.ClientIP.String()
	}
	if v.Has(errlog.FieldClientPort) {
		g.ClientPort = ptr(rec.ClientPort)
	}
	if v.Has(errlog.FieldServerIP) {
		g.ServerIP = rec.ServerIP.String()
	}
	if v.Has(errlog.FieldServerPort) {
		g.ServerPort = ptr(rec.ServerPort)
	}
	g.Version, g.Method, g.URI, g.QueueName = string(rec.Version), string(rec.Method), string(rec.URI), string(rec.QueueName)
	if v.Has(errlog.FieldStatus) {
		g.Status = int(rec.Status)
	}
	if v.Has(errlog.FieldSiteID) {
		g.SiteID = ptr(rec.SiteID)
	}
	if v.Has(errlog.FieldReason) {
		g.Reason = rec.Reason.String()
		if !rec.Reason.IsKnown() {
			g.Reason = "unknown:" + string(rec.RawReason())
		}
	}
	for i := range rec.NumField() {
		name, val := rec.Column(i)
		g.Columns = append(g.Columns, name+"="+string(val))
	}
	return g
}

func ptr[T any](v T) *T { return &v }

func errKind(err error) string {
	for _, e := range []error{errlog.ErrFieldCount, errlog.ErrBadDirective, errlog.ErrBadValue, errlog.ErrLineTooLong} {
		if errors.Is(err, e) {
			return strings.TrimPrefix(e.Error(), "errlog: ")
		}
	}
	return "other"
}

// TestGolden reads every testdata/*.log (but bench.log) and compares the
// records, errors and counts with testdata/*.golden.json. Run with -update
// to rewrite the golden files, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.log")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		if filepath.Base(name) == "bench.log" {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			in, err := os.ReadFile(name)
			require.NoError(t, err)
			got := readertest.Golden(t, under(errlog.NewReader(bytes.NewReader(in))), in, errKind, toGolden)
			readertest.GoldenFile(t, strings.TrimSuffix(name, ".log")+".golden.json", got, *update)
		})
	}
}
