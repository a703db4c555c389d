package main

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

// texts picks the language of the library's texts in the report (the
// reasons' explanations). The report's own headings, the operator advice
// (package httpsys has it in English only) and the registered status
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
