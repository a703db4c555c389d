package substatus

import (
	"fmt"
	"iter"
)

// Meaning is one documented meaning of a [Code] in one [Scope]: the same
// code can have several (502.5 is a WebSocket failure in ARR and a process
// failure in ANCM). A Meaning is a small comparable handle into the
// package's read-only table; its methods do not allocate, except where
// noted. The zero value is not a valid Meaning: its methods return zero
// values.
type Meaning struct {
	i uint16 // index into meaningTable, plus one
}

// meaningRow is one row of the generated table.
type meaningRow struct {
	id, label                  string
	alts                       []string
	description, causes, fixes string
	clientText, operatorText   string
	code                       Code
	scope                      Scope
	confidence                 Confidence
	replacedBy, replaces       Code
	sources, notes             []string
}

var zeroRow meaningRow

func (m Meaning) row() *meaningRow {
	if m.i == 0 || int(m.i) > len(meaningTable) {
		return &zeroRow
	}
	return &meaningTable[m.i-1]
}

// IsValid reports whether m refers to a meaning in the table.
func (m Meaning) IsValid() bool { return m.i != 0 && int(m.i) <= len(meaningTable) }

// ID returns the meaning's stable identifier. It is the code in dotted form
// ("403.14"); where a code has several meanings, a slash and a scope tag
// tell them apart ("403.9/iis6" for the IIS 5.0–6.0 wording next to "403.9"
// for IIS 7+, "502.5/arr" and "502.5/ancm", "502.3/arr1916"). IDs are assigned in the data
// table, never change once published and are never reused, so translations
// and stored references may key on them; see [ByID].
func (m Meaning) ID() string { return m.row().id }

// Code returns the code this meaning belongs to.
func (m Meaning) Code() Code { return m.row().code }

// Label returns Microsoft's official short label for the code in this
// scope, byte for byte as the primary source writes it (including any
// trailing period), such as "Directory listing denied" or
// "Configuration data is invalid.".
func (m Meaning) Label() string { return m.row().label }

// AltLabels returns an iterator over other official wordings of the same
// meaning, verbatim: older document revisions, detailed-error page titles
// and the IIS 6.0 Resource Kit tables (such as "Forbidden – Execute access
// denied", with its en dash).
func (m Meaning) AltLabels() iter.Seq[string] { return seq(m.row().alts) }

// HasLabel reports whether s equals the [Meaning.Label] or one of the
// [Meaning.AltLabels] exactly. Resource Kit wordings that repeat the status
// phrase ("Not Found – Denied due to Lockdown Policy") are stored as
// alternative labels in that full form, so they match as written.
func (m Meaning) HasLabel(s string) bool {
	r := m.row()
	if r.label == s && s != "" {
		return true
	}
	for _, a := range r.alts {
		if a == s {
			return true
		}
	}
	return false
}

// Description explains, in this project's words, what the code means in
// this scope.
func (m Meaning) Description() string { return m.row().description }

// Causes returns the usual reasons an operator meets this code.
func (m Meaning) Causes() string { return m.row().causes }

// Fixes returns what an operator can check or change to resolve it.
func (m Meaning) Fixes() string { return m.row().fixes }

// ClientText returns a short message that is safe to send to a remote
// client. Like IIS, which shows detailed errors only to local requests, it
// names no paths, modules, settings or configuration; it may say what the
// client can do (use HTTPS, retry later).
func (m Meaning) ClientText() string { return m.row().clientText }

// OperatorText returns the full explanation for the operator: code, label,
// scope, what happened, the likely cause and the fix. Write it to logs and
// admin pages, never to remote clients.
func (m Meaning) OperatorText() string { return m.row().operatorText }

// Scope returns where the meaning applies.
func (m Meaning) Scope() Scope { return m.row().scope }

// Confidence returns how well the sources support the meaning.
func (m Meaning) Confidence() Confidence { return m.row().confidence }

// Sources returns an iterator over the URLs of the meaning's sources:
// Microsoft's documentation first, then other public pages.
func (m Meaning) Sources() iter.Seq[string] { return seq(m.row().sources) }

// Notes returns an iterator over remarks on the data: conflicts between
// sources, where an alternative label comes from, doubts.
func (m Meaning) Notes() iter.Seq[string] { return seq(m.row().notes) }

// ReplacedBy returns the code that newer IIS releases log instead of this
// one, if any: 404.13 became 413.1 and 404.10 became 431.0 in newer IIS 10
// builds. Older servers keep logging the old code, so both stay valid.
func (m Meaning) ReplacedBy() (Code, bool) {
	c := m.row().replacedBy
	return c, c != Code{}
}

