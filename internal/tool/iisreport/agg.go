package iisreport

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

// Limits on what an aggregate keeps, so that memory stays bounded on any
// input.
const (
	maxKeys        = 1000         // reasons, statuses, sites, queues, triples, clients with 401.1
	minTracked     = 4096         // keys a top list tracks at least (clients, URIs, user agents, referers)
	maxQueuesPer   = 16           // queues tracked per reason
	maxMinutes     = 4 * 24 * 60  // distinct minutes before the time axis falls back to hours
	maxHours       = 24 * 3660    // distinct hours tracked (ten years)
	maxURILen      = 512          // longer URIs are counted under a cut key
	maxEvidence    = 3            // evidence lines kept per finding candidate
	maxEvidenceLen = 400          // bytes of a log line quoted as evidence
	maxMarks       = 64           // distinct minutes remembered per reason and queue
	maxRestarts    = 100          // header blocks remembered
	maxSlow        = 10           // slowest requests remembered
	otherKey       = "(other)"    // where keys beyond a limit are counted
	noSite         = "-"          // HTTPERR events HTTP.sys did not route to a site
	minute         = int64(60)    // seconds
	hour           = int64(3600)  // seconds
	day            = int64(86400) // seconds
)

// config is what the command line sets for the aggregation.
type config struct {
	top       int // length of the top-N lists
	maxErrors int // parse problems listed
}

// agg accumulates what the report needs from one or more inputs. Each
// input is read into an agg of its own, and the aggs are merged in input
// order (see merge), so the report is the same whatever the number of
// readers. An agg copies what it keeps: no Record or slice of one
// survives the next Read.
type agg struct {
	cfg config

	inputs   []InputStats
	problems []Problem

	first, last time.Time // record timestamps, UTC

	// The time axis: unit is the length of a slot in seconds (a minute,
	// or an hour once more than maxMinutes distinct minutes were seen).
	unit    int64
	slots   map[int64]*slot // by start time / unit
	outside int64           // records with a time that could not be placed

	sites map[string]*siteAgg // by site key; bounded, beyond that otherKey

	he httperrAgg
	ac accessAgg
}

// counts is what the timeline and the sites table count for a slot of
// time or a site.
type counts struct {
	requests  int64 // access records
	client    int64 // access records with a 4xx status
	server    int64 // access records with a 5xx status
	sent      int64 // sc-bytes
	received  int64 // cs-bytes
	httperr   int64 // HTTPERR records
	refused   int64 // HTTPERR records with a status: HTTP.sys answered
	refused5x int64 // of which 5xx
	tt        histogram
}

func (c *counts) merge(o *counts) {
	c.requests += o.requests
	c.client += o.client
	c.server += o.server
	c.sent += o.sent
	c.received += o.received
	c.httperr += o.httperr
	c.refused += o.refused
	c.refused5x += o.refused5x
	c.tt.merge(&o.tt)
}

// slot is one minute (or hour) of the time axis.
type slot struct {
	sites   map[string]*counts // by site key
	reasons map[string]int64   // HTTPERR records by s-reason token
	triples map[triple]int64   // access records by status triple
}

// siteAgg is one site over the whole input.
type siteAgg struct {
	key    string
	counts // tt at fine resolution
	queues stringCounter
}

func newAgg(cfg config) *agg {
	return &agg{
		cfg:   cfg,
		unit:  minute,
		slots: make(map[int64]*slot),
		sites: make(map[string]*siteAgg),
		he:    newHTTPErrAgg(cfg),
		ac:    newAccessAgg(cfg),
	}
}

// seen widens the time range to t.
func (a *agg) seen(t time.Time) {
	if a.first.IsZero() || t.Before(a.first) {
		a.first = t
	}
	if t.After(a.last) {
		a.last = t
	}
}

// slotAt returns the slot holding t, or nil when the time axis is full.
func (a *agg) slotAt(t time.Time) *slot {
	k := floorDiv(t.Unix(), a.unit)
	if s, ok := a.slots[k]; ok {
		return s
	}
	if a.unit == minute && len(a.slots) >= maxMinutes {
		a.toHours()
		return a.slotAt(t)
	}
	if a.unit == hour && len(a.slots) >= maxHours {
		a.outside++
		return nil
	}
	s := &slot{sites: make(map[string]*counts), reasons: make(map[string]int64), triples: make(map[triple]int64)}
	a.slots[k] = s
	return s
}

