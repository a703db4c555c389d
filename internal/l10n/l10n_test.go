package l10n

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name   string
		accept []string
		want   language.Tag
	}{
		{"no header", nil, language.English},
		{"empty", []string{""}, language.English},
		{"star", []string{"*"}, language.English},
		{"garbage", []string{"garbage;;;"}, language.English},
		{"unknown language", []string{"xx"}, language.English},
		{"q=0 excludes", []string{"de;q=0"}, language.English},
		{"unsupported with region", []string{"pt-BR"}, language.English},
		{"english region", []string{"en-US"}, language.English},
		{"french canada", []string{"fr-CA"}, language.French},
		{"swiss german", []string{"de-CH,de;q=0.9"}, language.German},
		{"japanese japan", []string{"ja-JP"}, language.Japanese},
		{"spanish latin america", []string{"es-419"}, language.Spanish},
		{"q order", []string{"fr;q=0.5, ja;q=0.8, en;q=0.1"}, language.Japanese},
		{"unsupported first", []string{"pt-BR,pt;q=0.9,es;q=0.8"}, language.Spanish},
		{"second header line", []string{"garbage;;;", "de"}, language.German},
		{"wildcard then german", []string{"*;q=0.1, de-AT"}, language.German},
		{"case", []string{"DE-de"}, language.German},
		{"lines form one list", []string{"fr;q=0.5", "de;q=0.9"}, language.German},
		{"low q first line", []string{"en;q=0.1", "ja"}, language.Japanese},
		{"bad element skipped", []string{"de;q=;, es;q=0.3"}, language.Spanish},
		{"too many elements", []string{strings.Repeat("xx,", maxElements) + "de"}, language.English},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Match(tc.accept...)
			assert.Equal(t, tc.want, got)
			assert.Contains(t, slices.Collect(Languages()), got, "never an augmented tag")
		})
	}
}

func TestLanguages(t *testing.T) {
	got := slices.Collect(Languages())
	require.NotEmpty(t, got)
	assert.Equal(t, language.English, got[0], "English is first: the fallback")
	assert.Equal(t, []language.Tag{language.English, language.German, language.French, language.Spanish, language.Japanese}, got)
	for range Languages() {
		break // early stop must not panic
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		name string
		tag  string
		want int
	}{
		{"english", "en", 0},
		{"german", "de", 1},
		{"french", "fr", 2},
		{"spanish", "es", 3},
		{"japanese", "ja", 4},
		{"swiss german", "de-CH", 1},
		{"augmented french", "fr-u-rg-cazzzz", 2},
		{"augmented english", "en-u-rg-uszzzz", 0},
		{"portuguese", "pt-BR", 0},
		{"undetermined", "und", 0},
		{"japanese script", "ja-Jpan-JP", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Index(language.MustParse(tc.tag)))
		})
	}
}

// TestDictionaries ties the generated dictionaries to the supported
// languages and checks their invariants.
func TestDictionaries(t *testing.T) {
	var tags []string
	for _, d := range dictionaries {
		tags = append(tags, d.tag)
		assert.True(t, slices.IsSortedFunc(d.dict, func(a, b entry) int { return strings.Compare(a.key, b.key) }), "%s sorted", d.tag)
		for _, e := range d.dict {
			require.True(t, strings.HasPrefix(e.data, rawHeader), "%s %s", d.tag, e.key)
			got, ok := d.dict.Lookup(e.key)
			assert.True(t, ok)
			assert.Equal(t, e.data, got)
		}
	}
	var want []string
	for _, t := range supported[1:] {
		want = append(want, t.String())
	}
	slices.Sort(tags)
	slices.Sort(want)
	assert.Equal(t, want, tags, "one messages_<tag>.tsv per supported language but English")
	_, ok := dictionary(nil).Lookup("status.404")
	assert.False(t, ok)
}

func TestText(t *testing.T) {
	de := Index(language.German)
	// A key every German table has since the first version.
	want, ok := Translation(de, "httpsys.ConnLimit.client")
	require.True(t, ok)
	assert.Equal(t, want, Text(de, "httpsys.ConnLimit.client", "Too many users."))
	assert.Equal(t, "Too many users.", Text(0, "httpsys.ConnLimit.client", "Too many users."), "English")
	assert.Equal(t, "Too many users.", Text(99, "httpsys.ConnLimit.client", "Too many users."), "out of range")
	assert.Equal(t, "", Text(de, "httpsys.ConnLimit.client", ""), "nothing to translate")

	// A missing key falls back to the English text, not to the key, and a
	// '%' in it is not taken for a verb.
	for i := range len(supported) {
		assert.Equal(t, "100% of 12002 (403.14) failed", Text(i, "status.no-such-key", "100% of 12002 (403.14) failed"))
	}
}

