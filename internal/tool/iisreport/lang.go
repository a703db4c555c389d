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
// status.sub on IIS version v: the core meaning for v, else the only
// meaning the code has in any scope. A substatus 0 without a meaning of its
// own means no substatus: the status explains the response. The
// explanation is in the report's language where translated; the label
// (Microsoft's) and the fixes are English.
func (t texts) substatus(c status.Code, sub uint16, v substatus.Version) (label, meaning, check string) {
	if m, ok := substatusMeaning(c, sub, v); ok {
		return m.Label(), m.DescriptionIn(t.lang), m.Fixes()
	}
	return c.Text(), c.DescriptionIn(t.lang), ""
}

// substatusMeaning returns the meaning the report gives status.sub on IIS
// version v: the core meaning for v, else the only meaning the code has in
// any scope (500.30 has only the ASP.NET Core Module's).
func substatusMeaning(c status.Code, sub uint16, v substatus.Version) (substatus.Meaning, bool) {
	code := substatus.New(c, sub)
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
