package iislog

import (
	"io"
	"iter"
	"net/netip"
	"time"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// DefaultMaxLineSize is the default limit on the length of a line, in
// bytes, not counting its "\n" terminator: 128 KiB, twice what IIS writes
// at most (its maxLogLineLength is 65536 bytes at most, and all custom
// fields together are cut at 65536 bytes). Longer lines produce a
// [ParseError] wrapping [ErrLineTooLong]. See [Reader.Buffer].
const DefaultMaxLineSize = 128 << 10

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

	Recovered     int // Records whose surplus tokens were quoted values or doubled spaces (ErrFieldCount)
	BadValues     int // Records with at least one invalid typed value (ErrBadValue)
	Inferred      int // Records read before any #Fields directive, with an assumed layout
	BadDirectives int // Directives that were malformed (ErrBadDirective)
	Padding       int // Blank lines that held NUL bytes (padding left by a crash)
	TooLong       int // Malformed lines longer than the limit (ErrLineTooLong)
}

// A Reader reads records from an IIS W3C log. It streams: memory use is
// bounded by the line limit, whatever the size of the input.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	eng     w3c.Reader
	started bool // Next has been called: the engine has checked the input
	general bool // never take the fused path (for tests)

	rec     Record
	valid   FieldSet // rec.Valid as Read left it
	scratch Record   // for trying layouts on a headerless line
	plan    plan     // of recordFused
	// What recordFused keeps out of registers: the leftmost invalid
	// column, and the date and time columns it did not parse in place.
	badCol      int
	date, clock []byte
	lastSIP     struct {
		text [15]byte // "255.255.255.255"
		n    int
		addr netip.Addr
	}
	addrs w3c.AddrParser
	sip   w3c.AddrCache // server addresses are few
	cip   w3c.AddrCache // clients come back (a page and its assets)
	dates w3c.DateCache

	// The service of the layout svcLayout, decided at its first record.
	svcLayout *w3c.Layout
	svc       Service

	// The day of records whose layout has a time column and no date
	// column, from the last #Date directive.
	dateRef  time.Time // the #Date directive dayBase was derived from
	dayBase  int64     // Unix time of the midnight of the current day
	dayClock int64     // seconds since midnight of the last such record
}

// NewReader returns a Reader that reads from r. Reading starts with the
// layout inferred line by line (see [InferredLayouts]) and follows every
// #Fields directive.
func NewReader(r io.Reader) *Reader {
	rd := new(Reader)
	rd.eng.Init(r, schema)
	rd.eng.Buffer(nil, DefaultMaxLineSize)
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
// Reader that read it.
//
// SetLayout must be called before the first call to Read; it panics if it
// is called after reading has started.
func (r *Reader) SetLayout(l Layout) { r.eng.SetLayout(l.resolve()) }

// Layout returns the layout of the last #Fields directive read (or set by
// [Reader.SetLayout]), or the zero Layout if there was none. It does not
// allocate.
func (r *Reader) Layout() Layout { return Layout{text: r.eng.LayoutText()} }

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
//     line gave no record (a wrong number of fields that cannot be
//     recovered, [ErrLineTooLong], [ErrBadDirective]), or with a non-nil
//     Record when the record is usable but doubtful ([ErrFieldCount] after
//     recovery, [ErrBadValue]). A line reports at most one error: a
//     field-count recovery if there was one, otherwise the leftmost
//     invalid value. [ErrUTF16] is reported once, at line 1, and ends the
//     input.
//   - Any other error comes from the underlying reader (or is
//     [io.ErrNoProgress]) and is sticky: every later call returns it
//     again. A final line cut short by such an error is not returned.
func (r *Reader) Read() (*Record, error) {
	// Most lines are records of the layout in force whose service is
	// known: parse them straight from the buffer.
	if lay := r.eng.Active(); r.started && lay == r.svcLayout && !r.general && r.eng.SawFields() {
		if s := r.eng.Buffered(); len(s) > 0 {
			if rec, ok, err := r.recordFused(s, lay); ok {
				return rec, err
			}
		}
	}
	r.started = true
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
func (r *Reader) All() iter.Seq2[*Record, error] { return w3c.All(&r.eng, r.Read) }

// Stats returns the line counts so far.
func (r *Reader) Stats() Stats { return Stats(r.eng.Stats) }

// Line returns the number of lines consumed so far, which is the 1-based
// line number of the line behind the last Record or error returned by Read.
func (r *Reader) Line() int { return r.eng.Line() }

// InputOffset returns the input offset just past the last consumed line
// (its "\n" included). A tailer can save it, with [Reader.Layout], and
// later resume reading a file from that offset with a new Reader; line
// numbers then restart at 1.
func (r *Reader) InputOffset() int64 { return r.eng.InputOffset() }

// FieldPos returns the line and 1-based byte column of column i of the
// record most recently returned by Read (0 <= i < Record.NumField). It
// panics if i is out of range, or if no record has been returned.
func (r *Reader) FieldPos(i int) (line, column int) {
	return r.rec.Line, r.eng.FieldColumn(&r.rec.row, i)
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
// Time if none has been read. IIS writes a #Date at the head of every
// directive block: it is when the block (not the file) was started.
func (r *Reader) Date() time.Time { return r.eng.Date() }

// Software returns the value of the last #Software directive, such as
// "Microsoft Internet Information Services 10.0" (the same for web sites,
// FTP and SMTP), "Microsoft HTTP Server API 2.0" or "IIS Advanced Logging
// Module", or nil if none has been read. The bytes are valid until the
// next call to Read.
func (r *Reader) Software() []byte { return r.eng.Software() }
