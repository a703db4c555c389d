package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testLog is our own fixture: all fields plus X-Forwarded-For and
// crypt-protocol, CRLF, zoned IPv6, a 0xC0 0xAF pair, an invalid port, a
// truncated line, and an FTP block with all its fields.
const testLog = "testdata/u_ex260302_x.log"

func runMain(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code := run(args, stdin, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{name: "default", args: []string{testLog}, golden: "u_ex260302_x.jsonl.golden"},
		{name: "original", args: []string{"-original", testLog}, golden: "u_ex260302_x-original.jsonl.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, nil, tc.args...)
			assert.Equal(t, 1, code, "the fixture has parse problems")
			assert.Equal(t, "testdata/u_ex260302_x.log:8:63 (s-port): invalid value\n"+
				"testdata/u_ex260302_x.log:9:61 (cs-username): wrong number of fields\n"+
				"iislog2json: 2 parse problem(s)\n", errOut)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create %s", path)
			assert.Equal(t, string(want), out)
		})
	}
}

// lines runs the program and decodes every output line.
func lines(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	_, out, _ := runMain(t, nil, args...)
	var objs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		require.True(t, json.Valid(sc.Bytes()), "valid JSON: %s", sc.Text())
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m))
		objs = append(objs, m)
	}
	return objs
}

// get returns the value at a dotted path.
func get(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func TestFields(t *testing.T) {
	objs := lines(t, testLog)
	require.Len(t, objs, 6)
	tests := []struct {
		name string
		obj  int
		path string
		want any // nil: absent
	}{
		{"timestamp", 0, "@timestamp", "2026-03-02T08:00:01.000Z"},
		{"source is the proxy", 0, "source.ip", "10.0.0.5"},
		{"forwarded client", 0, "network.forwarded_ip", "203.0.113.7"},
		{"xff as logged", 0, "iis.access.fields.X-Forwarded-For", "203.0.113.7,+10.0.0.1"},
		{"custom field", 0, "iis.access.fields.crypt-protocol", "400"},
		{"user split at backslash", 0, "user.name", "jdoe"},
		{"domain", 0, "user.domain", "CONTOSO"},
		{"query", 0, "url.query", "id=7&sort=desc"},
		{"user agent decoded", 0, "user_agent.original", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"},
		{"cookie as logged", 0, "iis.access.cookie", "ASP.NET_SessionId=abc;+theme=dark"},
		{"duration ns", 0, "event.duration", float64(15 * time.Millisecond)},
		{"version", 0, "http.version", "2"},
		{"request bytes", 0, "http.request.body.bytes", float64(442)},
		{"response bytes", 0, "http.response.body.bytes", float64(1293)},
		{"host", 0, "destination.domain", "www.example.com"},
		{"outcome", 0, "event.outcome", "success"},
		{"protocol", 0, "network.protocol", "http"},
		{"zone kept in address", 1, "source.address", "fe80::1:2:3:4%7"},
		{"zone dropped in ip", 1, "source.ip", "fe80::1:2:3:4"},
		{"user split at @", 1, "user.name", "alice"},
		{"substatus", 1, "iis.access.sub_status", float64(2)},
		{"hresult", 1, "iis.access.win32_status", float64(2148074254)},
		{"failure", 1, "event.outcome", "failure"},
		{"no query", 1, "url.query", nil},
		{"no referrer", 1, "http.request.referrer", nil},
		{"no xff", 1, "network.forwarded_ip", nil},
		{"escaped", 2, "url.path", `/pbserver/..\xC0\xAF../winnt/system32/cmd.exe`},
		{"tag", 2, "tags", []any{"escaped_bytes"}},
		{"invalid port", 3, "iis.access.invalid.s-port", "70000"},
		{"no port", 3, "destination.port", nil},
		{"unreadable xff", 3, "network.forwarded_ip", nil},
		{"ftp protocol", 4, "network.protocol", "ftp"},
		{"ftp service", 4, "iis.access.service", "FTP"},
		{"ftp reply", 4, "iis.access.reply_code", float64(530)},
		{"ftp has no http status", 4, "http", nil},
		{"ftp command", 4, "iis.access.fields.cs-method", "PASS"},
		{"ftp session", 4, "iis.access.session_id", "d1678a06-e750-47b4-9a8f-5b77fe355749"},
		{"ftp win32", 4, "iis.access.win32_status", float64(1326)},
		{"ftp client port", 4, "source.port", float64(54321)},
		{"ftp outcome", 4, "event.outcome", "failure"},
		{"ftp bytes", 5, "destination.bytes", float64(1048576)},
		{"ftp fullpath", 5, "iis.access.fields.x-fullpath", "/pub/file.zip"},
		{"ftp success", 5, "event.outcome", "success"},
		{"offset", 5, "log.offset", nil}, // checked below
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := get(objs[tc.obj], tc.path)
			if tc.path == "log.offset" {
				assert.True(t, ok)
				return
			}
			if tc.want == nil {
				assert.False(t, ok, "%s: %v", tc.path, v)
				return
			}
			assert.Equal(t, tc.want, v)
		})
	}
}

