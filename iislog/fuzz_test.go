package iislog_test

import (
	"bytes"
	"errors"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/iisstatus/iisstatus/iislog"
)

// fuzzSeeds adds the test files and a few hostile inputs to f.
func fuzzSeeds(f *testing.F, add func(in []byte)) {
	files, _ := filepath.Glob("testdata/*.log")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
	add([]byte(allTyped))
	add([]byte("\xef\xbb\xbf#Fields: date time c-ip\r\n2026-01-01 00:00:00 ::1%0\r\n\x00\x00\x00"))
	add([]byte("#Fields: cs-uri-stem cs-uri-stem\n#Fields:\n#Date: x\na b c d e f g h i j k l m n o p\n"))
	add([]byte("#Fields: time cs-method\n#Date: 2026-01-01 23:00:00\n23:59:59 A\n00:00:01 B\n11:00:00 C\n"))
	add([]byte("#Fields: date time cs(User-Agent) sc-status\n2026-01-01 00:00:00 \"a \"\"b\"\" c\" 200\n2026-01-01 00:00:00 \"open 200\n"))
	add([]byte("#Fields: date time X-Forwarded-For\n2026-01-01 00:00:00 [2001:db8::1]:443,+203.0.113.1:80\n"))
}

// FuzzReader checks invariants of Reader on any input: no panic; offsets
// monotonic and within the input; every error a *ParseError with Line ≥ 1;
// every line counted once; typed fields agreeing with the standard library
// on their raw bytes.
func FuzzReader(f *testing.F) {
	fuzzSeeds(f, func(in []byte) { f.Add(in, uint16(0)) })
	f.Add([]byte(allTyped), uint16(64))
	f.Fuzz(func(t *testing.T, in []byte, max uint16) {
		r := iislog.NewReader(bytes.NewReader(in))
		if max > 0 {
			r.Buffer(nil, int(max))
		}
		last, lastLine := int64(0), 0
		for i := 0; ; i++ {
			if i > len(in)+1 {
				t.Fatal("more results than lines")
			}
			rec, err := r.Read()
			off := r.InputOffset()
			if off < last || off > int64(len(in)) {
				t.Fatalf("InputOffset %d after %d, input %d bytes", off, last, len(in))
			}
			last = off
			if err == io.EOF {
				if rec != nil {
					t.Fatal("record with io.EOF")
				}
				break
			}
			if err != nil {
				var pe *iislog.ParseError
				if !errors.As(err, &pe) || pe.Line < 1 || pe.Line != r.Line() {
					t.Fatalf("error %v (%T) at line %d", err, err, r.Line())
				}
				if pe.Column < 0 {
					t.Fatalf("column %d", pe.Column)
				}
			}
			if rec == nil {
				continue
			}
			if rec.Line <= lastLine || rec.Line != r.Line() {
				t.Fatalf("record line %d after %d (reader at %d)", rec.Line, lastLine, r.Line())
			}
			lastLine = rec.Line
			raw := rec.Raw()
			if rec.Offset < 0 || rec.Offset+int64(len(raw)) > int64(len(in)) || !bytes.Equal(in[rec.Offset:rec.Offset+int64(len(raw))], raw) {
				t.Fatalf("Raw %q not at offset %d", raw, rec.Offset)
			}
			checkTyped(t, rec)
			if _, err := rec.ForwardedFor(iislog.FirstHop); err != nil {
				var pe *iislog.ParseError
				if !errors.As(err, &pe) || pe.Line != rec.Line || !errors.Is(err, iislog.ErrBadValue) {
					t.Fatalf("ForwardedFor: %v", err)
				}
			}
		}
		st := r.Stats()
		if st.Lines != st.Records+st.Directives+st.Blank+st.Malformed {
			t.Fatalf("stats do not add up: %+v", st)
		}
		if want := countLines(in); st.Lines != want && !utf16Start(in) {
			t.Fatalf("%d lines counted, input has %d: %+v", st.Lines, want, st)
		}
		if r.InputOffset() != int64(len(in)) && !utf16Start(in) {
			t.Fatalf("InputOffset %d at EOF, input %d bytes", r.InputOffset(), len(in))
		}
		// The same input read in one-byte reads gives the same counts.
		r2 := iislog.NewReader(&oneByte{b: in})
		if max > 0 {
			r2.Buffer(nil, int(max))
		}
		for {
			if _, err := r2.Read(); err == io.EOF {
				break
			}
		}
		if r2.Stats() != st {
			t.Fatalf("one-byte reads: %+v, whole: %+v", r2.Stats(), st)
		}
	})
}

