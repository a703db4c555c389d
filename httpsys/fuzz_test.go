package httpsys_test

import (
	"testing"

	"github.com/iisstatus/iisstatus/httpsys"
)

// FuzzParseReason checks the invariants of ParseReason: it never panics,
// agrees with ParseReasonString, and a known result prints as the input.
func FuzzParseReason(f *testing.F) {
	for _, s := range []string{"ConnLimit", "Timer_ConnectionIdle", "N/A", "Invalid_CR/LF", "Version_N/S", "", "-", "Request_Too_Large", "\x00\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r := httpsys.ParseReason(b)
		s, err := httpsys.ParseReasonString(string(b))
		if s != r {
			t.Fatalf("ParseReason(%q) = %v, ParseReasonString = %v", b, r, s)
		}
		if !r.IsKnown() {
			if r != httpsys.ReasonUnknown || err == nil {
				t.Fatalf("unknown %q: got %v, err %v", b, r, err)
			}
			return
		}
		if err != nil || r.String() != string(b) || r.Info().Token != string(b) {
			t.Fatalf("known %q: String %q, err %v", b, r.String(), err)
		}
		var u httpsys.Reason
		if err := u.UnmarshalText(b); err != nil || u != r {
			t.Fatalf("UnmarshalText(%q) = %v, %v", b, u, err)
		}
	})
}
