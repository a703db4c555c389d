package errlog

import (
	"bytes"
	"io"
	"iter"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

// DefaultMaxLineSize is the default limit on the length of a line, in
// bytes, not counting its "\n" terminator. It is far above what HTTP.sys
// writes (it truncates verbs at 255 bytes and URLs at 4096). Longer lines
// produce a [ParseError] wrapping [ErrLineTooLong]. See [Reader.Buffer].
const DefaultMaxLineSize = 64 * 1024

// initialBufSize is the size of the buffer a Reader allocates at its first
// Read, when the caller did not provide one.
const initialBufSize = 64 * 1024

// maxEmptyReads is how many consecutive (0, nil) results of the underlying
// reader are tolerated before Read fails with io.ErrNoProgress.
const maxEmptyReads = 100

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
	r   io.Reader
	buf []byte
	max int // limit on the length of a line, without its '\n'

	start int // start of unconsumed data in buf
	scan  int // buf[start:scan] is known to hold no '\n'
	end   int // end of data in buf

	eof  bool  // the underlying reader returned io.EOF
	rerr error // the underlying reader returned another error
	err  error // sticky error returned by every later Read

	consumed int64 // input offset just past the last consumed line
	lineOff  int64 // input offset of the start of the current line
	line     int   // number of the last consumed line
	started  bool

	layout    *layout // active layout (from the last #Fields directive)
	cur       *layout // layout of the last record or directive, for Index and Fields
	sawFields bool
	date      time.Time // value of the last #Date directive

	rec    Record
	valid  FieldSet // rec.Valid as Read left it
	tok    []span   // fields of the current line
	bounds []span   // columns, when they differ from tok
	addrs  addrParser
	sip    addrCache // server addresses are few

	// One-entry caches: consecutive lines usually share their date and
	// server address.
	lastDate    [10]byte
	lastDateSec int64
	lastDateOK  bool

	stats Stats
}

// NewReader returns a Reader that reads from r. Reading starts with the
// 13-column layout assumed (see the package documentation) and follows
// every #Fields directive.
func NewReader(r io.Reader) *Reader {
	return &Reader{
		r:      r,
		max:    DefaultMaxLineSize,
		layout: layout13,
		cur:    layout13,
	}
}

// Buffer sets the initial buffer to use when reading and the maximum
// length of a line, in bytes, not counting its "\n" terminator. The limit
// is the larger of max and cap(buf)-1; the buffer never grows beyond the
// limit plus one byte. By default the Reader allocates its own buffer and
// the limit is [DefaultMaxLineSize].
//
// Buffer must be called before the first call to Read; it panics if it is
// called after reading has started.
func (r *Reader) Buffer(buf []byte, max int) {
	if r.started {
		panic("errlog: Buffer called after Read")
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
//   - Any other error comes from the underlying reader (or is
//     [io.ErrNoProgress]) and is sticky: every later call returns it
//     again. A final line cut short by such an error is not returned.
func (r *Reader) Read() (*Record, error) {
	r.started = true
	// Most lines are records of a standard layout: parse them straight
	// from the buffer.
	if r.sawFields && r.layout.std > 0 && r.err == nil && r.start < r.end {
		if rec, ok, err := r.recordStandard(r.buf[r.start:r.end], 0, r.end-r.start, r.layout, true); ok {
			return rec, err
		}
	}
	for {
		raw, tooLong, err := r.readLine()
		if err != nil {
			return nil, err
		}
		r.line++
		r.stats.Lines++
		if tooLong {
			r.stats.Malformed++
			r.stats.TooLong++
			return nil, &ParseError{Line: r.line, Column: r.max + 1, Err: ErrLineTooLong}
		}

		// Trim the line terminator, trailing spaces and NUL padding.
		lo, hi := 0, len(raw)
		nul := false
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
		// concatenated to it), and NUL padding before the line.
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
			r.stats.Blank++
			if nul {
				r.stats.Padding++
			}
			continue
		}
		if raw[lo] == '#' {
			r.stats.Directives++
			if err := r.directive(raw, lo, hi); err != nil {
				r.stats.BadDirectives++
				return nil, err
			}
			continue
		}
		return r.record(raw, lo, hi)
	}
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
			if err != nil && r.err != nil {
				return // sticky I/O error
			}
		}
	}
}

