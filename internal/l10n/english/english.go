// Package english enumerates every localizable English text of packages
// status, substatus and httpsys, and the labels of the root package's
// renderer, with its translation key, in a stable order. It is the list translators work from (go run
// ./internal/gen/l10n/keys) and the reference of the completeness tests.
package english

import (
	"crypto/sha256"
	"encoding/hex"
	"iter"

	"github.com/iisstatus/iisstatus/internal/gen/tsv"

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
// (cause, then client text where one exists), then the labels of
// iisstatus.Explanation.Format in key order (internal/data/labels.tsv).
// Empty English texts have no key and are skipped.
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
		for key, text := range l10n.Labels() {
			if !emit(key, text) {
				return
			}
		}
	}
}

// Hash returns the fingerprint of an English text that the translation
// tables record in their source column: the first 4 bytes of the text's
// SHA-256, as 8 lower-case hex digits. A translation whose source differs
// from Hash of the current English text was made from an older English
// text and must be reviewed (go run ./internal/gen/l10n/keys -stale <lang>).
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:4])
}

// StaleRow is a translation made from an English text that has changed
// since: its source column is not Hash of the current English text.
type StaleRow struct {
	Line        int    // line in the translation file
	Key         string // translation key
	English     string // the current English text
	Translation string // the translation, made from an older English text
	Source      string // the source column as written
}

// Stale reads a translation table (internal/data/messages_<tag>.tsv) and
// returns its rows whose source does not match the current English text of
// their key, in file order. A row whose key has no English text is not
// stale but unknown; the completeness tests report it.
func Stale(path string) ([]StaleRow, error) {
	tab, err := tsv.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := tab.CheckColumns("key", "text", "notes", "source"); err != nil {
		return nil, err
	}
	en := map[string]string{}
	for m := range Messages() {
		en[m.Key] = m.Text
	}
	var out []StaleRow
	for _, row := range tab.Rows {
		key := row.Get("key")
		if text, ok := en[key]; ok && row.Get("source") != Hash(text) {
			out = append(out, StaleRow{row.Line, key, text, row.Get("text"), row.Get("source")})
		}
	}
	return out, nil
}
