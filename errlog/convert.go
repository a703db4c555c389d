package errlog

import (
	"net/netip"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/w3c"
	"github.com/iisstatus/iisstatus/status"
)

// This file turns data lines into Records, in two ways that give the same
// result:
//
//   - recordGeneral, for any layout and any line: the engine splits the
//     line and fits its fields to the layout (recovering surplus tokens),
//     then fillColumns converts each typed column with setColumn.
//   - recordStandard, the fused path, for the layouts HTTP.sys writes
//     (Layout.Fast > 0, see standardStatus): it splits the line and
//     converts its typed columns in a single pass, the parser of a typed
//     column finding where the column ends, so that most columns are never
//     scanned for their separating space. Whenever a column does not look
//     as expected, that column is split and converted the general way
//     (slowColumn, setColumn). When the line does not have exactly the
//     layout's number of fields, it gives up, and recordGeneral handles
//     the line.
//
// Read calls recordStandard first on the unconsumed data of the engine's
// buffer, before the engine looks for the end of the line: the scans of the
// fused path stop at '\n' as well as at a space, so that the line's end is
// found along the way, and the separate search for it is saved. The fused
// path measured about 1.3 times faster than any generic loop.
//
// TestRecordStandardMatchesGeneral, TestReadBufferedMatchesGeneral,
// FuzzRecordStandard and FuzzReadBuffered check the equivalence of the two
// paths; every other test of Read goes through the fused path too.

// record converts the data line l.
func (r *Reader) record(l w3c.Line) (*Record, error) {
	if lay := r.eng.Active(); lay.Fast > 0 {
		if rec, ok, err := r.recordStandard(l.Raw, l.Lo, l.Hi, lay, false); ok {
			return rec, err
		}
	}
	return r.recordGeneral(l)
}

// recordGeneral is record for any layout and any line.
func (r *Reader) recordGeneral(l w3c.Line) (*Record, error) {
	tok := r.eng.Split(l)
	lay := r.eng.Active()
	inferred := !r.eng.SawFields()
	if inferred {
		if w := layoutByWidth(len(tok)); w != nil {
			lay = w
		}
	}
	r.eng.SetCurrent(lay)
	cols, recovered, err := r.eng.Fit(l, tok, lay)
	if err != nil {
		return nil, err
	}

	// Fill the reused record in place. Typed fields are written only when
	// they hold a value; those that held one in the previous record and
	// do not now (stale) are cleared at the end. This costs less than clearing the
	// whole record on every line.
	rec := &r.rec
	prev := r.valid
	rec.Valid = 0
	badCol := r.fillColumns(rec, l.Raw, cols, lay)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), inferred
	rec.row = w3c.Row{Line: l.Raw, Cols: cols, Layout: lay}
	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	r.eng.Stats.Records++
	if inferred {
		r.eng.Stats.Inferred++
	}
	if badCol >= 0 || recovered {
		return rec, r.lineError(rec, badCol, recovered)
	}
	return rec, nil
}

// lineError returns the error of the record rec, if any: the field-count
// recovery, else the leftmost invalid value, at column badCol (or -1).
func (r *Reader) lineError(rec *Record, badCol int, recovered bool) error {
	lay := rec.row.Layout
	if badCol >= 0 {
		r.eng.Stats.BadValues++
	}
	switch {
	case recovered:
		f := lay.Free
		return r.eng.Error(rec.row.Cols[f].Lo+1, lay.Names[f], w3c.FieldCount)
	case badCol >= 0:
		return r.eng.Error(rec.row.Cols[badCol].Lo+1, lay.Names[badCol], w3c.BadValue)
	}
	return nil
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
	if date != nil || clock != nil {
		dateOK, clockOK := r.setTime(rec, date, clock)
		if d := lay.Col(kindDate); !dateOK && (badCol < 0 || d < badCol) {
			badCol = d
		}
		if t := lay.Col(kindTime); !clockOK && (badCol < 0 || t < badCol) {
			badCol = t
		}
	}
	return badCol
}

// setColumn converts v, the value (not "-") of a column of kind k other
// than date and time, into its typed field of rec, and reports whether v
// was valid. An invalid value leaves the field zero and unset.
func (r *Reader) setColumn(rec *Record, k kind, v []byte) bool {
	ok := true
	switch k {
	case kindClientIP:
		rec.ClientIP, ok = r.addrs.Parse(v)
	case kindClientPort:
		rec.ClientPort, ok = w3c.ParsePort(v)
	case kindServerIP:
		rec.ServerIP, ok = r.sip.Parse(v, &r.addrs)
	case kindServerPort:
		rec.ServerPort, ok = w3c.ParsePort(v)
	case kindVersion:
		rec.Version = v
	case kindMethod:
		rec.Method = v
	case kindURI:
		rec.URI = v
	case kindStatus:
		ok = setStatus(rec, v)
	case kindSiteID:
		rec.SiteID, ok = w3c.ParseUint32(v)
	case kindReason:
		rec.Reason = httpsys.ParseReason(v)
	case kindQueueName:
		rec.QueueName = v
	}
	if ok {
		rec.Valid |= columns[k-1].field
	}
	return ok
}

