package errlog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

const (
	swarSpaces = 0x2020202020202020
	swarLow7   = 0x7F7F7F7F7F7F7F7F
)

// A span is the start and end of a field in a line.
type span struct{ lo, hi int }

// splitSpaces appends to dst the span of each field of line[lo:hi], fields
// being separated by single spaces (so "a  b" has an empty middle field),
// and returns dst. It examines eight bytes at a time: most fields are
// shorter than the setup cost of bytes.IndexByte.
func splitSpaces(dst []span, line []byte, lo, hi int) []span {
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
			dst = append(dst[:n], make([]span, 32)...)
			dst = dst[:cap(dst)]
		}
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			dst[n] = span{start, j}
			n++
			start = j + 1
			m &= m - 1
		}
	}
	dst = dst[:n]
	for ; i < hi; i++ {
		if line[i] == ' ' {
			dst = append(dst, span{start, i})
			start = i + 1
		}
	}
	return append(dst, span{start, hi})
}
