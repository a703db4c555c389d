package errlog

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ipv4Cases are column values for the in-place IPv4 parsers: valid
// addresses of every octet width, and near misses.
var ipv4Cases = []string{
	"0.0.0.0", "1.2.3.4", "10.20.1.4", "192.0.2.1", "255.255.255.255", "203.0.113.137",
	"100.10.1.0", "99.199.9.249", "1.22.133.244",
	"256.1.1.1", "1.2.3.256", "1.2.3.999", "01.2.3.4", "1.2.3.04", "1.02.3.4", "00.0.0.0",
	".1.2.3", "1..2.3", "1.2.3.", "1.2.3", "1.2.3.4.5", "1.2.3.4.", "1.2.3.4567", "1234.1.1.1",
	"1.2.3.4a", "a1.2.3.4", "1.2.3.4%0", "1.2.3.4:80", "", "-", "1", "1.2", "::1", "::ffff:1.2.3.4",
	"1.2.3.4\t", "1.2.3.4\x00", "1.2.3.4\xb0", "1.2.3.\xb4", "1.2.3./", "1.2.3.:", "111.111.111.111.",
	"111.111.111.1111", "1111111111111111", "................",
}

// checkIPv4 checks ipv4At on the column that starts line
// against parseIPv4 on the same column.
func checkIPv4(t *testing.T, line []byte) {
	t.Helper()
	col := line
	if k := bytes.IndexByte(line, ' '); k >= 0 {
		col = line[:k]
	}
	want, wantOK := parseIPv4(col)
	wantOK = wantOK && len(col) < len(line) // a space must follow
	got, e, ok := ipv4At(line, 0)
	require.Equal(t, wantOK, ok, "%q", line)
	if ok {
		require.Equal(t, want, got, "%q", line)
		require.Equal(t, len(col), e, "%q end", line)
	}
}

func TestIPv4InPlace(t *testing.T) {
	for _, c := range ipv4Cases {
		t.Run(c, func(t *testing.T) {
			checkIPv4(t, []byte(c+" 50100 192.0.2.1 80 - - - - - Timer_ConnectionIdle -"))
			checkIPv4(t, []byte(c+" 1"))
			checkIPv4(t, []byte(c))
		})
	}
}

// FuzzIPv4InPlace cross-checks the in-place IPv4 parser against
// parseIPv4 (itself checked against netip.ParseAddr by FuzzParseAddr).
func FuzzIPv4InPlace(f *testing.F) {
	for _, c := range ipv4Cases {
		f.Add(c + " 50100 192.0.2.1 80 - -")
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIPv4(t, []byte(s))
	})
}

func TestFieldEnd(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a ", "abcdefgh", "abcdefgh ", "abcdefghi j", strings.Repeat("x", 40),
		strings.Repeat("x", 40) + " y", strings.Repeat("x", 17) + " ", "\xa0\xa0 ", "\x20\x20"} {
		for i := 0; i <= len(s); i++ {
			want := strings.IndexByte(s[i:], ' ')
			if want < 0 {
				want = len(s)
			} else {
				want += i
			}
			assert.Equal(t, want, fieldEnd([]byte(s), i), "%q from %d", s, i)
		}
	}
}

// standardValues are column values for the standard layouts, typed
// columns first: good values, "-", empty, invalid, and values with
// spaces (which change the number of tokens).
var standardValues = map[string][]string{
	"date":        {"2026-01-05", "2026-01-05", "2026-01-06", "-", "", "2026-13-45", "x", "2026-01-0 5"},
	"time":        {"09:00:01", "23:59:59", "-", "24:00:00", "", "9:00:01"},
	"c-ip":        append([]string{"192.0.2.10", "::1%0", "fe80::1%12", "2001:db8::1"}, ipv4Cases...),
	"c-port":      {"50100", "0", "65535", "-", "70000", "123456", "", "8x", "0080"},
	"s-ip":        {"192.0.2.1", "2001:db8::1", "::1%0", "-", "::1%", "", "1.2.3.04", "fe80::1%7"},
	"s-port":      {"80", "443", "-", "x", "", "65536"},
	"cs-version":  {"HTTP/1.1", "-", "", "HTTP/2.0"},
	"cs-method":   {"GET", "-", "", "BASELINE-CONTROL", "M POST", "A B C"},
	"cs-uri":      {"/a", "-", "", "/" + strings.Repeat("x", 300), "/seg?q=1"},
	"sc-status":   {"503", "400", "-", "abc", "", "4000", "40", "099", "4 0", "5xx"},
	"s-siteid":    {"3", "-", "4294967295", "4294967296", "12345678901", "", "x"},
	"s-reason":    {"QueueFull", "Timer_ConnectionIdle", "-", "Brand_New", ""},
	"s-queuename": {"Pool", "-", "", "Default AppPool"},
}

