package main

import (
	"cmp"
	"errors"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

// Report is everything the program prints, in the shape -json writes. The
// JSON field names are part of the program's interface: add fields, but do
// not rename or remove them.
type Report struct {
	Language  string        `json:"language"`
	Inputs    []InputStats  `json:"inputs"`
	Totals    LineCounts    `json:"totals"`
	Problems  []Problem     `json:"problems"`
	TimeRange *TimeRange    `json:"time_range,omitempty"`
	Reasons   []ReasonCount `json:"reasons"`
	Statuses  []StatusCount `json:"statuses"`
	Sites     []KeyCount    `json:"sites"`
	Queues    []KeyCount    `json:"queues"`
	Clients   TopList       `json:"top_clients"`
	URIs4xx   TopList       `json:"top_4xx_uris"`
	Histogram Histogram     `json:"histogram"`
	Findings  []Finding     `json:"findings"`
}

// InputStats describes one input file.
type InputStats struct {
	Name string `json:"name"`
	// Embedded is true for the sample log built into the program.
	Embedded bool  `json:"embedded,omitempty"`
	Bytes    int64 `json:"bytes"`
	LineCounts
	// ReadError is set when reading stopped early because of an I/O error.
	ReadError string `json:"read_error,omitempty"`
}

// LineCounts accounts for every line of the input: Lines is the sum of the
// other four. Problems counts parse errors; a problem may concern a line
// that still produced a record (an invalid value), so it is not a line
// count.
type LineCounts struct {
	Lines      int64 `json:"lines"`
	Records    int64 `json:"records"`
	Directives int64 `json:"directives"`
	Blank      int64 `json:"blank"`
	Malformed  int64 `json:"malformed"`
	Problems   int64 `json:"problems"`
}

func (c *LineCounts) add(o LineCounts) {
	c.Lines += o.Lines
	c.Records += o.Records
	c.Directives += o.Directives
	c.Blank += o.Blank
	c.Malformed += o.Malformed
	c.Problems += o.Problems
}

// Problem is one parse error, with its position.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	// Value is the field's text when the line still gave a record (cut
	// at maxValueLen bytes).
	Value string `json:"value,omitempty"`
	// Skipped is true when the line produced no record.
	Skipped bool `json:"skipped"`
}