// toHours turns the minute slots into hour slots.
func (a *agg) toHours() {
	if a.unit == hour {
		return
	}
	hours := make(map[int64]*slot)
	for _, k := range slices.Sorted(maps.Keys(a.slots)) {
		h := floorDiv(k*minute, hour)
		if s, ok := hours[h]; ok {
			s.merge(a.slots[k])
		} else {
			hours[h] = a.slots[k]
		}
	}
	a.unit, a.slots = hour, hours
}

func (s *slot) site(key string) *counts {
	c, ok := s.sites[key]
	if !ok {
		c = &counts{tt: newHistogram(coarseSub)}
		s.sites[key] = c
	}
	return c
}

func (s *slot) merge(o *slot) {
	for k, c := range o.sites {
		s.site(k).merge(c)
	}
	for k, n := range o.reasons {
		s.reasons[k] += n
	}
	for k, n := range o.triples {
		s.triples[k] += n
	}
}

// site returns the aggregate of the site with the given key (its id, "2",
// or its name), creating it; keys beyond maxKeys share otherKey.
func (a *agg) site(key []byte) *siteAgg {
	return bounded(a.sites, key, maxKeys, otherKey, func(k string) *siteAgg {
		return &siteAgg{key: k, counts: counts{tt: newHistogram(fineSub)}, queues: newStringCounter(maxQueuesPer, strings.Compare)}
	})
}

// bounded returns m[string(key)], created by mk when missing. Once m holds
// limit keys, a new key gets m[overflow] instead (created too), or nil when
// overflow is "". Looking up a key already in m does not allocate.
func bounded[V any](m map[string]*V, key []byte, limit int, overflow string, mk func(k string) *V) *V {
	if v, ok := m[string(key)]; ok {
		return v
	}
	k := string(key)
	if len(m) >= limit {
		if overflow == "" {
			return nil
		}
		k = overflow
		if v, ok := m[k]; ok {
			return v
		}
	}
	v := mk(k)
	m[k] = v
	return v
}

// merge adds o, which holds the inputs read after a's, to a.
func (a *agg) merge(o *agg) {
	a.inputs = append(a.inputs, o.inputs...)
	for _, p := range o.problems {
		if len(a.problems) < a.cfg.maxErrors {
			a.problems = append(a.problems, p)
		}
	}
	if !o.first.IsZero() {
		a.seen(o.first)
		a.seen(o.last)
	}
	if o.unit == hour {
		a.toHours()
	}
	for _, k := range slices.Sorted(maps.Keys(o.slots)) {
		t := time.Unix(k*o.unit, 0)
		if s := a.slotAt(t); s != nil {
			s.merge(o.slots[k])
		} else {
			for _, c := range o.slots[k].sites {
				a.outside += c.requests + c.httperr
			}
		}
	}
	a.outside += o.outside
	for _, k := range slices.Sorted(maps.Keys(o.sites)) {
		os := o.sites[k]
		s := a.site([]byte(k))
		s.counts.merge(&os.counts)
		s.queues.merge(os.queues.counter)
	}
	a.he.merge(&o.he, a.cfg)
	a.ac.merge(&o.ac, a.cfg)
}

// A triple is the sc-status sc-substatus sc-win32-status of an access
// record, the three numbers IIS logs for every response.
type triple struct {
	status status.Code
	sub    uint16
	win32  uint32
}

func compareTriple(a, b triple) int {
	if c := cmp.Compare(a.status, b.status); c != 0 {
		return c
	}
	if c := cmp.Compare(a.sub, b.sub); c != 0 {
		return c
	}
	return cmp.Compare(a.win32, b.win32)
}

// span accumulates the count, time range, distinct minutes and first
// lines of one kind of event (a reason on a queue, a triple, the 401.1
// responses to a client).
type span struct {
	count       int64
	first, last time.Time
	marks       map[int64]int64 // unix minute → count, at most maxMarks minutes
	evidence    []Evidence
}

func newSpan() *span { return &span{marks: make(map[int64]int64)} }

// add counts one event at t (if hasTime) from line of file.
func (s *span) add(t time.Time, hasTime bool, file string, line int, raw []byte) {
	s.count++
	if hasTime {
		if s.first.IsZero() || t.Before(s.first) {
			s.first = t
		}
		if t.After(s.last) {
			s.last = t
		}
		m := floorDiv(t.Unix(), minute)
		if _, ok := s.marks[m]; ok || len(s.marks) < maxMarks {
			s.marks[m]++
		}
	}
	if len(s.evidence) < maxEvidence {
		s.evidence = append(s.evidence, evidenceOf(file, line, raw))
	}
}