// Replaces returns the older code this meaning took over from, if any (the
// reverse of [Meaning.ReplacedBy]: 413.1 replaces 404.13).
func (m Meaning) Replaces() (Code, bool) {
	c := m.row().replaces
	return c, c != Code{}
}

// String returns the code and label, such as
// "403.14 Directory listing denied", or "" for the zero Meaning.
func (m Meaning) String() string {
	if !m.IsValid() {
		return ""
	}
	r := m.row()
	return r.code.String() + " " + r.label
}

// AppendText appends the meaning's [Meaning.ID] to b; the zero Meaning
// appends nothing. It implements [encoding.TextAppender], so a Meaning
// serializes as its stable ID.
func (m Meaning) AppendText(b []byte) ([]byte, error) { return append(b, m.row().id...), nil }

// MarshalText returns the meaning's [Meaning.ID]. It implements
// [encoding.TextMarshaler].
func (m Meaning) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText sets m to the meaning with the ID in text (see [ByID]);
// empty text gives the zero Meaning. It implements
// [encoding.TextUnmarshaler].
func (m *Meaning) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Meaning{}
		return nil
	}
	x, ok := ByID(string(text))
	if !ok {
		return fmt.Errorf("substatus: unknown meaning ID %q", text)
	}
	*m = x
	return nil
}

func seq(s []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// Lookup returns the meaning of c on IIS version v when module m produced
// the response. If m is not [ModuleCore] and defines no meaning for c on v,
// the core IIS meaning is returned, since add-on modules run inside IIS and
// IIS's own codes still apply. When one module has two meanings for the
// same version (ARR's wording before and after release 3.0.1916 for 502.3
// and 502.4), the newer release wins; [Code.Meanings] lists both. Lookup
// reports false when nothing matches, for example for an unknown code, an
// invalid version, or an IIS 5/6-only code on IIS 10. It does not allocate.
func (c Code) Lookup(v Version, m Module) (Meaning, bool) {
	i, ok := c.index()
	if !ok || !v.IsValid() {
		return Meaning{}, false
	}
	e := &codeTable[i]
	lo, hi := int(e.first), int(e.first)+int(e.n)
	if j := find(lo, hi, v, m); j >= 0 {
		return Meaning{uint16(j + 1)}, true
	}
	if m != ModuleCore {
		if j := find(lo, hi, v, ModuleCore); j >= 0 {
			return Meaning{uint16(j + 1)}, true
		}
	}
	return Meaning{}, false
}

// find returns the first row in [lo, hi) of module m whose scope contains
// v, or -1. It reads the packed scopeKeys: module<<16 | since<<8 | until,
// with until 0xff for an open-ended scope.
func find(lo, hi int, v Version, m Module) int {
	for j := lo; j < hi; j++ {
		k := scopeKeys[j]
		if Module(k>>16) == m && v >= Version(k>>8) && v <= Version(k) {
			return j
		}
	}
	return -1
}

// Meaning returns the core IIS meaning of c on version v; it is
// c.Lookup(v, ModuleCore).
func (c Code) Meaning(v Version) (Meaning, bool) { return c.Lookup(v, ModuleCore) }

// Describe returns the official label of the core IIS meaning of c on
// version v, such as "Directory listing denied" for 403.14, and whether
// there is one.
func (c Code) Describe(v Version) (string, bool) {
	m, ok := c.Lookup(v, ModuleCore)
	return m.Label(), ok
}

// Meanings returns an iterator over every meaning of c, in every scope, in
// table order: core IIS before modules, older IIS versions first, and within
// one module the newer module release first. It yields
// nothing for an unknown code.
func (c Code) Meanings() iter.Seq[Meaning] {
	return func(yield func(Meaning) bool) {
		i, ok := c.index()
		if !ok {
			return
		}
		e := codeTable[i]
		for j := int(e.first); j < int(e.first)+int(e.n); j++ {
			if !yield(Meaning{uint16(j + 1)}) {
				return
			}
		}
	}
}

// Meanings returns an iterator over every meaning in the data, ordered by
// code (as [All]) and then as [Code.Meanings] orders them.
func Meanings() iter.Seq[Meaning] {
	return func(yield func(Meaning) bool) {
		for j := range meaningTable {
			if !yield(Meaning{uint16(j + 1)}) {
				return
			}
		}
	}
}

// ByID returns the meaning with the given stable [Meaning.ID], such as
// "403.14" or "502.5/ancm".
func ByID(id string) (Meaning, bool) {
	if j := idIndex(id); j >= 0 {
		return Meaning{uint16(j + 1)}, true
	}
	return Meaning{}, false
}
