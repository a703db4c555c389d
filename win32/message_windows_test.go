//go:build windows

package win32_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iisstatus/iisstatus/win32"
)

// TestSystemMessage runs on Windows only. The text depends on the display
// language, so it checks the shape, not the words.
func TestSystemMessage(t *testing.T) {
	for _, c := range []win32.Code{0, 2, 5, 13, 64, 1326, 0x80070002, 0x8007000D, 0x8009030E} {
		t.Run(c.String(), func(t *testing.T) {
			s, ok := c.SystemMessage()
			assert.True(t, ok)
			assert.NotEmpty(t, s)
			assert.Equal(t, strings.TrimSpace(s), s)
			assert.NotContains(t, s, "\r\n")
		})
	}
	two, _ := win32.Code(2).SystemMessage()
	wrapped, _ := win32.Code(0x80070002).SystemMessage()
	assert.Equal(t, two, wrapped, "both forms of a Win32 code")
	_, ok := win32.Code(0xFFFFFFFF).SystemMessage()
	assert.False(t, ok)
}