func (s *span) merge(o *span) {
	s.count += o.count
	if !o.first.IsZero() {
		if s.first.IsZero() || o.first.Before(s.first) {
			s.first = o.first
		}
		if o.last.After(s.last) {
			s.last = o.last
		}
	}
	for _, m := range slices.Sorted(maps.Keys(o.marks)) {
		if _, ok := s.marks[m]; ok || len(s.marks) < maxMarks {
			s.marks[m] += o.marks[m]
		}
	}
	for _, e := range o.evidence {
		if len(s.evidence) < maxEvidence {
			s.evidence = append(s.evidence, e)
		}
	}
}

// minutes returns the distinct minutes of the span, in order.
func (s *span) minutes() []time.Time {
	var out []time.Time
	for _, m := range slices.Sorted(maps.Keys(s.marks)) {
		out = append(out, time.Unix(m*minute, 0).UTC())
	}
	return out
}

func evidenceOf(file string, line int, raw []byte) Evidence {
	raw = trimCR(raw)
	e := Evidence{File: file, Line: line}
	if len(raw) > maxEvidenceLen {
		e.Text, e.Cut = string(raw[:maxEvidenceLen]), true
	} else {
		e.Text = string(raw)
	}
	return e
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

// httperrAgg is the HTTPERR half of an agg.
type httperrAgg struct {
	records  int64
	reasons  map[string]*reasonAgg // bounded by maxKeys, beyond that otherKey
	statuses *counter[status.Code]
	queues   stringCounter
	clients  stringCounter // c-ip as logged (netip's String would rewrite 2001:db8::10.0.8.30)
	uris     stringCounter // cs-uri of 4xx responses
	// queueSites counts the s-siteid values logged with each queue, to
	// tell which site an application pool serves.
	queueSites map[string]*counter[string]
}

// reasonAgg accumulates one reason token.
type reasonAgg struct {
	token  string
	reason httpsys.Reason
	span
	queues  stringCounter
	byQueue map[string]*span // bounded by maxQueuesPer
}

func newHTTPErrAgg(cfg config) httperrAgg {
	track := max(100*cfg.top, minTracked)
	return httperrAgg{
		reasons:    make(map[string]*reasonAgg),
		statuses:   newCounter(maxKeys, cmp.Compare[status.Code]),
		queues:     newStringCounter(maxKeys, strings.Compare),
		clients:    newStringCounter(track, compareAddr),
		uris:       newStringCounter(track, strings.Compare),
		queueSites: make(map[string]*counter[string]),
	}
}

// reason returns the aggregate of the token raw, creating it.
func (h *httperrAgg) reason(raw []byte, r httpsys.Reason) *reasonAgg {
	return bounded(h.reasons, raw, maxKeys, otherKey, func(token string) *reasonAgg {
		if token == otherKey {
			r = httpsys.ReasonUnknown
		}
		return &reasonAgg{token: token, reason: r, span: *newSpan(), queues: newStringCounter(maxQueuesPer, strings.Compare), byQueue: make(map[string]*span)}
	})
}

// onQueue returns the span of the reason on queue q, creating it; nil
// when the reason has been seen on maxQueuesPer queues already.
func (ra *reasonAgg) onQueue(q []byte) *span {
	return bounded(ra.byQueue, q, maxQueuesPer, "", func(string) *span { return newSpan() })
}

func (h *httperrAgg) merge(o *httperrAgg, cfg config) {
	h.records += o.records
	for _, k := range slices.Sorted(maps.Keys(o.reasons)) {
		or := o.reasons[k]
		ra := h.reason([]byte(k), or.reason)
		ra.span.merge(&or.span)
		ra.queues.merge(or.queues.counter)
		for _, q := range slices.Sorted(maps.Keys(or.byQueue)) {
			if s := ra.onQueue([]byte(q)); s != nil {
				s.merge(or.byQueue[q])
			}
		}
	}
	h.statuses.merge(o.statuses)
	h.queues.merge(o.queues.counter)
	h.clients.merge(o.clients.counter)
	h.uris.merge(o.uris.counter)
	for _, q := range slices.Sorted(maps.Keys(o.queueSites)) {
		c, ok := h.queueSites[q]
		if !ok {
			if len(h.queueSites) >= maxKeys {
				continue
			}
			c = newCounter(maxQueuesPer, compareSite)
			h.queueSites[q] = c
		}
		c.merge(o.queueSites[q])
	}
}

// siteOfQueue returns the site most often logged with queue q, or "".
func (h *httperrAgg) siteOfQueue(q string) string {
	c, ok := h.queueSites[q]
	if !ok {
		return ""
	}
	top := c.top(1)
	if len(top) == 0 {
		return ""
	}
	return top[0].key
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
