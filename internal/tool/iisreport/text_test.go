package iisreport

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWrapExact(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{name: "fits", in: "a b", width: 5, want: []string{"a b"}},
		{name: "at a space", in: "aaa bbb ccc", width: 7, want: []string{"aaa bbb", "ccc"}},
		{name: "space at the limit", in: "aaa bbb", width: 3, want: []string{"aaa", "bbb"}},
		{name: "runs of spaces kept", in: "a  b  c", width: 4, want: []string{"a  b", " c"}},
		{name: "no space", in: "abcdefgh", width: 3, want: []string{"abc", "def", "gh"}},
		{name: "runes", in: "ééé ééé", width: 4, want: []string{"ééé", "ééé"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapExact(tc.in, tc.width)
			assert.Equal(t, tc.want, got)
			for _, l := range got {
				assert.LessOrEqual(t, len([]rune(l)), tc.width)
			}
			assert.Equal(t, len(tc.in)-strings.Count(tc.in, " "), len(strings.Join(got, ""))-strings.Count(strings.Join(got, ""), " "), "only break spaces are dropped")
		})
	}
}
