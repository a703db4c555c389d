package iislog

import "testing"

func TestShaped(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2026-03-02", true}, {"0000-00-00", true}, {"2026-3-02 ", false}, {"2026-03-0 ", false},
		{"2026/03/02", false}, {"20a6-03-02", false}, {"2026-03-022", false}, {"", false},
	}
	for _, tc := range tests {
		if got := shaped([]byte(tc.in), "0000-00-00"); got != tc.want {
			t.Errorf("shaped(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
