package iisreport

import (
	"errors"
	"io"
	"strings"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

// progressEvery is how many lines a reader reads between two reports to
// the progress display.
const progressEvery = 4096

// readInput reads one opened log into a new agg, with the reader its kind
// needs. Logs of other kinds are listed in the report and not read. It
// returns the I/O error that stopped reading, if any; parse errors are
// part of the report.
func readInput(l *logfiles.Log, name string, embedded bool, cfg config, prog *progress) (*agg, error) {
	a := newAgg(cfg)
	in := InputStats{
		Name:       name,
		Embedded:   embedded,
		Kind:       l.Kind.String(),
		KindReason: l.Why,
		Software:   l.Software,
		Compressed: l.Compressed,
	}
	cr := &countingReader{r: l}
	var err error
	switch {
	case l.Kind == logfiles.KindHTTPErr:
		in.Read = true
		err = a.readHTTPErr(cr, name, &in, l, prog)
	case l.Kind == logfiles.KindAccess:
		err = a.readAccess(cr, name, &in, l, prog)
	case l.Empty:
		in.Kind = "empty"
	case l.Kind == logfiles.KindFTP, l.Kind == logfiles.KindSMTP:
		in.Skipped = "an " + kindTitle(l.Kind) + " log, not a log of HTTP requests"
	default:
		in.Skipped = "not an IIS or HTTP.sys log: " + l.Why
	}
	if !in.Read && l.Err != nil {
		err = l.Err // the file could not be read far enough to tell its kind
	}
	in.Bytes = cr.n
	in.FileBytes = l.RawOffset()
	if !in.Read && l.Size >= 0 {
		in.FileBytes = l.Size
	}
	if err != nil {
		in.ReadError = err.Error()
	}
	a.inputs = append(a.inputs, in)
	return a, err
}

func kindTitle(k logfiles.Kind) string {
	switch k {
	case logfiles.KindFTP:
		return "FTP"
	case logfiles.KindSMTP:
		return "SMTP"
	}
	return k.String()
}

// readHTTPErr reads an HTTP.sys error log.
func (a *agg) readHTTPErr(rd io.Reader, name string, in *InputStats, l *logfiles.Log, prog *progress) error {
	r := errlog.NewReader(rd)
	var ioErr error
	directives, foreign := 0, false
	m := &meter{l: l, p: prog}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *errlog.ParseError
			if !errors.As(err, &pe) {
				ioErr = err
				break
			}
			in.Problems++
			a.problemHTTPErr(name, pe, rec)
		}
		if rec != nil {
			if d := r.Stats().Directives; d != directives {
				directives = d
				// A #Fields directive of another kind of log (files
				// pasted together): its lines are not read as HTTPERR.
				was := foreign
				foreign = r.Index("s-reason") < 0 && (r.Index("cs-uri-stem") >= 0 || r.Index("x-session") >= 0)
				if foreign && !was {
					a.problem(Problem{File: name, Line: rec.Line, Message: "the #Fields directive before this line is not that of an HTTPERR log; its lines are not read", Skipped: true})
					in.Problems++
				}
			}
			if foreign {
				in.Foreign++
			} else {
				a.httperr(rec, name)
			}
		}
		m.line()
	}
	m.done()
	st := r.Stats()
	in.LineCounts.set(st.Lines, st.Records, st.Directives, st.Blank, st.Malformed)
	return ioErr
}

// meter reports a reader's progress every progressEvery lines.
type meter struct {
	l             *logfiles.Log
	p             *progress
	lines, offset int64
}

func (m *meter) line() {
	if m.lines++; m.lines%progressEvery == 0 {
		o := m.l.RawOffset()
		m.p.add(o-m.offset, progressEvery)
		m.offset = o
	}
}

func (m *meter) done() { m.p.add(m.l.RawOffset()-m.offset, m.lines%progressEvery) }

