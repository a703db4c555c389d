package w3c

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// engineRun is what one reading of an input gave.
type engineRun struct {
	lines []string // "=" and Raw of each data line, or "!" and the problem for an error
	stats Stats
	off   int64
}

// runEngine reads in with the test schema, splitting and fitting every
// data line, and checks the engine's invariants as it goes: no panic,
// offsets monotonic and within the input, every data line where
// LineOffset says, every error the schema's with Line == Line() >= 1, and
// spans within the line's content.
func runEngine(t *testing.T, src io.Reader, in []byte, max int) engineRun {
	var r Reader
	r.Init(src, accessSchema)
	if max > 0 {
		r.Buffer(nil, max)
	}
	var run engineRun
	last := int64(0)
	for i := 0; ; i++ {
		if i > len(in)+1 {
			t.Fatal("more results than lines")
		}
		l, err := r.Next()
		off := r.InputOffset()
		if off < last || off > int64(len(in)) {
			t.Fatalf("InputOffset %d after %d, input %d bytes", off, last, len(in))
		}
		last = off
		if err == io.EOF {
			break
		}
		if err != nil {
			var te *testError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T)", err, err)
			}
			if te.Line < 1 || te.Line != r.Line() || te.Column < 0 {
				t.Fatalf("error %v at line %d", err, r.Line())
			}
			run.lines = append(run.lines, "!"+string(rune('0'+te.Problem)))
			continue
		}
		lo := r.LineOffset()
		if lo < 0 || lo+int64(len(l.Raw)) > int64(len(in)) || !bytes.Equal(in[lo:lo+int64(len(l.Raw))], l.Raw) {
			t.Fatalf("Raw %q not at offset %d", l.Raw, lo)
		}
		if bytes.IndexByte(l.Raw, '\n') >= 0 || l.Lo < 0 || l.Lo >= l.Hi || l.Hi > len(l.Raw) {
			t.Fatalf("line %q [%d:%d]", l.Raw, l.Lo, l.Hi)
		}
		if c := l.Raw[l.Lo]; c == '#' || c == 0 {
			t.Fatalf("content %q starts with %q", l.Raw[l.Lo:l.Hi], c)
		}
		tok := r.Split(l)
		for _, sp := range tok {
			if sp.Lo < l.Lo || sp.Lo > sp.Hi || sp.Hi > l.Hi {
				t.Fatalf("span %v outside [%d:%d]", sp, l.Lo, l.Hi)
			}
		}
		lay := r.Active()
		cols, _, err := r.Fit(l, tok, lay)
		if err != nil {
			run.lines = append(run.lines, "!"+string(rune('0'+FieldCount))) // counted as Malformed
			continue
		}
		if len(cols) != len(lay.Names) {
			t.Fatalf("%d columns for a layout of %d", len(cols), len(lay.Names))
		}
		run.lines = append(run.lines, "="+string(l.Raw))
	}
	run.stats, run.off = r.Stats, r.InputOffset()
	st := r.Stats
	data := 0
	for _, s := range run.lines {
		if s[0] == '=' {
			data++
		}
	}
	if st.Lines != data+st.Directives+st.Blank+st.Malformed {
		t.Fatalf("stats do not add up: %d data lines, %+v", data, st)
	}
	return run
}

// FuzzEngine checks the engine's invariants on any input (see runEngine),
// that every line is counted once and the whole input consumed, and that
// reading it in one-byte reads gives the same results.
func FuzzEngine(f *testing.F) {
	f.Add([]byte("#Software: Microsoft Internet Information Services 10.0\r\n#Fields: "+accessFields+"\r\n"+
		"2021-04-01 00:00:21 10.0.0.1 GET /a.asp - 80 - 192.0.2.1 Mozilla/5.0+(Windows) - 401 2 5 65\r\n"), uint16(0))
	f.Add([]byte("\xef\xbb\xbf#Fields: date time\r\n\x00\x00\x00#Date: x\n a b \n#Fields: a a\n\x00"), uint16(8))
	f.Add([]byte("\xff\xfe#\x00F\x00"), uint16(0))
	f.Add([]byte("x y z\n"+string(bytes.Repeat([]byte("w"), 300))+"\nq"), uint16(64))
	f.Fuzz(func(t *testing.T, in []byte, max uint16) {
		whole := runEngine(t, bytes.NewReader(in), in, int(max))
		utf16 := len(whole.lines) > 0 && whole.lines[0] == "!"+string(rune('0'+UTF16))
		if utf16 {
			if len(whole.lines) != 1 || whole.stats != (Stats{Lines: 1, Malformed: 1}) {
				t.Fatalf("UTF-16 input: %q %+v", whole.lines, whole.stats)
			}
		} else {
			n := bytes.Count(in, []byte("\n"))
			if len(in) > 0 && in[len(in)-1] != '\n' {
				n++
			}
			if whole.stats.Lines != n || whole.off != int64(len(in)) {
				t.Fatalf("%d lines counted, %d in the input; offset %d of %d", whole.stats.Lines, n, whole.off, len(in))
			}
		}
		bytewise := runEngine(t, &chunks{data: in, size: 1}, in, int(max))
		if whole.stats != bytewise.stats || len(whole.lines) != len(bytewise.lines) {
			t.Fatalf("one-byte reads: %+v, whole: %+v", bytewise.stats, whole.stats)
		}
		for i := range whole.lines {
			if whole.lines[i] != bytewise.lines[i] {
				t.Fatalf("result %d: one-byte reads %q, whole %q", i, bytewise.lines[i], whole.lines[i])
			}
		}
	})
}