// setStatus sets rec.Status from v and reports whether v was valid.
func setStatus(rec *Record, v []byte) bool {
	s, ok := w3c.ParseStatus(v)
	if ok {
		rec.Status = status.Code(s)
		rec.Valid |= FieldStatus
	}
	return ok
}

// setTime sets rec.Time from a date and a time column, either of which may
// be nil (absent or "-"), and reports whether each present one was valid.
func (r *Reader) setTime(rec *Record, date, clock []byte) (dateOK, clockOK bool) {
	t, set, dateOK, clockOK := r.dates.Time(date, clock)
	if set {
		rec.Time = t
		rec.Valid |= FieldTime
	}
	return dateOK, clockOK
}

// value returns v, or nil if v is "-".
func value(v []byte) []byte {
	if w3c.IsDash(v) {
		return nil
	}
	return v
}

// slowColumn splits the column c, of kind k, starting at s[i], and
// converts it with setColumn; it notes c in r.slowBad if the value is
// invalid and no column before it was. It returns the index after the
// column's separator, or -1 when the line ends with the column. (The
// fused path keeps its own leftmost invalid column in a local variable,
// which passing its address here would force out of a register.)
func (r *Reader) slowColumn(rec *Record, s []byte, i int, tok []w3c.Span, c int, k kind) int {
	e := w3c.FieldEnd(s, i)
	if w3c.AtEOL(s, e) {
		return -1
	}
	tok[c] = w3c.Span{Lo: i, Hi: e}
	if v := s[i:e:e]; !w3c.IsDash(v) && !r.setColumn(rec, k, v) && r.slowBad < 0 {
		r.slowBad = c
	}
	return e + 1
}