// readAccess reads an IIS access log with package iislog.
func (a *agg) readAccess(rd io.Reader, name string, in *InputStats, l *logfiles.Log, prog *progress) error {
	r := iislog.NewReader(rd)
	folder := []byte(l.Input.Site()) // "2" for a file in W3SVC2
	var rec accessRec
	var ioErr error
	directives, foreign, records := 0, false, 0
	var fields string
	m := &meter{l: l, p: prog}
	for {
		x, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *iislog.ParseError
			if !errors.As(err, &pe) {
				ioErr = err
				break
			}
			in.Problems++
			a.problemAccess(name, pe, x)
		}
		if x != nil {
			if d := r.Stats().Directives; d != directives {
				directives = d
				f := strings.Join(r.Fields(), " ")
				if s := r.Software(); s != nil {
					a.ac.softwares.addBytes(s)
				}
				was := foreign
				// Another kind of log pasted in (an HTTPERR block), or an
				// FTP or SMTP block: not read as web requests.
				foreign = r.Index("s-reason") >= 0 || x.Service != iislog.ServiceHTTP
				switch {
				case foreign && !was:
					a.problem(Problem{File: name, Line: x.Line, Message: "the directives before this line are not those of a web site's access log; its lines are not read", Skipped: true})
					in.Problems++
				case !foreign && records > 0 && len(a.ac.restarts) < maxRestarts:
					a.ac.restarts = append(a.ac.restarts, restart{
						time: x.Time, site: string(accessSite(x, folder)), fields: f != fields,
						evidence: evidenceOf(name, x.Line, x.Raw()),
					})
				}
				fields = f
			}
			if foreign {
				in.Foreign++
			} else {
				records++
				fillAccess(&rec, x, folder)
				a.access(&rec, name)
			}
		}
		m.line()
	}
	m.done()
	in.Read = true
	st := r.Stats()
	in.LineCounts.set(st.Lines, st.Records, st.Directives, st.Blank, st.Malformed)
	return ioErr
}

// accessSite returns the site key of an access record: the id of an
// s-sitename of "W3SVC2", the s-sitename itself when IIS logs site names,
// else the id of the log's folder, else unknownSite.
func accessSite(x *iislog.Record, folder []byte) []byte {
	if n := x.SiteName; n != nil {
		if len(n) > 5 && strings.EqualFold(string(n[:5]), "W3SVC") && isNumber(string(n[5:])) {
			return n[5:]
		}
		return n
	}
	if len(folder) > 0 {
		return folder
	}
	return unknownSite
}

// unknownSite is the site of access records that name none, in a folder
// that names none (standard input, a renamed folder).
var unknownSite = []byte("?")

// fillAccess copies what the report needs from an iislog record.
func fillAccess(r *accessRec, x *iislog.Record, folder []byte) {
	v := x.Valid
	*r = accessRec{
		time: x.Time, hasTime: v.Has(iislog.FieldTime),
		site: accessSite(x, folder), uri: x.URIStem, user: x.Username, agent: x.UserAgent, referer: x.Referer,
		hasStatus: v.Has(iislog.FieldStatus),
		sent:      x.BytesSent, hasSent: v.Has(iislog.FieldBytesSent),
		received: x.BytesReceived, hasRecv: v.Has(iislog.FieldBytesReceived),
		line: x.Line, raw: x.Raw(),
	}
	if r.hasStatus {
		sc := x.Substatus()
		r.triple = triple{status: sc.Status, sub: sc.Sub, win32: uint32(x.Win32())}
	}
	if v.Has(iislog.FieldTimeTaken) {
		r.timeTaken, r.hasTimeTaken = x.TimeTaken.Milliseconds(), true
	}
	if v.Has(iislog.FieldClientIP) {
		r.client, _ = x.Field("c-ip")
	}
}

