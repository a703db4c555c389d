package win32_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/iisstatus/iisstatus/win32"
)

// FuzzParse checks Parse's invariants: it never panics, errors wrap
// ErrSyntax or ErrRange, accepted decimal input is exactly the code's text
// form, and every accepted code round-trips through its text form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "2", "64", "1260", "12002", "2148074254", "4294967295", "4294967296",
		"0x8009030E", "0x", "064", "-1", "", " 64"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := win32.Parse(s)
		if err != nil {
			if !errors.Is(err, win32.ErrSyntax) && !errors.Is(err, win32.ErrRange) {
				t.Fatalf("Parse(%q): error %v wraps neither ErrSyntax nor ErrRange", s, err)
			}
			if c != 0 {
				t.Fatalf("Parse(%q): code %d with error", s, c)
			}
			return
		}
		text, _ := c.MarshalText()
		if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") && string(text) != s {
			t.Fatalf("Parse(%q) = %d: text form %q differs", s, c, text)
		}
		if n, err := strconv.ParseUint(string(text), 10, 32); err != nil || win32.Code(n) != c {
			t.Fatalf("Parse(%q) = %d: text %q does not round-trip", s, c, text)
		}
		back, err := win32.Parse(string(text))
		if err != nil || back != c {
			t.Fatalf("Parse(%q) = %d: Parse(%q) = %d, %v", s, c, text, back, err)
		}
		if str := c.String(); !strings.HasPrefix(str, string(text)) || (c.IsKnown() != strings.HasSuffix(str, " "+c.Symbol())) {
			t.Fatalf("Parse(%q): String %q inconsistent", s, str)
		}
	})
}