// recordStandard is record for a line of a standard layout lay
// (lay.Fast > 0). It reports ok == false when the line does not have
// exactly the layout's number of fields; the general path then handles the
// line (the typed fields recordStandard had set are marked stale, so that
// the general path clears them if it must).
//
// When buffered is false, raw[lo:hi] is a line as the engine's Next
// returns it. When it is true, raw is the unconsumed data of the buffer and
// lo and hi are 0 and len(raw): recordStandard then also finds the end of
// the line, and consumes it when it is a record, sparing the engine its
// search for the '\n' and its trimming. It reports ok == false, and Read
// takes the usual way, whenever the line might be anything else than a
// data line (it does not start with a digit), when it is not all in the
// buffer, and when its trimmed end is not where its last column ends.
func (r *Reader) recordStandard(raw []byte, lo, hi int, lay *w3c.Layout, buffered bool) (rec *Record, ok bool, err error) {
	if buffered && (hi == 0 || raw[0]-'0' > 9) {
		return nil, false, nil
	}
	nc := len(lay.Names)
	st := lay.Fast // the column of sc-status
	tok := r.eng.Spans(nc)
	s := raw[:hi]

	rec = &r.rec
	prev := r.valid
	rec.Valid = 0
	badCol := -1 // the leftmost invalid column, but for those of slowColumn
	r.slowBad = -1

	i := lo
	// bail gives the line up to the general path.
	bail := func() (*Record, bool, error) {
		// Fields this line set are stale for the general path.
		r.valid = prev | rec.Valid
		return nil, false, nil
	}

	// date and time: most lines share the date of the line before.
	if d := i + 10; d+9 < len(s) && s[d] == ' ' && s[d+9] == ' ' {
		if day, hit := r.dates.Hit(s[i:d]); hit {
			if sec, clockOK := w3c.ClockAt(s, d+1); clockOK {
				rec.Time = time.Unix(day+sec, 0).UTC()
				rec.Valid |= FieldTime
				tok[0], tok[1] = w3c.Span{Lo: i, Hi: d}, w3c.Span{Lo: d + 1, Hi: d + 9}
				i = d + 10
				goto cip
			}
		}
	}
	{
		e := w3c.FieldEnd(s, i)
		if w3c.AtEOL(s, e) {
			return bail()
		}
		tok[0] = w3c.Span{Lo: i, Hi: e}
		t := e + 1
		e = w3c.FieldEnd(s, t)
		if w3c.AtEOL(s, e) {
			return bail()
		}
		tok[1] = w3c.Span{Lo: t, Hi: e}
		i = e + 1
		dateOK, clockOK := r.setTime(rec, value(s[tok[0].Lo:tok[0].Hi]), value(s[t:e]))
		if !dateOK {
			badCol = 0
		} else if !clockOK {
			badCol = 1
		}
	}

cip:
	// c-ip: IPv4 is parsed in place, anything else the general way.
	if ip, e, ok := w3c.IPv4At(s, i); ok {
		rec.ClientIP = netip.AddrFrom4(ip)
		rec.Valid |= FieldClientIP
		tok[2] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	} else if i = r.slowColumn(rec, s, i, tok, 2, kindClientIP); i < 0 {
		return bail()
	}

	// c-port
	if v, e, ok := w3c.UintAt(s, i, 5, 65535); ok {
		rec.ClientPort = uint16(v)
		rec.Valid |= FieldClientPort
		tok[3] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	} else if i = r.slowColumn(rec, s, i, tok, 3, kindClientPort); i < 0 {
		return bail()
	}

	// s-ip: server addresses are few, the cache knows them.
	{
		e := w3c.FieldEnd(s, i)
		if w3c.AtEOL(s, e) {
			return bail()
		}
		tok[4] = w3c.Span{Lo: i, Hi: e}
		if v := s[i:e]; !w3c.IsDash(v) {
			var ok bool
			if rec.ServerIP, ok = r.sip.Parse(v, &r.addrs); ok {
				rec.Valid |= FieldServerIP
			} else if badCol < 0 {
				badCol = 4
			}
		}
		i = e + 1
	}

	// s-port
	if v, e, ok := w3c.UintAt(s, i, 5, 65535); ok {
		rec.ServerPort = uint16(v)
		rec.Valid |= FieldServerPort
		tok[5] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	} else if i = r.slowColumn(rec, s, i, tok, 5, kindServerPort); i < 0 {
		return bail()
	}

	// cs-version, cs-method, cs-uri, and the untyped columns up to
	// sc-status.
	for c := 6; c < st; c++ {
		if w3c.DashAt(s, i) {
			tok[c] = w3c.Span{Lo: i, Hi: i + 1}
			i += 2
			continue
		}
		e := w3c.FieldEnd(s, i)
		if w3c.AtEOL(s, e) {
			return bail()
		}
		tok[c] = w3c.Span{Lo: i, Hi: e}
		switch c {
		case 6:
			rec.Version = s[i:e:e]
			rec.Valid |= FieldVersion
		case 7:
			rec.Method = s[i:e:e]
			rec.Valid |= FieldMethod
		case 8:
			rec.URI = s[i:e:e]
			rec.Valid |= FieldURI
		}
		i = e + 1
	}

	// sc-status: three digits and a space, or the general way.
	if w3c.DashAt(s, i) {
		tok[st] = w3c.Span{Lo: i, Hi: i + 1}
		i += 2
	} else if e := i + 3; e < len(s) && s[e] == ' ' && setStatus(rec, s[i:e]) {
		tok[st] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	} else if i = r.slowColumn(rec, s, i, tok, st, kindStatus); i < 0 {
		return bail()
	}

	// s-siteid
	if w3c.DashAt(s, i) {
		tok[st+1] = w3c.Span{Lo: i, Hi: i + 1}
		i += 2
	} else if v, e, ok := w3c.UintAt(s, i, 10, 1<<32-1); ok {
		rec.SiteID = uint32(v)
		rec.Valid |= FieldSiteID
		tok[st+1] = w3c.Span{Lo: i, Hi: e}
		i = e + 1
	} else if i = r.slowColumn(rec, s, i, tok, st+1, kindSiteID); i < 0 {
		return bail()
	}

	// s-reason, s-queuename and the untyped columns after them; the last
	// column runs to the end of the line.
	last := nc - 1
	nl := len(s)
	for c := st + 2; c <= last; c++ {
		e := w3c.FieldEnd(s, i)
		if w3c.AtEOL(s, e) != (c == last) {
			return bail() // too few fields, or too many
		}
		if c == last && buffered {
			// Next's view of the line: up to the '\n', which must be in
			// the buffer, without trailing spaces, '\r' and NUL bytes.
			if e >= len(s) {
				return bail()
			}
			nl = e
			for e > i && (s[e-1] == '\r' || s[e-1] == ' ' || s[e-1] == 0) {
				e--
			}
			if e == i {
				return bail()
			}
		}
		tok[c] = w3c.Span{Lo: i, Hi: e}
		if v := s[i:e:e]; !w3c.IsDash(v) {
			switch c {
			case st + 2:
				rec.Reason = httpsys.ParseReason(v)
				rec.Valid |= FieldReason
			case st + 3:
				rec.QueueName = v
				rec.Valid |= FieldQueueName
			}
		}
		i = e + 1
	}

	// The line is a record: finish as Read and record do.
	if sb := r.slowBad; sb >= 0 && (badCol < 0 || sb < badCol) {
		badCol = sb
	}
	if buffered {
		raw = s[:nl]
		r.eng.ConsumeLine(nl)
	}
	r.eng.SetCurrent(lay)
	rec.Line, rec.Offset, rec.Inferred = r.eng.Line(), r.eng.LineOffset(), !r.eng.SawFields()
	rec.row = w3c.Row{Line: raw, Cols: tok, Layout: lay}
	if stale := prev &^ rec.Valid; stale != 0 {
		rec.clear(stale)
	}
	r.valid = rec.Valid
	r.eng.Stats.Records++
	if rec.Inferred {
		r.eng.Stats.Inferred++
	}
	if badCol >= 0 {
		return rec, true, r.lineError(rec, badCol, false)
	}
	return rec, true, nil
}
