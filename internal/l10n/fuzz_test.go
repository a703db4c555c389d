package l10n

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// FuzzMatch feeds arbitrary Accept-Language values to Match (a newline in
// the input separates header lines) and arbitrary tags to Index and Text:
// no panic, the results are always supported languages, and several lines
// match like the one list they form.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", "*", "garbage;;;", "de;q=0", "pt-BR", "en-US", "fr-CA", "de-CH,de;q=0.9", "ja-JP",
		"es-419", "zh-Hant-TW;q=0.5, *;q=0.1", "x-klingon", "de-u-co-phonebk", ";q=1.0", "en;q=2", "fr;q=0.5\nde;q=0.9", "garbage;;;\nja", longHeader()} {
		f.Add(s)
	}
	langs := slices.Collect(Languages())
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		got := Match(lines...)
		if !slices.Contains(langs, got) {
			t.Fatalf("Match(%q) = %v, not a supported language", lines, got)
		}
		if joined := Match(strings.Join(lines, ",")); joined != got {
			t.Fatalf("Match(%q) = %v, but the joined list gives %v", lines, got, joined)
		}
		i := Index(language.Make(s))
		if i < 0 || i >= len(langs) {
			t.Fatalf("Index(Make(%q)) = %d", s, i)
		}
		if got := Text(i, "status.no-such-key", s); got != s {
			t.Fatalf("Text fallback changed %q to %q", s, got)
		}
	})
}

// longHeader is a long but plausible header (browsers send up to a few
// hundred bytes).
func longHeader() string {
	b := make([]byte, 0, 400)
	for len(b) < 400 {
		b = append(b, "de-CH;q=0.9,"...)
	}
	return string(b)
}
