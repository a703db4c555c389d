package iislog

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"time"

	"github.com/iisstatus/iisstatus/internal/w3c"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/win32"
)

// This file turns data lines into Records, in two ways that give the same
// result:
//
//   - record, for any line: the engine splits the line, the layout is
//     inferred if no #Fields directive has been seen, surplus fields are
//     regrouped (quoted values, doubled spaces), the service of a new
//     layout is decided, and w3c.Fill hands each typed column to
//     setColumn.
//   - recordFused, for the lines of the layout in force once its service
//     is known: it splits the line and converts its typed columns in a
//     single pass straight from the engine's buffer, following a plan
//     made once per layout (one step per column: how to read it, and
//     which field it fills). The parser of a numeric or address column
//     finds where the column ends, so that those columns are never
//     scanned twice; text columns end within sixteen bytes (w3c.Space8)
//     or at the space w3c.SpaceEnd finds, or bytes.IndexByte for the
//     long ones; anything else is converted by setColumn. It finds the
//     line's '\n' first, with one vector scan, so that no column is
//     scanned for it, and the engine's own search for it is saved.
//     Whenever the line is not a plain data line with exactly the
//     layout's number of fields, it gives up and record handles the line.
//
// TestFusedMatchesGeneral and FuzzFused check that the two agree.

// maxInt63 bounds byte counts, which must fit an int64, and maxTakenMS
// times taken, which must fit a time.Duration.
const (
	maxInt63   uint64 = 1<<63 - 1
	maxTakenMS        = maxInt63 / uint64(time.Millisecond)
)

// record converts the data line l.
func (r *Reader) record(l w3c.Line) (*Record, error) {
	tok := r.eng.Split(l)
	lay := r.eng.Active()
	inferred := !r.eng.SawFields()
	if inferred {
		lay = r.infer(l.Raw, tok)
	}
	r.eng.SetCurrent(lay)
	cols, errCol, err := r.eng.Fit(l, tok, lay) // regroups surplus fields
	if err != nil {
		return nil, err
	}
	if lay != r.svcLayout {
		r.decideService(lay, l.Raw, cols)
	}

	// Fill the reused record in place. Typed fields are written only when
	// they hold a value; those that held one in the previous record and
	// do not now are cleared at the end. This costs less than clearing the
	// whole record on every line.
	rec := &r.rec
	prev := r.valid
	rec.Valid = 0
	date, clock, badCol := w3c.Fill(l.Raw, cols, lay, func(k w3c.Kind, v []byte) bool { return r.setColumn(rec, k, v) })
	badCol = r.timeColumns(rec, lay, date, clock, badCol)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), inferred
	rec.row = w3c.Row{Line: l.Raw, Cols: cols, Layout: lay}
	return r.finish(rec, prev, errCol, badCol)
}

// finish clears the stale fields of rec (those valid in the previous
// record, prev, and not now), counts it, and returns it with the error of
// its line (see w3c.Reader.Finish).
func (r *Reader) finish(rec *Record, prev FieldSet, errCol, badCol int) (*Record, error) {
	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	rec.Service = r.svc
	return rec, r.eng.Finish(&rec.row, rec.Inferred, errCol, badCol)
}

// timeColumns sets rec.Time from the date and time columns of lay (nil
// when absent or "-"), and returns the leftmost invalid column: badCol, or
// the date or time column if it is invalid and further left.
func (r *Reader) timeColumns(rec *Record, lay *w3c.Layout, date, clock []byte, badCol int) int {
	if date == nil && clock == nil {
		return badCol
	}
	dateOK, clockOK := r.setTime(rec, lay, date, clock)
	return lay.Leftmost(badCol, dateOK, clockOK)
}

