package iislog_test

// BenchmarkCompare puts the reader side by side with three other ways of
// reading an IIS access log, in the same run over the same generated input
// (internal/fixture/accessgen: three layouts in rotating directive blocks,
// CRLF, about 280 bytes a line):
//
//   - floor:   the structural floor: split lines and fields with
//     bytes.IndexByte and touch every field, no conversion at all;
//   - iislog:  iislog.Reader over an io.Reader, every typed field filled;
//   - obvious: bufio.Scanner + strings.Fields + time.Parse + netip.ParseAddr
//     + strconv, the code most people write first (slow_test.go);
//   - regexp:  a grok-style regular expression with named groups per known
//     layout (FindSubmatch on []byte), followed by the same conversions, as
//     an ingest pipeline does.
//
// Run it together with errlog's, in one run, with
//
//	go test ./iislog ./errlog -run XXX -bench Compare -benchmem -count 5
//
// Besides MB/s it reports ns/line and allocs/line, where a line is any input
// line (records and directives). TestCompareAgree checks, untimed, that the
// implementations see the same records, so the comparison is honest.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

// compareBytes is the size of the benchmark input: large enough to hold
// several directive blocks (all three layouts) and to defeat the CPU caches.
const compareBytes = 16 << 20

// compareInput is generated once per process, in memory.
var compareInput = sync.OnceValues(func() ([]byte, accessgen.Stats) {
	var buf bytes.Buffer
	buf.Grow(compareBytes + 4096)
	st, err := accessgen.Write(&buf, accessgen.Options{Bytes: compareBytes, BlockEvery: 10_000})
	if err != nil {
		panic(err)
	}
	return buf.Bytes(), st
})

// tally is what every implementation reports, for the agreement test.
type tally struct {
	lines   int // input lines: records, directives, others
	records int // data lines turned into records
	ok      int // records with a status from 200 to 399
	s401    int
	s404    int
	s500    int
	s503    int
	errors  int // lines rejected or reported
	sink    int // a value depending on every touched field
}

type compareImpl struct {
	name string
	run  func(in []byte) (tally, error)
}

// compareImpls lists the implementations; iislog's own is added in
// compare_iislog_test.go.
var compareImpls = []compareImpl{
	{"floor", floorRead},
	{"obvious", obviousRead},
	{"regexp", regexpRead},
}

func BenchmarkCompare(b *testing.B) {
	in, st := compareInput()
	lines := st.Records + st.Directives
	for _, impl := range compareImpls {
		b.Run(impl.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mallocs := ms.Mallocs
			for b.Loop() {
				if _, err := impl.run(in); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&ms)
			n := float64(b.N) * float64(lines)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/line")
			b.ReportMetric(float64(ms.Mallocs-mallocs)/n, "allocs/line")
		})
	}
}

// TestCompareAgree runs the implementations of BenchmarkCompare on a
// smaller input with the same profile and checks that they agree with each
// other and with the generator. It is not timed.
func TestCompareAgree(t *testing.T) {
	var buf bytes.Buffer
	st, err := accessgen.Write(&buf, accessgen.Options{Lines: 12_000, BlockEvery: 2000})
	require.NoError(t, err)
	want := tally{
		lines:   st.Records + st.Directives,
		records: st.Records,
		ok:      st.Status2xx3xx,
		s401:    st.Status401,
		s404:    st.Status404,
		s500:    st.Status500,
		s503:    st.Status503,
	}
	for _, impl := range compareImpls {
		t.Run(impl.name, func(t *testing.T) {
			got, err := impl.run(buf.Bytes())
			require.NoError(t, err)
			assert.Positive(t, got.sink)
			got.sink = 0
			assert.Equal(t, want, got)
		})
	}
}

// count adds a record's status to the tally.
func (t *tally) count(status int) {
	t.records++
	switch {
	case status >= 200 && status < 400:
		t.ok++
	case status == 401:
		t.s401++
	case status == 404:
		t.s404++
	case status == 500:
		t.s500++
	case status == 503:
		t.s503++
	}
}

// floorRead is the structural floor: it finds every line and field
// boundary with bytes.IndexByte and touches each field, converting nothing.
// It follows #Fields only to know where sc-status is.
func floorRead(in []byte) (tally, error) {
	var t tally
	statusCol := 11
	for len(in) > 0 {
		var line []byte
		if i := bytes.IndexByte(in, '\n'); i >= 0 {
			line, in = in[:i], in[i+1:]
		} else {
			line, in = in, nil
		}
		t.lines++
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) == 0 {
			continue
		}
		if line[0] == '#' {
			if f, ok := bytes.CutPrefix(line, []byte("#Fields: ")); ok {
				statusCol = -1
				for col := 0; len(f) > 0; col++ {
					j := bytes.IndexByte(f, ' ')
					if j < 0 {
						j = len(f)
					}
					if string(f[:j]) == "sc-status" {
						statusCol = col
					}
					f = f[min(j+1, len(f)):]
				}
			}
			continue
		}
		status := 0
		col := 0
		for {
			j := bytes.IndexByte(line, ' ')
			if j < 0 {
				j = len(line)
			}
			f := line[:j]
			if len(f) > 0 {
				t.sink += len(f) + int(f[0])
			}
			if col == statusCol && len(f) == 3 {
				status = int(f[0]-'0')*100 + int(f[1]-'0')*10 + int(f[2]-'0')
			}
			col++
			if j == len(line) {
				break
			}
			line = line[j+1:]
		}
		t.count(status)
	}
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
	setFields(strings.Fields(slowDefault))
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
		sport, err3 := strconv.ParseUint(f[col["s-port"]], 10, 16)
		status, err4 := strconv.Atoi(f[col["sc-status"]])
		sub, err5 := strconv.ParseUint(f[col["sc-substatus"]], 10, 16)
		w32, err6 := strconv.ParseUint(f[col["sc-win32-status"]], 10, 32)
		taken, err7 := strconv.ParseInt(f[col["time-taken"]], 10, 64)
		var sent, received int64
		var err8, err9 error
		if i, ok := col["sc-bytes"]; ok {
			sent, err8 = strconv.ParseInt(f[i], 10, 64)
		}
		if i, ok := col["cs-bytes"]; ok {
			received, err9 = strconv.ParseInt(f[i], 10, 64)
		}
		if err := errors.Join(err1, err2, err3, err4, err5, err6, err7, err8, err9); err != nil {
			t.errors++
		}
		t.count(status)
		t.sink += int(ts.Unix()&0xff) + cip.BitLen() + sip.BitLen() + int(sport) + int(sub) + int(w32&0xff) +
			int(sent&0xff) + int(received&0xff) + int(taken&0xff) + len(f[col["cs-uri-stem"]]) + len(f[col["cs(User-Agent)"]])
	}
	return t, sc.Err()
}

