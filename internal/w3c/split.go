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
	swarHighs    = 0x8080808080808080 // the high bit of each byte
	swarZeros    = 0x3030303030303030 // '0' in each byte
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
		if m := ((v-swarOnes)&^v | (n-swarOnes)&^n) & swarHighs; m != 0 {
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

// SpaceEnd returns the index of the first space in s[i:], or len(s): it
// is FieldEnd for a fused path that has cut s at the line's '\n' first (one
// vector scan of the line), so that no column is scanned for the '\n'
// again. It examines eight bytes at a time: most columns are shorter than
// the setup cost of bytes.IndexByte, to which it hands over the rest of a
// column longer than 16 bytes. A fused path can try [Space8] first, inline.
func SpaceEnd(s []byte, i int) int {
	start := i
	for ; i+8 <= len(s); i += 8 {
		if k := Space8(binary.LittleEndian.Uint64(s[i:])); k < 8 {
			return i + k
		}
		if i-start >= 16 {
			if k := bytes.IndexByte(s[i+8:], ' '); k >= 0 {
				return i + 8 + k
			}
			return len(s)
		}
	}
	for ; i < len(s); i++ {
		if s[i] == ' ' {
			return i
		}
	}
	return len(s)
}

// Space8 returns the index of the first space in the eight bytes of w
// (the first byte lowest), or 8 if there is none.
func Space8(w uint64) int {
	v := w ^ swarSpaces
	// The lowest set bit marks the first zero byte of v, that is the first
	// space (bits above it may be spurious).
	return bits.TrailingZeros64((v-swarOnes)&^v&swarHighs) >> 3
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
// [ParseUint] accepts on the column s[i:e]. Its loop is quickest for
// numbers whose length varies little from line to line (ports, status
// codes); [VarUintAt] suits the others.
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

// VarUintAt is [UintAt] for numbers whose length varies from line to line
// (byte counts, times taken): a number of up to seven digits whose space is
// in the eight bytes at s[i] is parsed eight bytes at a time, without a
// branch on its length, where the loop of UintAt would mispredict its exit
// on many lines. Longer numbers, and numbers too close to the end of s,
// take that loop.
func VarUintAt(s []byte, i, maxDigits int, max uint64) (v uint64, e int, ok bool) {
	if i >= 0 && len(s)-i >= 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		if n := leadingDigits(w); n < 8 {
			// The shift is masked to spare the check of a shift by 64 or
			// more: n < 8 here.
			v = digitsValue(w, n)
			return v, i + n, uint(n-1) < uint(maxDigits) && v <= max && byte(w>>(8*n&63)) == ' '
		}
	}
	return UintAt(s, i, maxDigits, max)
}

// UintTo parses s[i:e], which must be 1 to maxDigits decimal digits whose
// value is at most max, like [ParseUint]: it is [UintAt] for the last
// column of a line, which ends at e rather than at a space. The bytes of s
// after e, if any, serve to read eight bytes at a time.
func UintTo(s []byte, i, e, maxDigits int, max uint64) (uint64, bool) {
	if k := e - i; i >= 0 && uint(k-1) < 7 && len(s)-i >= 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		v := digitsValue(w, k)
		return v, leadingDigits(w) >= k && k <= maxDigits && v <= max
	}
	if i < 0 || i > e || e > len(s) {
		return 0, false
	}
	return ParseUint(s[i:e], maxDigits, max)
}

// leadingDigits returns the number of leading decimal digits of the eight
// bytes of w (the first byte lowest), 8 if all are digits.
func leadingDigits(w uint64) int {
	x := w ^ swarZeros // digits become 0 to 9
	// The lowest set bit of nd marks the first byte that is not a digit:
	// above 9 once 0x76 is added, or with its top bit set already. The low
	// seven bits are added, so that no byte carries into the next.
	nd := (x&swarLow7 + 0x7676767676767676 | x) & swarHighs
	return bits.TrailingZeros64(nd) >> 3
}

// digitsValue returns the value of the first n bytes of w (the first byte
// lowest), which must be decimal digits, for n from 1 to 7, without a
// branch on n: the n digits are moved to the top bytes, with zeros below
// them for leading zeros, and pairs of digits are combined, then pairs of
// pairs, then the two halves.
func digitsValue(w uint64, n int) uint64 {
	x := (w ^ swarZeros) << ((64 - 8*n) & 63)
	x = (x*10 + x>>8) & 0x00FF00FF00FF00FF
	x = (x*100 + x>>16) & 0x0000FFFF0000FFFF
	return (x*10000 + x>>32) & 0xFFFFFFFF
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
// instance is not inlined here). When the 16 bytes at s[i] (the longest
// address and its space) are in s, it reads them without a check of the
// end of s (ipv4At16). TestIPv4InPlace keeps the two in agreement with
// ParseIPv4.
func IPv4At(s []byte, i int) (ip [4]byte, e int, ok bool) {
	if i >= 0 && len(s)-i >= 16 {
		ip, n, ok := ipv4At16((*[16]byte)(s[i : i+16]))
		return ip, i + n, ok
	}
	return ipv4AtLoop(s, i)
}

// ipv4At16 parses the IPv4 address and its space at the start of b, and
// returns the index of the space. Its indexes never pass 15: an octet
// reads at most three digits and its separator.
func ipv4At16(b *[16]byte) (ip [4]byte, e int, ok bool) {
	j := 0
	for k := range 4 {
		c := b[j&15] - '0'
		if c > 9 {
			return ip, 0, false
		}
		j++
		v := uint(c)
		if c != 0 { // a leading 0 is the whole octet
			if c = b[j&15] - '0'; c <= 9 {
				v = v*10 + uint(c)
				j++
				if c = b[j&15] - '0'; c <= 9 {
					v = v*10 + uint(c)
					j++
				}
			}
			if v > 255 {
				return ip, 0, false
			}
		}
		if b[j&15] != "... "[k] {
			return ip, 0, false
		}
		ip[k] = byte(v)
		j++
	}
	return ip, j - 1, true
}

// ipv4AtLoop is IPv4At for an address near the end of s.
func ipv4AtLoop(s []byte, i int) (ip [4]byte, e int, ok bool) {
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