// resetOnce rebuilds the lazily built catalog and printers, for tests that
// swap the dictionaries.
func resetOnce() (func() catalog.Catalog, func() [len(supported)]*message.Printer) {
	return sync.OnceValue(buildCatalog), sync.OnceValue(buildPrinters)
}

func TestTextPercentInTranslation(t *testing.T) {
	// The generator doubles '%'; the printer must undo it exactly.
	old := dictionaries
	t.Cleanup(func() { dictionaries = old })
	dictionaries[0].dict = dictionary{{"status.1", rawHeader + "100 %% sûr, %%d"}}
	cat, printers = resetOnce()
	i := slices.Index(supported[:], language.MustParse(dictionaries[0].tag))
	require.Positive(t, i)
	assert.Equal(t, "100 % sûr, %d", Text(i, "status.1", "english"))
	got, ok := Translation(i, "status.1")
	assert.True(t, ok)
	assert.Equal(t, "100 % sûr, %d", got)
	dictionaries = old
	cat, printers = resetOnce()
}

// TestPrivateCatalog checks that the package leaves message.DefaultCatalog
// alone: a printer on the default catalog does not know our keys.
func TestPrivateCatalog(t *testing.T) {
	de := Index(language.German)
	_ = Text(de, "httpsys.ConnLimit.client", "Too many users.")
	p := message.NewPrinter(language.German)
	assert.Equal(t, "httpsys.ConnLimit.client", p.Sprintf("httpsys.ConnLimit.client"))
}

func TestTranslationAndKeys(t *testing.T) {
	_, ok := Translation(0, "status.404")
	assert.False(t, ok, "English has no translation table")
	_, ok = Translation(1, "status.no-such-key")
	assert.False(t, ok)
	for i := 1; i < len(supported); i++ {
		keys := slices.Collect(Keys(i))
		assert.True(t, slices.IsSorted(keys))
		for _, k := range keys {
			_, ok := Translation(i, k)
			assert.True(t, ok, k)
		}
	}
	assert.Empty(t, slices.Collect(Keys(0)))
}

func TestKeyFuncs(t *testing.T) {
	assert.Equal(t, "status.404", StatusKey(404, 0))
	assert.Equal(t, "status.451.1", StatusKey(451, 1))
	assert.Equal(t, "status.class.4xx", ClassKey(4))
	assert.Equal(t, "status.class.unknown", ClassKey(0))
	assert.Equal(t, "substatus.502.5/ancm.client", SubstatusKey("502.5/ancm", FieldClient))
	assert.Equal(t, "httpsys.Invalid_CR/LF.cause", HTTPSysKey("Invalid_CR/LF", FieldCause))
}

func TestNoAllocs(t *testing.T) {
	en := language.English
	pt := language.MustParse("pt-BR")
	deCH := language.MustParse("de-CH")
	aug := language.Make("en-u-rg-uszzzz")
	Index(en) // build the lazy tables first
	tests := []struct {
		name string
		f    func()
	}{
		{"Index English", func() { Index(en) }},
		{"Index unsupported", func() { Index(pt) }},
		{"Index region", func() { Index(deCH) }},
		{"Index augmented", func() { Index(aug) }},
		{"Text English", func() { Text(0, "status.404", "Not found") }},
		{"Lookup", func() { dictionaries[0].dict.Lookup("httpsys.ConnLimit.client") }},
		{"Label English", func() { Label(0, "explain.client-sees") }},
		{"Label unknown key", func() { Label(1, "explain.nothing") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.f))
		})
	}
}

func TestLabel(t *testing.T) {
	de := Index(language.German)
	assert.Equal(t, "Client sees", Label(0, "explain.client-sees"))
	assert.Equal(t, "Client sieht", Label(de, "explain.client-sees"))
	assert.Equal(t, "", Label(de, "explain.nothing"), "not a label")
	assert.Equal(t, "", Label(0, "status.404"), "not a label")
	n := 0
	prev := ""
	for key, text := range Labels() {
		assert.Less(t, prev, key, "sorted")
		assert.NotEmpty(t, text, key)
		prev = key
		n++
	}
	assert.Equal(t, len(englishLabels), n)
	for range Labels() {
		break
	}
}

func BenchmarkText(b *testing.B) {
	de := Index(language.German)
	b.Run("English", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Text(0, "httpsys.ConnLimit.client", "Too many users.")
		}
	})
	b.Run("German", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Text(de, "httpsys.ConnLimit.client", "Too many users.")
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Match("de-CH,de;q=0.9,en;q=0.8")
	}
}
