package w3c

import (
	"encoding/binary"
	"time"
)

// Text is the input of the hand-written parsers, so that one
// implementation serves the readers ([]byte) and tests (string).
type Text interface{ ~[]byte | ~string }

// ParseUint parses a non-empty run of at most maxDigits ASCII digits that
// is at most max.
func ParseUint[T Text](s T, maxDigits int, max uint64) (uint64, bool) {
	if len(s) == 0 || len(s) > maxDigits {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		v = v*10 + uint64(c)
	}
	if v > max {
		return 0, false
	}
	return v, true
}

// ParsePort parses a decimal TCP/UDP port, 0 to 65535.
func ParsePort[T Text](s T) (uint16, bool) {
	v, ok := ParseUint(s, 5, 65535)
	return uint16(v), ok
}

// ParseUint32 parses a decimal number of 0 to 4294967295 (a site id, a
// Win32 status), of at most 10 digits.
func ParseUint32[T Text](s T) (uint32, bool) {
	v, ok := ParseUint(s, 10, 1<<32-1)
	return uint32(v), ok
}

// ParseStatus parses an HTTP status: exactly three digits, 100 to 999.
func ParseStatus[T Text](s T) (int, bool) {
	if len(s) != 3 {
		return 0, false
	}
	a, b, c := s[0]-'0', s[1]-'0', s[2]-'0'
	if a-1 > 8 || b > 9 || c > 9 {
		return 0, false
	}
	return int(a)*100 + int(b)*10 + int(c), true
}

// digits2 parses two ASCII digits.
func digits2[T Text](s T, i int) (int, bool) {
	a, b := s[i]-'0', s[i+1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}

// ParseDate parses "YYYY-MM-DD" and returns the Unix time of its midnight,
// UTC. It accepts exactly what time.Parse("2006-01-02") accepts for dates of
// years 0000 to 9999.
func ParseDate[T Text](s T) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	hi, ok1 := digits2(s, 0)
	lo, ok2 := digits2(s, 2)
	m, ok3 := digits2(s, 5)
	d, ok4 := digits2(s, 8)
	if !(ok1 && ok2 && ok3 && ok4) || m < 1 || m > 12 || d < 1 || d > daysIn(m, hi*100+lo) {
		return 0, false
	}
	return time.Date(hi*100+lo, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix(), true
}

// ParseClock parses "hh:mm:ss" (00:00:00 to 23:59:59) into seconds since
// midnight.
func ParseClock[T Text](s T) (int64, bool) {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' {
		return 0, false
	}
	h, ok1 := digits2(s, 0)
	m, ok2 := digits2(s, 3)
	sec, ok3 := digits2(s, 6)
	if !(ok1 && ok2 && ok3) || h > 23 || m > 59 || sec > 59 {
		return 0, false
	}
	return int64(h*3600 + m*60 + sec), true
}

func daysIn(m, year int) int {
	switch m {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ParseDateTime parses a "date" and a "time" column into a UTC time.
func ParseDateTime[T Text](date, clock T) (time.Time, bool) {
	d, ok := ParseDate(date)
	if !ok {
		return time.Time{}, false
	}
	c, ok := ParseClock(clock)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(d+c, 0).UTC(), true
}

// A DateCache parses "date" columns, remembering the last one: consecutive
// lines of a log nearly always share their date. The zero value is ready
// to use.
type DateCache struct {
	// The last date parsed, "YYYY-MM-DD", as two words compared without
	// a call to memequal.
	lo  uint64 // bytes 0 to 7
	hi  uint16 // bytes 8 and 9
	day int64  // Unix time of the midnight of the last date
	ok  bool   // lo and hi hold a valid date
}

// Hit returns the day of b, a date column, if b is the date last parsed.
func (c *DateCache) Hit(b []byte) (day int64, ok bool) {
	if len(b) == 10 && c.ok && binary.LittleEndian.Uint64(b) == c.lo && binary.LittleEndian.Uint16(b[8:]) == c.hi {
		return c.day, true
	}
	return 0, false
}

// Day parses the date column b like [ParseDate].
func (c *DateCache) Day(b []byte) (day int64, ok bool) {
	if day, ok := c.Hit(b); ok {
		return day, true
	}
	return c.parse(b)
}

func (c *DateCache) parse(b []byte) (int64, bool) {
	day, ok := ParseDate(b)
	if ok { // len(b) == 10
		c.lo, c.hi = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint16(b[8:])
		c.day, c.ok = day, true
	}
	return day, ok
}

// Time combines a date and a time column, either of which may be nil (an
// absent column or "-"), and reports whether each present one is valid:
// an absent column is not invalid. The Time is set only when both are
// present and valid.
func (c *DateCache) Time(date, clock []byte) (t time.Time, set, dateOK, clockOK bool) {
	var day, sec int64
	dateOK, clockOK = true, true
	if date != nil {
		day, dateOK = c.Day(date)
	}
	if clock != nil {
		sec, clockOK = ParseClock(clock)
	}
	if date != nil && clock != nil && dateOK && clockOK {
		return time.Unix(day+sec, 0).UTC(), true, true, true
	}
	return time.Time{}, false, dateOK, clockOK
}
