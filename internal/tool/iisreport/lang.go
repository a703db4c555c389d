package iisreport

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// texts picks the language of the library's texts in the report (the
// reasons' and substatus codes' explanations). The report's own headings,
// the operator advice and fixes and the causes of (substatus, error code)
// pairs (the library has them in English only) and the registered status
// phrases (which IIS sends in English) stay in English.
type texts struct {
	lang language.Tag
}

// newTexts returns the texts for the -lang value, a BCP 47 tag such as
// "de" or "fr-CA". A language the library has no texts in is an error,
// rather than a silent fall back to English.
func newTexts(lang string) (texts, error) {
	want, err := language.Parse(lang)
	if err != nil {
		return texts{}, fmt.Errorf("invalid language tag %q", lang)
	}
	got := iisstatus.MatchLanguage(lang)
	wb, _ := want.Base()
	gb, _ := got.Base()
	if wb != gb {
		var names []string
		for t := range iisstatus.Languages() {
			names = append(names, t.String())
		}
		return texts{}, fmt.Errorf("no texts in %q (supported: %s)", lang, strings.Join(names, ", "))
	}
	return texts{lang: got}, nil
}

// tag is the BCP 47 tag of the language in use.
func (t texts) tag() string { return t.lang.String() }

// cause is the one-line explanation of a known reason.
func (t texts) cause(r httpsys.Reason) string { return r.CauseIn(t.lang) }

// clientText is the text HTTP.sys sends the client with a known reason,
// or "".
func (t texts) clientText(r httpsys.Reason) string { return r.ClientTextIn(t.lang) }

// advice is what an operator should look at for a known reason.
func (t texts) advice(r httpsys.Reason) string { return r.Info().Advice }

// statusText is the registered phrase of a status code, "" when unknown.
func (t texts) statusText(c status.Code) string { return c.Text() }

// substatus returns the label, the explanation and what to check for
// triple k on IIS version v (see tripleMeaning). A substatus 0 without a
// meaning of its own means no substatus: the status explains the
// response. The explanation is in the report's language where
// translated; the label (Microsoft's) and the fixes are English.
func (t texts) substatus(k triple, v substatus.Version) (label, meaning, check string) {
	if m, ok := tripleMeaning(k, v); ok {
		return m.Label(), m.DescriptionIn(t.lang), m.Fixes()
	}
	return k.status.Text(), k.status.DescriptionIn(t.lang), ""
}

// tripleMeaning returns the meaning the report gives the substatus of
// triple k on IIS version v: that of the module that set it (tripleModule:
// ARR's 502.3 when the code is a WinHTTP error) for v, else the core
// meaning for v, else the only meaning the code has in any scope.
func tripleMeaning(k triple, v substatus.Version) (substatus.Meaning, bool) {
	code := substatus.New(k.status, k.sub)
	if m, ok := tripleModule(k); ok {
		if mm, ok := code.Lookup(v, m); ok {
			return mm, true
		}
	}
	if m, ok := code.Meaning(v); ok {
		return m, true
	}
	var all []substatus.Meaning
	for m := range code.Meanings() {
		all = append(all, m)
	}
	if len(all) == 1 {
		return all[0], true
	}
	return substatus.Meaning{}, false
}