// problemAccess records an iislog parse error of input name; x is the
// record that came with it, or nil when the line was skipped.
func (a *agg) problemAccess(name string, pe *iislog.ParseError, x *iislog.Record) {
	if len(a.problems) >= a.cfg.maxErrors {
		return
	}
	p := Problem{File: name, Line: pe.Line, Column: pe.Column, Field: pe.Field, Message: "unknown error", Skipped: x == nil}
	if pe.Err != nil {
		p.Message = pe.Err.Error()
	}
	if x != nil && pe.Field != "" {
		if v, ok := x.Field(pe.Field); ok {
			p.Value = string(v[:min(len(v), maxValueLen)])
		}
	}
	a.problem(p)
}

// httperr folds one HTTPERR record of file into the aggregate.
func (a *agg) httperr(rec *errlog.Record, file string) {
	h := &a.he
	h.records++
	hasTime := rec.Valid.Has(errlog.FieldTime)
	siteKey := dash
	if rec.Valid.Has(errlog.FieldSiteID) {
		siteKey, _ = rec.Field("s-siteid")
	}
	site := a.site(siteKey)
	site.httperr++
	hasStatus := rec.Valid.Has(errlog.FieldStatus)
	if hasStatus {
		site.refused++
		if rec.Status.IsServerError() {
			site.refused5x++
		}
	}

	raw := rec.RawReason()
	if len(raw) == 0 {
		raw = dash
	}
	ra := h.reason(raw, rec.Reason)
	ra.add(rec.Time, hasTime, file, rec.Line, rec.Raw())
	queue := rec.QueueName
	if queue == nil {
		queue = dash
	}
	ra.queues.addBytes(queue)
	if s := ra.onQueue(queue); s != nil {
		s.add(rec.Time, hasTime, file, rec.Line, rec.Raw())
	}
	h.queues.addBytes(queue)
	if rec.QueueName != nil {
		site.queues.addBytes(queue)
		if rec.Valid.Has(errlog.FieldSiteID) {
			c, ok := h.queueSites[string(queue)]
			if !ok && len(h.queueSites) < maxKeys {
				c = newCounter(maxQueuesPer, compareSite)
				h.queueSites[string(queue)] = c
			}
			if c != nil {
				c.add(site.key)
			}
		}
	}

	if hasTime {
		a.seen(rec.Time)
		if s := a.slotAt(rec.Time); s != nil {
			c := s.site(site.key)
			c.httperr++
			if hasStatus {
				c.refused++
				if rec.Status.IsServerError() {
					c.refused5x++
				}
			}
			s.reasons[ra.token]++
		}
	}
	if hasStatus {
		h.statuses.add(rec.Status)
	} else {
		h.statuses.add(0)
	}
	if rec.Valid.Has(errlog.FieldClientIP) {
		ip, _ := rec.Field("c-ip")
		h.clients.addBytes(ip)
	}
	if hasStatus && rec.Status.IsClientError() && rec.URI != nil {
		h.uris.addBytes(cut(rec.URI))
	}
}

var dash = []byte("-")

// maxValueLen caps the field text quoted in a Problem.
const maxValueLen = 64

// problem records a parse problem, if fewer than maxErrors are listed.
func (a *agg) problem(p Problem) {
	if len(a.problems) < a.cfg.maxErrors {
		a.problems = append(a.problems, p)
	}
}

// problemHTTPErr records an errlog parse error of input name; rec is the
// record that came with it, or nil when the line was skipped.
func (a *agg) problemHTTPErr(name string, pe *errlog.ParseError, rec *errlog.Record) {
	if len(a.problems) >= a.cfg.maxErrors {
		return
	}
	msg := "unknown error"
	if pe.Err != nil {
		msg = pe.Err.Error()
	}
	p := Problem{
		File: name, Line: pe.Line, Column: pe.Column, Field: pe.Field,
		Message: msg, Skipped: rec == nil,
	}
	if rec != nil && pe.Field != "" {
		if v, ok := rec.Field(pe.Field); ok {
			p.Value = string(v[:min(len(v), maxValueLen)])
		}
	}
	a.problem(p)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
