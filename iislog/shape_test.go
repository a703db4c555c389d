package iislog

import "testing"

// FuzzClockShaped checks the eight-bytes-at-a-time clockShaped against
// the byte loop of shaped.
func FuzzClockShaped(f *testing.F) {
	for _, s := range []string{"00:00:00", "23:59:59", "2:00:00 ", "00:0:000", "00:00:0:", "/9:00:00", "0::00:00", ":0:00:00", "00;00;00", "99:99:99"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) != 8 {
			return
		}
		if got, want := clockShaped(b), shaped(b, "00:00:00"); got != want {
			t.Fatalf("clockShaped(%q) = %v, shaped %v", b, got, want)
		}
	})
}
