package w3c

import (
	"bytes"
	"strings"
)

// A Kind tells which typed field of a reader's record a column fills. Its
// values are the reader's: 0 ([Untyped]) is a column without a typed
// field, and the reader numbers its typed columns from 1 up to
// [MaxKinds]-1.
type Kind uint8

// Untyped is the Kind of a column that fills no typed field.
const Untyped Kind = 0

// MaxKinds bounds the Kinds of a Schema.
const MaxKinds = 64

// A Problem names what is wrong with a line. The reader turns it into its
// own ParseError, wrapping its own sentinel error (see [Schema.Error]).
type Problem uint8

// The problems the engine reports, and the one readers report about values.
const (
	FieldCount   Problem = iota + 1 // a data line with another number of fields than its layout
	BadDirective                    // a malformed #Fields or #Date directive
	BadValue                        // a typed value that does not parse (reported by readers)
	LineTooLong                     // a line longer than the limit
	UTF16                           // the input is UTF-16 text
)

// A Schema is what a reader tells the engine about its format. It is
// built once, by the reader package, and never changed afterwards.
type Schema struct {
	// Name is the reader's package name ("errlog"), used in panics.
	Name string

	// Kinds maps the W3C names of the typed columns to their Kind. Names
	// not in it are Untyped.
	Kinds map[string]Kind

	// Free lists, in order of preference, the Kinds of the free-text
	// columns that absorb the surplus tokens of a line with more fields
	// than its layout (see [Reader.Fit]). The first one present in a
	// layout is its Free column.
	Free []Kind

	// Fast, when set, computes the reader's own code for a layout (for
	// example, whether a fused path can read it), stored in Layout.Fast.
	Fast func(l *Layout) int

	// Error builds the error the reader returns for a problem at a line,
	// 1-based column (0 when none applies) and W3C field name ("" when
	// none applies). The engine calls it for the problems it finds.
	Error func(line, column int, field string, p Problem) error

	// Known are layouts the reader knows by their exact #Fields text: a
	// directive with that text reuses them without allocating.
	Known []*Layout

	// Default is the layout in force before any #Fields directive.
	Default *Layout
}

// A Layout is the column list of a #Fields directive, with the columns of
// each Kind resolved once. Layouts are immutable once built and are
// shared by readers, records and clones.
type Layout struct {
	// Text is the names joined by single spaces.
	Text string
	// Names are the column names in order.
	Names []string
	// Kinds is the Kind of each column.
	Kinds []Kind
	// Free is the column that absorbs surplus tokens, or -1.
	Free int
	// Fast is the reader's code for the layout (see [Schema.Fast]).
	Fast int

	index map[string]int  // name → column
	col   [MaxKinds]int16 // Kind → its first column, or -1
}

// NewLayout returns the layout of the column names, which must be
// non-empty and distinct (see [Schema.ParseLayout] for text that needs
// checking). The layout keeps names.
func (s *Schema) NewLayout(names []string) *Layout {
	l := &Layout{
		Text:  strings.Join(names, " "),
		Names: names,
		Kinds: make([]Kind, len(names)),
		index: make(map[string]int, len(names)),
		Free:  -1,
	}
	for k := range l.col {
		l.col[k] = -1
	}
	for i, n := range names {
		l.index[n] = i
		k := s.Kinds[n]
		l.Kinds[i] = k
		if k != Untyped && l.col[k] < 0 {
			l.col[k] = int16(i)
		}
	}
	for _, k := range s.Free {
		if c := l.col[k]; c >= 0 {
			l.Free = int(c)
			break
		}
	}
	if s.Fast != nil {
		l.Fast = s.Fast(l)
	}
	return l
}

// Index returns the column of the W3C field name, or -1.
func (l *Layout) Index(name string) int {
	if i, ok := l.index[name]; ok {
		return i
	}
	return -1
}

// Col returns the first column of Kind k, or -1 if the layout has none.
func (l *Layout) Col(k Kind) int { return int(l.col[k]) }

// ParseLayout parses the field names of a #Fields directive (the text
// after "#Fields:"), reusing prev (which may be nil) or a known layout when
// the text is theirs, so that a repeated directive block costs nothing. On
// failure it returns the 0-based byte offset, in text, of the problem: the
// start of the text when it holds no name, the start of a duplicated name.
func (s *Schema) ParseLayout(text []byte, prev *Layout) (l *Layout, errAt int) {
	i, hi := 0, len(text)
	for i < hi && text[i] == ' ' {
		i++
	}
	for hi > i && text[hi-1] == ' ' {
		hi--
	}
	v := text[i:hi]
	if len(v) == 0 {
		return nil, i
	}
	if prev != nil && string(v) == prev.Text {
		return prev, 0
	}
	for _, l := range s.Known {
		if string(v) == l.Text {
			return l, 0
		}
	}
	var names []string
	seen := make(map[string]bool)
	for j := i; j < hi; {
		if text[j] == ' ' {
			j++
			continue
		}
		k := bytes.IndexByte(text[j:hi], ' ')
		if k < 0 {
			k = hi - j
		}
		name := string(text[j : j+k])
		if seen[name] {
			return nil, j
		}
		seen[name] = true
		names = append(names, name)
		j += k
	}
	return s.NewLayout(names), 0
}