var unescapeRE = regexp.MustCompile(`\\x[0-9A-F]{2}`)

func unescape(s string) []byte {
	return []byte(unescapeRE.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 8)
		return string([]byte{byte(n)})
	}))
}

func TestInvalidUTF8RoundTrips(t *testing.T) {
	data, err := os.ReadFile(testLog)
	require.NoError(t, err)
	objs := lines(t, "-original", testLog)
	for _, o := range objs {
		orig, _ := get(o, "event.original")
		raw := []byte(orig.(string))
		if _, tagged := o["tags"]; tagged {
			raw = unescape(orig.(string))
			assert.False(t, utf8.Valid(raw))
		}
		off, _ := get(o, "log.offset")
		start := int(off.(float64))
		assert.True(t, bytes.HasPrefix(data[start:], raw), "event.original is the line at log.offset")
	}
}

// TestCrossCheckWithEncodingJSON rebuilds every object from the record with
// encoding/json and compares: the hand-written JSON says the same.
func TestCrossCheckWithEncodingJSON(t *testing.T) {
	var buf bytes.Buffer
	_, err := accessgen.Write(&buf, accessgen.Options{Lines: 3000, BlockEvery: 400})
	require.NoError(t, err)
	in := buf.Bytes()
	var out bytes.Buffer
	c := &converter{w: &out, original: true}
	r := iislog.NewReader(bytes.NewReader(in))
	var want []map[string]any
	for rec, err := range r.All() {
		require.NoError(t, err)
		require.NoError(t, c.write(rec))
		want = append(want, expected(rec))
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	i := 0
	for sc.Scan() {
		var got map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &got))
		w, err := json.Marshal(want[i])
		require.NoError(t, err)
		var wm map[string]any
		require.NoError(t, json.Unmarshal(w, &wm))
		require.Equal(t, wm, got, "record %d", i)
		i++
	}
	assert.Equal(t, len(want), i)
}

