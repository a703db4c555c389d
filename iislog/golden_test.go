package iislog_test

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

	"github.com/iisstatus/iisstatus/iislog"
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
	Service       string            `json:"service"`
	Inferred      bool              `json:"inferred,omitempty"`
	Valid         []string          `json:"valid"`
	Time          string            `json:"time,omitempty"`
	ServerIP      string            `json:"s-ip,omitempty"`
	ServerPort    *uint16           `json:"s-port,omitempty"`
	ClientIP      string            `json:"c-ip,omitempty"`
	ClientPort    *uint16           `json:"c-port,omitempty"`
	Status        int               `json:"sc-status,omitempty"`
	Reply         *uint16           `json:"reply,omitempty"`
	Substatus     string            `json:"substatus,omitempty"`
	Win32         *uint32           `json:"sc-win32-status,omitempty"`
	Triple        string            `json:"triple,omitempty"`
	BytesSent     *int64            `json:"sc-bytes,omitempty"`
	BytesReceived *int64            `json:"cs-bytes,omitempty"`
	TimeTaken     string            `json:"time-taken,omitempty"`
	Text          map[string]string `json:"text,omitempty"`
	ForwardedFor  string            `json:"forwarded-for,omitempty"`
	Columns       []string          `json:"columns"` // name=raw value
}

type golden struct {
	Entries []goldenEntry `json:"entries"`
	Stats   iislog.Stats  `json:"stats"`
}

// fieldNames names the members of a FieldSet in golden files.
var fieldNames = []struct {
	set  iislog.FieldSet
	name string
}{
	{iislog.FieldTime, "time"}, {iislog.FieldSiteName, "s-sitename"}, {iislog.FieldComputerName, "s-computername"},
	{iislog.FieldServerIP, "s-ip"}, {iislog.FieldMethod, "cs-method"}, {iislog.FieldURIStem, "cs-uri-stem"},
	{iislog.FieldURIQuery, "cs-uri-query"}, {iislog.FieldServerPort, "s-port"}, {iislog.FieldUsername, "cs-username"},
	{iislog.FieldClientIP, "c-ip"}, {iislog.FieldClientPort, "c-port"}, {iislog.FieldVersion, "cs-version"},
	{iislog.FieldUserAgent, "cs(User-Agent)"}, {iislog.FieldCookie, "cs(Cookie)"}, {iislog.FieldReferer, "cs(Referer)"},
	{iislog.FieldHost, "cs-host"}, {iislog.FieldStatus, "sc-status"}, {iislog.FieldReply, "reply"},
	{iislog.FieldSubstatus, "sc-substatus"}, {iislog.FieldWin32, "sc-win32-status"}, {iislog.FieldBytesSent, "sc-bytes"},
	{iislog.FieldBytesReceived, "cs-bytes"}, {iislog.FieldTimeTaken, "time-taken"},
}

func toGolden(rec *iislog.Record) *goldenRecord {
	g := &goldenRecord{Service: rec.Service.String(), Inferred: rec.Inferred, Valid: []string{}, Text: map[string]string{}}
	for _, f := range fieldNames {
		if rec.Valid.Has(f.set) {
			g.Valid = append(g.Valid, f.name)
		}
	}
	v := rec.Valid
	if v.Has(iislog.FieldTime) {
		g.Time = rec.Time.Format(time.RFC3339)
	}
	if v.Has(iislog.FieldServerIP) {
		g.ServerIP = rec.ServerIP.String()
	}
	if v.Has(iislog.FieldServerPort) {
		g.ServerPort = ptr(rec.ServerPort)
	}
	if v.Has(iislog.FieldClientIP) {
		g.ClientIP = rec.ClientIP.String()
	}
	if v.Has(iislog.FieldClientPort) {
		g.ClientPort = ptr(rec.ClientPort)
	}
	if v.Has(iislog.FieldStatus) {
		g.Status = int(rec.Status)
	}
	if v.Has(iislog.FieldReply) {
		g.Reply = ptr(rec.Reply)
	}
	if v.Has(iislog.FieldSubstatus) {
		g.Substatus = rec.Substatus().String()
	}
	if v.Has(iislog.FieldWin32) {
		g.Win32 = ptr(uint32(rec.Win32()))
	}
	g.Triple = rec.Triple()
	if v.Has(iislog.FieldBytesSent) {
		g.BytesSent = ptr(rec.BytesSent)
	}
	if v.Has(iislog.FieldBytesReceived) {
		g.BytesReceived = ptr(rec.BytesReceived)
	}
	if v.Has(iislog.FieldTimeTaken) {
		g.TimeTaken = rec.TimeTaken.String()
	}
	for _, f := range []struct {
		name string
		b    []byte
	}{{"s-sitename", rec.SiteName}, {"s-computername", rec.ComputerName}, {"cs-method", rec.Method}, {"cs-uri-stem", rec.URIStem},
		{"cs-uri-query", rec.URIQuery}, {"cs-username", rec.Username}, {"cs-version", rec.Version}, {"cs(User-Agent)", rec.UserAgent},
		{"cs(Cookie)", rec.Cookie}, {"cs(Referer)", rec.Referer}, {"cs-host", rec.Host}} {
		if f.b != nil {
			g.Text[f.name] = string(f.b)
		}
	}
	if a, err := rec.ForwardedFor(iislog.FirstHop); err != nil {
		g.ForwardedFor = "error: " + err.Error()
	} else if a.IsValid() {
		g.ForwardedFor = a.String()
		if b, _ := rec.ForwardedFor(iislog.LastHop); b != a {
			g.ForwardedFor += " ... " + b.String()
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
	for _, e := range []error{iislog.ErrFieldCount, iislog.ErrBadDirective, iislog.ErrBadValue, iislog.ErrLineTooLong, iislog.ErrUTF16} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	return "other"
}

// TestGolden reads every testdata/*.log and compares the records, errors
// and counts with testdata/*.golden.json. Run with -update to rewrite the
// golden files, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.log")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			in, err := os.ReadFile(name)
			require.NoError(t, err)
			r := iislog.NewReader(bytes.NewReader(in))
			var g golden
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				e := goldenEntry{Line: r.Line()}
				if err != nil {
					var pe *iislog.ParseError
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
