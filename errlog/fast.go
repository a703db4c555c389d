package errlog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"net/netip"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
)

// This file holds the fast path of Reader.record for the standard layouts
// (see fillStandard), taken once a #Fields directive has been seen. It
// splits the line and converts its typed columns in a single pass: the
// parser of a typed column finds where the column ends, so that most
// columns are never scanned for their separating space at all. Whenever a
// column does not look as expected, that column is split and converted the
// general way (fieldEnd, then the same conversion as fillStandard), so
// that the result is the same as splitSpaces followed by fillStandard.
// When the line does not have exactly the layout's number of fields, the
// fast path gives up and the general path handles the line (recovery of
// surplus tokens, ErrFieldCount).
//
// Read calls it first on the unconsumed data of its buffer, before looking
// for the end of the line: the scans of the fast path stop at '\n' as well
// as at a space, so that the line's end is found along the way, and the
// separate search for it (bytes.IndexByte over the whole line) is saved.
//
// TestRecordStandardMatchesGeneral, TestReadBufferedMatchesGeneral,
// FuzzRecordStandard and FuzzReadBuffered check the equivalence with the
// general path; every other test of Read goes through the fast path too.

// swarOnes has the low bit of each byte set, for the zero-byte test.
const swarOnes = 0x0101010101010101

// swarNewlines has '\n' in every byte.
const swarNewlines = 0x0A0A0A0A0A0A0A0A

