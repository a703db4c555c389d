package iisstatus_test

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/internal/l10n"
)

// formatInputs cover every kind and section of the renderer.
var formatInputs = []string{"404", "299", "503 0x80070005", "403.14", "502.5", "403.99", "200 0 64", "404 2 1260",
	"ConnLimit", "N/A", "N/I", "Timer_MinBytesPerSecond", "400 - Hostname", "1326", "0x80070021", "4294967295"}

// TestStringIsEnglishFormat: String is exactly the English Format.
func TestStringIsEnglishFormat(t *testing.T) {
	for _, in := range formatInputs {
		e, err := iisstatus.Explain(in)
		require.NoError(t, err, in)
		var b bytes.Buffer
		require.NoError(t, e.Format(&b, language.English))
		assert.Equal(t, b.String(), e.String(), in)
		b.Reset()
		require.NoError(t, e.Format(&b, language.MustParse("pt-BR")))
		assert.Equal(t, b.String(), e.String(), "%s: an unsupported language is English", in)
	}
	var b bytes.Buffer
	require.NoError(t, iisstatus.Explanation{}.Format(&b, language.German))
	assert.Empty(t, b.String(), "the zero Explanation writes nothing")
	assert.Empty(t, iisstatus.Explanation{}.String())
}

// TestFormatLanguages: every language gets its labels and no line has an
// empty label; the text differs from English where a translation exists.
func TestFormatLanguages(t *testing.T) {
	emptyLabel := regexp.MustCompile(`(?m)^ *: `)
	for _, in := range formatInputs {
		e, err := iisstatus.Explain(in)
		require.NoError(t, err, in)
		for tag := range iisstatus.Languages() {
			var b bytes.Buffer
			require.NoError(t, e.Format(&b, tag))
			out := b.String()
			assert.NotRegexp(t, emptyLabel, out, "%s in %s", in, tag)
			assert.True(t, strings.HasSuffix(out, "\n"), "%s in %s", in, tag)
			if tag != language.English && e.Kind != iisstatus.KindWin32 { // "Description" is French too
				assert.NotEqual(t, e.String(), out, "%s in %s is not translated", in, tag)
			}
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFormatWriteError(t *testing.T) {
	e, err := iisstatus.Explain("404")
	require.NoError(t, err)
	assert.EqualError(t, e.Format(failingWriter{}, language.English), "disk full")
}

// TestLabelsUsed checks the label table against the renderer's source:
// every key the renderer uses exists, and every label is used.
func TestLabelsUsed(t *testing.T) {
	src, err := os.ReadFile("format.go")
	require.NoError(t, err)
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`"(explain\.[a-z0-9-]+)"`).FindAllStringSubmatch(string(src), -1) {
		used[m[1]] = true
	}
	require.NotEmpty(t, used)
	var labels []string
	for key, text := range l10n.Labels() {
		labels = append(labels, key)
		assert.NotEmpty(t, text, key)
		assert.True(t, used[key], "label %s is not used by format.go", key)
	}
	for key := range used {
		assert.True(t, slices.Contains(labels, key), "format.go uses %s, which internal/data/labels.tsv lacks", key)
	}
}
