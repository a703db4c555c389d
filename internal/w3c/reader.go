package w3c

import (
	"bytes"
	"io"
	"time"
)

// DefaultMaxLineSize is the default limit on the length of a line, in
// bytes, not counting its "\n" terminator.
const DefaultMaxLineSize = 64 * 1024

// initialBufSize is the size of the buffer a Reader allocates at its first
// read, when the caller did not provide one.
const initialBufSize = 64 * 1024

// maxEmptyReads is how many consecutive (0, nil) results of the underlying
// reader are tolerated before reading fails with io.ErrNoProgress.
const maxEmptyReads = 100

// Stats counts the lines a [Reader] has consumed; readers convert it to
// their own exported Stats type, which has the same fields. The engine
// counts Lines, Directives, Blank, BadDirectives, Padding, TooLong, and the
// Malformed lines it rejects itself (too long, a wrong number of fields,
// UTF-16); the reader counts Records, BadValues and Inferred, and Malformed
// for the lines it rejects. Every line is counted once in Lines and once
// in exactly one of Records, Directives, Blank and Malformed.
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

// A Line is a data line returned by [Reader.Next]: Raw is the line as read,
// without its "\n" (a trailing "\r" and a leading byte order mark are kept),
// and Raw[Lo:Hi] its content, without the byte order mark, leading and
// trailing NUL padding, a trailing "\r" and trailing spaces. Raw is valid
// until the next call that reads.
type Line struct {
	Raw    []byte
	Lo, Hi int
}

// A Reader is the engine of a W3C log reader: it reads lines from an
// io.Reader into one bounded buffer, handles directives and keeps the
// active layout. See the package documentation for its contract. The zero
// Reader is not usable: call [Reader.Init]. A Reader is not safe for
// concurrent use.
type Reader struct {
	// Stats are the line counts so far. The reader adds its own counts
	// to them (see [Stats]).
	Stats Stats

	src    io.Reader
	schema *Schema
	buf    []byte
	max    int // limit on the length of a line, without its '\n'

	start int   // start of unconsumed data in buf
	scan  int   // buf[start:scan] is known to hold no '\n'
	end   int   // end of data in buf
	pad   int64 // NUL bytes skipped before buf[start], at the start of the current line
	empty int   // consecutive (0, nil) reads

	eof  bool  // the underlying reader returned io.EOF
	rerr error // the underlying reader returned another error
	err  error // sticky error returned by every later read

	consumed int64 // input offset just past the last consumed line
	lineOff  int64 // input offset of the start of the last consumed line
	line     int   // number of the last consumed line
	padded   bool  // the last consumed line started with NUL padding
	started  bool
	checked  bool // the start of the input was checked for UTF-16

	layout    *Layout // active layout: the last #Fields directive, or the default
	cur       *Layout // layout of the last record or directive
	sawFields bool
	date      time.Time // value of the last #Date directive
	software  []byte    // value of the last #Software directive

	tok  []Span // fields of the current line
	cols []Span // columns of the current line, when they differ from tok
}

// Init readies r to read from src in the format described by s, with the
// default limit [DefaultMaxLineSize] and the layout s.Default in force.
func (r *Reader) Init(src io.Reader, s *Schema) {
	*r = Reader{src: src, schema: s, max: DefaultMaxLineSize, layout: s.Default, cur: s.Default}
}

// Buffer sets the initial buffer and the limit on the length of a line,
// with the contract of the readers' Buffer methods: the limit is the larger
// of max and cap(buf)-1, and the buffer never grows beyond the limit plus
// one byte. It panics if reading has started.
func (r *Reader) Buffer(buf []byte, max int) {
	if r.started {
		panic(r.schema.Name + ": Buffer called after Read")
	}
	r.buf = buf[0:cap(buf)]
	r.max = max
	if cap(buf)-1 > r.max {
		r.max = cap(buf) - 1
	}
	if r.max < 1 {
		r.max = 1
	}
}

// Max returns the limit on the length of a line (see Buffer).
func (r *Reader) Max() int { return r.max }

// SetLayout puts l in force as if a #Fields directive of that layout had
// preceded the input; nil restores the default layout and its inference.
// It panics if reading has started.
func (r *Reader) SetLayout(l *Layout) {
	if r.started {
		panic(r.schema.Name + ": SetLayout called after Read")
	}
	if l == nil {
		r.layout, r.cur, r.sawFields = r.schema.Default, r.schema.Default, false
		return
	}
	r.layout, r.cur, r.sawFields = l, l, true
}

