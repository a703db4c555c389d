package iislog_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

// allTyped has every typed field filled on every line, including zoned
// IPv6 addresses, and changes client address and time on every line.
const allTyped = "" +
	"#Software: Microsoft Internet Information Services 10.0\r\n" +
	"#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken X-Forwarded-For\r\n" +
	"2026-01-05 09:00:01 W3SVC1 WEB-01 192.0.2.1 GET /orders id=7 443 CONTOSO\\jdoe 192.0.2.10 HTTP/1.1 Mozilla/5.0+(Windows+NT+10.0) a=1;+b=2 https://www.example.com/ www.example.com 401 2 2148074254 1293 442 15 203.0.113.7\r\n" +
	"2026-01-05 09:00:02 W3SVC1 WEB-01 2001:db8::1%12 POST /upload q=1 443 alice@example.com 2001:db8::20%12 HTTP/2 curl/8.5.0 c=3 https://www.example.com/a www.example.com 500 19 13 4096 51200 1200 203.0.113.8,+10.0.0.1\r\n" +
	"2026-01-06 23:59:59 W3SVC2 WEB-02 ::1%0 GET / x=y 80 bob ::1%0 HTTP/1.0 Mozilla/4.0 d=4 http://localhost/ localhost 404 0 2 1405 242 283 [2001:db8::9]:443\r\n" +
	"2026-01-06 00:00:00 W3SVC2 WEB-02 fe80::5d1c:2e7f:9a40:11c3%7 OPTIONS * v=2 443 bob fe80::1:2:3:4%7 HTTP/1.1 okhttp/4.12.0 e=5 https://x.example/ x.example 200 0 64 91234 412 5 203.0.113.9:50432\r\n" +
	"2026-01-07 01:02:03 W3SVC3 WEB-03 198.51.100.1 PUT /x y=z 8080 carol 198.51.100.7 HTTP/1.1 - f=6 - api.example.com 503 2 0 0 120 0 198.51.100.9\r\n"

// allFields are the fields allTyped fills.
const allFields = iislog.FieldTime | iislog.FieldSiteName | iislog.FieldComputerName | iislog.FieldServerIP |
	iislog.FieldMethod | iislog.FieldURIStem | iislog.FieldURIQuery | iislog.FieldServerPort | iislog.FieldUsername |
	iislog.FieldClientIP | iislog.FieldVersion | iislog.FieldCookie | iislog.FieldHost |
	iislog.FieldStatus | iislog.FieldSubstatus | iislog.FieldWin32 | iislog.FieldBytesSent |
	iislog.FieldBytesReceived | iislog.FieldTimeTaken

// TestNoAllocs asserts the zero-allocation claim of Read: in steady state,
// with every typed field filled, with the read loop of the package
// documentation, kept here as it is written there (TestDocLoop checks that
// they agree).
func TestNoAllocs(t *testing.T) {
	r := iislog.NewReader(&cycle{data: []byte(allTyped)})
	zoned, problems := 0, 0
	// One turn of the documented loop; fmt.Println(...) became the checks.
	loop := func() error {
		rec, err := r.Read()
		if err == io.EOF {
			return err
		}
		if err != nil {
			var pe *iislog.ParseError
			if !errors.As(err, &pe) {
				return err // I/O error
			}
			problems++ // log.Print(pe)
		}
		if rec == nil {
			return nil
		}
		if rec.Valid&allFields != allFields {
			t.Fatalf("rec %+v", rec)
		}
		if rec.ClientIP.Zone() != "" {
			zoned++
		}
		return nil
	}
	for range 100 { // warm up: buffer, layout, zone caches
		require.NoError(t, loop())
	}
	allocs := testing.AllocsPerRun(5000, func() {
		if err := loop(); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Positive(t, zoned)
	assert.Zero(t, problems)
}

// TestDocLoop checks that the package documentation's read loop is the
// one TestNoAllocs measures: the target of errors.As is declared only
// once an error is there.
func TestDocLoop(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	want := strings.Join([]string{
		"//\t\tif err != nil {",
		"//\t\t\tvar pe *iislog.ParseError",
		"//\t\t\tif !errors.As(err, &pe) {",
		"//\t\t\t\treturn err // I/O error",
		"//\t\t\t}",
	}, "\n")
	assert.Contains(t, string(doc), want)
	assert.Equal(t, 1, strings.Count(string(doc), "var pe"))
}

// TestNoAllocsManyZones reads generated input whose IPv6 peers use 40
// distinct zones, more than any small zone cache holds: no line allocates
// once every zone has been seen, on either path.
func TestNoAllocsManyZones(t *testing.T) {
	var buf bytes.Buffer
	st, err := accessgen.Write(&buf, accessgen.Options{Lines: 20_000, BlockEvery: 5000})
	require.NoError(t, err)
	require.Greater(t, st.Zoned, 500)
	for _, general := range []bool{false, true} {
		r := iislog.NewReader(&cycle{data: buf.Bytes()})
		if general {
			iislog.GeneralOnly(r)
		}
		for range st.Records + st.Directives { // one pass: every zone seen
			_, err := r.Read()
			require.NoError(t, err)
		}
		zoned := 0
		allocs := testing.AllocsPerRun(20_000, func() {
			rec, err := r.Read()
			if err != nil {
				t.Fatal(err)
			}
			if rec.ClientIP.Zone() != "" {
				zoned++
			}
		})
		assert.Zero(t, allocs, "general path %v", general)
		assert.Greater(t, zoned, 500)
	}
}

// TestAccessorsNoAllocs asserts that the []byte accessors do not allocate.
func TestAccessorsNoAllocs(t *testing.T) {
	r := iislog.NewReader(&cycle{data: []byte(allTyped)})
	rec, err := r.Read()
	require.NoError(t, err)
	sink := 0
	buf := make([]byte, 0, 256)
	allocs := testing.AllocsPerRun(1000, func() {
		b, _ := rec.Field("X-Forwarded-For")
		sink += len(b)
		b, _ = rec.Field("cs(User-Agent)")
		sink += len(b) + len(rec.Raw()) + rec.NumField() + r.Index("s-ip")
		if rec.Has("cs-uri-stem") {
			sink++
		}
		_, v := rec.Column(3)
		sink += len(v)
		_, c := r.FieldPos(2)
		sink += c + r.Stats().Records
		sink += len(rec.AppendTriple(buf[:0]))
		sink += len(iislog.AppendDecoded(buf[:0], rec.UserAgent))
		sink += int(rec.Substatus().Sub) + int(rec.Win32()&1)
		a, err := rec.ForwardedFor(iislog.LastHop)
		if err != nil {
			t.Fatal(err)
		}
		sink += a.BitLen()
	})
	assert.Zero(t, allocs)
	assert.Positive(t, sink)
}
