// Package english enumerates every localizable English text of packages
// status, substatus and httpsys with its translation key, in a stable
// order. It is the list translators work from (go run
// ./internal/gen/l10n/keys) and the reference of the completeness tests.
package english

import (
	"iter"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/l10n"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

// Message is one English text and its key.
type Message struct {
	Key  string // stable key, see package l10n
	Text string // the English text, as the package returns it
}

// Messages yields every key with its English text: status codes in
// ascending order (each code's primary meaning, then its further
// meanings), the status classes, the substatus meanings in table order
// (description, then client text) and the HTTP.sys reasons in table order
// (cause, then client text where one exists). Empty English texts have no
// key and are skipped.
func Messages() iter.Seq[Message] {
	return func(yield func(Message) bool) {
		emit := func(key, text string) bool {
			return text == "" || yield(Message{key, text})
		}
		for c := range status.All() {
			n := 0
			for info := range c.Meanings() {
				if !emit(l10n.StatusKey(int(c), n), info.Description) {
					return
				}
				n++
			}
		}
		for k := status.UnknownClass; k <= status.ServerError; k++ {
			if !emit(l10n.ClassKey(int(k)), k.Description()) {
				return
			}
		}
		for m := range substatus.Meanings() {
			if !emit(l10n.SubstatusKey(m.ID(), l10n.FieldDescription), m.Description()) ||
				!emit(l10n.SubstatusKey(m.ID(), l10n.FieldClient), m.ClientText()) {
				return
			}
		}
		for r := range httpsys.All() {
			info := r.Info()
			if !emit(l10n.HTTPSysKey(r.String(), l10n.FieldCause), info.Cause) ||
				!emit(l10n.HTTPSysKey(r.String(), l10n.FieldClient), info.ClientText) {
				return
			}
		}
	}
}
