package errlog

import (
	"io"
	"iter"
	"time"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// DefaultMaxLineSize is the default limit on the length of a line, in
// bytes, not counting its "\n" terminator. It is far above what HTTP.sys
// writes (it truncates verbs at 255 bytes and URLs at 4096). Longer lines
// produce a [ParseError] wrapping [ErrLineTooLong]. See [Reader.Buffer].
const DefaultMaxLineSize = w3c.DefaultMaxLineSize

// Stats counts the lines a [Reader] has consumed. Every line of the input
// (a run of bytes ended by "\n", or the unterminated remainder at the end
// of the input) is counted once in Lines and once in exactly one of
// Records, Directives, Blank and Malformed:
//
//	Lines == Records + Directives + Blank + Malformed
//
// The other counts are subsets of those four.
type Stats struct {
	Lines      int // lines consumed
	Records    int // lines returned as a Record (with or without a ParseError)
	Directives int // lines starting with '#', well-formed or not
	Blank      int // empty lines, lines of spaces, and NUL padding
	Malformed  int // lines that produced a ParseError and no Record

	Recovered     int // Records whose surplus tokens went to the free-text field (ErrFieldCount)
	BadValues     int // Records with at least one invalid typed value (ErrBadValue)
	Inferred      int // Records read before any #Fields directive, with an assumed layout
	BadDirectives int // Directives that were malformed (ErrBadDirective)
	Padding       int // Blank lines that held NUL bytes (padding left by a crash)
	TooLong       int // Malformed lines longer than the limit (ErrLineTooLong)
}

// A Reader reads records from an HTTP.sys error log. It streams: memory
// use is bounded by the line limit, whatever the size of the input.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	eng w3c.Reader // lines, directives, layouts

	rec     Record
	valid   FieldSet // rec.Valid as Read left it
	slowBad int      // see slowColumn
	addrs   w3c.AddrParser
	sip     w3c.AddrCache // server addresses are few
	dates   w3c.DateCache // consecutive lines usually share their date
}

// NewReader returns a Reader that reads from r. Reading starts with the
// 13-column layout assumed (see the package documentation) and follows
// every #Fields directive.
func NewReader(r io.Reader) *Reader {
	rd := new(Reader)
	rd.eng.Init(r, schema)
	return rd
}

// Buffer sets the initial buffer to use when reading and the maximum
// length of a line, in bytes, not counting its "\n" terminator. The limit
// is the larger of max and cap(buf)-1; the buffer never grows beyond the
// limit plus one byte. By default the Reader allocates its own buffer and
// the limit is [DefaultMaxLineSize].
//
// Buffer must be called before the first call to Read; it panics if it is
// called after reading has started.
func (r *Reader) Buffer(buf []byte, max int) { r.eng.Buffer(buf, max) }

// SetLayout sets the layout in force at the start of the input, as if a
// #Fields directive of l had preceded it; the zero Layout keeps the
// default (the layout is inferred until a #Fields directive). Use it to
// resume reading past a #Fields directive, with the [Reader.Layout] of the
// Reader that read it (see the package documentation).
//
// SetLayout must be called before the first call to Read; it panics if it
// is called after reading has started.
func (r *Reader) SetLayout(l Layout) { r.eng.SetLayout(l.resolve()) }

// Layout returns the layout of the last #Fields directive read (or set by
// [Reader.SetLayout]), or the zero Layout if there was none. It does not
// allocate.
func (r *Reader) Layout() Layout {
	if l := r.eng.Layout(); l != nil {
		return Layout{text: l.Text}
	}
	return Layout{}
}

// Read reads the next record. At the end of the input it returns nil and
// [io.EOF].
//
// The Record, its []byte fields and the slices its methods return are
// valid until the next call to Read: Read reuses them and does not
// allocate in steady state. Use [Record.Clone] to keep a record, and
// modify only clones.
//
// Directive lines (#Fields, #Software, #Version, #Date, #Remark...), blank
// lines and NUL padding are consumed silently and counted in [Reader.Stats].
// A #Fields directive sets the layout of the lines that follow it.
//
// Errors are of two kinds:
//
//   - A [*ParseError] concerns one line and is never sticky: the next call
//     continues with the next line. It comes with a nil Record when the
//     line gave no record (wrong number of fields that cannot be recovered,
//     [ErrLineTooLong], [ErrBadDirective]), or with a non-nil Record when
//     the record is usable but doubtful ([ErrFieldCount] after recovery,
//     [ErrBadValue]). A line reports at most one error: a field-count
//     recovery if there was one, otherwise the leftmost invalid value.
//     The one exception is [ErrUTF16], after which Read returns io.EOF.
//   - Any other error comes from the underlying reader (or is
//     [io.ErrNoProgress]) and is sticky: every later call returns it
//     again. A final line cut short by such an error is not returned.
//
// Read returns a *ParseError as it is, never wrapped. Test err != nil
// before calling [errors.As] on it, as the package example does: its
// target escapes to the heap, so declaring it for every record would
// cost an allocation per record.
func (r *Reader) Read() (*Record, error) {
	// Most lines are records of a standard layout: parse them straight
	// from the buffer.
	if lay := r.eng.Active(); lay.Fast > 0 {
		if s := r.eng.Buffered(); len(s) > 0 {
			if rec, ok, err := r.recordStandard(s, 0, len(s), lay, true); ok {
				return rec, err
			}
		}
	}
	l, err := r.eng.Next()
	if err != nil {
		return nil, err
	}
	return r.record(l)
}

// All returns an iterator over the remaining records and errors, as
// returned by [Reader.Read]; it stops at the end of the input (io.EOF is not
// yielded) and after yielding a sticky I/O error. The iterator is
// single-use: it consumes the Reader. Each Record is valid only until the
// next iteration; use [Record.Clone] to keep it. A yielded error may come
// with a nil Record.
func (r *Reader) All() iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			if !yield(rec, err) {
				return
			}
			if err != nil && r.eng.Err() != nil {
				return // sticky I/O error, or the end after ErrUTF16
			}
		}
	}
}

// Stats returns the line counts so far.
func (r *Reader) Stats() Stats { return Stats(r.eng.Stats) }

// Line returns the number of lines consumed so far, which is the 1-based
// line number of the line behind the last Record or error returned by Read.
func (r *Reader) Line() int { return r.eng.Line() }

// InputOffset returns the input offset just past the last consumed line
// (its "\n" included). A tailer can save it, with [Reader.Layout], and
// later resume reading a file from that offset with a new Reader; line
// numbers then restart at 1 (see the package documentation).
func (r *Reader) InputOffset() int64 { return r.eng.InputOffset() }

// FieldPos returns the line and 1-based byte column of column i of the
// record most recently returned by Read (0 <= i < Record.NumField). It
// panics if i is out of range, or if no record has been returned.
func (r *Reader) FieldPos(i int) (line, column int) {
	if i < 0 || i >= r.rec.row.NumField() {
		panic("errlog: FieldPos: index out of range")
	}
	return r.rec.Line, r.rec.row.Cols[i].Lo + 1
}

// Index returns the column index of the W3C field name in the current
// layout — the layout of the last record read, or the one set by a later
// #Fields directive — or -1 if the layout has no such column.
func (r *Reader) Index(name string) int { return r.eng.Current().Index(name) }

// Fields returns the column names of the current layout (see
// [Reader.Index]), in order. It returns a new slice on every call.
func (r *Reader) Fields() []string {
	return append([]string(nil), r.eng.Current().Names...)
}

// Date returns the time of the last #Date directive, in UTC, or the zero
// Time if none has been read.
func (r *Reader) Date() time.Time { return r.eng.Date() }
