package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson/ecsjsontest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testLog is our own fixture: three directive blocks (13, 14 and 18
// columns) plus a custom layout, CRLF, zoned IPv6, a 0xC1 byte, a raw space
// in the verb, an invalid port and a truncated line.
const testLog = "testdata/httperr1.log"

func runMain(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	return ecsjsontest.Run(t, run, stdin, args...)
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{name: "default", args: []string{testLog}, golden: "httperr1.jsonl.golden"},
		{name: "original", args: []string{"-original", testLog}, golden: "httperr1-original.jsonl.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, nil, tc.args...)
			assert.Equal(t, 1, code, "the fixture has parse problems")
			assert.Equal(t, "testdata/httperr1.log:10:34 (c-port): invalid value\n"+
				"testdata/httperr1.log:11:39 (s-ip): wrong number of fields\n"+
				"testdata/httperr1.log:12:61 (cs-method): wrong number of fields\n"+
				"httperr2json: 3 parse problem(s)\n", errOut)
			readertest.GoldenFile(t, filepath.Join("testdata", tc.golden), []byte(out), *update)
		})
	}
}

// lines runs the program on the fixture and decodes every output line.
func lines(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	_, out, _ := runMain(t, nil, append(args, testLog)...)
	return ecsjsontest.Objects(t, out)
}

func TestEveryLineIsValidJSON(t *testing.T) {
	objs := lines(t, "-original")
	require.Len(t, objs, 13, "14 data lines; the truncated one gives no record")
	for _, o := range objs {
		_, ok := ecsjsontest.Get(o, "@timestamp")
		assert.True(t, ok)
	}
}

func TestFields(t *testing.T) {
	objs := lines(t)
	byOffset := map[float64]map[string]any{}
	for _, o := range objs {
		off, _ := ecsjsontest.Get(o, "log.offset")
		byOffset[off.(float64)] = o
	}
	find := func(t *testing.T, reason, address string) map[string]any {
		t.Helper()
		for _, o := range objs {
			r, _ := ecsjsontest.Get(o, "iis.error.reason_phrase")
			a, _ := ecsjsontest.Get(o, "source.address")
			if r == reason && a == address {
				return o
			}
		}
		require.FailNow(t, "no object", "%s from %s", reason, address)
		return nil
	}
	tests := []struct {
		name    string
		reason  string
		address string
		want    map[string]any // path → value; nil value: absent
	}{
		{name: "ipv6 zone kept in address, dropped from ip", reason: "Timer_ConnectionIdle", address: "::1%0", want: map[string]any{
			"source.ip": "::1", "destination.address": "::1%0", "destination.ip": "::1", "source.port": 50124.0,
			"http": nil, "url": nil, "iis.error.queue_name": nil, "iis.error.site_id": nil, "event.outcome": nil,
		}},
		{name: "classic 503", reason: "AppOffline", address: "192.0.2.10", want: map[string]any{
			"@timestamp": "2026-02-01T08:00:01.000Z", "http.version": "1.1", "http.request.method": "GET",
			"http.response.status_code": 503.0, "url.original": "/default.aspx", "iis.error.queue_name": "DefaultAppPool",
			"iis.error.site_id": 1.0, "event.outcome": "failure", "iis.error.stream_id": nil, "tags": nil,
		}},
		{name: "invalid utf-8 escaped", reason: "URL", address: "fe80::5efe:c000:20a%12", want: map[string]any{
			"url.original": `/a\xC1b?q=€`, "tags": []any{"escaped_bytes"}, "destination.address": "fe80::1%12",
		}},
		{name: "backslashes verbatim in valid UTF-8", reason: "URL", address: "198.51.100.4", want: map[string]any{
			"url.original": `/..\..\winnt\win.ini`, "tags": nil,
		}},
		{name: "quotes", reason: "BadRequest", address: "198.51.100.4", want: map[string]any{"url.original": `/say"hi"`}},
		{name: "invalid port kept as text", reason: "Timer_ConnectionIdle", address: "198.51.100.5", want: map[string]any{
			"source.port": nil, "source.ip": "198.51.100.5", "iis.error.invalid.c-port": "5x127",
		}},
		{name: "raw space in verb recovered", reason: "Verb", address: "203.0.113.9", want: map[string]any{
			"http.request.method": "MY VERB", "url.original": "/x",
		}},
		{name: "streamid layout", reason: "QueueFull", address: "2001:db8::7", want: map[string]any{
			"iis.error.stream_id": "5", "http.version": "2.0", "iis.error.site_id": 2.0,
		}},
		{name: "18 columns", reason: "N/A", address: "192.0.2.30", want: map[string]any{
			"http.version": "3", "iis.error.transport": "QUIC", "iis.error.fault_code": "0x80070008",
			"iis.error.extended_fault_code": "0x1", "iis.error.stream_id": "8", "iis.error.stream_id_ex": nil,
		}},
		{name: "absent status is omitted, not 0", reason: "Connection_Dropped", address: "192.0.2.31", want: map[string]any{
			"http": nil, "iis.error.transport": "TCP", "iis.error.fault_code": nil, "event.outcome": nil,
		}},
		{name: "unknown token kept", reason: "Unlisted_Token", address: "192.0.2.32", want: map[string]any{
			"http.response": nil, "http.request.method": "POST",
		}},
		{name: "unknown column kept", reason: "NotFound", address: "192.0.2.40", want: map[string]any{
			"iis.error.fields.s-computername": "WEB01", "log.file.path": "testdata/httperr1.log",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := find(t, tc.reason, tc.address)
			for path, want := range tc.want {
				got, ok := ecsjsontest.Get(o, path)
				if want == nil {
					assert.False(t, ok, "%s must be absent, got %v", path, got)
					continue
				}
				assert.Equal(t, want, got, path)
			}
		})
	}
}

