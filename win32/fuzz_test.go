package win32_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/iisstatus/iisstatus/win32"
)

// FuzzParse checks Parse's invariants: it never panics; an error is a
// *ParseError that keeps the input and wraps ErrSyntax or ErrRange; an
// accepted input reads back as the same number in its own notation
// (decimal, 0x hex or signed decimal); every accepted code round-trips
// through its text form; and String, Symbol and the HRESULT conversions
// agree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "2", "13", "64", "1260", "12002", "2148074254", "4294967295", "4294967296",
		"0x8009030E", "0x8007000d", "0xd", "0x", "064", "-1", "-2147024883", "-2147483649", "-0", "", " 64"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := win32.Parse(s)
		if err != nil {
			var pe *win32.ParseError
			if !errors.As(err, &pe) || pe.Input != s {
				t.Fatalf("Parse(%q): error %v is not a *ParseError with the input", s, err)
			}
			if !errors.Is(err, win32.ErrSyntax) && !errors.Is(err, win32.ErrRange) {
				t.Fatalf("Parse(%q): error %v wraps neither ErrSyntax nor ErrRange", s, err)
			}
			if c != 0 || !strings.HasPrefix(err.Error(), "win32: parse "+strconv.Quote(s)+": ") {
				t.Fatalf("Parse(%q) = %d, %v", s, c, err)
			}
			return
		}
		switch {
		case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
			if n, err := strconv.ParseUint(s[2:], 16, 32); err != nil || win32.Code(n) != c {
				t.Fatalf("Parse(%q) = %d: not the hex value", s, c)
			}
		case strings.HasPrefix(s, "-"):
			if n, err := strconv.ParseInt(s, 10, 32); err != nil || win32.Code(uint32(int32(n))) != c || strconv.FormatInt(n, 10) != s {
				t.Fatalf("Parse(%q) = %d: not the signed 32-bit value", s, c)
			}
		default:
			if text, _ := c.MarshalText(); string(text) != s {
				t.Fatalf("Parse(%q) = %d: text form %q differs", s, c, text)
			}
		}
		text, _ := c.MarshalText()
		if back, err := win32.Parse(string(text)); err != nil || back != c {
			t.Fatalf("Parse(%q) = %d: Parse(%q) = %d, %v", s, c, text, back, err)
		}
		str := c.String()
		if !strings.HasPrefix(str, string(text)) || c.IsKnown() != strings.HasSuffix(str, " "+c.Symbol()) {
			t.Fatalf("Parse(%q): String %q inconsistent with symbol %q", s, str, c.Symbol())
		}
		if w, ok := c.Win32(); ok && w.HRESULT() != c.HRESULT() {
			t.Fatalf("Parse(%q) = %v: Win32 %v has HRESULT %v, want %v", s, c, w, w.HRESULT(), c.HRESULT())
		}
		for p := range c.Pairs() {
			if p.Code() != c.HRESULT() || !p.HasCode() {
				t.Fatalf("Parse(%q): pair %v does not have code %v", s, p, c.HRESULT())
			}
		}
	})
}
