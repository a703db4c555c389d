package iislog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
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
//     layout is decided, and fillColumns converts each typed column with
//     setColumn.
//   - recordFused, for the lines of the layout in force once its service
//     is known: it splits the line and converts its typed columns in a
//     single pass straight from the engine's buffer, the parser of a
//     numeric or address column finding where the column ends, so that
//     those columns are never scanned twice; any other column is found
//     with w3c.FieldEnd and converted with setColumn. Its scans stop at
//     '\n' as well as at a space, so that the end of the line is found
//     along the way and the engine's separate search for it is saved.
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
	cols, errCol := tok, -1
	if len(tok) != len(lay.Names) {
		var ok bool
		if cols, errCol, ok = r.regroup(l.Raw, tok, len(lay.Names)); !ok {
			_, _, err := r.eng.Fit(l, tok, lay) // counts the line, builds the error
			return nil, err
		}
		r.eng.Stats.Recovered++
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
	badCol := r.fillColumns(rec, l.Raw, cols, lay)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), inferred
	rec.row = w3c.Row{Line: l.Raw, Cols: cols, Layout: lay}
	return r.finish(rec, prev, badCol, errCol)
}

// finish counts the record rec, clears its stale fields (those valid in
// the previous record, prev, and not now), and returns it with the error
// of the line, if any: the field-count recovery at column errCol, else the
// leftmost invalid value, at column badCol (or -1).
func (r *Reader) finish(rec *Record, prev FieldSet, badCol, errCol int) (*Record, error) {
	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	rec.Service = r.svc
	st := &r.eng.Stats
	st.Records++
	if rec.Inferred {
		st.Inferred++
	}
	if badCol >= 0 {
		st.BadValues++
	}
	lay := rec.row.Layout
	switch {
	case errCol >= 0:
		return rec, r.eng.Error(rec.row.Cols[errCol].Lo+1, lay.Names[errCol], w3c.FieldCount)
	case badCol >= 0:
		return rec, r.eng.Error(rec.row.Cols[badCol].Lo+1, lay.Names[badCol], w3c.BadValue)
	}
	return rec, nil
}

// fillColumns fills the typed fields of rec from the columns of any layout,
// and returns the index of the leftmost column with an invalid value, or -1.
func (r *Reader) fillColumns(rec *Record, raw []byte, cols []w3c.Span, lay *w3c.Layout) int {
	badCol := -1
	var date, clock []byte
	for c, k := range lay.Kinds {
		if k == kindNone {
			continue
		}
		sp := cols[c]
		v := raw[sp.Lo:sp.Hi:sp.Hi]
		if w3c.IsDash(v) {
			continue
		}
		switch k {
		case kindDate:
			date = v
		case kindTime:
			clock = v
		default:
			if !r.setColumn(rec, k, v) && badCol < 0 {
				badCol = c
			}
		}
	}
	return r.timeColumns(rec, lay, date, clock, badCol)
}