// otherValues are values of the untyped columns.
var otherValues = []string{"-", "7", "", "TCP", "0x8007", "a b"}

// TestRecordStandardMatchesGeneral checks that the fast path of record
// gives the same records, errors and counts as the general path, on random
// lines of every standard layout, fed in sequence so that fields left over
// from the previous record are covered too.
func TestRecordStandardMatchesGeneral(t *testing.T) {
	custom := newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri x-a x-b sc-status s-siteid s-reason s-queuename x-c"))
	require.Positive(t, custom.std)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, lay := range []*layout{layout13, layout14, layout16, layout18, custom} {
		t.Run(lay.text, func(t *testing.T) {
			fast := &Reader{layout: lay, cur: lay, sawFields: true}
			general := &Reader{layout: lay, cur: lay, sawFields: true}
			for range 4000 {
				var f []string
				for _, name := range lay.names {
					vs, ok := standardValues[name]
					if !ok {
						vs = otherValues
					}
					f = append(f, vs[rng.IntN(len(vs))])
				}
				switch rng.IntN(20) { // now and then, a token too many or too few
				case 0:
					f = f[:len(f)-1]
				case 1:
					f = append(f, "extra")
				}
				compareStandard(t, fast, general, strings.Join(f, " "))
			}
		})
	}
}

// compareStandard feeds line to both readers, through record and through
// recordGeneral, and checks that they agree.
func compareStandard(t *testing.T, fast, general *Reader, line string) {
	t.Helper()
	raw := []byte(line)
	// What Read leaves to record: trailing spaces trimmed, not blank,
	// not a directive.
	lo, hi := 0, len(raw)
	for hi > lo && raw[hi-1] == ' ' {
		hi--
	}
	if lo == hi || raw[lo] == '#' {
		return
	}
	for _, r := range []*Reader{fast, general} {
		r.line++
		r.lineOff += int64(len(raw))
	}
	rec1, err1 := fast.record(raw, lo, hi)
	rec2, err2 := general.recordGeneral(raw, lo, hi)
	require.Equal(t, err2, err1, "%q", line)
	require.Equal(t, rec2 == nil, rec1 == nil, "%q", line)
	if rec1 != nil {
		require.Equal(t, *rec2, *rec1, "%q", line)
		require.Equal(t, general.valid, fast.valid, "%q", line)
	}
	// After a line without a record, the readers' records may differ:
	// Read's contract has the previous record invalid by then. The next
	// record must not show it, which the next comparison checks.
	require.Equal(t, general.stats, fast.stats, "%q", line)
}

// FuzzRecordStandard cross-checks the fast path of record against the
// general path on pairs of lines of the 14-column layout.
func FuzzRecordStandard(f *testing.F) {
	f.Add("2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /a - 503 3 QueueFull Pool",
		"2026-01-05 09:00:02 ::1%0 1 ::1%0 443 - - - - - - Timer_ConnectionIdle -")
	f.Add("2026-01-05 09:00:01 1.2.3.04 50100 192.0.2.1 80 HTTP/1.1 M POST /a - 503 3 QueueFull Pool",
		"2026-01-0 09:00:02 1.2.3.4 70000 1.2.3.4 80 - - - - 4 0 - - -")
	f.Fuzz(func(t *testing.T, a, b string) {
		fast := &Reader{layout: layout14, cur: layout14, sawFields: true}
		general := &Reader{layout: layout14, cur: layout14, sawFields: true}
		for _, line := range []string{a, b} {
			if strings.ContainsAny(line, "\n\r\x00") {
				return // Read removes these before record
			}
			compareStandard(t, fast, general, line)
		}
	})
}

// chunked is an io.Reader that returns data in reads of random sizes.
type chunked struct {
	data []byte
	rng  *rand.Rand
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(c.data), 1+c.rng.IntN(300))
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