// setColumn converts v, the value (not "-") of a column of kind k other
// than date and time, into its typed field of rec, and reports whether v
// was valid. An invalid value leaves the field zero and unset.
func (r *Reader) setColumn(rec *Record, k w3c.Kind, v []byte) bool {
	ok := true
	set := columns[k-1].field
	switch k {
	case kindServerIP:
		rec.ServerIP, ok = r.sip.Parse(v, &r.addrs)
	case kindClientIP:
		rec.ClientIP, ok = r.cip.Parse(v, &r.addrs)
	case kindServerPort:
		rec.ServerPort, ok = w3c.ParsePort(v)
	case kindClientPort:
		rec.ClientPort, ok = w3c.ParsePort(v)
	case kindStatus:
		if r.svc == ServiceHTTP {
			var s int
			s, ok = w3c.ParseStatus(v)
			rec.Status, set = status.Code(s), FieldStatus
		} else {
			rec.Reply, ok = w3c.ParsePort(v) // a number of 0 to 65535
			set = FieldReply
		}
	case kindSubstatus:
		rec.sub, ok = w3c.ParsePort(v) // IIS logs a USHORT
	case kindWin32:
		var w uint32
		w, ok = w3c.ParseUint32(v)
		rec.win32 = win32.Code(w)
	case kindBytesSent:
		rec.BytesSent, ok = parseInt63(v)
	case kindBytesReceived:
		rec.BytesReceived, ok = parseInt63(v)
	case kindTimeTaken:
		var ms int64
		var n uint64
		n, ok = w3c.ParseUint(v, 13, maxTakenMS)
		ms = int64(n)
		rec.TimeTaken = time.Duration(ms) * time.Millisecond
	default:
		*rec.text(k) = v
	}
	if ok {
		rec.Valid |= set
	}
	return ok
}

func parseInt63(v []byte) (int64, bool) {
	n, ok := w3c.ParseUint(v, 19, maxInt63)
	return int64(n), ok
}

// setTime sets rec.Time from a date and a time column, either of which may
// be nil (absent or "-"), and reports whether each present one was valid.
// A layout without a date column takes the day from the last #Date
// directive.
func (r *Reader) setTime(rec *Record, lay *w3c.Layout, date, clock []byte) (dateOK, clockOK bool) {
	if lay.Col(kindDate) < 0 && clock != nil {
		sec, ok := w3c.ParseClock(clock)
		if ok {
			r.setClockOnly(rec, sec)
		}
		return true, ok
	}
	t, set, dateOK, clockOK := r.dates.Time(date, clock)
	if set {
		rec.Time = t
		rec.Valid |= FieldTime
	}
	return dateOK, clockOK
}

// setClockOnly sets rec.Time from sec, the seconds since midnight of a
// record whose layout has no date column: the day is that of the last
// #Date directive, and moves on to the next day when the time of day goes
// back by more than twelve hours (IIS does not keep records in strict
// order, but never by hours).
func (r *Reader) setClockOnly(rec *Record, sec int64) {
	d := r.eng.Date()
	if d.IsZero() {
		return
	}
	const day = 24 * 60 * 60
	if !d.Equal(r.dateRef) {
		u := d.Unix()
		r.dateRef, r.dayBase, r.dayClock = d, u-u%day, u%day
	}
	if sec+day/2 < r.dayClock {
		r.dayBase += day
	}
	r.dayClock = sec
	rec.Time = time.Unix(r.dayBase+sec, 0).UTC()
	rec.Valid |= FieldTime
}

// infer returns the layout of a data line read before any #Fields
// directive, whose fields are tok: the first known layout of its width
// whose typed columns all accept their values, else the first of its
// width, else the default.
func (r *Reader) infer(raw []byte, tok []w3c.Span) *w3c.Layout {
	cand := inferredLayouts[len(tok)]
	if len(cand) == 0 {
		return schema.Default
	}
	for _, lay := range cand {
		if r.accepts(lay, raw, tok) {
			return lay
		}
	}
	return cand[0]
}

// accepts reports whether every typed column of lay holds a valid value or
// "-" in the fields tok of raw.
func (r *Reader) accepts(lay *w3c.Layout, raw []byte, tok []w3c.Span) bool {
	scratch := &r.scratch
	for c, k := range lay.Kinds {
		v := raw[tok[c].Lo:tok[c].Hi]
		if k == kindNone || w3c.IsDash(v) {
			continue
		}
		switch k {
		case kindDate:
			if _, ok := w3c.ParseDate(v); !ok {
				return false
			}
		case kindTime:
			if _, ok := w3c.ParseClock(v); !ok {
				return false
			}
		default:
			if !r.setColumn(scratch, k, v) {
				return false
			}
		}
	}
	return true
}