// utf16Start reports whether in starts like UTF-16 text, which Read
// refuses after one error (ErrUTF16), without reading on.
func utf16Start(in []byte) bool {
	r := iislog.NewReader(bytes.NewReader(in))
	_, err := r.Read()
	return errors.Is(err, iislog.ErrUTF16)
}

// FuzzFused checks that the fused path of Read gives what the general path
// gives, on any input.
func FuzzFused(f *testing.F) {
	fuzzSeeds(f, func(in []byte) { f.Add(in) })
	f.Fuzz(func(t *testing.T, in []byte) {
		general := iislog.NewReader(bytes.NewReader(in))
		iislog.GeneralOnly(general)
		want, ws := readViews(t, general)
		got, gs := readViews(t, iislog.NewReader(bytes.NewReader(in)))
		if ws != gs || len(want) != len(got) {
			t.Fatalf("stats %+v, general %+v; %d results, general %d", gs, ws, len(got), len(want))
		}
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("result %d:\nfused   %s\ngeneral %s", i, got[i], want[i])
			}
		}
	})
}

// checkTyped cross-checks each typed field with its raw bytes, using the
// standard library's parsers.
func checkTyped(t *testing.T, rec *iislog.Record) {
	t.Helper()
	raw := func(name string) (string, bool) {
		b, ok := rec.Field(name)
		if !ok || string(b) == "-" {
			return "", false
		}
		return string(b), true
	}
	zero := iislog.Record{}
	for _, c := range []struct {
		set   iislog.FieldSet
		unset bool
	}{
		{iislog.FieldTime, rec.Time == zero.Time}, {iislog.FieldClientIP, rec.ClientIP == zero.ClientIP},
		{iislog.FieldServerIP, rec.ServerIP == zero.ServerIP}, {iislog.FieldClientPort, rec.ClientPort == 0},
		{iislog.FieldServerPort, rec.ServerPort == 0}, {iislog.FieldStatus, rec.Status == 0}, {iislog.FieldReply, rec.Reply == 0},
		{iislog.FieldSubstatus, rec.Substatus().Sub == 0}, {iislog.FieldWin32, rec.Win32() == 0},
		{iislog.FieldBytesSent, rec.BytesSent == 0}, {iislog.FieldBytesReceived, rec.BytesReceived == 0},
		{iislog.FieldTimeTaken, rec.TimeTaken == 0},
	} {
		if !rec.Valid.Has(c.set) && !c.unset {
			t.Fatalf("field %b not valid but set: %+v", c.set, view(rec))
		}
	}
	if rec.Valid.Has(iislog.FieldStatus) && rec.Valid.Has(iislog.FieldReply) {
		t.Fatal("both Status and Reply")
	}
	if rec.Service == iislog.ServiceHTTP && rec.Valid.Has(iislog.FieldReply) || rec.Service != iislog.ServiceHTTP && rec.Valid.Has(iislog.FieldStatus) {
		t.Fatalf("%v record with %v", rec.Service, view(rec))
	}
	if d, ok := raw("date"); ok {
		if c, ok := raw("time"); ok {
			// time.Parse also takes a one-digit hour, which IIS never
			// writes; the reader takes exactly "YYYY-MM-DD" "hh:mm:ss".
			want, err := time.Parse(time.DateTime, d+" "+c)
			canonical := len(d) == 10 && len(c) == 8
			if (err == nil && canonical) != rec.Valid.Has(iislog.FieldTime) || (err == nil && canonical && !want.Equal(rec.Time)) {
				t.Fatalf("Time %v from %q %q: %v %v", rec.Time, d, c, want, err)
			}
		}
	}
	if rec.Valid.Has(iislog.FieldTime) && rec.Time.Location() != time.UTC {
		t.Fatal("Time not in UTC")
	}
	for _, c := range []struct {
		set  iislog.FieldSet
		name string
		got  netip.Addr
	}{{iislog.FieldClientIP, "c-ip", rec.ClientIP}, {iislog.FieldServerIP, "s-ip", rec.ServerIP}} {
		v, ok := raw(c.name)
		if !ok {
			continue
		}
		want, err := netip.ParseAddr(v)
		if rec.Valid.Has(c.set) != (err == nil) || (err == nil && want != c.got) {
			t.Fatalf("%s %q: %v (valid %v), netip %v %v", c.name, v, c.got, rec.Valid.Has(c.set), want, err)
		}
	}
	for _, c := range []struct {
		set  iislog.FieldSet
		name string
		got  uint64
		bits int
	}{
		{iislog.FieldClientPort, "c-port", uint64(rec.ClientPort), 16}, {iislog.FieldServerPort, "s-port", uint64(rec.ServerPort), 16},
		{iislog.FieldSubstatus, "sc-substatus", uint64(rec.Substatus().Sub), 16}, {iislog.FieldWin32, "sc-win32-status", uint64(rec.Win32()), 32},
		{iislog.FieldBytesSent, "sc-bytes", uint64(rec.BytesSent), 63}, {iislog.FieldBytesReceived, "cs-bytes", uint64(rec.BytesReceived), 63},
		{iislog.FieldReply, "sc-status", uint64(rec.Reply), 16},
	} {
		if !rec.Valid.Has(c.set) {
			continue
		}
		v, _ := raw(c.name)
		want, err := strconv.ParseUint(v, 10, c.bits)
		if err != nil || want != c.got || v[0] == '+' {
			t.Fatalf("%s %q: %d, strconv %d %v", c.name, v, c.got, want, err)
		}
	}
	if rec.Valid.Has(iislog.FieldStatus) {
		v, _ := raw("sc-status")
		n, err := strconv.Atoi(v)
		if err != nil || len(v) != 3 || n != int(rec.Status) || n < 100 {
			t.Fatalf("sc-status %q: %d", v, rec.Status)
		}
	}
	if rec.Valid.Has(iislog.FieldTimeTaken) {
		v, _ := raw("time-taken")
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || time.Duration(n)*time.Millisecond != rec.TimeTaken {
			t.Fatalf("time-taken %q: %v", v, rec.TimeTaken)
		}
	}
	for _, c := range []struct {
		set  iislog.FieldSet
		name string
		got  []byte
	}{
		{iislog.FieldSiteName, "s-sitename", rec.SiteName}, {iislog.FieldComputerName, "s-computername", rec.ComputerName},
		{iislog.FieldMethod, "cs-method", rec.Method}, {iislog.FieldURIStem, "cs-uri-stem", rec.URIStem},
		{iislog.FieldURIQuery, "cs-uri-query", rec.URIQuery}, {iislog.FieldUsername, "cs-username", rec.Username},
		{iislog.FieldVersion, "cs-version", rec.Version}, {iislog.FieldUserAgent, "cs(User-Agent)", rec.UserAgent},
		{iislog.FieldCookie, "cs(Cookie)", rec.Cookie}, {iislog.FieldReferer, "cs(Referer)", rec.Referer},
		{iislog.FieldHost, "cs-host", rec.Host},
	} {
		v, ok := raw(c.name)
		if rec.Valid.Has(c.set) != ok || rec.Valid.Has(c.set) != (c.got != nil) || string(c.got) != v {
			t.Fatalf("%s: %q (valid %v), raw %q", c.name, c.got, rec.Valid.Has(c.set), v)
		}
	}
}