// timeColumns sets rec.Time from the date and time columns of lay (nil
// when absent or "-"), and returns the leftmost invalid column: badCol, or
// the date or time column if it is invalid and further left.
func (r *Reader) timeColumns(rec *Record, lay *w3c.Layout, date, clock []byte, badCol int) int {
	if date == nil && clock == nil {
		return badCol
	}
	dateOK, clockOK := r.setTime(rec, lay, date, clock)
	if d := lay.Col(kindDate); !dateOK && (badCol < 0 || d < badCol) {
		badCol = d
	}
	if t := lay.Col(kindTime); !clockOK && (badCol < 0 || t < badCol) {
		badCol = t
	}
	return badCol
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
	clue := serviceClue(lay.Fast & codeClueMask)
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

// regroup fits the fields tok of raw, more than n, to n columns, when the
// surplus is explained by values in double quotes (the IIS Advanced Logging
// module and the W3C draft quote a value that holds spaces, doubling the
// quotes inside it) or by doubled spaces (empty fields that IIS never
// writes). It returns the columns and the first column that needed
// regrouping.
func (r *Reader) regroup(raw []byte, tok []w3c.Span, n int) (cols []w3c.Span, first int, ok bool) {
	cols, first = r.cols[:0], -1
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
	r.cols = cols
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
// column, built once per layout.
type plan struct {
	lay   *w3c.Layout
	steps []step
}

// A step reads one column: a text column is stored in text (nil for a
// column without a typed field), any other is converted by kind. The end
// of a long column (a user agent, a referer, a cookie, a path) is found
// with bytes.IndexByte, whose vector loop wins beyond about 16 bytes.
type step struct {
	kind w3c.Kind
	text *[]byte
	bit  FieldSet
	long bool
}

// planFor returns the plan of lay, building it if lay is not the layout of
// the last plan.
func (r *Reader) planFor(lay *w3c.Layout) *plan {
	p := &r.plan
	if p.lay == lay {
		return p
	}
	p.lay = lay
	p.steps = p.steps[:0]
	for _, k := range lay.Kinds {
		st := step{kind: k}
		switch k {
		case kindUserAgent, kindReferer, kindCookie, kindURIStem:
			st.long = true
		}
		if k != kindNone {
			st.bit = columns[k-1].field
			st.text = r.rec.text(k)
		}
		p.steps = append(p.steps, st)
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
	s = s[:nl]
	steps := r.planFor(lay).steps
	nc := len(steps)
	cols := r.eng.Spans(nc)
	rec = &r.rec
	prev := r.valid
	rec.Valid = 0
	badCol := -1
	var date, clock []byte
	var day int64      // of date, when sameDay
	var sameDay bool   // date is the date last parsed
	var clockSec int64 // of clock, when clockOK
	var clockOK bool   // clock was parsed in place
	i := 0
	// Every column but the last ends at a space; the last one at the '\n'.
	for c := range nc - 1 {
		st := &steps[c]
		var e int
		switch st.kind {
		case kindNone, kindSiteName, kindComputerName, kindMethod, kindURIStem, kindURIQuery,
			kindUsername, kindVersion, kindUserAgent, kindCookie, kindReferer, kindHost:
			// A text column: below.
		case kindDate:
			// Most lines have the date of the line before.
			if e = i + 10; e < len(s) && s[e] == ' ' {
				if day, sameDay = r.dates.Hit(s[i:e]); !sameDay && !shaped(s[i:e], "0000-00-00") {
					break
				}
				date = s[i:e:e]
				cols[c] = w3c.Span{Lo: i, Hi: e}
				i = e + 1
				continue
			}
		case kindTime:
			if e = i + 8; e < len(s) && s[e] == ' ' {
				if sec, okC := w3c.ClockAt(s, i); okC {
					clock, clockSec, clockOK = s[i:e:e], sec, true
					cols[c] = w3c.Span{Lo: i, Hi: e}
					i = e + 1
					continue
				}
			}
		case kindServerIP:
			// One server address takes most lines: compare with the last.
			if n := r.lastSIP.n; n > 0 && i+n < len(s) && s[i+n] == ' ' && string(s[i:i+n]) == string(r.lastSIP.text[:n]) {
				rec.ServerIP = r.lastSIP.addr
				rec.Valid |= FieldServerIP
				cols[c] = w3c.Span{Lo: i, Hi: i + n}
				i += n + 1
				continue
			}
			if ip, end, ok4 := w3c.IPv4At(s, i); ok4 {
				rec.ServerIP = netip.AddrFrom4(ip)
				rec.Valid |= FieldServerIP
				r.lastSIP.n = copy(r.lastSIP.text[:], s[i:end])
				r.lastSIP.addr = rec.ServerIP
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		case kindClientIP:
			if ip, end, ok4 := w3c.IPv4At(s, i); ok4 {
				rec.ClientIP = netip.AddrFrom4(ip)
				rec.Valid |= FieldClientIP
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		case kindStatus:
			if e = i + 3; e < len(s) && s[e] == ' ' && r.svc == ServiceHTTP {
				v, ok3 := w3c.ParseStatus(s[i:e])
				if !ok3 {
					break
				}
				rec.Status = status.Code(v)
				rec.Valid |= FieldStatus
				cols[c] = w3c.Span{Lo: i, Hi: i + 3}
				i += 4
				continue
			}
		case kindSubstatus, kindServerPort, kindClientPort:
			if st.kind == kindSubstatus && i+1 < len(s) && s[i] == '0' && s[i+1] == ' ' {
				rec.sub = 0
				rec.Valid |= FieldSubstatus
				cols[c] = w3c.Span{Lo: i, Hi: i + 1}
				i += 2
				continue
			}
			if v, end, okU := w3c.UintAt(s, i, 5, 65535); okU {
				switch st.kind {
				case kindSubstatus:
					rec.sub = uint16(v)
				case kindServerPort:
					rec.ServerPort = uint16(v)
				default:
					rec.ClientPort = uint16(v)
				}
				rec.Valid |= st.bit
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		case kindWin32:
			// Success is "0", and so is every substatus but a few.
			if i+1 < len(s) && s[i] == '0' && s[i+1] == ' ' {
				rec.win32 = 0
				rec.Valid |= FieldWin32
				cols[c] = w3c.Span{Lo: i, Hi: i + 1}
				i += 2
				continue
			}
			if v, end, okU := w3c.UintAt(s, i, 10, 1<<32-1); okU {
				rec.win32 = win32.Code(v)
				rec.Valid |= FieldWin32
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		case kindBytesSent, kindBytesReceived:
			if v, end, okU := w3c.UintAt(s, i, 19, maxInt63); okU {
				if st.kind == kindBytesSent {
					rec.BytesSent = int64(v)
				} else {
					rec.BytesReceived = int64(v)
				}
				rec.Valid |= st.bit
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		case kindTimeTaken:
			if v, end, okU := w3c.UintAt(s, i, 13, maxTakenMS); okU {
				rec.TimeTaken = time.Duration(v) * time.Millisecond
				rec.Valid |= FieldTimeTaken
				cols[c] = w3c.Span{Lo: i, Hi: end}
				i = end + 1
				continue
			}
		}
		// A text column, or a typed one that did not parse in place.
		if w3c.DashAt(s, i) {
			cols[c] = w3c.Span{Lo: i, Hi: i + 1}
			i += 2
			continue
		}
		if st.long {
			if e = bytes.IndexByte(s[i:], ' '); e < 0 {
				e = len(s)
			} else {
				e += i
			}
		} else {
			e = spaceEnd(s, i)
		}
		if e == len(s) {
			r.valid = prev | rec.Valid
			return nil, false, nil // too few fields
		}
		cols[c] = w3c.Span{Lo: i, Hi: e}
		if st.text != nil {
			*st.text = s[i:e:e]
			rec.Valid |= st.bit
		} else if st.kind != kindNone && !r.slowColumn(rec, st.kind, s[i:e:e], &date, &clock) && badCol < 0 {
			badCol = c
		}
		i = e + 1
	}

	// The last column runs to the end of the line, without the '\r',
	// trailing spaces and NUL bytes before the '\n'.
	if spaceEnd(s, i) != len(s) {
		r.valid = prev | rec.Valid
		return nil, false, nil // too many fields
	}
	hi := len(s)
	for hi > i && (s[hi-1] == '\r' || s[hi-1] == ' ' || s[hi-1] == 0) {
		hi--
	}
	if hi == i {
		r.valid = prev | rec.Valid
		return nil, false, nil
	}
	cols[nc-1] = w3c.Span{Lo: i, Hi: hi}
	if st := &steps[nc-1]; st.kind != kindNone {
		if v := s[i:hi:hi]; !w3c.IsDash(v) {
			if st.text != nil {
				*st.text = v
				rec.Valid |= st.bit
			} else if !r.slowColumn(rec, st.kind, v, &date, &clock) && badCol < 0 {
				badCol = nc - 1
			}
		}
	}
	if sameDay && clockOK {
		// The date of the line before and a valid time: nothing to parse.
		rec.Time = time.Unix(day+clockSec, 0).UTC()
		rec.Valid |= FieldTime
	} else {
		badCol = r.timeColumns(rec, lay, date, clock, badCol)
	}

	// The line is a record: consume it and finish as record does.
	r.eng.ConsumeLine(nl)
	r.eng.SetCurrent(lay)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), false
	rec.row = w3c.Row{Line: s[:nl], Cols: cols, Layout: lay}
	rec, err = r.finish(rec, prev, badCol, -1)
	return rec, true, err
}

// slowColumn converts v, the value of a typed column of kind k that
// recordFused could not convert in place: a date or time is kept for
// setTime, anything else goes to setColumn. It reports whether v is valid
// so far (dates and times are checked by setTime).
func (r *Reader) slowColumn(rec *Record, k w3c.Kind, v []byte, date, clock *[]byte) bool {
	switch {
	case w3c.IsDash(v):
		return true
	case k == kindDate:
		*date = v
		return true
	case k == kindTime:
		*clock = v
		return true
	}
	return r.setColumn(rec, k, v)
}

// spaceEnd returns the index of the first space in s[i:], or len(s). It
// examines eight bytes at a time: most columns are shorter than the setup
// cost of bytes.IndexByte, to which it hands over the rest of a column
// longer than 16 bytes.
func spaceEnd(s []byte, i int) int {
	const spaces, ones, highs = 0x2020202020202020, 0x0101010101010101, 0x8080808080808080
	start := i
	for ; i+8 <= len(s); i += 8 {
		v := binary.LittleEndian.Uint64(s[i:]) ^ spaces
		// The lowest set bit marks the first zero byte of v, that is the
		// first space (bits above it may be spurious).
		if m := (v - ones) &^ v & highs; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		if i-start >= 16 {
			if k := bytes.IndexByte(s[i+8:], ' '); k >= 0 {
				return i + 8 + k
			}
			return len(s)
		}
	}
	for ; i < len(s); i++ {
		if s[i] == ' ' {
			return i
		}
	}
	return len(s)
}

// shaped reports whether b has the shape of form, in which '0' stands for
// any digit and any other byte for itself: a date or time column whose
// end is then known without a scan for it.
func shaped(b []byte, form string) bool {
	if len(b) != len(form) {
		return false
	}
	for i := range len(form) {
		if c := b[i]; form[i] == '0' && c-'0' > 9 || form[i] != '0' && c != form[i] {
			return false
		}
	}
	return true
}
