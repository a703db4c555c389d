package enumtext

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type color uint8

var names = []string{"unknown", "red", "green"}

func TestAppendUnmarshal(t *testing.T) {
	tests := []struct {
		name string
		v    color
		text string
	}{
		{"zero", 0, "unknown"},
		{"first", 1, "red"},
		{"last", 2, "green"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Append([]byte("x"), names, tc.v, "pkg", "color")
			require.NoError(t, err)
			assert.Equal(t, "x"+tc.text, string(b))
			got := color(9)
			require.NoError(t, Unmarshal([]byte(tc.text), names, &got, "pkg", "color"))
			assert.Equal(t, tc.v, got)
		})
	}
}

func TestErrors(t *testing.T) {
	b, err := Append([]byte("x"), names, color(3), "pkg", "color")
	assert.EqualError(t, err, "pkg: invalid color value 3")
	assert.Equal(t, "x", string(b), "nothing appended")

	got := color(1)
	assert.EqualError(t, Unmarshal([]byte("Red"), names, &got, "pkg", "color"), `pkg: unknown color "Red"`)
	assert.Equal(t, color(1), got, "unchanged on error")
}

func TestNoAllocs(t *testing.T) {
	buf := make([]byte, 0, 16)
	var c color
	text := []byte("green")
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		buf, _ = Append(buf[:0], names, color(2), "pkg", "color")
		_ = Unmarshal(text, names, &c, "pkg", "color")
	}))
}

func TestString(t *testing.T) {
	assert.Equal(t, "green", String(names, color(2), "Color"))
	assert.Equal(t, "Color(7)", String(names, color(7), "Color"))
}
