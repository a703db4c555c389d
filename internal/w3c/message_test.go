package w3c

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorText(t *testing.T) {
	bad := errors.New("invalid value")
	tests := []struct {
		name        string
		line, col   int
		field, want string
		err         error
	}{
		{"full", 42, 17, "s-reason", "x: line 42, column 17 (s-reason): invalid value", bad},
		{"no-column", 1, 0, "", "x: line 1: invalid value", bad},
		{"no-field", 3, 9, "", "x: line 3, column 9: invalid value", bad},
		{"no-error", 3, 0, "#Date", "x: line 3 (#Date): unknown error", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ErrorText("x", tc.line, tc.col, tc.field, tc.err))
		})
	}
}
