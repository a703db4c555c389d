package status

import (
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/l10n"
)

// DescriptionIn returns the description of c's primary meaning (the
// Description of [Code.Info]) in the language t, or in English when t is
// English, is not supported or has no translation for c. Pass a tag from
// [github.com/iisstatus/iisstatus.MatchLanguage]; other tags are reduced to
// their language ("de-CH" gives German). It returns "" for
// unknown codes. The English path does not allocate.
func (c Code) DescriptionIn(t language.Tag) string {
	info, ok := c.Info()
	if !ok {
		return ""
	}
	i := l10n.Index(t)
	if i == 0 {
		return info.Description
	}
	return l10n.Text(i, l10n.StatusKey(int(c), 0), info.Description)
}

// DescriptionIn returns the Description of the meaning i in the language t,
// like [Code.DescriptionIn]; it also covers the further meanings
// [Code.Meanings] yields (Exchange ActiveSync's "451 Redirect"). An Info that
// is not in the table gets its own Description back.
func (i Info) DescriptionIn(t language.Tag) string {
	li := l10n.Index(t)
	if li == 0 {
		return i.Description
	}
	n := 0
	for m := range i.Code.Meanings() {
		if m == i {
			return l10n.Text(li, l10n.StatusKey(int(i.Code), n), i.Description)
		}
		n++
	}
	return i.Description
}

// DescriptionIn returns the [Class.Description] in the language t, or in
// English when t is English, is not supported or has no translation. Like
// Description, it returns "" for values that are not one of the Class
// constants. The English path does not allocate.
func (k Class) DescriptionIn(t language.Tag) string {
	en := k.Description()
	i := l10n.Index(t)
	if i == 0 || k > ServerError {
		return en
	}
	return l10n.Text(i, l10n.ClassKey(int(k)), en)
}