// fieldEnd returns the index of the first space or '\n' in s[i:], or
// len(s).
func fieldEnd(s []byte, i int) int {
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

// atEOL reports whether e, returned by fieldEnd, is the end of the line.
func atEOL(s []byte, e int) bool {
	return e >= len(s) || s[e] == '\n'
}

// dashAt reports whether the column starting at s[i] is "-" followed by a
// space.
func dashAt(s []byte, i int) bool {
	return i+1 < len(s) && s[i] == '-' && s[i+1] == ' '
}

// uintAt parses the decimal digits starting at s[i], and reports success
// when there are 1 to maxDigits of them, followed by a space, and their
// value is at most max; e is the index of the space. It accepts what
// parseUint accepts on the column s[i:e].
func uintAt(s []byte, i, maxDigits int, max uint64) (v uint64, e int, ok bool) {
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

// ipv4At parses dotted-decimal IPv4 text starting at s[i] like parseIPv4,
// and reports success when it is followed by a space, at s[e].
//
// It repeats parseIPv4's loop on purpose: sharing one generic helper between
// the two cost about 30% of BenchmarkCompare/errlog (the generic instance
// is not inlined here). TestIPv4InPlace keeps the two in agreement.
func ipv4At(s []byte, i int) (ip [4]byte, e int, ok bool) {
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

// recordStandard is Reader.record for a line of a standard layout lay
// (lay.std > 0) after a #Fields directive. It reports ok == false when the
// line does not have exactly the layout's number of fields; the general
// path then handles the line (the typed fields recordStandard had set are
// marked stale, so that the general path clears them if it must).
//
// When buffered is false, raw[lo:hi] is a line as Read passes it to
// record. When it is true, raw is the unconsumed data of the buffer and lo
// and hi are 0 and len(raw): recordStandard then also finds the end of the
// line, and consumes it when it is a record, sparing Read its search for
// the '\n' and its trimming. It reports ok == false, and Read takes the
// usual way, whenever the line might be anything else than a data line
// (it does not start with a digit), when it is not all in the buffer, and
// when its trimmed end is not where its last column ends.
func (r *Reader) recordStandard(raw []byte, lo, hi int, lay *layout, buffered bool) (rec *Record, ok bool, err error) {
	if buffered && (hi == 0 || raw[0]-'0' > 9) {
		return nil, false, nil
	}
	nc := len(lay.names)
	st := lay.std
	if cap(r.tok) < nc {
		r.tok = make([]span, nc, max(nc, 32))
	}
	tok := r.tok[:nc]
	s := raw[:hi]

	rec = &r.rec
	prev := r.valid
	rec.Valid = 0
	badCol := -1

	i := lo
	// bail gives the line up to the general path.
	bail := func() (*Record, bool, error) {
		// Fields this line set are stale for the general path.
		r.valid = prev | rec.Valid
		return nil, false, nil
	}

	// date and time: most lines share the date of the line before.
	if d := i + 10; r.lastDateOK && d+9 < len(s) && s[d] == ' ' && string(s[i:d]) == string(r.lastDate[:]) && s[d+9] == ' ' {
		if sec, clockOK := parseClock(s[d+1 : d+9]); clockOK {
			rec.Time = time.Unix(r.lastDateSec+sec, 0).UTC()
			rec.Valid |= FieldTime
			tok[0], tok[1] = span{i, d}, span{d + 1, d + 9}
			i = d + 10
			goto cip
		}
	}
	{
		e := fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[0] = span{i, e}
		t := e + 1
		e = fieldEnd(s, t)
		if atEOL(s, e) {
			return bail()
		}
		tok[1] = span{t, e}
		d, c := s[i:tok[0].hi], s[t:e]
		i = e + 1
		if !isDash(d) && !isDash(c) {
			dateOK, clockOK := r.setTime(rec, d, c)
			if !dateOK {
				badCol = 0
			} else if !clockOK {
				badCol = 1
			}
		}
	}

cip:
	// c-ip: IPv4 is parsed in place, anything else the general way.
	if ip, e, ok := ipv4At(s, i); ok {
		rec.ClientIP = netip.AddrFrom4(ip)
		rec.Valid |= FieldClientIP
		tok[2] = span{i, e}
		i = e + 1
	} else {
		e = fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[2] = span{i, e}
		if v := s[i:e]; !isDash(v) {
			var ok bool
			if rec.ClientIP, ok = r.addrs.parseAddr(v); ok {
				rec.Valid |= FieldClientIP
			} else if badCol < 0 {
				badCol = 2
			}
		}
		i = e + 1
	}

	// c-port
	if v, e, ok := uintAt(s, i, 5, 65535); ok {
		rec.ClientPort = uint16(v)
		rec.Valid |= FieldClientPort
		tok[3] = span{i, e}
		i = e + 1
	} else {
		e = fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[3] = span{i, e}
		if v := s[i:e]; !isDash(v) {
			var ok bool
			if rec.ClientPort, ok = parsePort(v); ok {
				rec.Valid |= FieldClientPort
			} else if badCol < 0 {
				badCol = 3
			}
		}
		i = e + 1
	}

	// s-ip: server addresses are few, the cache knows them.
	{
		e := fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[4] = span{i, e}
		if v := s[i:e]; !isDash(v) {
			var ok bool
			if rec.ServerIP, ok = r.sip.parse(v, &r.addrs); ok {
				rec.Valid |= FieldServerIP
			} else if badCol < 0 {
				badCol = 4
			}
		}
		i = e + 1
	}

	// s-port
	if v, e, ok := uintAt(s, i, 5, 65535); ok {
		rec.ServerPort = uint16(v)
		rec.Valid |= FieldServerPort
		tok[5] = span{i, e}
		i = e + 1
	} else {
		e = fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[5] = span{i, e}
		if v := s[i:e]; !isDash(v) {
			var ok bool
			if rec.ServerPort, ok = parsePort(v); ok {
				rec.Valid |= FieldServerPort
			} else if badCol < 0 {
				badCol = 5
			}
		}
		i = e + 1
	}

	// cs-version, cs-method, cs-uri, and the untyped columns up to
	// sc-status.
	for c := 6; c < st; c++ {
		if dashAt(s, i) {
			tok[c] = span{i, i + 1}
			i += 2
			continue
		}
		e := fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[c] = span{i, e}
		switch c {
		case 6:
			rec.Version = s[i:e:e]
			rec.Valid |= FieldVersion
		case 7:
			rec.Method = s[i:e:e]
			rec.Valid |= FieldMethod
		case 8:
			rec.URI = s[i:e:e]
			rec.Valid |= FieldURI
		}
		i = e + 1
	}

	// sc-status
	if dashAt(s, i) {
		tok[st] = span{i, i + 1}
		i += 2
	} else if e := i + 3; e < len(s) && s[e] == ' ' && r.setStatus(rec, s[i:e]) {
		tok[st] = span{i, e}
		i = e + 1
	} else {
		// Not three digits and a space: the general way.
		e = fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[st] = span{i, e}
		if !r.setStatus(rec, s[i:e]) && badCol < 0 {
			badCol = st
		}
		i = e + 1
	}

	// s-siteid
	if dashAt(s, i) {
		tok[st+1] = span{i, i + 1}
		i += 2
	} else if v, e, ok := uintAt(s, i, 10, 1<<32-1); ok {
		rec.SiteID = uint32(v)
		rec.Valid |= FieldSiteID
		tok[st+1] = span{i, e}
		i = e + 1
	} else {
		e = fieldEnd(s, i)
		if atEOL(s, e) {
			return bail()
		}
		tok[st+1] = span{i, e}
		if v := s[i:e]; !isDash(v) {
			var ok bool
			if rec.SiteID, ok = parseSiteID(v); ok {
				rec.Valid |= FieldSiteID
			} else if badCol < 0 {
				badCol = st + 1
			}
		}
		i = e + 1
	}

	// s-reason, s-queuename and the untyped columns after them; the last
	// column runs to the end of the line.
	last := nc - 1
	nl := len(s)
	for c := st + 2; c <= last; c++ {
		e := fieldEnd(s, i)
		if atEOL(s, e) != (c == last) {
			return bail() // too few fields, or too many
		}
		if c == last && buffered {
			// Read's view of the line: up to the '\n', which must be in
			// the buffer, without trailing spaces, '\r' and NUL bytes.
			if e >= len(s) {
				return bail()
			}
			nl = e
			for e > i && (s[e-1] == '\r' || s[e-1] == ' ' || s[e-1] == 0) {
				e--
			}
			if e == i {
				return bail()
			}
		}
		tok[c] = span{i, e}
		if v := s[i:e:e]; !isDash(v) {
			switch c {
			case st + 2:
				rec.Reason = httpsys.ParseReason(v)
				rec.Valid |= FieldReason
			case st + 3:
				rec.QueueName = v
				rec.Valid |= FieldQueueName
			}
		}
		i = e + 1
	}

	// The line is a record: finish as Read and record do.
	if buffered {
		raw = s[:nl]
		r.line++
		r.stats.Lines++
		r.lineOff = r.consumed
		r.consumed += int64(nl + 1)
		r.start += nl + 1
		r.scan = r.start
	}
	r.tok = tok
	r.cur = lay
	rec.Line, rec.Offset, rec.Inferred = r.line, r.lineOff, false
	rec.line, rec.bounds, rec.layout = raw, tok, lay
	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	r.stats.Records++
	if badCol >= 0 {
		r.stats.BadValues++
		return rec, true, &ParseError{Line: r.line, Column: tok[badCol].lo + 1, Field: lay.names[badCol], Err: ErrBadValue}
	}
	return rec, true, nil
}
