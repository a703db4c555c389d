package errlog_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
)

// cycle is an io.Reader that repeats data forever, in reads of odd sizes
// so that lines straddle buffer refills.
type cycle struct {
	data []byte
	off  int
	n    int
}

func (c *cycle) Read(p []byte) (int, error) {
	c.n++
	want := min(len(p), 1000+c.n%3001)
	n := 0
	for n < want {
		k := copy(p[n:want], c.data[c.off:])
		n += k
		c.off = (c.off + k) % len(c.data)
	}
	return n, nil
}

// runtimeMem records the bytes allocated so far.
type runtimeMem struct{ total uint64 }

func (m *runtimeMem) read() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.total = ms.TotalAlloc
}

// allTyped has every typed field filled on every line, including zoned
// IPv6 addresses of both kinds, and changes client address and time on
// every line.
const allTyped = "" +
	"#Software: Microsoft HTTP API 2.0\r\n" +
	"#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\r\n" +
	"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /orders?id=7 - 503 3 QueueFull OrdersPool\r\n" +
	"2026-01-05 09:00:02 2001:db8::20%12 50200 2001:db8::1%12 443 HTTP/2.0 POST /upload 5 413 3 EntityTooLarge OrdersPool\r\n" +
	"2026-01-06 23:59:59 ::1%0 49958 ::1%0 80 HTTP/1.1 GET / - 400 1 Hostname DefaultAppPool\r\n" +
	"2026-01-06 00:00:00 2001:4898:0:fff:0:5efe:10.164.167.30%0 54697 2001:4898:0:fff:0:5efe:10.85.220.4%0 80 HTTP/1.1 OPTIONS * - 404 447434323 NotFound DefaultAppPool\r\n" +
	"2026-01-07 01:02:03 198.51.100.7 1 198.51.100.1 8080 HTTP/1.0 PUT /x?y=z - 503 2 Brand_New_Reason Pool2\r\n"

// TestNoAllocs asserts the zero-allocation claim of Read: in steady state,
// with every typed field filled, through the read loop of the package
// documentation, kept here as it is written there (TestDocLoop checks
// that they agree).
func TestNoAllocs(t *testing.T) {
	r := errlog.NewReader(&cycle{data: []byte(allTyped)})
	const all = errlog.FieldTime | errlog.FieldClientIP | errlog.FieldClientPort | errlog.FieldServerIP |
		errlog.FieldServerPort | errlog.FieldVersion | errlog.FieldMethod | errlog.FieldURI |
		errlog.FieldStatus | errlog.FieldSiteID | errlog.FieldReason | errlog.FieldQueueName
	zoned, problems := 0, 0
	// One turn of the documented loop; fmt.Println(...) became the checks.
	loop := func() error {
		rec, err := r.Read()
		if err == io.EOF {
			return err
		}
		if err != nil {
			var pe *errlog.ParseError
			if !errors.As(err, &pe) {
				return err // I/O error
			}
			problems++ // log.Print(pe)
		}
		if rec == nil {
			return nil
		}
		if rec.Valid != all {
			t.Fatalf("rec %+v", rec)
		}
		if rec.ClientIP.Zone() != "" {
			zoned++
		}
		return nil
	}
	for range 100 { // warm up: buffer, layout, zone cache
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
		"//\t\t\tvar pe *errlog.ParseError",
		"//\t\t\tif !errors.As(err, &pe) {",
		"//\t\t\t\treturn err // I/O error",
		"//\t\t\t}",
	}, "\n")
	assert.Contains(t, string(doc), want)
	assert.Equal(t, 1, strings.Count(string(doc), "var pe"))
}

// TestNoAllocsManyZones reads zoned IPv6 clients and servers with many
// distinct zones (a router or hypervisor host) and more distinct addresses
// than the zoned-address cache holds. An 8-entry zone cache made every such
// line allocate.
func TestNoAllocsManyZones(t *testing.T) {
	var b strings.Builder
	b.WriteString("#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n")
	n := 0
	for z := range 26 {
		for h := range 8 {
			fmt.Fprintf(&b, "2026-01-05 09:00:%02d fe80::%x:%x%%%d 50100 fe80::1%%%d 80 HTTP/1.1 GET / 400 1 Hostname -\r\n", n%60, z+1, h+1, z, z)
			n++
		}
	}
	r := errlog.NewReader(&cycle{data: []byte(b.String())})
	for range 3 * n { // warm up: every zone seen
		_, err := r.Read()
		require.NoError(t, err)
	}
	// AllocsPerRun rounds down: read many lines per run, so that even a
	// fraction of an allocation per line shows.
	zoned := 0
	allocs := testing.AllocsPerRun(4, func() {
		for range n {
			rec, err := r.Read()
			if err != nil || !rec.Valid.Has(errlog.FieldClientIP|errlog.FieldServerIP) {
				t.Fatalf("rec %+v, err %v", rec, err)
			}
			if rec.ClientIP.Zone() != "" && rec.ServerIP.Zone() != "" {
				zoned++
			}
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, 5*n, zoned) // AllocsPerRun runs once more to warm up
}

// TestAccessorsNoAllocs asserts that the []byte accessors do not allocate.
func TestAccessorsNoAllocs(t *testing.T) {
	r := errlog.NewReader(&cycle{data: []byte(allTyped)})
	rec, err := r.Read()
	require.NoError(t, err)
	sink := 0
	allocs := testing.AllocsPerRun(1000, func() {
		b, _ := rec.Field("s-reason")
		sink += len(b)
		b, _ = rec.Field("streamid")
		sink += len(b)
		sink += len(rec.RawReason()) + len(rec.Raw()) + rec.NumField() + r.Index("s-ip")
		if rec.Has("cs-uri") {
			sink++
		}
		_, v := rec.Column(3)
		sink += len(v)
		_, c := r.FieldPos(2)
		sink += c
		sink += int(r.Stats().Records)
	})
	assert.Zero(t, allocs)
	assert.Positive(t, sink)
}
