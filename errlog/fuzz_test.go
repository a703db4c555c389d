package errlog_test

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

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/httpsys"
)

// countLines counts lines the way Stats does: runs of bytes ended by "\n",
// plus an unterminated remainder.
func countLines(b []byte) int {
	n := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// FuzzReader checks invariants of Reader on any input: no panic; offsets
// monotonic and within the input; every error a *ParseError with Line ≥ 1;
// every line counted once; typed fields agreeing with the standard library
// on their raw bytes.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.log")
	for _, name := range files {
		if filepath.Base(name) == "bench.log" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint16(0))
	}
	f.Add([]byte(allTyped), uint16(64))
	f.Add([]byte("\xef\xbb\xbf#Fields: date time c-ip\r\n2026-01-01 00:00:00 ::1%0\r\n\x00\x00\x00"), uint16(20))
	f.Add([]byte("#Fields: cs-uri cs-uri\n#Fields:\n#Date: x\na b c d e f g h i j k l m n o p\n"), uint16(0))
	f.Add([]byte("2026-02-01 08:00:05 192.0.2.65 3410 192.0.2.1 80 - HELLO|x|Win 10 Pro - 400 - BadRequest -"), uint16(0))

	f.Fuzz(func(t *testing.T, in []byte, max uint16) {
		r := errlog.NewReader(bytes.NewReader(in))
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
				var pe *errlog.ParseError
				if !errors.As(err, &pe) || pe.Line < 1 || pe.Line != r.Line() {
					t.Fatalf("error %v (%T) at line %d", err, err, r.Line())
				}
				if pe.Column < 0 {
					t.Fatalf("column %d", pe.Column)
				}
				if errors.Is(err, errlog.ErrUTF16) {
					// The whole input is refused: one error at line 1,
					// then the end.
					if i != 0 || pe.Line != 1 || rec != nil {
						t.Fatalf("ErrUTF16 as result %d: %v", i, err)
					}
					if _, err := r.Read(); err != io.EOF {
						t.Fatalf("after ErrUTF16: %v", err)
					}
					return
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
		}
		st := r.Stats()
		if st.Lines != st.Records+st.Directives+st.Blank+st.Malformed {
			t.Fatalf("stats do not add up: %+v", st)
		}
		if want := countLines(in); st.Lines != want {
			t.Fatalf("%d lines counted, input has %d: %+v", st.Lines, want, st)
		}
		if r.InputOffset() != int64(len(in)) {
			t.Fatalf("InputOffset %d at EOF, input %d bytes", r.InputOffset(), len(in))
		}
		// The same input read again in one-byte reads gives the same counts.
		r2 := errlog.NewReader(&oneByte{b: in})
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

type oneByte struct{ b []byte }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(o.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = o.b[0]
	o.b = o.b[1:]
	return 1, nil
}

// checkTyped cross-checks each typed field with its raw bytes.
func checkTyped(t *testing.T, rec *errlog.Record) {
	t.Helper()
	raw := func(name string) string {
		b, ok := rec.Field(name)
		if !ok {
			return ""
		}
		return string(b)
	}
	// A typed field not in Valid is the zero value.
	zero := errlog.Record{}
	for _, c := range []struct {
		set   errlog.FieldSet
		unset bool
	}{
		{errlog.FieldTime, rec.Time == zero.Time}, {errlog.FieldClientIP, rec.ClientIP == zero.ClientIP},
		{errlog.FieldClientPort, rec.ClientPort == 0}, {errlog.FieldServerIP, rec.ServerIP == zero.ServerIP},
		{errlog.FieldServerPort, rec.ServerPort == 0}, {errlog.FieldStatus, rec.Status == 0},
		{errlog.FieldSiteID, rec.SiteID == 0}, {errlog.FieldReason, rec.Reason == 0},
	} {
		if !rec.Valid.Has(c.set) && !c.unset {
			t.Fatalf("field %b not valid but set: %+v", c.set, rec)
		}
	}
	if rec.Valid.Has(errlog.FieldTime) {
		want, err := time.Parse("2006-01-02 15:04:05", raw("date")+" "+raw("time"))
		if err != nil || !want.Equal(rec.Time) || rec.Time.Location() != time.UTC {
			t.Fatalf("Time %v from %q %q: %v %v", rec.Time, raw("date"), raw("time"), want, err)
		}
	}
	for _, c := range []struct {
		set  errlog.FieldSet
		name string
		got  netip.Addr
	}{{errlog.FieldClientIP, "c-ip", rec.ClientIP}, {errlog.FieldServerIP, "s-ip", rec.ServerIP}} {
		want, err := netip.ParseAddr(raw(c.name))
		if rec.Valid.Has(c.set) != (err == nil) && raw(c.name) != "-" {
			t.Fatalf("%s %q: valid %v, netip err %v", c.name, raw(c.name), rec.Valid.Has(c.set), err)
		}
		if rec.Valid.Has(c.set) && want != c.got {
			t.Fatalf("%s %q: %v, netip %v", c.name, raw(c.name), c.got, want)
		}
	}
	for _, c := range []struct {
		set  errlog.FieldSet
		name string
		got  uint64
		bits int
	}{{errlog.FieldClientPort, "c-port", uint64(rec.ClientPort), 16}, {errlog.FieldServerPort, "s-port", uint64(rec.ServerPort), 16},
		{errlog.FieldSiteID, "s-siteid", uint64(rec.SiteID), 32}, {errlog.FieldStatus, "sc-status", uint64(rec.Status), 16}} {
		if !rec.Valid.Has(c.set) {
			continue
		}
		want, err := strconv.ParseUint(raw(c.name), 10, c.bits)
		if err != nil || want != c.got {
			t.Fatalf("%s %q: %d, strconv %d %v", c.name, raw(c.name), c.got, want, err)
		}
	}
	if rec.Valid.Has(errlog.FieldReason) {
		if want := httpsys.ParseReason(rec.RawReason()); want != rec.Reason {
			t.Fatalf("reason %q: %v", rec.RawReason(), rec.Reason)
		}
	}
	for _, c := range []struct {
		set  errlog.FieldSet
		name string
		got  []byte
	}{{errlog.FieldVersion, "cs-version", rec.Version}, {errlog.FieldMethod, "cs-method", rec.Method},
		{errlog.FieldURI, "cs-uri", rec.URI}, {errlog.FieldQueueName, "s-queuename", rec.QueueName}} {
		if rec.Valid.Has(c.set) != (c.got != nil) || (c.got != nil && string(c.got) != raw(c.name)) {
			t.Fatalf("%s: %q, raw %q", c.name, c.got, raw(c.name))
		}
	}
}