func TestInvalidUTF8RoundTrips(t *testing.T) {
	tests := []struct {
		name string
		uri  string
	}{
		{name: "0xC1", uri: "/a\xc1b"},
		{name: "backslash next to a bad byte", uri: `/x\xC1\` + "\xc1"},
		{name: "truncated sequence", uri: "/caf\xc3"},
		{name: "valid multibyte kept", uri: "/\xe2\x82\xac\xff"},
		{name: "surrogate encoding", uri: "/\xed\xa0\x80"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := "2026-01-01 00:00:00 192.0.2.1 1 192.0.2.2 80 HTTP/1.1 GET " + tc.uri + " 400 - URL -\r\n"
			code, out, errOut := runMain(t, strings.NewReader(line), "-original")
			require.Equal(t, 0, code, errOut)
			require.True(t, json.Valid([]byte(out)))
			var m map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &m))
			assert.Equal(t, []any{"escaped_bytes"}, m["tags"])
			u, _ := ecsjsontest.Get(m, "url.original")
			assert.Equal(t, []byte(tc.uri), ecsjsontest.Unescape(u.(string)), "bytes recovered exactly")
			orig, _ := ecsjsontest.Get(m, "event.original")
			assert.Equal(t, []byte(strings.TrimSuffix(line, "\r\n")), ecsjsontest.Unescape(orig.(string)))
		})
	}
}

// expected builds, independently of the converter and with encoding/json,
// the object for a record of a valid UTF-8 line: the cross-check of the
// hand-written JSON.
func expected(rec *errlog.Record, path string) map[string]any {
	m := map[string]any{}
	set := func(path string, v any) { ecsjsontest.Set(m, path, v) }
	if rec.Valid.Has(errlog.FieldTime) {
		set("@timestamp", rec.Time.Format("2006-01-02T15:04:05.000Z07:00"))
	}
	var related []any
	for _, e := range []struct {
		obj, col string
		ipSet    errlog.FieldSet
		portSet  errlog.FieldSet
		ip       string
		port     uint16
	}{
		{"source", "c-ip", errlog.FieldClientIP, errlog.FieldClientPort, rec.ClientIP.WithZone("").String(), rec.ClientPort},
		{"destination", "s-ip", errlog.FieldServerIP, errlog.FieldServerPort, rec.ServerIP.WithZone("").String(), rec.ServerPort},
	} {
		if v, ok := rec.Field(e.col); ok && string(v) != "-" {
			set(e.obj+".address", string(v))
		}
		if rec.Valid.Has(e.ipSet) {
			set(e.obj+".ip", e.ip)
			related = append(related, e.ip)
		}
		if rec.Valid.Has(e.portSet) {
			set(e.obj+".port", float64(e.port))
		}
	}
	if rec.Valid.Has(errlog.FieldVersion) {
		set("http.version", strings.TrimPrefix(string(rec.Version), "HTTP/"))
	}
	if rec.Valid.Has(errlog.FieldMethod) {
		set("http.request.method", string(rec.Method))
	}
	if rec.Valid.Has(errlog.FieldStatus) {
		set("http.response.status_code", float64(rec.Status))
		if rec.Status >= 400 {
			set("event.outcome", "failure")
		}
	}
	if rec.Valid.Has(errlog.FieldURI) {
		set("url.original", string(rec.URI))
	}
	if rec.Valid.Has(errlog.FieldReason) {
		set("iis.error.reason_phrase", string(rec.RawReason()))
	}
	if rec.Valid.Has(errlog.FieldQueueName) {
		set("iis.error.queue_name", string(rec.QueueName))
	}
	if rec.Valid.Has(errlog.FieldSiteID) {
		set("iis.error.site_id", float64(rec.SiteID))
	}
	names := map[string]string{"streamid": "stream_id", "streamid_ex": "stream_id_ex", "transport": "transport",
		"fault-code": "fault_code", "extended-fault-code": "extended_fault_code"}
	typed := map[string]errlog.FieldSet{"date": errlog.FieldTime, "time": errlog.FieldTime, "c-ip": errlog.FieldClientIP,
		"c-port": errlog.FieldClientPort, "s-ip": errlog.FieldServerIP, "s-port": errlog.FieldServerPort,
		"sc-status": errlog.FieldStatus, "s-siteid": errlog.FieldSiteID}
	mapped := map[string]bool{"cs-version": true, "cs-method": true, "cs-uri": true, "s-reason": true, "s-queuename": true}
	for i := range rec.NumField() {
		name, v := rec.Column(i)
		if string(v) == "-" {
			continue
		}
		if f, ok := typed[name]; ok {
			if !rec.Valid.Has(f) {
				set("iis.error.invalid."+name, string(v))
			}
			continue
		}
		if k, ok := names[name]; ok {
			set("iis.error."+k, string(v))
			continue
		}
		if !mapped[name] {
			set("iis.error.fields."+name, string(v))
		}
	}
	set("event.kind", "event")
	set("event.category", []any{"web", "network"})
	set("event.type", []any{"connection"})
	set("event.module", "iis")
	set("event.dataset", "iis.error")
	if related != nil {
		set("related.ip", related)
	}
	if path != "" {
		set("log.file.path", path)
	}
	set("log.offset", float64(rec.Offset))
	return m
}

func TestCrossCheckWithEncodingJSON(t *testing.T) {
	inputs := map[string]string{"fixture": testLog}
	// The shared corpus of real logs, when present (it is not part of the
	// module, so users' test runs skip it).
	if corpus, err := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*.log")); err == nil {
		for _, p := range corpus {
			if strings.Contains(filepath.Base(p), "error") || strings.Contains(filepath.Base(p), "httperr") {
				inputs[filepath.Base(p)] = p
			}
		}
	}
	for name, path := range inputs {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var j ecsjson.Writer
			src := &ecsjson.Source{Path: path}
			r := errlog.NewReader(bytes.NewReader(data))
			n := 0
			for rec := range r.All() {
				if rec == nil {
					continue
				}
				convert(&j, rec, src)
				line := j.Line()
				require.True(t, json.Valid(line), string(line))
				var got map[string]any
				require.NoError(t, json.Unmarshal(line, &got))
				if j.Escaping() {
					assert.Equal(t, []any{"escaped_bytes"}, got["tags"])
					continue
				}
				assert.Equal(t, ecsjsontest.Normalize(t, expected(rec, path)), got, "line %d", rec.Line)
				n++
			}
			assert.Positive(t, n)
		})
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	line := func(port int) string {
		return "2026-01-02 03:00:00 192.0.2.1 " + strconv.Itoa(port) + " 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n"
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "httperr10.log"), []byte(line(10)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "httperr2.log"), []byte(line(2)), 0o644))
	missing := filepath.Join(dir, "httperr3.log")

	tests := []struct {
		name   string
		args   []string
		stdin  io.Reader
		code   int
		ports  []float64
		stderr string
	}{
		{name: "directory in rotation order", args: []string{dir}, ports: []float64{2, 10}},
		{name: "no arguments read stdin", stdin: strings.NewReader(line(7)), ports: []float64{7}},
		{name: "dash reads stdin", args: []string{"-"}, stdin: strings.NewReader(line(8)), ports: []float64{8}},
		{name: "empty input", args: []string{"-"}, stdin: strings.NewReader("")},
		{name: "missing file", args: []string{missing}, code: 2, stderr: missing},
		{name: "read error", args: []string{"-"}, stdin: iotest.TimeoutReader(strings.NewReader(line(9))), code: 2, stderr: "<stdin>: timeout", ports: []float64{9}},
		{name: "bad flag", args: []string{"-x"}, code: 2, stderr: "flag provided but not defined"},
		{name: "problem count", args: []string{"-errors", "0", "-"}, stdin: strings.NewReader(line(1) + "garbage\n"), code: 1,
			ports: []float64{1}, stderr: "httperr2json: 1 parse problems (0 shown)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, tc.stdin, tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			if tc.stderr != "" {
				assert.Contains(t, errOut, tc.stderr)
			} else {
				assert.Empty(t, errOut)
			}
			var ports []float64
			for _, m := range ecsjsontest.Objects(t, out) {
				p, _ := ecsjsontest.Get(m, "source.port")
				ports = append(ports, p.(float64))
			}
			assert.Equal(t, tc.ports, ports)
		})
	}
}

func TestWriteNoAllocs(t *testing.T) {
	data, err := os.ReadFile(testLog)
	require.NoError(t, err)
	var j ecsjson.Writer
	src := &ecsjson.Source{Path: testLog, Original: true}
	var recs []*errlog.Record
	for rec := range errlog.NewReader(bytes.NewReader(data)).All() {
		if rec != nil {
			recs = append(recs, rec.Clone())
		}
	}
	require.NotEmpty(t, recs)
	for _, rec := range recs { // warm the buffers
		convert(&j, rec, src)
		_ = j.Line()
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, rec := range recs {
			convert(&j, rec, src)
			_ = j.Line()
		}
	})
	assert.Zero(t, allocs, "converting a record does not allocate in steady state")
}

// BenchmarkConvert converts a realistic generated log (4 MiB, CRLF, mostly
// idle timeouts, IPv6 with zones, URIs up to ~2 KB) to io.Discard, through
// the program's whole path: reader, converter and buffered writer.
func BenchmarkConvert(b *testing.B) {
	var data bytes.Buffer
	_, err := httperrgen.Write(&data, httperrgen.Options{Bytes: 4 << 20})
	require.NoError(b, err)
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if code := run(nil, bytes.NewReader(data.Bytes()), io.Discard, io.Discard); code != ecsjson.ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

func FuzzConvert(f *testing.F) {
	data, err := os.ReadFile(testLog)
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte("#Fields: date time x\n2026-01-01 00:00:00 \xc1\n"))
	f.Add([]byte("2026-01-01 00:00:00 ::1%0 1 ::1%0 80 - - - - - Timer_ConnectionIdle -"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out, errOut bytes.Buffer
		code := run([]string{"-original"}, bytes.NewReader(in), &out, &errOut)
		if code != ecsjson.ExitOK && code != ecsjson.ExitProblems {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		for line := range strings.Lines(out.String()) {
			if !json.Valid([]byte(line)) {
				t.Fatalf("invalid JSON line: %s", line)
			}
		}
	})
}
