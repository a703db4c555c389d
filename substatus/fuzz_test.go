package substatus

import (
	"errors"
	"testing"
)

// FuzzParse checks Parse's invariants: it never panics, a success yields
// a valid code whose String and MarshalText parse back to it, and a
// failure is a *ParseError holding the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"403.14", "502.5", "404.0", "500.100", "100.0", "599.65535",
		"403.65536", "403", "403.", "403.00", "abc", "\x00", "403.1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s ||
				(!errors.Is(err, ErrSyntax) && !errors.Is(err, ErrRange)) || pe.Err.Error() == "" {
				t.Fatalf("Parse(%q): error %v is not a *ParseError for the input", s, err)
			}
			if c != (Code{}) {
				t.Fatalf("Parse(%q) failed but returned %v", s, c)
			}
			return
		}
		if !c.IsValid() {
			t.Fatalf("Parse(%q) = invalid %v", s, c)
		}
		if c.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, c.String())
		}
		back, err := Parse(c.String())
		if err != nil || back != c {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		text, err := c.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var u Code
		if err := u.UnmarshalText(text); err != nil || u != c {
			t.Fatalf("text round trip of %q: %v, %v", s, u, err)
		}
		for m := range c.Meanings() {
			if m.Code() != c {
				t.Fatalf("meaning %s of %v has code %v", m.ID(), c, m.Code())
			}
		}
	})
}