// Stats returns the line counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Line returns the number of lines consumed so far, which is the 1-based
// line number of the line behind the last Record or error returned by Read.
func (r *Reader) Line() int { return r.line }

// InputOffset returns the input offset just past the last consumed line
// (its "\n" included). A tailer can save it and later resume reading a
// file from that offset with a new Reader; line numbers then restart at 1.
func (r *Reader) InputOffset() int64 { return r.consumed }

// FieldPos returns the line and 1-based byte column of column i of the
// record most recently returned by Read (0 <= i < Record.NumField). It
// panics if i is out of range, or if no record has been returned.
func (r *Reader) FieldPos(i int) (line, column int) {
	if r.rec.layout == nil || i < 0 || i >= len(r.rec.layout.names) {
		panic("errlog: FieldPos: index out of range")
	}
	return r.rec.Line, r.rec.bounds[i].lo + 1
}

// Index returns the column index of the W3C field name in the current
// layout — the layout of the last record read, or the one set by a later
// #Fields directive — or -1 if the layout has no such column.
func (r *Reader) Index(name string) int {
	if i, ok := r.cur.index[name]; ok {
		return i
	}
	return -1
}

// Fields returns the column names of the current layout (see
// [Reader.Index]), in order. It returns a new slice on every call.
func (r *Reader) Fields() []string {
	return append([]string(nil), r.cur.names...)
}

// Date returns the time of the last #Date directive, in UTC, or the zero
// Time if none has been read.
func (r *Reader) Date() time.Time { return r.date }

// readLine returns the next line without its '\n'. The slice is valid
// until the next call. When the line is longer than the limit, readLine
// discards it through its '\n' and returns tooLong.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	if r.err != nil {
		return nil, false, r.err
	}
	if r.buf == nil {
		r.buf = make([]byte, min(initialBufSize, r.max+1))
	}
	empty := 0
	for {
		if i := bytes.IndexByte(r.buf[r.scan:r.end], '\n'); i >= 0 {
			j := r.scan + i
			line = r.buf[r.start:j]
			r.lineOff = r.consumed
			r.consumed += int64(j + 1 - r.start)
			r.start, r.scan = j+1, j+1
			return line, false, nil
		}
		r.scan = r.end
		if r.rerr != nil {
			r.err = r.rerr
			return nil, false, r.err
		}
		if r.eof {
			if r.start < r.end {
				line = r.buf[r.start:r.end]
				r.lineOff = r.consumed
				r.consumed += int64(r.end - r.start)
				r.start, r.scan = r.end, r.end
				return line, false, nil
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
		n, err := r.r.Read(r.buf[r.end:])
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
			if empty++; empty >= maxEmptyReads {
				r.rerr = io.ErrNoProgress
			}
		default:
			empty = 0
		}
	}
}

