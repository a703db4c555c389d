package iisstatus_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/l10n"
	"github.com/iisstatus/iisstatus/internal/l10n/english"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// placeholders returns the format verbs and ${name} substitutions in s, in
// order. Our texts have none; the test keeps translations from adding one
// (and would keep them identical if English ever gained some).
var placeholderRE = regexp.MustCompile(`%[-+#0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[a-zA-Z]|\$\{[^}]*\}`)

func placeholders(s string) []string { return placeholderRE.FindAllString(s, -1) }

// TestTranslationsComplete proves that every English text of status,
// substatus and httpsys has a translation in every language, with the same
// placeholders. The list of keys comes from the packages' public
// iterators (internal/l10n/english).
func TestTranslationsComplete(t *testing.T) {
	msgs := slices.Collect(english.Messages())
	require.NotEmpty(t, msgs)
	keys := map[string]bool{}
	for _, m := range msgs {
		require.False(t, keys[m.Key], "duplicate key %s", m.Key)
		keys[m.Key] = true
	}
	for i, tag := range slices.Collect(iisstatus.Languages()) {
		if i == 0 {
			continue // English is the source
		}
		t.Run(tag.String(), func(t *testing.T) {
			var missing []string
			for _, m := range msgs {
				tr, ok := l10n.Translation(i, m.Key)
				if !ok {
					missing = append(missing, m.Key)
					continue
				}
				assert.Equal(t, placeholders(m.Text), placeholders(tr), "placeholders of %s", m.Key)
				// A long text identical to the English one is a row that was
				// copied from the key list and never translated.
				if len(m.Text) > 24 {
					assert.NotEqual(t, m.Text, tr, "%s: %s text is still the English one", m.Key, tag)
				}
				assert.NotEqual(t, "", strings.TrimSpace(tr), m.Key)
			}
			if len(missing) > 0 {
				show := missing[:min(len(missing), 10)]
				t.Errorf("%s: %d of %d keys have no translation (go run ./internal/gen/l10n/keys -missing %s), first: %s",
					tag, len(missing), len(msgs), tag, strings.Join(show, ", "))
			}
			var stale []string
			for k := range l10n.Keys(i) {
				if !keys[k] {
					stale = append(stale, k)
				}
			}
			assert.Empty(t, stale, "keys in internal/data/messages_%s.tsv with no English text (typo or removed entry)", tag)
		})
	}
}

// TestTranslationsCurrent proves that no translation was made from an
// English text that has changed since: each row's source column must be the
// fingerprint (english.Hash) of its key's current English text. After an
// English edit, retranslate the rows go run ./internal/gen/l10n/keys
// -stale <lang> lists; for an edit that cannot change a translation (a typo
// fix), copying the new source is enough.
func TestTranslationsCurrent(t *testing.T) {
	for i, tag := range slices.Collect(iisstatus.Languages()) {
		if i == 0 {
			continue
		}
		t.Run(tag.String(), func(t *testing.T) {
			path := filepath.Join("internal", "data", "messages_"+tag.String()+".tsv")
			rows, err := english.Stale(path)
			require.NoError(t, err)
			for _, r := range rows {
				t.Errorf("%s:%d: %s was translated from an older English text (source %s, now %s); see go run ./internal/gen/l10n/keys -stale %s",
					path, r.Line, r.Key, r.Source, english.Hash(r.English), tag)
			}
		})
	}
}

// TestJapaneseRegister checks the register TRANSLATING.md asks of Japanese:
// client texts address end users politely (です/ます), operator texts
// (descriptions, causes) are in plain form, with no polite sentence ending.
func TestJapaneseRegister(t *testing.T) {
	ja := l10n.Index(language.Japanese)
	require.NotZero(t, ja)
	politeEnd := regexp.MustCompile(`(ます|です|ません|ました|でした|ください)。?$`)
	politeSentence := regexp.MustCompile(`(ます|です|ません|ました|でした)。`)
	for m := range english.Messages() {
		tr, ok := l10n.Translation(ja, m.Key)
		if !ok {
			continue // TestTranslationsComplete reports it
		}
		if strings.HasSuffix(m.Key, ".client") {
			assert.Regexp(t, politeEnd, tr, "%s: a client text ends in polite form", m.Key)
		} else {
			assert.NotRegexp(t, politeSentence, tr, "%s: an operator text is in plain form", m.Key)
		}
	}
}