// expected builds the object for rec with maps, independently of the
// converter (HTTP records of valid UTF-8 only, as the generator writes).
func expected(rec *iislog.Record) map[string]any {
	o := map[string]any{}
	set := func(path string, v any) {
		m := o
		keys := strings.Split(path, ".")
		for _, k := range keys[:len(keys)-1] {
			n, ok := m[k].(map[string]any)
			if !ok {
				n = map[string]any{}
				m[k] = n
			}
			m = n
		}
		m[keys[len(keys)-1]] = v
	}
	v := rec.Valid
	str := func(path string, f iislog.FieldSet, b []byte) {
		if v.Has(f) {
			set(path, string(b))
		}
	}
	if v.Has(iislog.FieldTime) {
		set("@timestamp", rec.Time.Format("2006-01-02T15:04:05.000Z"))
	}
	for _, e := range []struct {
		obj, col string
		ipf, pf  iislog.FieldSet
	}{{"source", "c-ip", iislog.FieldClientIP, iislog.FieldClientPort}, {"destination", "s-ip", iislog.FieldServerIP, iislog.FieldServerPort}} {
		if a, ok := rec.Field(e.col); ok && string(a) != "-" {
			set(e.obj+".address", string(a))
		}
		if v.Has(e.ipf) {
			ip := rec.ClientIP
			if e.obj == "destination" {
				ip = rec.ServerIP
			}
			set(e.obj+".ip", ip.WithZone("").String())
		}
		if v.Has(e.pf) {
			p := rec.ClientPort
			if e.obj == "destination" {
				p = rec.ServerPort
			}
			set(e.obj+".port", p)
		}
	}
	str("destination.domain", iislog.FieldHost, rec.Host)
	if v.Has(iislog.FieldVersion) {
		set("http.version", strings.TrimPrefix(string(rec.Version), "HTTP/"))
	}
	str("http.request.method", iislog.FieldMethod, rec.Method)
	str("http.request.referrer", iislog.FieldReferer, rec.Referer)
	if v.Has(iislog.FieldBytesReceived) {
		set("http.request.body.bytes", rec.BytesReceived)
	}
	if v.Has(iislog.FieldStatus) {
		set("http.response.status_code", int(rec.Status))
	}
	if v.Has(iislog.FieldBytesSent) {
		set("http.response.body.bytes", rec.BytesSent)
	}
	str("url.original", iislog.FieldURIStem, rec.URIStem)
	str("url.path", iislog.FieldURIStem, rec.URIStem)
	str("url.query", iislog.FieldURIQuery, rec.URIQuery)
	if v.Has(iislog.FieldUserAgent) {
		set("user_agent.original", strings.ReplaceAll(string(rec.UserAgent), "+", " "))
	}
	var user string
	if v.Has(iislog.FieldUsername) {
		u := string(rec.Username)
		if i := strings.IndexByte(u, '\\'); i > 0 && i < len(u)-1 {
			user = u[i+1:]
			set("user.domain", u[:i])
		} else if i := strings.LastIndexByte(u, '@'); i > 0 && i < len(u)-1 {
			user = u[:i]
			set("user.domain", u[i+1:])
		} else {
			user = u
		}
		set("user.name", user)
	}
	set("network.protocol", "http")
	if a, err := rec.ForwardedFor(iislog.FirstHop); err == nil && a.IsValid() {
		set("network.forwarded_ip", a.WithZone("").String())
	}
	str("iis.access.site_name", iislog.FieldSiteName, rec.SiteName)
	str("iis.access.server_name", iislog.FieldComputerName, rec.ComputerName)
	str("iis.access.cookie", iislog.FieldCookie, rec.Cookie)
	if v.Has(iislog.FieldSubstatus) {
		set("iis.access.sub_status", rec.Substatus().Sub)
	}
	if v.Has(iislog.FieldWin32) {
		set("iis.access.win32_status", uint32(rec.Win32()))
	}
	for i := range rec.NumField() {
		n, b := rec.Column(i)
		if iislog.FieldOf(n) == 0 && string(b) != "-" {
			set("iis.access.fields."+n, string(b))
		}
	}
	set("event.kind", "event")
	set("event.category", []string{"web", "network"})
	set("event.type", []string{"connection"})
	set("event.module", "iis")
	set("event.dataset", "iis.access")
	if v.Has(iislog.FieldStatus) {
		if rec.Status >= 400 {
			set("event.outcome", "failure")
		} else {
			set("event.outcome", "success")
		}
	}
	if v.Has(iislog.FieldTimeTaken) {
		set("event.duration", int64(rec.TimeTaken))
	}
	set("event.original", strings.TrimSuffix(string(rec.Raw()), "\r"))
	var ips []string
	if v.Has(iislog.FieldClientIP) {
		ips = append(ips, rec.ClientIP.WithZone("").String())
	}
	if v.Has(iislog.FieldServerIP) {
		ips = append(ips, rec.ServerIP.WithZone("").String())
	}
	if ips != nil {
		set("related.ip", ips)
	}
	if user != "" {
		set("related.user", []string{user})
	}
	set("log.offset", rec.Offset)
	return o
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(testLog)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "u_ex260302.log"), data, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "u_ex260301.log"), data, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "httperr1.log"), []byte("ignored"), 0o644))

	code, out, _ := runMain(t, nil, dir)
	assert.Equal(t, 1, code)
	assert.Equal(t, 12, strings.Count(out, "\n"), "both access logs, not the HTTPERR log")
	assert.Less(t, strings.Index(out, "u_ex260301.log"), strings.Index(out, "u_ex260302.log"), "in name order")

	code, out, _ = runMain(t, bytes.NewReader(data))
	assert.Equal(t, 1, code)
	assert.Equal(t, 6, strings.Count(out, "\n"))
	assert.NotContains(t, out, `"file":`, "no log.file.path for standard input")

	code, _, errOut := runMain(t, nil, filepath.Join(dir, "nope.log"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "nope.log")

	code, _, errOut = runMain(t, nil, t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no ex*.log or u_ex*.log files")

	code, _, errOut = runMain(t, iotest.ErrReader(io.ErrUnexpectedEOF), "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "unexpected EOF")

	code, _, _ = runMain(t, nil, "-h")
	assert.Equal(t, 0, code)
	code, _, _ = runMain(t, nil, "-nope")
	assert.Equal(t, 2, code)

	code, out, errOut = runMain(t, strings.NewReader(strings.ReplaceAll(string(data), "70000", "443")), "-errors", "0")
	assert.Equal(t, 1, code)
	assert.Equal(t, "iislog2json: 1 parse problems (0 shown)\n", errOut)
	assert.Equal(t, 6, strings.Count(out, "\n"))
}

func TestWriteNoAllocs(t *testing.T) {
	var buf bytes.Buffer
	_, err := accessgen.Write(&buf, accessgen.Options{Lines: 2000, BlockEvery: 300})
	require.NoError(t, err)
	var recs []*iislog.Record
	for rec, err := range iislog.NewReader(&buf).All() {
		require.NoError(t, err)
		recs = append(recs, rec.Clone())
	}
	c := &converter{w: io.Discard, original: true, path: `C:\inetpub\logs\LogFiles\W3SVC1\u_ex260307.log`}
	for _, r := range recs {
		require.NoError(t, c.write(r))
	}
	i := 0
	allocs := testing.AllocsPerRun(2000, func() {
		if err := c.write(recs[i%len(recs)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	assert.Zero(t, allocs)
}

func BenchmarkConvert(b *testing.B) {
	var buf bytes.Buffer
	st, err := accessgen.Write(&buf, accessgen.Options{Lines: 20_000, BlockEvery: 3000})
	if err != nil {
		b.Fatal(err)
	}
	in := buf.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	c := &converter{w: io.Discard}
	for b.Loop() {
		for rec, err := range iislog.NewReader(bytes.NewReader(in)).All() {
			if err != nil {
				b.Fatal(err)
			}
			if err := c.write(rec); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(st.Records), "ns/record")
}

// FuzzConvert checks that any input gives one valid JSON object per
// record, every string of an object tagged escaped_bytes unescaping to
// valid bytes of the input.
func FuzzConvert(f *testing.F) {
	data, err := os.ReadFile(testLog)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("#Fields: date time X-Forwarded-For \xff\xfe cs(User-Agent)\n2026-01-01 00:00:00 - \x80 a+b\n"))
	f.Add([]byte("#Fields: c-ip sc-status x-session\n::1%0 530 \"x\\y\"\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		c := &converter{w: &out, original: true}
		n := 0
		for rec, err := range iislog.NewReader(bytes.NewReader(in)).All() {
			_ = err
			if rec == nil {
				continue
			}
			n++
			if err := c.write(rec); err != nil {
				t.Fatal(err)
			}
		}
		sc := bufio.NewScanner(&out)
		sc.Buffer(nil, 1<<22)
		got := 0
		for sc.Scan() {
			got++
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("invalid JSON %q: %v", sc.Bytes(), err)
			}
			orig, _ := get(m, "event.original")
			s, _ := orig.(string)
			if _, tagged := m["tags"]; tagged {
				if !bytes.Contains(in, unescape(s)) {
					t.Fatalf("event.original %q is not in the input", s)
				}
			} else if !utf8.ValidString(s) {
				t.Fatalf("untagged object with invalid UTF-8: %q", s)
			}
		}
		if got != n {
			t.Fatalf("%d objects for %d records", got, n)
		}
	})
}
