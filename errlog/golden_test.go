package errlog_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenEntry is one result of Read, as written to a golden file.
type goldenEntry struct {
	Line   int           `json:"line"`
	Offset int64         `json:"offset,omitempty"`
	Error  *goldenError  `json:"error,omitempty"`
	Record *goldenRecord `json:"record,omitempty"`
}

type goldenError struct {
	Kind    string `json:"kind"`
	Column  int    `json:"column"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

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

type golden struct {
	Entries []goldenEntry `json:"entries"`
	Stats   errlog.Stats  `json:"stats"`
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

func toGolden(rec *errlog.Record) *goldenRecord {
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
			r := errlog.NewReader(bytes.NewReader(in))
			var g golden
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				e := goldenEntry{Line: r.Line()}
				if err != nil {
					var pe *errlog.ParseError
					require.ErrorAs(t, err, &pe)
					e.Error = &goldenError{Kind: errKind(err), Column: pe.Column, Field: pe.Field, Message: pe.Error()}
				}
				if rec != nil {
					e.Offset = rec.Offset
					e.Record = toGolden(rec)
				}
				g.Entries = append(g.Entries, e)
			}
			g.Stats = r.Stats()
			assert.Equal(t, g.Stats.Lines, countLines(in))
			got, err := json.MarshalIndent(g, "", "\t")
			require.NoError(t, err)
			got = append(got, '\n')
			gold := strings.TrimSuffix(name, ".log") + ".golden.json"
			if *update {
				require.NoError(t, os.WriteFile(gold, got, 0o644))
				return
			}
			want, err := os.ReadFile(gold)
			require.NoError(t, err, "run go test -run TestGolden -update")
			assert.Equal(t, string(want), string(got))
		})
	}
}