func TestEnglishHasNoPlaceholders(t *testing.T) {
	for m := range english.Messages() {
		assert.Empty(t, placeholders(m.Text), m.Key)
	}
}

// TestMessagesMatchAccessors checks that each key's English text is what the
// package's accessor returns in English and that the ...In methods look up
// exactly the documented key.
func TestMessagesMatchAccessors(t *testing.T) {
	de := language.German
	byKey := map[string]string{}
	for m := range english.Messages() {
		byKey[m.Key] = m.Text
	}
	check := func(t *testing.T, key, en, enGot, deGot string) {
		t.Helper()
		assert.Equal(t, en, byKey[key], key)
		assert.Equal(t, en, enGot, key)
		want := en
		if tr, ok := l10n.Translation(l10n.Index(de), key); ok {
			want = tr
		}
		assert.Equal(t, want, deGot, key)
	}
	t.Run("status", func(t *testing.T) {
		for c := range status.All() {
			info, ok := c.Info()
			require.True(t, ok)
			check(t, l10n.StatusKey(int(c), 0), info.Description, c.DescriptionIn(language.English), c.DescriptionIn(de))
			n := 0
			for m := range c.Meanings() {
				check(t, l10n.StatusKey(int(c), n), m.Description, m.DescriptionIn(language.English), m.DescriptionIn(de))
				n++
			}
		}
		for k := status.UnknownClass; k <= status.ServerError; k++ {
			check(t, l10n.ClassKey(int(k)), k.Description(), k.DescriptionIn(language.English), k.DescriptionIn(de))
		}
	})
	t.Run("substatus", func(t *testing.T) {
		for m := range substatus.Meanings() {
			check(t, l10n.SubstatusKey(m.ID(), l10n.FieldDescription), m.Description(), m.DescriptionIn(language.English), m.DescriptionIn(de))
			if m.ClientText() != "" {
				check(t, l10n.SubstatusKey(m.ID(), l10n.FieldClient), m.ClientText(), m.ClientTextIn(language.English), m.ClientTextIn(de))
			}
		}
	})
	t.Run("httpsys", func(t *testing.T) {
		for r := range httpsys.All() {
			info := r.Info()
			check(t, l10n.HTTPSysKey(r.String(), l10n.FieldCause), info.Cause, r.CauseIn(language.English), r.CauseIn(de))
			if info.ClientText != "" {
				check(t, l10n.HTTPSysKey(r.String(), l10n.FieldClient), info.ClientText, r.ClientTextIn(language.English), r.ClientTextIn(de))
			} else {
				assert.Empty(t, r.ClientTextIn(de), r.String())
			}
		}
	})
	t.Run("unknown values", func(t *testing.T) {
		assert.Empty(t, status.Code(299).DescriptionIn(de))
		assert.Empty(t, status.Class(9).DescriptionIn(de))
		assert.Empty(t, substatus.Meaning{}.DescriptionIn(de))
		assert.Empty(t, substatus.Meaning{}.ClientTextIn(de))
		assert.Empty(t, httpsys.ReasonUnknown.CauseIn(de))
		assert.Empty(t, httpsys.Reason(250).ClientTextIn(de))
	})
}