// Grok-style patterns, one per layout of the generator, tried in order
// like the pattern list of an ingest pipeline. The sub-patterns follow
// grok's TIMESTAMP/IPORHOST/NUMBER/NOTSPACE, simplified (the real IPORHOST
// is far longer, which would only make this slower).
var grokPatterns = sync.OnceValue(func() []*regexp.Regexp {
	const (
		ip   = `[0-9A-Fa-f:.]+(?:%[0-9A-Za-z]+)?`
		head = `^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2}:\d{2}) `
		req  = `(?P<s_ip>` + ip + `) (?P<method>\S+) (?P<stem>\S+) (?:-|(?P<query>\S+)) (?P<s_port>\d+) (?:-|(?P<user>\S+)) (?P<c_ip>` + ip + `) `
		tail = `(?P<status>\d{3}) (?P<sub>\d+) (?P<win32>\d+) `
	)
	return []*regexp.Regexp{
		regexp.MustCompile(head + req + `(?P<ua>\S+) (?P<referer>\S+) ` + tail + `(?P<taken>\d+)$`),
		regexp.MustCompile(head + req + `(?P<ua>\S+) (?P<referer>\S+) ` + tail + `(?P<sent>\d+) (?P<received>\d+) (?P<taken>\d+)$`),
		regexp.MustCompile(head + `(?P<site>\S+) (?P<computer>\S+) ` + req + `(?P<version>\S+) (?P<ua>\S+) (?P<cookie>\S+) (?P<referer>\S+) (?P<host>\S+) ` +
			tail + `(?P<sent>\d+) (?P<received>\d+) (?P<taken>\d+) (?P<xff>\S+)$`),
	}
})

// regexpRead matches every data line against the grok-style patterns and
// converts the captures like the slow reader does.
func regexpRead(in []byte) (tally, error) {
	var t tally
	pats := grokPatterns()
	type groups struct{ date, time, sip, sport, cip, stem, ua, status, sub, win32, sent, received, taken int }
	idx := make([]groups, len(pats))
	for i, p := range pats {
		idx[i] = groups{p.SubexpIndex("date"), p.SubexpIndex("time"), p.SubexpIndex("s_ip"), p.SubexpIndex("s_port"),
			p.SubexpIndex("c_ip"), p.SubexpIndex("stem"), p.SubexpIndex("ua"), p.SubexpIndex("status"), p.SubexpIndex("sub"),
			p.SubexpIndex("win32"), p.SubexpIndex("sent"), p.SubexpIndex("received"), p.SubexpIndex("taken")}
	}
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		t.lines++
		line := sc.Bytes()
		line = bytes.TrimSuffix(line, []byte("\r"))
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
		sport, err3 := strconv.ParseUint(string(m[g.sport]), 10, 16)
		status, err4 := strconv.Atoi(string(m[g.status]))
		sub, err5 := strconv.ParseUint(string(m[g.sub]), 10, 16)
		w32, err6 := strconv.ParseUint(string(m[g.win32]), 10, 32)
		taken, err7 := strconv.ParseInt(string(m[g.taken]), 10, 64)
		var sent, received int64
		var err8, err9 error
		if g.sent > 0 {
			sent, err8 = strconv.ParseInt(string(m[g.sent]), 10, 64)
			received, err9 = strconv.ParseInt(string(m[g.received]), 10, 64)
		}
		if err := errors.Join(err1, err2, err3, err4, err5, err6, err7, err8, err9); err != nil {
			t.errors++
		}
		t.count(status)
		t.sink += int(ts.Unix()&0xff) + cip.BitLen() + sip.BitLen() + int(sport) + int(sub) + int(w32&0xff) +
			int(sent&0xff) + int(received&0xff) + int(taken&0xff) + len(m[g.stem]) + len(m[g.ua])
	}
	return t, sc.Err()
}

// String helps when an agreement assertion fails.
func (t tally) String() string {
	return fmt.Sprintf("lines=%d records=%d ok=%d 401s=%d 404s=%d 500s=%d 503s=%d errors=%d",
		t.lines, t.records, t.ok, t.s401, t.s404, t.s500, t.s503, t.errors)
}