// decideService decides the service of lay, a layout met for the first
// time (or again after another one), from its column names and from the
// values of the record cols of raw.
func (r *Reader) decideService(lay *w3c.Layout, raw []byte, cols []w3c.Span) {
	clue := infoOf(lay).clue
	val := func(k w3c.Kind) []byte {
		if c := lay.Col(k); c >= 0 {
			return raw[cols[c].Lo:cols[c].Hi]
		}
		return nil
	}
	if clue == clueNone {
		clue = siteClue(val(kindSiteName))
	}
	if clue == clueNone {
		clue = versionClue(val(kindVersion))
	}
	if clue == clueNone {
		clue = methodClue(val(kindMethod))
	}
	r.svcLayout, r.svc = lay, clue.service()
}

// regroup, the Schema.Regroup of the engine, fits the fields tok of raw,
// more than n, to n columns appended to cols, when the surplus is
// explained by values in double quotes (the IIS Advanced Logging module
// and the W3C draft quote a value that holds spaces, doubling the quotes
// inside it) or by doubled spaces (empty fields that IIS never writes). It
// returns the columns and the first column that needed regrouping.
func regroup(cols []w3c.Span, raw []byte, tok []w3c.Span, n int) (_ []w3c.Span, first int, ok bool) {
	first = -1
	for i := 0; i < len(tok); i++ {
		sp := tok[i]
		switch {
		case sp.Lo == sp.Hi:
			// An empty field between two spaces: part of the separator.
			if first < 0 {
				first = len(cols)
			}
			continue
		case raw[sp.Lo] == '"' && !closesQuote(raw[sp.Lo+1:sp.Hi]):
			j := i + 1
			for j < len(tok) && !closesQuote(raw[tok[j].Lo:tok[j].Hi]) {
				j++
			}
			if j == len(tok) {
				return nil, 0, false // the quote is never closed
			}
			if first < 0 {
				first = len(cols)
			}
			sp.Hi = tok[j].Hi
			i = j
		}
		cols = append(cols, sp)
	}
	if len(cols) != n || first < 0 {
		return nil, 0, false
	}
	return cols, first, true
}

// closesQuote reports whether a field (after the opening quote, for the
// field that opens a quoted value) ends a quoted value: it ends with an odd
// number of double quotes, doubled quotes standing for one.
func closesQuote(b []byte) bool {
	q := 0
	for i := len(b) - 1; i >= 0 && b[i] == '"'; i-- {
		q++
	}
	return q%2 == 1
}

// A plan is how recordFused reads the columns of a layout: one step per
// column, built once per layout and service.
type plan struct {
	lay      *w3c.Layout
	svc      Service
	dateTime bool // the layout starts with date and time
	steps    []step
}

// An op is how recordFused reads a column.
type op uint8

const (
	opOther    op = iota // a column without a fast way: found and converted as record does
	opText               // a text column, found with w3c.SpaceEnd
	opLong               // a long text column, found with bytes.IndexByte
	opServerIP           // s-ip: the last address, or IPv4 parsed in place
	opClientIP           // c-ip: IPv4 parsed in place
	opStatus             // sc-status of a web site: three digits
	opUint16             // s-port, c-port, sc-substatus
	opUint32             // sc-win32-status
	opInt64              // sc-bytes, cs-bytes, time-taken
)

// A step reads one column: its op tells how, and the typed field of the
// Record it fills is one of the pointers (none for opOther). The end of a
// long column (a user agent, a referer, a cookie, a path) is found with
// bytes.IndexByte, whose vector loop wins beyond about 16 bytes.
type step struct {
	op     op
	kind   w3c.Kind
	triple bool // opStatus: sc-substatus and sc-win32-status follow, not last
	digits int  // opInt64: at most this many digits
	bit    FieldSet
	max    uint64 // opInt64: at most this value
	mul    int64  // opInt64: the unit of the value
	text   *[]byte
	u16    *uint16
	u32    *uint32
	i64    *int64
}

