package errlog

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitNaive is the obvious definition of splitSpaces.
func splitNaive(line []byte, lo, hi int) []span {
	var dst []span
	start := lo
	for i := lo; i < hi; i++ {
		if line[i] == ' ' {
			dst = append(dst, span{start, i})
			start = i + 1
		}
	}
	return append(dst, span{start, hi})
}

func TestSplitSpaces(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"one", "a"},
		{"space", " "},
		{"two spaces", "  "},
		{"short", "a b c"},
		{"eight", "abcdefgh"},
		{"eight spaces", "        "},
		{"nine", "abcdefgh i"},
		{"double", "a  b"},
		{"edges", " a b "},
		{"high bytes", "\xa0\xa0 \x80\xff \x20\x21\x1f \xe2\x80\x93 x"},
		{"line", "2026-11-03 00:00:10 198.51.100.167 4188 192.0.2.1 80 HTTP/1.1 GET /seg46 400 - Hostname -"},
		{"long", strings.Repeat("x", 100) + " " + strings.Repeat("y ", 40)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := []byte("##" + tc.in + "##")
			lo, hi := 2, 2+len(tc.in)
			assert.Equal(t, splitNaive(b, lo, hi), splitSpaces(nil, b, lo, hi))
			assert.Equal(t, splitNaive(b, lo, hi), splitSpaces(make([]span, 0, 1), b, lo, hi))
		})
	}
	// Random lines with fields from 0 to 300 bytes.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b []byte
		for range rng.IntN(20) {
			b = append(b, bytes.Repeat([]byte{'x'}, rng.IntN(300)*rng.IntN(2))...)
			b = append(b, ' ')
		}
		lo := rng.IntN(3)
		if lo > len(b) {
			lo = len(b)
		}
		require.Equal(t, splitNaive(b, lo, len(b)), splitSpaces(nil, b, lo, len(b)), "%q", b)
	}
	// Every byte value next to a space, at every alignment.
	for c := range 256 {
		for off := range 9 {
			b := bytes.Repeat([]byte{byte(c)}, 20)
			b[off] = ' '
			require.Equal(t, splitNaive(b, 0, len(b)), splitSpaces(nil, b, 0, len(b)), "byte %#x offset %d", c, off)
		}
	}
}

func BenchmarkSplitSpaces(b *testing.B) {
	data, err := os.ReadFile("testdata/bench.log")
	require.NoError(b, err)
	lines := bytes.Split(data, []byte("\r\n"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var dst []span
	for b.Loop() {
		for _, l := range lines {
			dst = splitSpaces(dst[:0], l, 0, len(l))
		}
	}
}
