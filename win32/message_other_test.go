//go:build !windows

package win32_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iisstatus/iisstatus/win32"
)

func TestSystemMessage(t *testing.T) {
	for _, c := range []win32.Code{0, 2, 0x8007000D, 0xFFFFFFFF} {
		s, ok := c.SystemMessage()
		assert.False(t, ok, c)
		assert.Empty(t, s, c)
	}
}