// Layout returns the layout of the last #Fields directive (or of
// SetLayout), or nil if there was none.
func (r *Reader) Layout() *Layout {
	if !r.sawFields {
		return nil
	}
	return r.layout
}

// Active returns the layout in force: that of the last #Fields directive,
// or the default one.
func (r *Reader) Active() *Layout { return r.layout }

// SawFields reports whether a #Fields directive (or SetLayout) has put a
// layout in force; before that, readers infer the layout of data lines.
func (r *Reader) SawFields() bool { return r.sawFields }

// Current returns the current layout: that of the last record read (see
// SetCurrent), or of a later #Fields directive.
func (r *Reader) Current() *Layout { return r.cur }

// SetCurrent records l as the layout of the record being read.
func (r *Reader) SetCurrent(l *Layout) { r.cur = l }

// Date returns the time of the last #Date directive, in UTC, or the zero
// Time if none has been read.
func (r *Reader) Date() time.Time { return r.date }

// Software returns the value of the last #Software directive ("Microsoft
// HTTP API 2.0"), or nil. The bytes are valid until the next directive.
func (r *Reader) Software() []byte { return r.software }

// Line returns the number of lines consumed so far.
func (r *Reader) Line() int { return r.line }

// InputOffset returns the input offset just past the last consumed line.
func (r *Reader) InputOffset() int64 { return r.consumed }

// LineOffset returns the input offset of the first byte of Raw of the last
// consumed line.
func (r *Reader) LineOffset() int64 { return r.lineOff }

// Err returns the sticky error, if reading has stopped: io.EOF at the end
// of the input, an I/O error, or io.ErrNoProgress.
func (r *Reader) Err() error { return r.err }

// Error returns the reader's error for a problem on the last consumed line.
func (r *Reader) Error(column int, field string, p Problem) error {
	return r.schema.Error(r.line, column, field, p)
}

// Buffered returns the unconsumed data in the buffer, for a fused path to
// parse a line in place; nil once reading has stopped. A fused path that
// takes the line consumes it with ConsumeLine; one that gives up leaves it
// to Next.
func (r *Reader) Buffered() []byte {
	if r.err != nil {
		return nil
	}
	return r.buf[r.start:r.end]
}

// ConsumeLine consumes the first line of Buffered, n bytes long, and its
// "\n", which must be in the buffer.
func (r *Reader) ConsumeLine(n int) {
	r.line++
	r.Stats.Lines++
	r.lineOff = r.consumed
	r.consumed += int64(n + 1)
	r.start += n + 1
	r.scan = r.start
}

// Spans returns a slice of n spans for a fused path to fill, reusing the
// storage of Split.
func (r *Reader) Spans(n int) []Span {
	if cap(r.tok) < n {
		r.tok = make([]Span, n, max(n, 32))
	}
	return r.tok[:n]
}

// Next consumes lines up to the next data line and returns it. Directives,
// blank lines and NUL padding are handled and counted on the way. Next
// returns an error built by Schema.Error for a line it rejects (too long,
// a malformed directive, UTF-16 input), after which the next call goes on
// with the next line, and the sticky error (io.EOF, an I/O error) once
// reading has stopped.
func (r *Reader) Next() (Line, error) {
	r.started = true
	if !r.checked {
		if err := r.checkStart(); err != nil {
			return Line{}, err
		}
	}
	for {
		raw, tooLong, err := r.readLine()
		if err != nil {
			return Line{}, err
		}
		r.line++
		r.Stats.Lines++
		if tooLong {
			r.Stats.Malformed++
			r.Stats.TooLong++
			return Line{}, r.Error(r.max+1, "", LineTooLong)
		}

		// Trim the line terminator, trailing spaces and NUL padding.
		lo, hi := 0, len(raw)
		nul := r.padded
		for hi > 0 {
			c := raw[hi-1]
			if c == '\r' || c == ' ' {
				hi--
			} else if c == 0 {
				hi--
				nul = true
			} else {
				break
			}
		}
		// A byte order mark (at the start of the input, or of a file
		// concatenated to it), and NUL padding after it.
		if hi >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
			lo = 3
		}
		for lo < hi && raw[lo] == 0 {
			lo++
			nul = true
		}
		for lo < hi && raw[lo] == ' ' && allSpace(raw[lo:hi]) {
			lo = hi
		}
		if lo == hi {
			r.Stats.Blank++
			if nul {
				r.Stats.Padding++
			}
			continue
		}
		if raw[lo] == '#' {
			r.Stats.Directives++
			if err := r.directive(raw, lo, hi); err != nil {
				r.Stats.BadDirectives++
				return Line{}, err
			}
			continue
		}
		return Line{Raw: raw, Lo: lo, Hi: hi}, nil
	}
}

func allSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

// Split splits the content of the data line l on single spaces, into
// storage reused by the next call.
func (r *Reader) Split(l Line) []Span {
	r.tok = Split(r.tok[:0], l.Raw, l.Lo, l.Hi)
	return r.tok
}

// Fit matches tok, the fields of the data line l (from Split), to the
// columns of lay. When the counts agree it returns tok. When the line has
// more fields and lay a Free column, that column spans the surplus
// fields, with their separating spaces: the columns before it are taken
// from the left and those after it from the right; Fit returns these
// columns and recovered, and counts the line in Stats.Recovered (the reader
// reports FieldCount at the Free column, with its record). Otherwise it
// counts the line as Malformed and returns the FieldCount error.
func (r *Reader) Fit(l Line, tok []Span, lay *Layout) (cols []Span, recovered bool, err error) {
	n, nc := len(tok), len(lay.Names)
	if n == nc {
		return tok, false, nil
	}
	if n < nc {
		r.Stats.Malformed++
		return nil, false, r.Error(l.Hi+1, lay.Names[n], FieldCount)
	}
	f := lay.Free
	if f < 0 {
		r.Stats.Malformed++
		return nil, false, r.Error(tok[nc].Lo+1, lay.Names[nc-1], FieldCount)
	}
	extra := n - nc
	b := append(r.cols[:0], tok[:f+1]...)
	b[f].Hi = tok[f+extra].Hi
	b = append(b, tok[f+extra+1:]...)
	r.cols = b
	r.Stats.Recovered++
	return b, true, nil
}

// checkStart fails when the input starts like UTF-16 text. Afterwards the
// Reader reports io.EOF: nothing of such an input can be read as it is.
func (r *Reader) checkStart() error {
	r.checked = true
	if r.buf == nil {
		r.buf = make([]byte, min(initialBufSize, r.max+1))
	}
	for r.end < 4 && r.end < len(r.buf) && !r.eof && r.rerr == nil {
		r.fill()
	}
	if !isUTF16(r.buf[:r.end]) {
		return nil
	}
	r.line++
	r.Stats.Lines++
	r.Stats.Malformed++
	r.err = io.EOF
	return r.Error(1, "", UTF16)
}

// isUTF16 reports whether b, the first bytes of the input, look like UTF-16
// text: a byte order mark (FF FE, FE FF), or two ASCII characters
// interleaved with NUL bytes.
func isUTF16(b []byte) bool {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return true
	}
	if len(b) < 4 {
		return false
	}
	text := func(c byte) bool { return c >= ' ' && c < 0x7F || c == '\t' || c == '\r' || c == '\n' }
	return text(b[0]) && b[1] == 0 && text(b[2]) && b[3] == 0 ||
		b[0] == 0 && text(b[1]) && b[2] == 0 && text(b[3])
}

// fill reads once from the source into the free space at the end of buf.
func (r *Reader) fill() {
	n, err := r.src.Read(r.buf[r.end:])
	if n < 0 || n > len(r.buf)-r.end {
		n, err = 0, io.ErrShortBuffer
	}
	r.end += n
	switch {
	case err == io.EOF:
		r.eof = true
	case err != nil:
		r.rerr = err
	case n == 0:
		if r.empty++; r.empty >= maxEmptyReads {
			r.rerr = io.ErrNoProgress
		}
	default:
		r.empty = 0
	}
}

// readLine returns the next line without its '\n', and without the NUL
// padding that starts it: a run of NUL bytes at the start of a line is
// skipped as it is read, whatever its length, so that it never takes room
// in the buffer. The slice is valid until the next call. When the line is
// longer than the limit, readLine discards it through its '\n' and returns
// tooLong.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	if r.err != nil {
		return nil, false, r.err
	}
	if r.buf == nil {
		r.buf = make([]byte, min(initialBufSize, r.max+1))
	}
	for {
		if r.start == r.scan {
			// Nothing of the line seen yet but NUL bytes: skip them.
			i := r.start
			for i < r.end && r.buf[i] == 0 {
				i++
			}
			r.pad += int64(i - r.start)
			r.start, r.scan = i, i
		}
		if i := bytes.IndexByte(r.buf[r.scan:r.end], '\n'); i >= 0 {
			j := r.scan + i
			return r.take(j, j+1), false, nil
		}
		r.scan = r.end
		if r.rerr != nil {
			r.err = r.rerr
			return nil, false, r.err
		}
		if r.eof {
			if r.start < r.end || r.pad > 0 {
				return r.take(r.end, r.end), false, nil
			}
			r.err = io.EOF
			return nil, false, r.err
		}
		// Make room: move the partial line to the front, grow, or give up.
		if r.start > 0 {
			n := copy(r.buf, r.buf[r.start:r.end])
			r.scan -= r.start
			r.start, r.end = 0, n
		}
		if r.end == len(r.buf) {
			if len(r.buf) <= r.max {
				nb := make([]byte, min(2*len(r.buf)+1, r.max+1))
				copy(nb, r.buf[:r.end])
				r.buf = nb
			} else {
				return nil, true, r.discard()
			}
		}
		r.fill()
	}
}