// TestMatchLanguage covers several header lines, which form one list (RFC
// 9110, Section 5.3): q-values compare across lines. Single values are
// covered by internal/l10n's TestMatch.
func TestMatchLanguage(t *testing.T) {
	tests := []struct {
		name   string
		accept []string
		want   language.Tag
	}{
		{"no header", nil, language.English},
		{"one line", []string{"de-CH,de;q=0.9"}, language.German},
		{"unsupported", []string{"pt-BR"}, language.English},
		{"two lines, higher q second", []string{"fr;q=0.5", "de;q=0.9"}, language.German},
		{"two lines, default q second", []string{"en;q=0.1", "ja"}, language.Japanese},
		{"two lines, equal q keeps order", []string{"fr", "de"}, language.French},
		{"three lines", []string{"es;q=0.2", "fr;q=0.3", "ja;q=0.4"}, language.Japanese},
		{"garbage line and a good one", []string{"garbage;;;", "de"}, language.German},
		{"garbage element in a line", []string{"de-CH;q=x, fr;q=0.5"}, language.French},
		{"q=0 on a later line", []string{"fr;q=0.5", "de;q=0"}, language.French},
		{"star then german", []string{"*;q=0.1", "de-AT"}, language.German},
		{"unsupported lines", []string{"pt-BR", "zh-Hant-TW"}, language.English},
	}
	langs := slices.Collect(iisstatus.Languages())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := iisstatus.MatchLanguage(tc.accept...)
			assert.Equal(t, tc.want, got)
			assert.Contains(t, langs, got, "never an augmented tag")
		})
	}
}

// TestEnglishNoAllocs asserts that the English path of every ...In method,
// and the path for an unsupported language, does not allocate.
func TestEnglishNoAllocs(t *testing.T) {
	m, ok := substatus.ByID("403.14")
	require.True(t, ok)
	for _, tag := range []language.Tag{language.English, language.MustParse("pt-BR"), language.MustParse("en-u-rg-uszzzz")} {
		tests := []struct {
			name string
			f    func()
		}{
			{"Code.DescriptionIn", func() { status.NotFound.DescriptionIn(tag) }},
			{"Class.DescriptionIn", func() { status.ClientError.DescriptionIn(tag) }},
			{"Meaning.DescriptionIn", func() { m.DescriptionIn(tag) }},
			{"Meaning.ClientTextIn", func() { m.ClientTextIn(tag) }},
			{"Reason.CauseIn", func() { httpsys.ReasonConnLimit.CauseIn(tag) }},
			{"Reason.ClientTextIn", func() { httpsys.ReasonConnLimit.ClientTextIn(tag) }},
		}
		for _, tc := range tests {
			t.Run(fmt.Sprint(tag, "/", tc.name), func(t *testing.T) {
				assert.Zero(t, testing.AllocsPerRun(100, tc.f))
			})
		}
	}
}

func BenchmarkDescriptionIn(b *testing.B) {
	for _, tag := range []language.Tag{language.English, language.German} {
		b.Run(tag.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				httpsys.ReasonConnLimit.ClientTextIn(tag)
			}
		})
	}
}

func BenchmarkMatchLanguage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		iisstatus.MatchLanguage("fr-CA,fr;q=0.9,en;q=0.8")
	}
}

// projectTalk matches words about how the library was made rather than
// about IIS: shipped texts cite public sources, not the project's own
// working papers or tracker.
var projectTalk = regexp.MustCompile(`(?i)\bdossier\b|\bseed (document|file)\b|\bissue #?\d+`)

// TestTextsSpeakOfTheLibrary checks the English texts and labels, the
// translations into languages where these words have no other meaning, and
// the doc comments of the root package and of iisexplain.
func TestTextsSpeakOfTheLibrary(t *testing.T) {
	for m := range english.Messages() {
		assert.NotRegexp(t, projectTalk, m.Text, m.Key)
		for i, tag := range slices.Collect(iisstatus.Languages()) {
			if tr, ok := l10n.Translation(i, m.Key); ok && tag != language.French { // "dossier" is French for folder
				assert.NotRegexp(t, projectTalk, tr, "%s in %s", m.Key, tag)
			}
		}
	}
	for _, dir := range []string{".", "cmd/iisexplain"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
			require.NoError(t, err)
			for _, c := range f.Comments {
				assert.NotRegexp(t, projectTalk, c.Text(), name)
			}
		}
	}
}
