package w3c

import (
	"bytes"
	"fmt"
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

// checkIPv4 checks IPv4At on the column that starts line
// against ParseIPv4 on the same column.
func checkIPv4(t *testing.T, line []byte) {
	t.Helper()
	col := line
	if k := bytes.IndexByte(line, ' '); k >= 0 {
		col = line[:k]
	}
	want, wantOK := ParseIPv4(col)
	wantOK = wantOK && len(col) < len(line) // a space must follow
	got, e, ok := IPv4At(line, 0)
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
// ParseIPv4 (itself checked against netip.ParseAddr by FuzzParseAddr).
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
			assert.Equal(t, want, FieldEnd([]byte(s), i), "%q from %d", s, i)
		}
	}
}

// checkClock checks ClockAt against ParseClock.
func checkClock(t *testing.T, c string) {
	t.Helper()
	b := []byte("x" + c + "   ")
	want, wantOK := ParseClock(c)
	got, ok := ClockAt(b, 1)
	if len(c) != 8 {
		return // ClockAt reads 8 bytes; ParseClock rejects other lengths
	}
	require.Equal(t, wantOK, ok, "%q", c)
	if ok {
		require.Equal(t, want, got, "%q", c)
	}
}

func TestClockAt(t *testing.T) {
	for h := range 100 {
		for _, ms := range []string{"00:00", "59:59", "60:00", "00:60", "5:5:", "09:0a"} {
			checkClock(t, fmt.Sprintf("%02d:%s", h, ms))
		}
	}
	for _, c := range []string{"23:59:59", "00:00:00", "24:00:00", "2:00:000", "12-00-00", "12:00:0\xb9", "\xb0\xb0:00:00",
		"/0:00:00", ":0:00:00", "00;00:00", "00:00:9:", "99:99:99", "\x00\x00:\x00\x00:\x00\x00", "12:34:56"} {
		checkClock(t, c)
	}
}

// FuzzClockAt cross-checks ClockAt against ParseClock.
func FuzzClockAt(f *testing.F) {
	f.Add("09:00:01")
	f.Add("24:00:00")
	f.Add("\xb9\xb9:00:00")
	f.Fuzz(func(t *testing.T, c string) {
		if len(c) == 8 {
			checkClock(t, c)
		}
	})
}