// take consumes the line buf[start:end] and its terminator, which ends at
// next, and returns the line.
func (r *Reader) take(end, next int) []byte {
	line := r.buf[r.start:end]
	r.lineOff = r.consumed + r.pad
	r.consumed = r.lineOff + int64(next-r.start)
	r.padded, r.pad = r.pad > 0, 0
	r.start, r.scan = next, next
	return line
}

// discard drops the over-long line that fills the buffer, reading on until
// its '\n' or the end of the input, without keeping it.
func (r *Reader) discard() error {
	r.lineOff = r.consumed + r.pad
	r.consumed = r.lineOff + int64(r.end)
	r.padded, r.pad = r.pad > 0, 0
	r.start, r.scan, r.end = 0, 0, 0
	for {
		r.fill()
		if i := bytes.IndexByte(r.buf[:r.end], '\n'); i >= 0 {
			r.consumed += int64(i + 1)
			r.start, r.scan = i+1, i+1
			return nil
		}
		r.consumed += int64(r.end)
		r.end = 0
		switch {
		case r.eof:
			return nil // the line ends at the end of the input
		case r.rerr != nil:
			r.err = r.rerr
			return r.err
		}
	}
}

// directive handles a line starting with '#'. #Fields sets the layout,
// #Date the date, #Software is kept; the others (#Version, #Remark,
// #Start-Date, #End-Date and any unknown one) are harmless.
func (r *Reader) directive(raw []byte, lo, hi int) error {
	d := raw[lo:hi]
	switch {
	case bytes.HasPrefix(d, []byte("#Fields:")):
		i := lo + len("#Fields:")
		l, at := r.schema.ParseLayout(raw[i:hi], r.layout)
		if l == nil {
			return r.Error(i+at+1, "#Fields", BadDirective)
		}
		r.layout, r.cur, r.sawFields = l, l, true
	case bytes.HasPrefix(d, []byte("#Date:")):
		i := lo + len("#Date:")
		for i < hi && raw[i] == ' ' {
			i++
		}
		v := raw[i:hi]
		if len(v) == 19 && v[10] == ' ' {
			if t, ok := ParseDateTime(v[:10], v[11:]); ok {
				r.date = t
				return nil
			}
		}
		return r.Error(i+1, "#Date", BadDirective)
	case bytes.HasPrefix(d, []byte("#Software:")):
		r.software = append(r.software[:0], bytes.TrimLeft(raw[lo+len("#Software:"):hi], " ")...)
	}
	return nil
}

// A Row is the raw side of a record: its line, the span of each column,
// and its layout. Readers embed one in their Record and build Field,
// Column and NumField on it. The zero Row has no columns.
type Row struct {
	Line   []byte  // the raw line, without its '\n'
	Cols   []Span  // the span of each column in Line
	Layout *Layout // immutable, shared
}

// Field returns the raw bytes of the column called name, and whether the
// layout has that column.
func (w *Row) Field(name string) ([]byte, bool) {
	if w.Layout == nil {
		return nil, false
	}
	i, ok := w.Layout.index[name]
	if !ok {
		return nil, false
	}
	return w.Col(i), true
}

// Col returns the raw bytes of column i.
func (w *Row) Col(i int) []byte {
	sp := w.Cols[i]
	return w.Line[sp.Lo:sp.Hi:sp.Hi]
}

// Value returns column i, or nil when i < 0 or the column holds "-".
func (w *Row) Value(i int) []byte {
	if i < 0 {
		return nil
	}
	if b := w.Col(i); !IsDash(b) {
		return b
	}
	return nil
}

// NumField returns the number of columns of the layout.
func (w *Row) NumField() int {
	if w.Layout == nil {
		return 0
	}
	return len(w.Layout.Names)
}

// Clone returns a copy of w that owns its line and spans.
func (w *Row) Clone() Row {
	return Row{
		Line:   append([]byte(nil), w.Line...),
		Cols:   append([]Span(nil), w.Cols...),
		Layout: w.Layout,
	}
}
