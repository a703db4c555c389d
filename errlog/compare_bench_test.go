package errlog_test

// BenchmarkCompare puts the reader side by side with three other ways of
// reading an HTTPERR log, in the same run over the same generated input:
//
//   - floor:   the structural floor: split lines and fields with
//     bytes.IndexByte and touch every field, no conversion at all;
//   - errlog:  errlog.Reader over an io.Reader, every typed field filled;
//   - obvious: bufio.Scanner + strings.Fields + time.Parse + netip.ParseAddr
//     + strconv, the code most people write first;
//   - regexp:  a grok-style regular expression with named groups per line
//     (FindSubmatch on []byte), followed by the same conversions, as an ingest
//     pipeline does.
//
// Run it with
//
//	go test ./errlog -run XXX -bench Compare -benchmem -count 3
//
// Besides MB/s it reports ns/line and allocs/line, where a line is any input
// line (records and directives). TestCompareAgree checks, untimed, that the
// four implementations see the same records, so the comparison is honest.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
)

// compareBytes is the size of the benchmark input: large enough to hold
// several directive blocks (both layouts) and to defeat the CPU caches.
const compareBytes = 12 << 20

// compareInput is generated once per process, in memory.
var compareInput = sync.OnceValues(func() ([]byte, httperrgen.Stats) {
	var buf bytes.Buffer
	buf.Grow(compareBytes + 4096)
	st, err := httperrgen.Write(&buf, httperrgen.Options{Bytes: compareBytes})
	if err != nil {
		panic(err)
	}
	return buf.Bytes(), st
})

// tally is what every implementation reports, for the agreement test.
type tally struct {
	lines   int // input lines: records, directives, others
	records int // data lines turned into records
	s400    int // records with status 400
	s503    int // records with status 503
	errors  int // lines rejected or reported
	sink    int // a value depending on every touched field
}

var compareImpls = []readertest.Impl[tally]{
	{Name: "floor", Run: floorRead},
	{Name: "errlog", Run: errlogRead},
	{Name: "obvious", Run: obviousRead},
	{Name: "regexp", Run: regexpRead},
}

func BenchmarkCompare(b *testing.B) {
	in, st := compareInput()
	readertest.Compare(b, in, st.Records+st.Directives, compareImpls)
}

// TestCompareAgree runs the four implementations of BenchmarkCompare on a
// smaller input with the same profile and checks that they agree with each
// other and with the generator. It is not timed.
func TestCompareAgree(t *testing.T) {
	var buf bytes.Buffer
	st, err := httperrgen.Write(&buf, httperrgen.Options{Lines: 12_000, BlockEvery: 3000})
	require.NoError(t, err)
	require.Positive(t, st.StreamID, "both layouts present")
	want := tally{
		lines:   st.Records + st.Directives,
		records: st.Records,
		s400:    st.Status400,
		s503:    st.Status503,
	}
	readertest.Agree(t, buf.Bytes(), want, compareImpls, func(t *tally) int {
		sink := t.sink
		t.sink = 0
		return sink
	})
}

// floorRead is the structural floor: it finds every line and field
// boundary with bytes.IndexByte and touches each field, converting nothing.
// It follows #Fields only to know where sc-status is.
func floorRead(in []byte) (tally, error) {
	var t tally
	t.lines, t.sink = readertest.Floor(in, 9, func(status []byte) {
		t.records++
		switch string(status) {
		case "400":
			t.s400++
		case "503":
			t.s503++
		}
	})
	return t, nil
}

// errlogRead reads every record with errlog.Reader and touches its typed
// fields.
func errlogRead(in []byte) (tally, error) {
	var t tally
	r := errlog.NewReader(bytes.NewReader(in))
	var pe *errlog.ParseError // outside the loop: &pe escapes
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.As(err, &pe) {
				return t, err
			}
			t.errors++
		}
		if rec == nil {
			continue
		}
		t.records++
		switch rec.Status {
		case 400:
			t.s400++
		case 503:
			t.s503++
		}
		t.sink += int(rec.Time.Unix()&0xff) + rec.ClientIP.BitLen() + rec.ServerIP.BitLen() +
			int(rec.ClientPort) + int(rec.ServerPort) + int(rec.SiteID&0xff) + int(rec.Reason) +
			len(rec.Method) + len(rec.URI) + len(rec.Version) + len(rec.QueueName)
	}
	t.lines = r.Stats().Lines
	return t, nil
}