// planFor returns the plan of lay, building it if lay is not the layout of
// the last plan or the service has changed.
func (r *Reader) planFor(lay *w3c.Layout) *plan {
	p := &r.plan
	if p.lay == lay && p.svc == r.svc {
		return p
	}
	rec := &r.rec
	p.lay, p.svc = lay, r.svc
	p.dateTime = len(lay.Kinds) > 2 && lay.Kinds[0] == kindDate && lay.Kinds[1] == kindTime
	p.steps = p.steps[:0]
	for _, k := range lay.Kinds {
		st := step{kind: k}
		if k != kindNone {
			st.bit = columns[k-1].field
		}
		switch k {
		case kindUserAgent, kindReferer, kindCookie, kindURIStem:
			st.op, st.text = opLong, rec.text(k)
		case kindSiteName, kindComputerName, kindMethod, kindURIQuery, kindUsername, kindVersion, kindHost:
			st.op, st.text = opText, rec.text(k)
		case kindServerIP:
			st.op = opServerIP
		case kindClientIP:
			st.op = opClientIP
		case kindStatus:
			if r.svc == ServiceHTTP {
				st.op, st.bit = opStatus, FieldStatus
			}
		case kindServerPort:
			st.op, st.u16 = opUint16, &rec.ServerPort
		case kindClientPort:
			st.op, st.u16 = opUint16, &rec.ClientPort
		case kindSubstatus:
			st.op, st.u16 = opUint16, &rec.sub
		case kindWin32:
			st.op, st.u32 = opUint32, (*uint32)(&rec.win32)
		case kindBytesSent:
			st.op, st.i64, st.digits, st.max, st.mul = opInt64, &rec.BytesSent, 19, maxInt63, 1
		case kindBytesReceived:
			st.op, st.i64, st.digits, st.max, st.mul = opInt64, &rec.BytesReceived, 19, maxInt63, 1
		case kindTimeTaken:
			st.op, st.i64, st.digits, st.max, st.mul = opInt64, (*int64)(&rec.TimeTaken), 13, maxTakenMS, int64(time.Millisecond)
		}
		p.steps = append(p.steps, st)
	}
	for c := range len(p.steps) - 3 {
		if p.steps[c].op == opStatus && lay.Kinds[c+1] == kindSubstatus && lay.Kinds[c+2] == kindWin32 {
			p.steps[c].triple = true
		}
	}
	return p
}

