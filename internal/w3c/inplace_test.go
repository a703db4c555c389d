package w3c

import (
	"bytes"
	"encoding/binary"
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

// checkEnds checks FieldEnd and SpaceEnd at every index of s against
// bytes.IndexAny and bytes.IndexByte.
func checkEnds(t *testing.T, s []byte) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		want := bytes.IndexAny(s[i:], " \n")
		if want < 0 {
			want = len(s)
		} else {
			want += i
		}
		if got := FieldEnd(s, i); got != want {
			t.Fatalf("FieldEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
		want = bytes.IndexByte(s[i:], ' ')
		if want < 0 {
			want = len(s)
		} else {
			want += i
		}
		if got := SpaceEnd(s, i); got != want {
			t.Fatalf("SpaceEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

var endCases = []string{"", " ", "\n", "a", "a ", "a\n", "abcdefgh", "abcdefgh ", "abcdefghi j", "abcdefg\nh j",
	strings.Repeat("x", 40), strings.Repeat("x", 40) + " y", strings.Repeat("x", 30) + "\n" + strings.Repeat("y", 20) + " ",
	strings.Repeat("x", 17) + " ", "\xa0\xa0 ", "\x20\x20", "\x00\x80\xff\x1f\x21 \x0a"}

func TestSpaceEnd(t *testing.T) {
	for _, s := range endCases {
		checkEnds(t, []byte(s))
	}
}

// FuzzEnds cross-checks FieldEnd and SpaceEnd against the bytes package.
func FuzzEnds(f *testing.F) {
	for _, s := range endCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEnds(t, []byte(s))
	})
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

// uintCases are columns for the in-place number parsers: numbers of every
// length up to 20 digits, limits, and near misses.
var uintCases = []string{
	"0", "7", "00", "42", "443", "0443", "65535", "65536", "99999", "123456", "1234567", "12345678", "123456789",
	"4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551615", "99999999999999999999",
	"", "-", "+1", "1a", "a1", "1.5", "1\x00", "\xb1", "12\xb3", "/", ":", "1 2",
}

// checkUint checks UintAt, VarUintAt and UintTo on the column that starts
// line, with each limit, against ParseUint on the same column.
func checkUint(t *testing.T, line []byte) {
	t.Helper()
	col := line
	if k := bytes.IndexByte(line, ' '); k >= 0 {
		col = line[:k]
	}
	for _, lim := range []struct {
		digits int
		max    uint64
	}{{5, 65535}, {10, 1<<32 - 1}, {13, 9007199254740}, {19, 1<<63 - 1}, {20, 1<<64 - 1}, {3, 999}, {1, 9}} {
		want, wantOK := ParseUint(col, lim.digits, lim.max)
		atOK := wantOK && len(col) < len(line) // a space must follow
		for name, at := range map[string]func([]byte, int, int, uint64) (uint64, int, bool){"UintAt": UintAt, "VarUintAt": VarUintAt} {
			got, e, ok := at(line, 0, lim.digits, lim.max)
			require.Equal(t, atOK, ok, "%s(%q, %d, %d)", name, line, lim.digits, lim.max)
			if ok {
				require.Equal(t, want, got, "%s(%q)", name, line)
				require.Equal(t, len(col), e, "%s(%q) end", name, line)
			}
		}
		got, ok := UintTo(line, 0, len(col), lim.digits, lim.max)
		require.Equal(t, wantOK, ok, "UintTo(%q, %d, %d, %d)", line, len(col), lim.digits, lim.max)
		if ok {
			require.Equal(t, want, got, "UintTo(%q)", line)
		}
	}
}

func TestUintInPlace(t *testing.T) {
	for _, c := range uintCases {
		t.Run(c, func(t *testing.T) {
			checkUint(t, []byte(c+" 50100 192.0.2.1 80 - - - -"))
			checkUint(t, []byte(c+" 1"))
			checkUint(t, []byte(c+"\r\n2026-"))
			checkUint(t, []byte(c))
		})
	}
}

// FuzzUintInPlace cross-checks the in-place number parsers against
// ParseUint.
func FuzzUintInPlace(f *testing.F) {
	for _, c := range uintCases {
		f.Add(c + " 50100 192.0.2.1 80 - -")
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkUint(t, []byte(s))
	})
}

func TestSpace8(t *testing.T) {
	for _, s := range []string{"abcdefgh", " bcdefgh", "abcdefg ", "abc defg", "a  b    ", "\x00\x00\x00\x00\x00\x00\x00\x00",
		"!!!!!!!!", " !!!!!!!", "\x21\x20\x21\x20\x01\x20\x01\x01", "\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0", "\x20\x01\x01\x01\x01\x01\x01\x01"} {
		want := strings.IndexByte(s, ' ')
		if want < 0 {
			want = 8
		}
		assert.Equal(t, want, Space8(binary.LittleEndian.Uint64([]byte(s))), "%q", s)
	}
}
