package substatus

import (
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/l10n"
)

// DescriptionIn returns [Meaning.Description] in the language t, or in
// English when t is English, is not supported or has no translation for m
// (see [github.com/iisstatus/iisstatus.MatchLanguage] and
// [github.com/iisstatus/iisstatus.Languages]). Tags with a region
// are reduced to their language ("fr-CA" gives French). The English path
// does not allocate; the zero Meaning gives "".
func (m Meaning) DescriptionIn(t language.Tag) string {
	return m.textIn(t, l10n.FieldDescription, m.Description())
}

// ClientTextIn returns [Meaning.ClientText], the text that is safe to send
// to a remote client, in the language t, with the same fallback to English
// as [Meaning.DescriptionIn]. The English path does not allocate.
func (m Meaning) ClientTextIn(t language.Tag) string {
	return m.textIn(t, l10n.FieldClient, m.ClientText())
}

func (m Meaning) textIn(t language.Tag, field, en string) string {
	i := l10n.Index(t)
	if i == 0 || en == "" {
		return en
	}
	return l10n.Text(i, l10n.SubstatusKey(m.ID(), field), en)
}
