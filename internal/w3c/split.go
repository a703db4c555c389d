package w3c

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// SWAR constants: a byte value repeated in every byte of a word.
const (
	swarOnes     = 0x0101010101010101 // the low bit of each byte, for the zero-byte test
	swarSpaces   = 0x2020202020202020
	swarNewlines = 0x0A0A0A0A0A0A0A0A
	swarLow7     = 0x7F7F7F7F7F7F7F7F
)

// A Span is the start and end of a field in a line: line[Lo:Hi].
type Span struct{ Lo, Hi int }

// Split appends to dst the span of each field of line[lo:hi], fields being
// separated by single spaces (so "a  b" has an empty middle field), and
// returns dst. It examines eight bytes at a time: most fields are shorter
// than the setup cost of bytes.IndexByte.
func Split(dst []Span, line []byte, lo, hi int) []Span {
	n := len(dst)
	dst = dst[:cap(dst)]
	start := lo
	i := lo
	for ; i+8 <= hi; i += 8 {
		v := binary.LittleEndian.Uint64(line[i:]) ^ swarSpaces
		// Exact zero-byte mask: bit 7 of each byte is set iff the byte
		// of v is 0, that is, iff the input byte is a space.
		m := ^((v&swarLow7 + swarLow7) | v | swarLow7)
		if m == 0 {
			if i-start >= 16 {
				// A long field (a URI): let IndexByte's vector loop
				// find its end.
				k := bytes.IndexByte(line[i+8:hi], ' ')
				if k < 0 {
					i = hi
					break
				}
				i += k // the next iteration starts at the space
			}
			continue
		}
		if len(dst)-n < 8 { // room for 8 fields
			dst = append(dst[:n], make([]Span, 32)...)
			dst = dst[:cap(dst)]
		}
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			dst[n] = Span{start, j}
			n++
			start = j + 1
			m &= m - 1
		}
	}
	dst = dst[:n]
	for ; i < hi; i++ {
		if line[i] == ' ' {
			dst = append(dst, Span{start, i})
			start = i + 1
		}
	}
	return append(dst, Span{start, hi})
}

// The helpers below serve fused paths, which split a line and convert its
// typed columns in one pass straight from [Reader.Buffered]: the parser of
// a typed column finds where the column ends, so that most columns are
// never scanned for their separating space. Their scans stop at '\n' as well
// as at a space, so that the end of the line is found along the way.

// FieldEnd returns the index of the first space or '\n' in s[i:], or
// len(s).
func FieldEnd(s []byte, i int) int {
	start := i
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		v, n := w^swarSpaces, w^swarNewlines
		// The lowest set bit of this mask marks the first zero byte of v
		// or n (bits above it may be spurious, which does not matter
		// here).
		if m := ((v-swarOnes)&^v | (n-swarOnes)&^n) & (swarSpaces << 2); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		if i-start >= 16 {
			// A long field (a URI): IndexByte's vector loop is faster.
			rest := s[i+8:]
			k := bytes.IndexByte(rest, ' ')
			if k < 0 {
				k = len(rest)
			}
			if j := bytes.IndexByte(rest[:k], '\n'); j >= 0 {
				k = j
			}
			return i + 8 + k
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\n' {
			return i
		}
	}
	return len(s)
}

// AtEOL reports whether e, returned by [FieldEnd], is the end of the line.
func AtEOL(s []byte, e int) bool {
	return e >= len(s) || s[e] == '\n'
}

// DashAt reports whether the column starting at s[i] is "-" followed by a
// space.
func DashAt(s []byte, i int) bool {
	return i+1 < len(s) && s[i] == '-' && s[i+1] == ' '
}

// IsDash reports whether a column holds "-", the W3C mark of an absent
// value.
func IsDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

// UintAt parses the decimal digits starting at s[i], and reports success
// when there are 1 to maxDigits of them, followed by a space, and their
// value is at most max; e is the index of the space. It accepts what
// [ParseUint] accepts on the column s[i:e].
func UintAt(s []byte, i, maxDigits int, max uint64) (v uint64, e int, ok bool) {
	e = i
	for e < len(s) && e-i < maxDigits {
		c := s[e] - '0'
		if c > 9 {
			break
		}
		v = v*10 + uint64(c)
		e++
	}
	return v, e, e > i && e < len(s) && s[e] == ' ' && v <= max
}

// ClockAt parses the "hh:mm:ss" time at s[i:i+8], which must be in s,
// like [ParseClock], eight bytes at a time: the fused paths read a time
// on every line.
func ClockAt(s []byte, i int) (sec int64, ok bool) {
	// Digits become 0 to 9 and colons 0; any other byte gives more.
	v := binary.LittleEndian.Uint64(s[i:]) ^ 0x30303a30303a3030
	// Adding 0x7F-max to a byte sets its top bit if it was above max: 9
	// for a digit, 0 for a colon, and 2 and 5 for the tens of hours,
	// minutes and seconds. A byte whose top bit was set already is caught
	// by v itself, and no other byte carries into the next.
	if (v|(v+0x767a7f767a7f767d))&0x8080808080808080 != 0 {
		return 0, false
	}
	h := v&0xFF*10 + v>>8&0xFF
	sec = int64(h*3600 + (v>>24&0xFF*10+v>>32&0xFF)*60 + v>>48&0xFF*10 + v>>56)
	return sec, h < 24
}

// IPv4At parses dotted-decimal IPv4 text starting at s[i] like
// [ParseIPv4], and reports success when it is followed by a space, at s[e].
//
// It repeats ParseIPv4's loop on purpose: sharing one generic helper between
// the two cost about 30% of errlog's BenchmarkCompare/errlog (the generic
// instance is not inlined here). TestIPv4InPlace keeps the two in
// agreement.
func IPv4At(s []byte, i int) (ip [4]byte, e int, ok bool) {
	for k := range 4 {
		if k > 0 {
			if i >= len(s) || s[i] != '.' {
				return ip, i, false
			}
			i++
		}
		if i >= len(s) {
			return ip, i, false
		}
		c := s[i] - '0'
		if c > 9 {
			return ip, i, false
		}
		i++
		v := uint(c)
		if c != 0 { // a leading 0 is the whole octet
			for n := 1; n < 3 && i < len(s); n++ {
				c = s[i] - '0'
				if c > 9 {
					break
				}
				v = v*10 + uint(c)
				i++
			}
			if v > 255 {
				return ip, i, false
			}
		}
		ip[k] = byte(v)
	}
	return ip, i, i < len(s) && s[i] == ' '
}
