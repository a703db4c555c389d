package httpsys

import (
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/l10n"
)

// CauseIn returns the Cause of r's [Info] in the language t, or in English
// when t is English, is not supported or has no translation for r. Pass a
// tag from [github.com/iisstatus/iisstatus.MatchLanguage]; other tags are
// reduced to their language ("es-MX" gives Spanish). It returns "" for
// unknown reasons. The English path does not allocate.
func (r Reason) CauseIn(t language.Tag) string {
	return r.textIn(t, l10n.FieldCause, r.Info().Cause)
}

// ClientTextIn returns the ClientText of r's [Info] in the language t, with
// the same fallback as [Reason.CauseIn], or "" when no client text is
// documented. HTTP.sys itself always sends the English text; the
// translation is for showing users and operators what that text means. The
// English path does not allocate.
func (r Reason) ClientTextIn(t language.Tag) string {
	return r.textIn(t, l10n.FieldClient, r.Info().ClientText)
}

func (r Reason) textIn(t language.Tag, field, en string) string {
	i := l10n.Index(t)
	if i == 0 || en == "" {
		return en
	}
	return l10n.Text(i, l10n.HTTPSysKey(r.String(), field), en)
}