// TimeRange is the span of the record timestamps (UTC).
type TimeRange struct {
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// ReasonCount is the count of one s-reason token with what package httpsys
// knows about it.
type ReasonCount struct {
	Reason   string  `json:"reason"`
	Known    bool    `json:"known"`
	Count    int64   `json:"count"`
	Share    float64 `json:"share"`
	Category string  `json:"category"`
	Severity string  `json:"severity"`
	Status   int     `json:"implied_status,omitempty"`
	Summary  string  `json:"summary,omitempty"`
	// ClientText is the short text HTTP.sys sent the client with the
	// status, where one is documented (in English on the wire; given in
	// the report's language).
	ClientText string    `json:"client_text,omitempty"`
	First      time.Time `json:"first,omitzero"`
	Last       time.Time `json:"last,omitzero"`
	// Queues lists the request queues the token was logged with, most
	// frequent first ("-" for none).
	Queues []KeyCount `json:"queues"`

	reason httpsys.Reason
}

// StatusCount is the count of one sc-status value; Status is 0 and Text
// empty for lines without a status ("-").
type StatusCount struct {
	Status int    `json:"status,omitempty"`
	Text   string `json:"text,omitempty"`
	Count  int64  `json:"count"`
}

// KeyCount is a count for a key such as a site id, a queue name, a client
// address or a URI. Error is the possible overcount when the list is
// approximate.
type KeyCount struct {
	Key   string `json:"key"`
	Count int64  `json:"count"`
	Error int64  `json:"max_overcount,omitempty"`
}

// TopList is a ranked list of keys. Approximate is true when there were
// more distinct keys than the program tracks, so counts may be too high by
// at most each entry's max_overcount (see counter).
type TopList struct {
	Items       []KeyCount `json:"items"`
	Total       int64      `json:"total"`
	Approximate bool       `json:"approximate"`
}

// Histogram counts records per hour (or per day when the log spans more
// than a week), from the first to the last bucket with data, empty buckets
// included, unless Sparse.
type Histogram struct {
	Bucket  string   `json:"bucket"` // "hour" or "day"
	Buckets []Bucket `json:"buckets"`
	// Sparse is true when the log spans more days than are listed: only
	// the days with records are given.
	Sparse bool `json:"sparse,omitempty"`
	// Outside counts records the histogram could not place because the
	// span was too large to show (a corrupt date far from the rest).
	Outside int64 `json:"outside,omitempty"`
}

// Bucket is one histogram bar.
type Bucket struct {
	Start time.Time `json:"start"`
	Count int64     `json:"count"`
}

// Finding is one item of "what to look at". Severity is one of package
// httpsys's severities ("critical", "warning", "notice", "routine",
// "unknown" for tokens it does not know) or "info" for a note of the
// program's own.
type Finding struct {
	Severity string `json:"severity"`
	Reason   string `json:"reason,omitempty"`
	Count    int64  `json:"count"`
	Text     string `json:"text"`
	Setting  string `json:"setting,omitempty"`
	// ClientText is what the clients were sent, when documented.
	ClientText string `json:"client_text,omitempty"`
	When       string `json:"when,omitempty"`
	Where      string `json:"where,omitempty"`
}

// Limits on what the aggregator keeps, so memory stays bounded on any
// input (see counter).
const (
	maxKeys        = 1000      // reasons, statuses, sites, queues
	maxQueuesPer   = 16        // queues tracked per reason
	maxHourBuckets = 24 * 7    // beyond a week the histogram shows days
	maxDayBuckets  = 92        // beyond a quarter it shows only days with records
	maxHours       = 24 * 3660 // distinct hours tracked (ten years)
	maxURILen      = 512       // longer URIs are counted under a cut key
)

// reasonAgg accumulates one reason token.
type reasonAgg struct {
	reason      httpsys.Reason
	count       int64
	first, last time.Time
	queues      stringCounter
}

// aggregator folds records into counts. It copies what it keeps: no Record
// or slice of one survives the next Read.
type aggregator struct {
	top       int
	maxErrors int

	inputs   []InputStats
	problems []Problem

	first, last time.Time

	reasons  map[string]*reasonAgg // bounded by maxKeys, beyond that "other"
	other    reasonAgg             // tokens beyond maxKeys distinct ones
	statuses *counter[status.Code]
	sites    stringCounter
	queues   stringCounter
	clients  stringCounter // c-ip as logged (netip's String would rewrite 2001:db8::10.0.8.30)
	uris     stringCounter
	hours    map[int64]int64 // unix hour → records
	outside  int64
	records  int64
}

func newAggregator(top, maxErrors int) *aggregator {
	track := max(100*top, 1000)
	return &aggregator{
		top:       top,
		maxErrors: maxErrors,
		reasons:   make(map[string]*reasonAgg),
		statuses:  newCounter[status.Code](maxKeys),
		sites:     newStringCounter(maxKeys),
		queues:    newStringCounter(maxKeys),
		clients:   newStringCounter(track),
		uris:      newStringCounter(track),
		hours:     make(map[int64]int64),
	}
}

// record folds one record. It must not retain rec or its slices.
func (a *aggregator) record(rec *errlog.Record) {
	a.records++
	hasTime := rec.Valid.Has(errlog.FieldTime)
	if hasTime {
		if a.first.IsZero() || rec.Time.Before(a.first) {
			a.first = rec.Time
		}
		if rec.Time.After(a.last) {
			a.last = rec.Time
		}
		h := rec.Time.Unix() / 3600
		if _, ok := a.hours[h]; ok || len(a.hours) < maxHours {
			a.hours[h]++
		} else {
			a.outside++
		}
	}

	raw := rec.RawReason()
	if len(raw) == 0 {
		raw = []byte("-")
	}
	ra, ok := a.reasons[string(raw)]
	if !ok {
		if len(a.reasons) < maxKeys {
			ra = &reasonAgg{reason: rec.Reason, queues: newStringCounter(maxQueuesPer)}
			a.reasons[string(raw)] = ra
		} else {
			ra = &a.other
			if ra.queues.counter == nil {
				ra.queues = newStringCounter(maxQueuesPer)
			}
		}
	}
	ra.count++
	if hasTime {
		if ra.first.IsZero() || rec.Time.Before(ra.first) {
			ra.first = rec.Time
		}
		if rec.Time.After(ra.last) {
			ra.last = rec.Time
		}
	}
	queue := rec.QueueName
	if queue == nil {
		queue = dash
	}
	ra.queues.addBytes(queue)
	a.queues.addBytes(queue)

	if rec.Valid.Has(errlog.FieldStatus) {
		a.statuses.add(rec.Status)
	} else {
		a.statuses.add(0)
	}
	site, ok := rec.Field("s-siteid")
	if !ok {
		site = dash
	}
	a.sites.addBytes(site)
	if rec.Valid.Has(errlog.FieldClientIP) {
		ip, _ := rec.Field("c-ip")
		a.clients.addBytes(ip)
	}
	if rec.Valid.Has(errlog.FieldStatus) && rec.Status.IsClientError() && rec.URI != nil {
		u := rec.URI
		if len(u) > maxURILen {
			u = u[:maxURILen]
		}
		a.uris.addBytes(u)
	}
}

var dash = []byte("-")

// maxValueLen caps the field text quoted in a Problem.
const maxValueLen = 64

// problem records a parse error of input name; rec is the record that came
// with it, or nil when the line was skipped.
func (a *aggregator) problem(name string, pe *errlog.ParseError, rec *errlog.Record) {
	if len(a.problems) >= a.maxErrors {
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
	a.problems = append(a.problems, p)
}

// report builds the final Report with texts from tx.
func (a *aggregator) report(tx texts) *Report {
	r := &Report{
		Language: tx.tag(),
		Inputs:   a.inputs,
		Problems: a.problems,
	}
	if r.Inputs == nil {
		r.Inputs = []InputStats{}
	}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	for _, in := range a.inputs {
		r.Totals.add(in.LineCounts)
	}
	if !a.first.IsZero() {
		r.TimeRange = &TimeRange{First: a.first, Last: a.last}
	}
	r.Reasons = a.reasonList(tx)
	r.Statuses = a.statusList(tx)
	r.Sites = keyCounts(a.sites.top(0, compareSite))
	r.Queues = keyCounts(a.queues.top(0, strings.Compare))
	r.Clients = topList(a.clients.counter, a.top, func(k string) string { return k }, compareAddr)
	r.URIs4xx = topList(a.uris.counter, a.top, func(k string) string { return k }, strings.Compare)
	r.Histogram = a.histogram()
	r.Findings = findings(r, a, tx)
	return r
}

func (a *aggregator) reasonList(tx texts) []ReasonCount {
	out := make([]ReasonCount, 0, len(a.reasons)+1)
	add := func(token string, ra *reasonAgg) {
		info := ra.reason.Info()
		rc := ReasonCount{
			Reason:   token,
			Known:    ra.reason.IsKnown(),
			Count:    ra.count,
			Share:    share(ra.count, a.records),
			Category: info.Category.String(),
			Severity: info.Severity.String(),
			Status:   int(info.Status),
			First:    ra.first,
			Last:     ra.last,
			Queues:   keyCounts(ra.queues.top(0, strings.Compare)),
			reason:   ra.reason,
		}
		if rc.Known {
			rc.Summary = tx.cause(ra.reason)
			rc.ClientText = tx.clientText(ra.reason)
		}
		out = append(out, rc)
	}
	for token, ra := range a.reasons {
		add(token, ra)
	}
	if a.other.count > 0 {
		add("(other tokens)", &a.other)
	}
	slices.SortFunc(out, func(x, y ReasonCount) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return strings.Compare(x.Reason, y.Reason)
	})
	return out
}

func (a *aggregator) statusList(tx texts) []StatusCount {
	var out []StatusCount
	for _, e := range a.statuses.top(0, cmp.Compare[status.Code]) {
		sc := StatusCount{Status: int(e.key), Count: e.count}
		if e.key != 0 {
			sc.Text = tx.statusText(e.key)
		}
		out = append(out, sc)
	}
	if out == nil {
		out = []StatusCount{}
	}
	return out
}

func (a *aggregator) histogram() Histogram {
	h := Histogram{Bucket: "hour", Buckets: []Bucket{}, Outside: a.outside}
	if len(a.hours) == 0 {
		return h
	}
	keys := slices.Sorted(maps.Keys(a.hours))
	lo, hi := keys[0], keys[len(keys)-1]
	step := int64(1)
	if hi-lo+1 > maxHourBuckets {
		h.Bucket, step = "day", 24
		lo, hi = floorDiv(lo, 24)*24, floorDiv(hi, 24)*24
	}
	if step == 24 && (hi-lo)/step+1 > maxDayBuckets {
		// Too many days to list: show the days that have records only.
		h.Sparse = true
		byDay := map[int64]int64{}
		for _, k := range keys {
			byDay[floorDiv(k, step)*step] += a.hours[k]
		}
		for _, k := range slices.Sorted(maps.Keys(byDay)) {
			h.Buckets = append(h.Buckets, Bucket{Start: time.Unix(k*3600, 0).UTC(), Count: byDay[k]})
		}
		return h
	}
	for b := lo; b <= hi; b += step {
		var n int64
		for k := b; k < b+step; k++ {
			n += a.hours[k]
		}
		h.Buckets = append(h.Buckets, Bucket{Start: time.Unix(b*3600, 0).UTC(), Count: n})
	}
	return h
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func share(n, total int64) float64 {
	if total == 0 {
		return 0
	}
	// Rounded to 0.1 % so that the JSON is stable across platforms.
	return float64((n*1000+total/2)/total) / 10
}

func keyCounts(es []entry[string]) []KeyCount {
	out := make([]KeyCount, 0, len(es))
	for _, e := range es {
		out = append(out, KeyCount{Key: e.key, Count: e.count, Error: e.err})
	}
	return out
}

func topList[K comparable](c *counter[K], n int, str func(K) string, less func(a, b K) int) TopList {
	t := TopList{Items: []KeyCount{}, Total: c.total, Approximate: c.evicted}
	for _, e := range c.top(n, less) {
		t.Items = append(t.Items, KeyCount{Key: str(e.key), Count: e.count, Error: e.err})
	}
	return t
}

// compareSite orders site ids numerically, anything else ("-") after them.
func compareSite(a, b string) int {
	na, ea := strconv.ParseUint(a, 10, 64)
	nb, eb := strconv.ParseUint(b, 10, 64)
	switch {
	case ea == nil && eb == nil:
		return cmp.Compare(na, nb)
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// compareAddr orders address texts by address (IPv4 before IPv6), then
// by text.
func compareAddr(a, b string) int {
	x, errA := netip.ParseAddr(a)
	y, errB := netip.ParseAddr(b)
	if errA == nil && errB == nil {
		if c := x.Compare(y); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

// isParseError returns the *errlog.ParseError in err, if any.
func isParseError(err error) (*errlog.ParseError, bool) {
	var pe *errlog.ParseError
	ok := errors.As(err, &pe)
	return pe, ok
}