// obviousRead is the code most people write first.
func obviousRead(in []byte) (tally, error) {
	var t tally
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	col := map[string]int{}
	setFields := func(names []string) {
		clear(col)
		for i, n := range names {
			col[n] = i
		}
	}
	setFields(strings.Fields(httperrgen.Fields13))
	for sc.Scan() {
		t.lines++
		line := sc.Text()
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if f, ok := strings.CutPrefix(line, "#Fields:"); ok {
				setFields(strings.Fields(f))
			}
			continue
		}
		f := strings.Fields(line)
		if len(f) != len(col) {
			t.errors++
			continue
		}
		ts, err := time.Parse(time.DateTime, f[col["date"]]+" "+f[col["time"]])
		if err != nil {
			t.errors++
			continue
		}
		cip, err1 := netip.ParseAddr(f[col["c-ip"]])
		sip, err2 := netip.ParseAddr(f[col["s-ip"]])
		cport, err3 := strconv.ParseUint(f[col["c-port"]], 10, 16)
		sport, err4 := strconv.ParseUint(f[col["s-port"]], 10, 16)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.errors++
		}
		var code, site int
		if s := f[col["sc-status"]]; s != "-" {
			code, _ = strconv.Atoi(s)
		}
		if s := f[col["s-siteid"]]; s != "-" {
			site, _ = strconv.Atoi(s)
		}
		t.records++
		switch code {
		case 400:
			t.s400++
		case 503:
			t.s503++
		}
		t.sink += int(ts.Unix()&0xff) + cip.BitLen() + sip.BitLen() + int(cport) + int(sport) + site&0xff +
			len(f[col["cs-method"]]) + len(f[col["cs-uri"]]) + len(f[col["cs-version"]]) +
			len(f[col["s-reason"]]) + len(f[col["s-queuename"]])
	}
	return t, sc.Err()
}

// Grok-style patterns, one per known layout, tried in order like the
// pattern list of an ingest pipeline. The sub-patterns follow grok's
// TIMESTAMP/IPORHOST/NUMBER/NOTSPACE, simplified (the real IPORHOST is far
// longer, which would only make this slower).
var grokPatterns = sync.OnceValue(func() []*regexp.Regexp {
	head := `^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2}:\d{2}) ` +
		`(?P<c_ip>[0-9A-Fa-f:.]+(?:%[0-9A-Za-z]+)?) (?P<c_port>\d+) ` +
		`(?P<s_ip>[0-9A-Fa-f:.]+(?:%[0-9A-Za-z]+)?) (?P<s_port>\d+) ` +
		`(?:(?P<version>HTTP/\S+)|-) (?P<method>\S+) (?P<uri>\S+) `
	tail := `(?:(?P<status>\d{3})|-) (?:(?P<siteid>\d+)|-) (?P<reason>\S+) (?P<queue>\S+)$`
	return []*regexp.Regexp{
		regexp.MustCompile(head + tail),
		regexp.MustCompile(head + `(?P<streamid>\S+) ` + tail),
	}
})

// regexpRead matches every data line against the grok-style patterns and
// converts the captures like obviousRead does.
func regexpRead(in []byte) (tally, error) {
	var t tally
	pats := grokPatterns()
	type groups struct{ date, time, cip, cport, sip, sport, status, siteid, method, uri, version, reason, queue int }
	idx := make([]groups, len(pats))
	for i, p := range pats {
		idx[i] = groups{p.SubexpIndex("date"), p.SubexpIndex("time"), p.SubexpIndex("c_ip"), p.SubexpIndex("c_port"),
			p.SubexpIndex("s_ip"), p.SubexpIndex("s_port"), p.SubexpIndex("status"), p.SubexpIndex("siteid"),
			p.SubexpIndex("method"), p.SubexpIndex("uri"), p.SubexpIndex("version"), p.SubexpIndex("reason"), p.SubexpIndex("queue")}
	}
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		t.lines++
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var m [][]byte
		var g groups
		for i, p := range pats {
			if m = p.FindSubmatch(line); m != nil {
				g = idx[i]
				break
			}
		}
		if m == nil {
			t.errors++
			continue
		}
		ts, err := time.Parse(time.DateTime, string(m[g.date])+" "+string(m[g.time]))
		if err != nil {
			t.errors++
			continue
		}
		cip, err1 := netip.ParseAddr(string(m[g.cip]))
		sip, err2 := netip.ParseAddr(string(m[g.sip]))
		cport, err3 := strconv.ParseUint(string(m[g.cport]), 10, 16)
		sport, err4 := strconv.ParseUint(string(m[g.sport]), 10, 16)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.errors++
		}
		var code, site int
		if len(m[g.status]) > 0 {
			code, _ = strconv.Atoi(string(m[g.status]))
		}
		if len(m[g.siteid]) > 0 {
			site, _ = strconv.Atoi(string(m[g.siteid]))
		}
		t.records++
		switch code {
		case 400:
			t.s400++
		case 503:
			t.s503++
		}
		t.sink += int(ts.Unix()&0xff) + cip.BitLen() + sip.BitLen() + int(cport) + int(sport) + site&0xff +
			len(m[g.method]) + len(m[g.uri]) + len(m[g.version]) + len(m[g.reason]) + len(m[g.queue])
	}
	return t, sc.Err()
}

// String helps when an agreement assertion fails.
func (t tally) String() string {
	return fmt.Sprintf("lines=%d records=%d 400s=%d 503s=%d errors=%d", t.lines, t.records, t.s400, t.s503, t.errors)
}
