package errlog

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// standardValues are column values for the standard layouts, typed
// columns first: good values, "-", empty, invalid, and values with
// spaces (which change the number of tokens).
var standardValues = map[string][]string{
	"date":        {"2026-01-05", "2026-01-05", "2026-01-06", "-", "", "2026-13-45", "x", "2026-01-0 5"},
	"time":        {"09:00:01", "23:59:59", "-", "24:00:00", "", "9:00:01"},
	"c-ip":        {"192.0.2.10", "::1%0", "fe80::1%12", "2001:db8::1", "255.255.255.255", "-", "", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.4%0", "::1%", "1.2.3.4a", "[::1]:80"},
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

// randomFields returns a value for each column of lay, drawn from
// standardValues and otherValues.
func randomFields(rng *rand.Rand, lay *w3c.Layout) []string {
	var f []string
	for _, name := range lay.Names {
		vs, ok := standardValues[name]
		if !ok {
			vs = otherValues
		}
		f = append(f, vs[rng.IntN(len(vs))])
	}
	return f
}

// TestRecordStandardMatchesGeneral checks that the fast path of record
// gives the same records, errors and counts as the general path, on random
// lines of every standard layout, fed in sequence so that fields left over
// from the previous record are covered too.
func TestRecordStandardMatchesGeneral(t *testing.T) {
	custom := schema.NewLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri x-a x-b sc-status s-siteid s-reason s-queuename x-c"))
	require.Positive(t, custom.Fast)
	rng := rand.New(rand.NewPCG(5, 6))
	tests := []struct {
		name   string
		lay    *w3c.Layout
		header bool // a #Fields directive is in force; else the layout is inferred
	}{
		{"13", layout13, true}, {"14", layout14, true}, {"16", layout16, true}, {"18", layout18, true},
		{"custom", custom, true}, {"headerless 13", layout13, false},
	}
	for _, tc := range tests {
		lay := tc.lay
		t.Run(tc.name, func(t *testing.T) {
			fast, general := readerWith(lay, tc.header), readerWith(lay, tc.header)
			for range 4000 {
				f := randomFields(rng, lay)
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

// readerWith returns a Reader reading nothing, with the layout lay in
// force: declared by a #Fields directive when header is set, else the
// default one before any #Fields directive.
func readerWith(lay *w3c.Layout, header bool) *Reader {
	r := NewReader(nil)
	if header {
		r.eng.SetLayout(lay)
	}
	return r
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
	l := w3c.Line{Raw: raw, Lo: lo, Hi: hi}
	rec1, err1 := fast.record(l)
	rec2, err2 := general.recordGeneral(l)
	require.Equal(t, err2, err1, "%q", line)
	require.Equal(t, rec2 == nil, rec1 == nil, "%q", line)
	if rec1 != nil {
		require.Equal(t, *rec2, *rec1, "%q", line)
		require.Equal(t, general.valid, fast.valid, "%q", line)
	}
	// After a line without a record, the readers' records may differ:
	// Read's contract has the previous record invalid by then. The next
	// record must not show it, which the next comparison checks.
	require.Equal(t, general.eng.Stats, fast.eng.Stats, "%q", line)
}

// FuzzRecordStandard cross-checks the fast path of record against the
// general path on pairs of lines of the 14-column layout.
func FuzzRecordStandard(f *testing.F) {
	f.Add("2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /a - 503 3 QueueFull Pool",
		"2026-01-05 09:00:02 ::1%0 1 ::1%0 443 - - - - - - Timer_ConnectionIdle -")
	f.Add("2026-01-05 09:00:01 1.2.3.04 50100 192.0.2.1 80 HTTP/1.1 M POST /a - 503 3 QueueFull Pool",
		"2026-01-0 09:00:02 1.2.3.4 70000 1.2.3.4 80 - - - - 4 0 - - -")
	f.Fuzz(func(t *testing.T, a, b string) {
		fast, general := readerWith(layout14, true), readerWith(layout14, true)
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
		lay := []*w3c.Layout{layout13, layout14, layout16, layout18}[round%4]
		var in bytes.Buffer
		in.WriteString("#Fields: " + lay.Text + "\r\n")
		for range 300 {
			f := randomFields(rng, lay)
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
func compareRead(t *testing.T, rd *Reader, lay *w3c.Layout, data []byte) {
	t.Helper()
	ref := readerWith(lay, true)
	line := 1
	off := int64(bytes.IndexByte(data, '\n') + 1)
	require.Positive(t, off)
	for rest := data[off:]; len(rest) > 0; {
		raw := rest
		if k := bytes.IndexByte(rest, '\n'); k >= 0 {
			raw, rest = rest[:k], rest[k+1:]
		} else {
			rest = nil
		}
		line++
		lineOff := off
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
		want, wantErr := ref.recordGeneral(w3c.Line{Raw: raw, Lo: 0, Hi: hi})
		if wantErr != nil {
			pe := wantErr.(*ParseError)
			pe.Line = line
		}
		require.Equal(t, wantErr, gotErr, "line %d %q", line, raw)
		require.Equal(t, want == nil, got == nil, "line %d %q", line, raw)
		if got != nil {
			w := *want
			w.Line, w.Offset = line, lineOff
			require.Equal(t, w, *got, "line %d %q", line, raw)
		}
		require.Equal(t, off, rd.InputOffset(), "offset after line %d", line)
	}
	_, err := rd.Read()
	require.Equal(t, io.EOF, err)
	st := rd.Stats()
	require.Equal(t, ref.eng.Stats.Records, st.Records)
	require.Equal(t, ref.eng.Stats.Malformed, st.Malformed)
	require.Equal(t, ref.eng.Stats.BadValues, st.BadValues)
	require.Equal(t, line, st.Lines)
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
		data := []byte("#Fields: " + layout14.Text + "\r\n" + line + end1 + line + end2)
		compareRead(t, NewReader(bytes.NewReader(data)), layout14, data)
	})
}

func TestStandardLayouts(t *testing.T) {
	fast := func(fields string) int { return schema.NewLayout(strings.Fields(fields)).Fast }
	assert.Equal(t, 0, layout12.Fast)
	assert.Equal(t, 9, layout13.Fast)
	assert.Equal(t, 10, layout14.Fast)
	assert.Equal(t, 11, layout16.Fast)
	assert.Equal(t, 11, layout18.Fast)
	assert.Equal(t, 0, fast("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri s-siteid sc-status s-reason s-queuename"))
	assert.Equal(t, 0, fast("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename c-ip"), "a typed column after the standard ones")
	assert.Equal(t, 10, fast("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri x-new sc-status s-siteid s-reason s-queuename x-other"))
}