// discard drops the over-long line that fills the buffer, reading on until
// its '\n' or the end of the input, without keeping it.
func (r *Reader) discard() error {
	r.lineOff = r.consumed
	r.consumed += int64(r.end)
	r.start, r.scan, r.end = 0, 0, 0
	empty := 0
	for {
		n, err := r.r.Read(r.buf)
		if n < 0 || n > len(r.buf) {
			n, err = 0, io.ErrShortBuffer
		}
		if i := bytes.IndexByte(r.buf[:n], '\n'); i >= 0 {
			r.consumed += int64(i + 1)
			r.start, r.scan, r.end = i+1, i+1, n
			if err == io.EOF {
				r.eof = true
			} else if err != nil {
				r.rerr = err
			}
			return nil
		}
		r.consumed += int64(n)
		switch {
		case err == io.EOF:
			r.eof = true
			return nil // the line ends at the end of the input
		case err != nil:
			r.err = err
			return err
		case n == 0:
			if empty++; empty >= maxEmptyReads {
				r.err = io.ErrNoProgress
				return r.err
			}
		default:
			empty = 0
		}
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

// directive handles a line starting with '#'.
func (r *Reader) directive(raw []byte, lo, hi int) error {
	d := raw[lo:hi]
	switch {
	case bytes.HasPrefix(d, []byte("#Fields:")):
		return r.fieldsDirective(raw, lo+len("#Fields:"), hi)
	case bytes.HasPrefix(d, []byte("#Date:")):
		i := lo + len("#Date:")
		for i < hi && raw[i] == ' ' {
			i++
		}
		v := raw[i:hi]
		if len(v) == 19 && v[10] == ' ' {
			if t, ok := parseDateTime(v[:10], v[11:]); ok {
				r.date = t
				return nil
			}
		}
		return &ParseError{Line: r.line, Column: i + 1, Field: "#Date", Err: ErrBadDirective}
	}
	return nil
}

// fieldsDirective sets the layout from the names in raw[i:hi].
func (r *Reader) fieldsDirective(raw []byte, i, hi int) error {
	for i < hi && raw[i] == ' ' {
		i++
	}
	v := raw[i:hi]
	if len(v) == 0 {
		return &ParseError{Line: r.line, Column: i + 1, Field: "#Fields", Err: ErrBadDirective}
	}
	// The same directive block is written again at every restart of the
	// HTTP service: reuse the layout, so that it costs nothing.
	if string(v) == r.layout.text {
		r.sawFields, r.cur = true, r.layout
		return nil
	}
	for _, l := range knownLayouts {
		if string(v) == l.text {
			r.sawFields, r.layout, r.cur = true, l, l
			return nil
		}
	}
	var names []string
	seen := make(map[string]bool)
	for j := i; j < hi; {
		if raw[j] == ' ' {
			j++
			continue
		}
		k := bytes.IndexByte(raw[j:hi], ' ')
		if k < 0 {
			k = hi - j
		}
		name := string(raw[j : j+k])
		if seen[name] {
			return &ParseError{Line: r.line, Column: j + 1, Field: name, Err: ErrBadDirective}
		}
		seen[name] = true
		names = append(names, name)
		j += k
	}
	l := newLayout(names)
	r.sawFields, r.layout, r.cur = true, l, l
	return nil
}

// record parses the data line raw[lo:hi].
func (r *Reader) record(raw []byte, lo, hi int) (*Record, error) {
	if r.sawFields && r.layout.std > 0 {
		if rec, ok, err := r.recordStandard(raw, lo, hi, r.layout, false); ok {
			return rec, err
		}
	}
	return r.recordGeneral(raw, lo, hi)
}

// recordGeneral is record for any layout and any line: it splits the line
// first, then converts its columns.
func (r *Reader) recordGeneral(raw []byte, lo, hi int) (*Record, error) {
	// Split on single spaces: "a  b" has an empty middle field.
	tok := splitSpaces(r.tok[:0], raw, lo, hi)
	r.tok = tok
	n := len(tok)

	lay := r.layout
	inferred := !r.sawFields
	if inferred {
		if l := layoutByWidth(n); l != nil {
			lay = l
		}
	}
	r.cur = lay

	// Error to report, if any: the first (field count) or the leftmost
	// (invalid value) problem.
	var errKind error
	errCol := 0
	errField := ""

	bounds := tok
	if nc := len(lay.names); n != nc {
		if n < nc {
			r.stats.Malformed++
			return nil, &ParseError{Line: r.line, Column: hi + 1, Field: lay.names[n], Err: ErrFieldCount}
		}
		if lay.free < 0 {
			r.stats.Malformed++
			return nil, &ParseError{Line: r.line, Column: tok[nc].lo + 1, Field: lay.names[nc-1], Err: ErrFieldCount}
		}
		// Anchor the columns before the free-text one from the left and
		// those after it from the right; the free-text column spans the
		// surplus tokens, with their separating spaces.
		extra := n - nc
		f := lay.free
		b := append(r.bounds[:0], tok[:f+1]...)
		b[f].hi = tok[f+extra].hi
		b = append(b, tok[f+extra+1:]...)
		r.bounds = b
		bounds = b
		errKind, errCol, errField = ErrFieldCount, b[f].lo+1, lay.names[f]
		r.stats.Recovered++
	}

	// Fill the reused record in place. Typed fields are written only when
	// they hold a value; those that held one in the previous record and
	// do not now are cleared at the end. This costs less than clearing the
	// whole record on every line.
	rec := &r.rec
	prev := r.valid
	rec.Valid = 0
	rec.Line, rec.Offset, rec.Inferred = r.line, r.lineOff, inferred
	rec.line, rec.bounds, rec.layout = raw, bounds, lay

	var badCol int
	if lay.std > 0 {
		badCol = r.fillStandard(rec, raw, bounds, lay.std)
	} else {
		badCol = r.fillColumns(rec, raw, bounds, lay)
	}

	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	r.stats.Records++
	if inferred {
		r.stats.Inferred++
	}
	if badCol >= 0 {
		r.stats.BadValues++
		if errKind == nil {
			c := badCol
			errKind, errCol, errField = ErrBadValue, bounds[c].lo+1, lay.names[c]
		}
	}
	if errKind != nil {
		return rec, &ParseError{Line: r.line, Column: errCol, Field: errField, Err: errKind}
	}
	return rec, nil
}

// fillColumns fills the typed fields of rec from the columns of any layout,
// and returns the index of the leftmost column with an invalid value, or -1.
func (r *Reader) fillColumns(rec *Record, raw []byte, bounds []span, lay *layout) int {
	badCol := -1
	var date, clock []byte
	kinds := lay.kind
	cols := bounds[:len(kinds)]
	for c, k := range kinds {
		if k == kindNone {
			continue
		}
		sp := cols[c]
		v := raw[sp.lo:sp.hi:sp.hi]
		if len(v) == 1 && v[0] == '-' {
			continue
		}
		ok := true
		switch k {
		case kindDate:
			date = v
		case kindTime:
			clock = v
		case kindClientIP:
			rec.ClientIP, ok = r.addrs.parseAddr(v)
			if ok {
				rec.Valid |= FieldClientIP
			}
		case kindClientPort:
			rec.ClientPort, ok = parsePort(v)
			if ok {
				rec.Valid |= FieldClientPort
			}
		case kindServerIP:
			rec.ServerIP, ok = r.sip.parse(v, &r.addrs)
			if ok {
				rec.Valid |= FieldServerIP
			}
		case kindServerPort:
			rec.ServerPort, ok = parsePort(v)
			if ok {
				rec.Valid |= FieldServerPort
			}
		case kindVersion:
			rec.Version = v
			rec.Valid |= FieldVersion
		case kindMethod:
			rec.Method = v
			rec.Valid |= FieldMethod
		case kindURI:
			rec.URI = v
			rec.Valid |= FieldURI
		case kindStatus:
			ok = r.setStatus(rec, v)
		case kindSiteID:
			rec.SiteID, ok = parseSiteID(v)
			if ok {
				rec.Valid |= FieldSiteID
			}
		case kindReason:
			rec.Reason = httpsys.ParseReason(v)
			rec.Valid |= FieldReason
		case kindQueueName:
			rec.QueueName = v
			rec.Valid |= FieldQueueName
		}
		if !ok && badCol < 0 {
			badCol = c
		}
	}
	if date != nil && clock != nil {
		dateOK, clockOK := r.setTime(rec, date, clock)
		if !dateOK && (badCol < 0 || lay.date < badCol) {
			badCol = lay.date
		}
		if !clockOK && (badCol < 0 || lay.time < badCol) {
			badCol = lay.time
		}
	}
	return badCol
}

// fillStandard is fillColumns for the layouts HTTP.sys writes: date, time,
// c-ip, c-port, s-ip, s-port, cs-version, cs-method and cs-uri first, then
// sc-status, s-siteid, s-reason and s-queuename from column st on, with
// columns without a typed field in between or after. Fixed positions spare
// the per-column dispatch.
func (r *Reader) fillStandard(rec *Record, raw []byte, bounds []span, st int) int {
	cols := bounds[:st+4]
	col := func(i int) []byte {
		sp := cols[i]
		return raw[sp.lo:sp.hi:sp.hi]
	}
	badCol := -1
	if d, t := col(0), col(1); !isDash(d) && !isDash(t) {
		dateOK, clockOK := r.setTime(rec, d, t)
		if !dateOK {
			badCol = 0
		} else if !clockOK {
			badCol = 1
		}
	}
	if v := col(2); !isDash(v) {
		var ok bool
		if rec.ClientIP, ok = r.addrs.parseAddr(v); ok {
			rec.Valid |= FieldClientIP
		} else if badCol < 0 {
			badCol = 2
		}
	}
	if v := col(3); !isDash(v) {
		var ok bool
		if rec.ClientPort, ok = parsePort(v); ok {
			rec.Valid |= FieldClientPort
		} else if badCol < 0 {
			badCol = 3
		}
	}
	if v := col(4); !isDash(v) {
		var ok bool
		if rec.ServerIP, ok = r.sip.parse(v, &r.addrs); ok {
			rec.Valid |= FieldServerIP
		} else if badCol < 0 {
			badCol = 4
		}
	}
	if v := col(5); !isDash(v) {
		var ok bool
		if rec.ServerPort, ok = parsePort(v); ok {
			rec.Valid |= FieldServerPort
		} else if badCol < 0 {
			badCol = 5
		}
	}
	if v := col(6); !isDash(v) {
		rec.Version = v
		rec.Valid |= FieldVersion
	}
	if v := col(7); !isDash(v) {
		rec.Method = v
		rec.Valid |= FieldMethod
	}
	if v := col(8); !isDash(v) {
		rec.URI = v
		rec.Valid |= FieldURI
	}
	if v := col(st); !isDash(v) && !r.setStatus(rec, v) && badCol < 0 {
		badCol = st
	}
	if v := col(st + 1); !isDash(v) {
		var ok bool
		if rec.SiteID, ok = parseSiteID(v); ok {
			rec.Valid |= FieldSiteID
		} else if badCol < 0 {
			badCol = st + 1
		}
	}
	if v := col(st + 2); !isDash(v) {
		rec.Reason = httpsys.ParseReason(v)
		rec.Valid |= FieldReason
	}
	if v := col(st + 3); !isDash(v) {
		rec.QueueName = v
		rec.Valid |= FieldQueueName
	}
	return badCol
}

// setStatus sets rec.Status from v and reports whether v was valid.
func (r *Reader) setStatus(rec *Record, v []byte) bool {
	s, ok := parseStatus(v)
	if ok {
		rec.Status = status.Code(s)
		rec.Valid |= FieldStatus
	}
	return ok
}

// setTime sets rec.Time from a date and a time column, and reports whether
// each was valid.
func (r *Reader) setTime(rec *Record, date, clock []byte) (dateOK, clockOK bool) {
	var day int64
	dateOK = true
	if len(date) == 10 && r.lastDateOK && string(date) == string(r.lastDate[:]) {
		day = r.lastDateSec
	} else if day, dateOK = parseDate(date); dateOK {
		copy(r.lastDate[:], date)
		r.lastDateSec, r.lastDateOK = day, true
	}
	sec, clockOK := parseClock(clock)
	if dateOK && clockOK {
		rec.Time = time.Unix(day+sec, 0).UTC()
		rec.Valid |= FieldTime
	}
	return dateOK, clockOK
}
