package iislog_test

// The slow reader: an independent implementation of what Reader does on
// well-formed input, written the obvious way with the standard library
// (bufio.Scanner, strings.Fields, time.Parse, netip.ParseAddr, strconv).
// BenchmarkCompare times it as "obvious"; TestCrossCheck compares its
// records with Reader's on generated mixed-layout input. It shares no code
// with the package.

import (
	"bufio"
	"bytes"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// slowRecord is one data line as the slow reader sees it. Absent ("-") and
// invalid values are left zero, with ok false in valid.
type slowRecord struct {
	Line  int
	Time  time.Time
	Valid map[string]bool // typed column name → holds a valid value

	ClientIP, ServerIP       netip.Addr
	ClientPort, ServerPort   uint16
	Status                   int
	Sub                      uint16
	Win32                    uint32
	BytesSent, BytesReceived int64
	TimeTaken                time.Duration
	Text                     map[string]string // every column, as written
}

// slowLayout is the column index of a #Fields directive.
type slowLayout struct {
	names []string
	col   map[string]int
}

func newSlowLayout(fields string) *slowLayout {
	l := &slowLayout{names: strings.Fields(fields), col: map[string]int{}}
	for i, n := range l.names {
		l.col[n] = i
	}
	return l
}

// slowDefault is the IIS 8 to 10 default layout, assumed before any #Fields.
const slowDefault = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"

// slowParse converts one data line. It reports false when the line does not
// have the layout's number of fields.
func slowParse(l *slowLayout, line string, n int) (slowRecord, bool) {
	f := strings.Fields(line)
	if len(f) != len(l.names) {
		return slowRecord{}, false
	}
	rec := slowRecord{Line: n, Valid: map[string]bool{}, Text: make(map[string]string, len(f))}
	for i, name := range l.names {
		rec.Text[name] = f[i]
	}
	get := func(name string) (string, bool) {
		i, ok := l.col[name]
		if !ok || f[i] == "-" {
			return "", false
		}
		return f[i], true
	}
	if d, ok := get("date"); ok {
		if c, ok := get("time"); ok {
			if t, err := time.Parse(time.DateTime, d+" "+c); err == nil {
				rec.Time, rec.Valid["time"] = t, true
			}
		}
	}
	for _, ip := range []struct {
		name string
		dst  *netip.Addr
	}{{"c-ip", &rec.ClientIP}, {"s-ip", &rec.ServerIP}} {
		if v, ok := get(ip.name); ok {
			if a, err := netip.ParseAddr(v); err == nil {
				*ip.dst, rec.Valid[ip.name] = a, true
			}
		}
	}
	for _, p := range []struct {
		name string
		dst  *uint16
	}{{"c-port", &rec.ClientPort}, {"s-port", &rec.ServerPort}, {"sc-substatus", &rec.Sub}} {
		if v, ok := get(p.name); ok {
			if n, err := strconv.ParseUint(v, 10, 16); err == nil {
				*p.dst, rec.Valid[p.name] = uint16(n), true
			}
		}
	}
	if v, ok := get("sc-status"); ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 100 && n <= 999 && len(v) == 3 {
			rec.Status, rec.Valid["sc-status"] = n, true
		}
	}
	if v, ok := get("sc-win32-status"); ok {
		if n, err := strconv.ParseUint(v, 10, 32); err == nil {
			rec.Win32, rec.Valid["sc-win32-status"] = uint32(n), true
		}
	}
	for _, b := range []struct {
		name string
		dst  *int64
	}{{"sc-bytes", &rec.BytesSent}, {"cs-bytes", &rec.BytesReceived}} {
		if v, ok := get(b.name); ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				*b.dst, rec.Valid[b.name] = n, true
			}
		}
	}
	if v, ok := get("time-taken"); ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			rec.TimeTaken, rec.Valid["time-taken"] = time.Duration(n)*time.Millisecond, true
		}
	}
	return rec, true
}

// slowRead reads a whole log. bad counts data lines with the wrong number
// of fields.
func slowRead(in []byte) (recs []slowRecord, lines, bad int, err error) {
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	l := newSlowLayout(slowDefault)
	for sc.Scan() {
		lines++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if f, ok := strings.CutPrefix(line, "#Fields:"); ok {
				l = newSlowLayout(f)
			}
			continue
		}
		rec, ok := slowParse(l, line, lines)
		if !ok {
			bad++
			continue
		}
		recs = append(recs, rec)
	}
	return recs, lines, bad, sc.Err()
}
