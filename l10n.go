package iisstatus

import (
	"iter"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/l10n"
)

// MatchLanguage returns the supported language that best fits the given
// Accept-Language header values, or [language.English] when none fits or the
// values are malformed ("", "*", "garbage;;;", "pt-BR"). It accepts several
// values because a request may carry several header lines:
//
//	tag := iisstatus.MatchLanguage(r.Header.Values("Accept-Language")...)
//
// The lines form one comma-separated list (RFC 9110, Section 5.3), so
// q-values compare across lines: ("fr;q=0.5", "de;q=0.9") gives German. A
// list element that does not parse is skipped and the others still count.
//
// The result is always one of the tags [Languages] yields, never a
// matcher's augmented tag ("en-u-rg-uszzzz"): compare it with ==, use it as
// a map key, and pass it to the ...In methods, such as
// [github.com/iisstatus/iisstatus/status.Code.DescriptionIn]. Matching
// allocates; do it once per request.
func MatchLanguage(acceptLanguage ...string) language.Tag {
	return l10n.Match(acceptLanguage...)
}

// Languages yields the languages the library has texts in, English first:
// English, German, French, Spanish and Japanese. English is the fallback:
// a text without a translation is given in English.
func Languages() iter.Seq[language.Tag] {
	return l10n.Languages()
}
