package w3c

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
)

// splitNaive is the obvious definition of Split.
func splitNaive(line []byte, lo, hi int) []Span {
	var dst []Span
	start := lo
	for i := lo; i < hi; i++ {
		if line[i] == ' ' {
			dst = append(dst, Span{start, i})
			start = i + 1
		}
	}
	return append(dst, Span{start, hi})
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
			assert.Equal(t, splitNaive(b, lo, hi), Split(nil, b, lo, hi))
			assert.Equal(t, splitNaive(b, lo, hi), Split(make([]Span, 0, 1), b, lo, hi))
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
		require.Equal(t, splitNaive(b, lo, len(b)), Split(nil, b, lo, len(b)), "%q", b)
	}
	// Every byte value next to a space, at every alignment.
	for c := range 256 {
		for off := range 9 {
			b := bytes.Repeat([]byte{byte(c)}, 20)
			b[off] = ' '
			require.Equal(t, splitNaive(b, 0, len(b)), Split(nil, b, 0, len(b)), "byte %#x offset %d", c, off)
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	var buf bytes.Buffer
	_, err := httperrgen.Write(&buf, httperrgen.Options{Lines: 20_000})
	require.NoError(b, err)
	lines := bytes.Split(buf.Bytes(), []byte("\r\n"))
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	var dst []Span
	for b.Loop() {
		for _, l := range lines {
			dst = Split(dst[:0], l, 0, len(l))
		}
	}
}