// TestReadBufferedMatchesGeneral checks that Read, which parses most lines
// straight from its buffer, returns what the general path returns for
// each line as Read would otherwise have cut and trimmed it: with every
// line terminator and trailing padding, and with lines straddling buffer
// refills.
func TestReadBufferedMatchesGeneral(t *testing.T) {
	ends := []string{"\r\n", "\n", " \r\n", "\x00\r\n", "\r\r\n", "  \n", "\r \n", " \x00\n"}
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 40 {
		lay := []*layout{layout13, layout14, layout16, layout18}[round%4]
		var in bytes.Buffer
		in.WriteString("#Fields: " + lay.text + "\r\n")
		for range 300 {
			var f []string
			for _, name := range lay.names {
				vs, ok := standardValues[name]
				if !ok {
					vs = otherValues
				}
				f = append(f, vs[rng.IntN(len(vs))])
			}
			if rng.IntN(30) == 0 {
				f = append(f, "extra")
			}
			in.WriteString(strings.Join(f, " "))
			in.WriteString(ends[rng.IntN(len(ends))])
		}
		if round%2 == 1 {
			in.WriteString("2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80") // no final newline
		}
		rd := NewReader(&chunked{data: in.Bytes(), rng: rng})
		if round%3 == 0 {
			rd.Buffer(make([]byte, 64), 4096) // many refills and a growth
		}
		compareRead(t, rd, lay, in.Bytes())
	}
}

// compareRead reads data, a #Fields line of layout lay followed by data
// lines, with rd, and checks that every Read returns what the general
// path returns for the same line as Read would have cut and trimmed it.
func compareRead(t *testing.T, rd *Reader, lay *layout, data []byte) {
	t.Helper()
	ref := &Reader{layout: lay, cur: lay, sawFields: true, line: 1}
	off := int64(bytes.IndexByte(data, '\n') + 1)
	require.Positive(t, off)
	for rest := data[off:]; len(rest) > 0; {
		raw := rest
		if k := bytes.IndexByte(rest, '\n'); k >= 0 {
			raw, rest = rest[:k], rest[k+1:]
		} else {
			rest = nil
		}
		ref.line++
		ref.lineOff = off
		off += int64(len(raw))
		if rest != nil {
			off++
		}
		hi := len(raw)
		for hi > 0 && (raw[hi-1] == '\r' || raw[hi-1] == ' ' || raw[hi-1] == 0) {
			hi--
		}
		if hi == 0 || raw[0] == '#' || raw[0] == 0 || raw[0] == 0xEF || bytes.Count(raw[:hi], []byte(" ")) == hi {
			// Possibly not a data line passed to record as it is (blank,
			// directive, padding, BOM), which Read handles before
			// choosing a path: stop comparing here.
			return
		}
		got, gotErr := rd.Read()
		want, wantErr := ref.recordGeneral(raw, 0, hi)
		require.Equal(t, wantErr, gotErr, "line %d %q", ref.line, raw)
		require.Equal(t, want == nil, got == nil, "line %d %q", ref.line, raw)
		if got != nil {
			require.Equal(t, *want, *got, "line %d %q", ref.line, raw)
		}
		require.Equal(t, off, rd.InputOffset(), "offset after line %d", ref.line)
	}
	_, err := rd.Read()
	require.Equal(t, io.EOF, err)
	st := rd.Stats()
	require.Equal(t, ref.stats.Records, st.Records)
	require.Equal(t, ref.stats.Malformed, st.Malformed)
	require.Equal(t, ref.stats.BadValues, st.BadValues)
	require.Equal(t, ref.line, st.Lines)
}

// FuzzReadBuffered cross-checks Read, which parses most lines of a
// standard layout straight from its buffer, against the general path, on
// a line written twice with two line ends.
func FuzzReadBuffered(f *testing.F) {
	f.Add("2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET / - 503 3 QueueFull Pool", "\r\n", " \x00\n")
	f.Add("2026-01-05 09:00:02 ::1%0 1 ::1%0 443 - - - - - - Timer_ConnectionIdle -", "\r\r\n", "\n")
	f.Fuzz(func(t *testing.T, line, end1, end2 string) {
		if strings.Contains(line, "\n") || strings.Contains(end1, "\n") != strings.HasSuffix(end1, "\n") {
			return
		}
		data := []byte("#Fields: " + layout14.text + "\r\n" + line + end1 + line + end2)
		compareRead(t, NewReader(bytes.NewReader(data)), layout14, data)
	})
}
