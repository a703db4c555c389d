package status_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/iisstatus/iisstatus/status"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"200", "503", "451", "600", "-", "", "00", "1e2", "\xff\xfe\xfd", "404\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := status.Parse(s)
		var u status.Code
		uerr := u.UnmarshalText([]byte(s))
		if err != nil {
			if c != 0 {
				t.Fatalf("Parse(%q) = %d with error %v, want 0", s, int(c), err)
			}
			var pe *status.ParseError
			if !errors.As(err, &pe) || pe.Input != s || (pe.Err != status.ErrSyntax && pe.Err != status.ErrRange) {
				t.Fatalf("Parse(%q): unexpected error %v", s, err)
			}
			var ue *status.ParseError
			if s != "" && (!errors.As(uerr, &ue) || *ue != *pe) {
				t.Fatalf("UnmarshalText(%q) = %v, Parse gave %v", s, uerr, err)
			}
			return
		}
		if uerr != nil || u != c {
			t.Fatalf("UnmarshalText(%q) = %d, %v; Parse gave %d", s, int(u), uerr, int(c))
		}
		if c < 100 || c > 999 {
			t.Fatalf("Parse(%q) = %d, outside 100-999", s, int(c))
		}
		if n, aerr := strconv.Atoi(s); aerr != nil || n != int(c) {
			t.Fatalf("Parse(%q) = %d, strconv.Atoi gives %d, %v", s, int(c), n, aerr)
		}
		text, err := c.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("MarshalText(%d) = %q, %v; want %q", int(c), text, err, s)
		}
		str := c.String()
		if c.IsKnown() {
			if str != s+" "+c.Text() {
				t.Fatalf("String(%d) = %q", int(c), str)
			}
		} else if str != s || c.Text() != "" {
			t.Fatalf("unknown code %d: String %q, Text %q", int(c), str, c.Text())
		}
		if back, err := status.Parse(str[:3]); err != nil || back != c {
			t.Fatalf("Parse(String()[:3]) = %d, %v; want %d", int(back), err, int(c))
		}
	})
}