// recordFused is record for a line of lay, the layout in force, whose
// service is known, read straight from s, the unconsumed data of the
// engine's buffer. It reports ok == false, having consumed nothing,
// whenever the line might be anything else than a plain data line with the
// layout's number of fields (it starts with '#', a space, a NUL byte, a
// byte order mark or a line end; it is not all in the buffer; it has more
// or fewer fields; its end carries a '\r', spaces or NUL bytes in another
// place than right before the '\n'); record then handles it. The typed
// fields it sets before giving up are marked stale, so that record clears
// them if it must.
//
// The loop over the columns keeps few values live, so that they stay in
// registers across the calls of the parsers: the date and time, which
// lead every standard layout, are read before it, and the leftmost invalid
// column is kept in r.badCol.
func (r *Reader) recordFused(s []byte, lay *w3c.Layout) (rec *Record, ok bool, err error) {
	switch s[0] {
	case '#', ' ', '\r', '\n', 0, 0xEF:
		return nil, false, nil
	}
	// The line ends at the '\n', which must be in the buffer. Finding it
	// first costs one vector scan of the line, and spares every column the
	// check for it.
	nl := bytes.IndexByte(s, '\n')
	if nl < 0 {
		return nil, false, nil
	}
	// The parsers of typed columns read buf, beyond the line: they stop
	// at the first byte that is not part of a value, and need a space
	// after it, so that they never read a value past the '\n'; but they
	// read eight bytes at a time wherever the buffer holds them.
	buf := s
	s = s[:nl]
	p := r.planFor(lay)
	steps := p.steps
	nc := len(steps)
	cols := r.eng.Spans(nc)
	rec = &r.rec
	prev := r.valid
	rec.Valid = 0
	r.badCol = -1
	r.date, r.clock = nil, nil
	i, c := 0, 0
	// Most lines have the date of the line before, and a valid time.
	if p.dateTime && len(s) > 20 && s[10] == ' ' && s[19] == ' ' {
		if day, hit := r.dates.Hit(s[:10]); hit {
			if sec, okC := w3c.ClockAt(s, 11); okC {
				rec.Time = time.Unix(day+sec, 0).UTC()
				rec.Valid = FieldTime
				cols[0], cols[1] = w3c.Span{Lo: 0, Hi: 10}, w3c.Span{Lo: 11, Hi: 19}
				i, c = 20, 2
			}
		}
	}
	// Every column but the last ends at a space; the last one at the '\n'.
	for ; c < nc-1; c++ {
		st := &steps[c]
		var e int
		switch st.op {
		case opText:
			// Most text columns end within sixteen bytes.
			k := 16
			if i+16 <= len(s) {
				if k = w3c.Space8(binary.LittleEndian.Uint64(s[i:])); k == 8 {
					k += w3c.Space8(binary.LittleEndian.Uint64(s[i+8:]))
				}
			}
			if k < 16 {
				e = i + k
			} else if e = w3c.SpaceEnd(s, i); e == len(s) {
				return r.bail(prev) // too few fields
			}
			if e == i+1 && s[i] == '-' {
				goto next
			}
			*st.text = s[i:e:e]
			rec.Valid |= st.bit
			goto next
		case opLong:
			if w3c.DashAt(s, i) {
				e = i + 1
				goto next
			}
			if e = bytes.IndexByte(s[i:], ' '); e < 0 {
				return r.bail(prev) // too few fields
			}
			e += i
			*st.text = s[i:e:e]
			rec.Valid |= st.bit
			goto next
		case opServerIP:
			// One server address takes most lines: compare with the last.
			if n := r.lastSIP.n; n > 0 && i+n < len(s) && s[i+n] == ' ' && string(s[i:i+n]) == string(r.lastSIP.text[:n]) {
				rec.ServerIP = r.lastSIP.addr
				rec.Valid |= FieldServerIP
				e = i + n
				goto next
			}
			if ip, end, ok4 := w3c.IPv4At(buf, i); ok4 {
				rec.ServerIP = netip.AddrFrom4(ip)
				rec.Valid |= FieldServerIP
				r.lastSIP.n = copy(r.lastSIP.text[:], s[i:end])
				r.lastSIP.addr = rec.ServerIP
				e = end
				goto next
			}
		case opClientIP:
			if ip, end, ok4 := w3c.IPv4At(buf, i); ok4 {
				rec.ClientIP = netip.AddrFrom4(ip)
				rec.Valid |= FieldClientIP
				e = end
				goto next
			}
		case opStatus:
			// Most lines have "200 0 0 " or the like: a status with
			// substatus and Windows status 0, all read at once.
			if st.triple && i+8 <= len(s) {
				if w := binary.LittleEndian.Uint64(s[i:]); w>>24 == 0x2030203020 {
					if v, ok3 := w3c.ParseStatus(s[i : i+3]); ok3 {
						rec.Status = status.Code(v)
						rec.sub, rec.win32 = 0, 0
						rec.Valid |= FieldStatus | FieldSubstatus | FieldWin32
						cols[c], cols[c+1] = w3c.Span{Lo: i, Hi: i + 3}, w3c.Span{Lo: i + 4, Hi: i + 5}
						c += 2
						i, e = i+6, i+7
						goto next
					}
				}
			}
			if e = i + 3; e < len(s) && s[e] == ' ' {
				if v, ok3 := w3c.ParseStatus(s[i:e]); ok3 {
					rec.Status = status.Code(v)
					rec.Valid |= FieldStatus
					goto next
				}
			}
		case opUint16:
			// Every substatus but a few is "0".
			if i+1 < len(s) && s[i] == '0' && s[i+1] == ' ' {
				*st.u16 = 0
				rec.Valid |= st.bit
				e = i + 1
				goto next
			}
			if v, end, okU := w3c.UintAt(s, i, 5, 65535); okU {
				*st.u16 = uint16(v)
				rec.Valid |= st.bit
				e = end
				goto next
			}
		case opUint32:
			// Success is "0", and so is every substatus but a few.
			if i+1 < len(s) && s[i] == '0' && s[i+1] == ' ' {
				*st.u32 = 0
				rec.Valid |= st.bit
				e = i + 1
				goto next
			}
			if v, end, okU := w3c.UintAt(s, i, 10, 1<<32-1); okU {
				*st.u32 = uint32(v)
				rec.Valid |= st.bit
				e = end
				goto next
			}
		case opInt64:
			if v, end, okU := w3c.VarUintAt(buf, i, st.digits, st.max); okU {
				*st.i64 = int64(v) * st.mul
				rec.Valid |= st.bit
				e = end
				goto next
			}
		}
		// An untyped column, or a typed one that did not parse in place.
		if w3c.DashAt(s, i) {
			e = i + 1
			goto next
		}
		if e = w3c.SpaceEnd(s, i); e == len(s) {
			return r.bail(prev) // too few fields
		}
		if st.kind != kindNone {
			r.slowColumn(rec, st.kind, s[i:e:e], c)
		}
	next:
		cols[c] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	}

	// The last column runs to the end of the line, without the '\r',
	// trailing spaces and NUL bytes before the '\n'. Most often it is
	// time-taken: digits alone hold no space, and need no search for one.
	st := &steps[nc-1]
	hi := len(s)
	if st.op == opInt64 {
		if hi > i && s[hi-1] == '\r' {
			hi--
		}
		if n, okU := w3c.UintTo(buf, i, hi, st.digits, st.max); okU {
			*st.i64 = int64(n) * st.mul
			rec.Valid |= st.bit
			cols[nc-1] = w3c.Span{Lo: i, Hi: hi}
			goto done
		}
	}
	if w3c.SpaceEnd(s, i) != len(s) {
		return r.bail(prev) // too many fields
	}
	hi = len(s)
	for hi > i && (s[hi-1] == '\r' || s[hi-1] == ' ' || s[hi-1] == 0) {
		hi--
	}
	if hi == i {
		return r.bail(prev)
	}
	cols[nc-1] = w3c.Span{Lo: i, Hi: hi}
	if st.kind != kindNone {
		if v := s[i:hi:hi]; !w3c.IsDash(v) {
			if st.text != nil {
				*st.text = v
				rec.Valid |= st.bit
			} else {
				r.slowColumn(rec, st.kind, v, nc-1)
			}
		}
	}
done:
	badCol := r.badCol
	if r.date != nil || r.clock != nil {
		badCol = r.timeColumns(rec, lay, r.date, r.clock, badCol)
	}

	// The line is a record: consume it and finish as record does.
	r.eng.ConsumeLine(nl)
	r.eng.SetCurrent(lay)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), false
	rec.row = w3c.Row{Line: s[:nl], Cols: cols, Layout: lay}
	rec, err = r.finish(rec, prev, -1, badCol)
	return rec, true, err
}

// bail gives the line up to record: the typed fields recordFused set are
// stale for it.
func (r *Reader) bail(prev FieldSet) (*Record, bool, error) {
	r.valid = prev | r.rec.Valid
	return nil, false, nil
}

// slowColumn converts v, the value of column c, of kind k, that
// recordFused could not convert in place: a date or time is kept for
// setTime, anything else goes to setColumn. An invalid value makes c the
// leftmost invalid column if none before it was (dates and times are
// checked by setTime).
func (r *Reader) slowColumn(rec *Record, k w3c.Kind, v []byte, c int) {
	switch {
	case w3c.IsDash(v):
	case k == kindDate:
		r.date = v
	case k == kindTime:
		r.clock = v
	case !r.setColumn(rec, k, v) && r.badCol < 0:
		r.badCol = c
	}
}
