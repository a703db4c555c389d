package iisreport

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// SchemaVersion is the version of the JSON report's schema (SCHEMA.md).
// It grows when a field changes meaning or is removed; new fields do not
// change it.
const SchemaVersion = 1

// Report is everything the program prints, in the shape -json writes. The
// JSON names and meanings are documented in SCHEMA.md and pinned by
// TestSchema: add fields, do not rename or remove them.
type Report struct {
	Schema    int          `json:"schema"`
	Language  string       `json:"language"`
	Inputs    []InputStats `json:"inputs"`
	Totals    Totals       `json:"totals"`
	Problems  []Problem    `json:"problems"`
	TimeRange *TimeRange   `json:"time_range,omitempty"`
	Timeline  Timeline     `json:"timeline"`
	Sites     []Site       `json:"sites"`
	Access    Access       `json:"access"`
	HTTPErr   HTTPErr      `json:"httperr"`
	Findings  []Finding    `json:"findings"`
}

// InputStats describes one input file.
type InputStats struct {
	Name string `json:"name"`
	// Embedded is true for the sample built into the program.
	Embedded bool `json:"embedded,omitempty"`
	// Kind is what the file holds: "httperr", "access", "ftp", "smtp",
	// "unknown", or "empty"; KindReason says what told.
	Kind       string `json:"kind"`
	KindReason string `json:"kind_reason"`
	Software   string `json:"software,omitempty"`
	// Read is true when the file's records are in the report; Skipped
	// says why they are not.
	Read    bool   `json:"read"`
	Skipped string `json:"skipped,omitempty"`
	// Compressed is true for a gzip file; FileBytes counts the bytes of
	// the file as stored, Bytes those of its text.
	Compressed bool  `json:"compressed,omitempty"`
	FileBytes  int64 `json:"file_bytes"`
	Bytes      int64 `json:"bytes"`
	LineCounts
	// Foreign counts data lines under a #Fields directive of another
	// kind of log (files pasted together), which are not read.
	Foreign int64 `json:"foreign_lines,omitempty"`
	// ReadError is set when reading stopped early because of an I/O error.
	ReadError string `json:"read_error,omitempty"`
}

// LineCounts accounts for every line of the input: Lines is the sum of
// Records, Directives, Blank and Malformed. Problems counts parse errors;
// a problem may concern a line that still produced a record (an invalid
// value), so it is not a line count.
type LineCounts struct {
	Lines      int64 `json:"lines"`
	Records    int64 `json:"records"`
	Directives int64 `json:"directives"`
	Blank      int64 `json:"blank"`
	Malformed  int64 `json:"malformed"`
	Problems   int64 `json:"problems"`
}

// set sets the line counts of a reader's Stats.
func (c *LineCounts) set(lines, records, directives, blank, malformed int) {
	c.Lines, c.Records, c.Directives = int64(lines), int64(records), int64(directives)
	c.Blank, c.Malformed = int64(blank), int64(malformed)
}

func (c *LineCounts) add(o LineCounts) {
	c.Lines += o.Lines
	c.Records += o.Records
	c.Directives += o.Directives
	c.Blank += o.Blank
	c.Malformed += o.Malformed
	c.Problems += o.Problems
}

// Totals sums the inputs that were read, by kind.
type Totals struct {
	Files   int `json:"files"`
	Read    int `json:"read"`
	Skipped int `json:"skipped"`
	LineCounts
	Access  LineCounts `json:"access"`
	HTTPErr LineCounts `json:"httperr"`
}

// Problem is one parse error, with its position.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	// Value is the field's text when the line still gave a record (cut
	// at 64 bytes).
	Value string `json:"value,omitempty"`
	// Skipped is true when the line produced no record.
	Skipped bool `json:"skipped"`
}

// TimeRange is the span of the record timestamps (UTC).
type TimeRange struct {
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// Timeline is the time axis: both logs counted per bucket, from the first
// bucket with records to the last, empty buckets included unless Sparse.
type Timeline struct {
	// Bucket is the bucket length: "1m", "5m", "15m", "1h" or "1d",
	// the shortest that shows the time range in at most 72 buckets
	// (92 for days).
	Bucket        string `json:"bucket"`
	BucketSeconds int64  `json:"bucket_seconds"`
	// Sparse is true when the span has more days than are listed: only
	// the days with records are given.
	Sparse bool `json:"sparse,omitempty"`
	// Outside counts records the timeline could not place because the
	// span was too large to track (a corrupt date far from the rest).
	Outside int64    `json:"outside,omitempty"`
	Buckets []Bucket `json:"buckets"`
	// Reasons are the most frequent HTTP.sys reasons (the top 6, then
	// "(other)"), and Triples the most frequent error triples (status 400
	// or more, or a non-zero sc-win32-status), counted per bucket.
	Reasons []Series `json:"reasons"`
	Triples []Series `json:"triples"`
}

// Bucket is one step of the timeline.
type Bucket struct {
	Start time.Time `json:"start"`
	// Requests counts access records and the HTTPERR records with a
	// status (requests HTTP.sys answered itself); Errors counts those with
	// a status of 500 or more. ErrorRate is Errors/Requests in percent,
	// rounded to 0.1.
	Requests  int64          `json:"requests"`
	Errors    int64          `json:"errors"`
	ErrorRate float64        `json:"error_rate"`
	Access    AccessCounts   `json:"access"`
	HTTPErr   HTTPErrCounts  `json:"httperr"`
	TimeTaken *TimeTakenStat `json:"time_taken,omitempty"`
}

// AccessCounts counts access records.
type AccessCounts struct {
	Requests      int64 `json:"requests"`
	ClientErrors  int64 `json:"client_errors"` // 4xx
	ServerErrors  int64 `json:"server_errors"` // 5xx
	BytesSent     int64 `json:"bytes_sent"`
	BytesReceived int64 `json:"bytes_received"`
}

// HTTPErrCounts counts HTTPERR records.
type HTTPErrCounts struct {
	Events       int64 `json:"events"`        // every record
	Refused      int64 `json:"refused"`       // with a status: HTTP.sys answered
	ServerErrors int64 `json:"server_errors"` // of which 5xx
}

// TimeTakenStat gives time-taken percentiles in milliseconds. In a
// timeline bucket they are approximate (see Approx); elsewhere they are
// exact below 256 ms and at most 0.8 % below the true value above.
type TimeTakenStat struct {
	Count int64   `json:"count"`
	P50   int64   `json:"p50_ms"`
	P90   int64   `json:"p90_ms"`
	P99   int64   `json:"p99_ms"`
	Max   int64   `json:"max_ms"`
	Mean  float64 `json:"mean_ms"`
	// Approx is the largest relative error of the percentiles: they are
	// never above the true value and at most this fraction below it.
	Approx float64 `json:"approx"`
}

// Series counts one key (an HTTP.sys reason, a status triple) per
// timeline bucket; Counts lines up with Timeline.Buckets.
type Series struct {
	Key    string  `json:"key"`
	Total  int64   `json:"total"`
	Counts []int64 `json:"counts"`
}

// Site is one IIS site, as both logs name it: access logs by s-sitename
// ("W3SVC2") or by their folder, HTTPERR by s-siteid ("2"). Site "-"
// holds the HTTPERR events that HTTP.sys did not route to a site.
type Site struct {
	Site string `json:"site"`
	// Name is "W3SVC" and the id for a numeric site, else the site.
	Name string `json:"name"`
	// Queues are the application pools HTTPERR logged for the site.
	Queues    []string       `json:"queues"`
	Requests  int64          `json:"requests"`
	Errors    int64          `json:"errors"`
	ErrorRate float64        `json:"error_rate"`
	Access    AccessCounts   `json:"access"`
	HTTPErr   HTTPErrCounts  `json:"httperr"`
	TimeTaken *TimeTakenStat `json:"time_taken,omitempty"`
	// PerBucket lines up with Timeline.Buckets.
	PerBucket []SiteBucket `json:"per_bucket"`
}

// SiteBucket is a site's share of one timeline bucket.
type SiteBucket struct {
	Requests int64 `json:"requests"`
	Errors   int64 `json:"errors"`
}

// Access is what the access logs say.
type Access struct {
	// Read is true when at least one access log was read.
	Read     bool          `json:"read"`
	Records  int64         `json:"records"`
	Statuses []StatusCount `json:"statuses"`
	// Triples are the most frequent error triples: sc-status of 400 or
	// more, or a non-zero sc-win32-status.
	Triples       []Triple       `json:"triples"`
	TimeTaken     *TimeTakenStat `json:"time_taken,omitempty"`
	SlowestURIs   []URITime      `json:"slowest_uris"`
	SlowestLines  []Evidence     `json:"slowest_requests"`
	Clients       TopList        `json:"top_clients"`
	UserAgents    TopList        `json:"top_user_agents"`
	Referers      TopList        `json:"top_referers"`
	BytesSent     int64          `json:"bytes_sent"`
	BytesReceived int64          `json:"bytes_received"`
	// WithBytesSent and WithBytesReceived count the records that had
	// the sc-bytes and cs-bytes columns.
	WithBytesSent     int64 `json:"records_with_bytes_sent"`
	WithBytesReceived int64 `json:"records_with_bytes_received"`
	// IISVersion is the version the substatus meanings are taken for:
	// the one most #Software lines name, else 10.0.
	IISVersion string `json:"iis_version"`
}

// HTTPErr is what the HTTPERR logs say.
type HTTPErr struct {
	Read     bool          `json:"read"`
	Records  int64         `json:"records"`
	Reasons  []ReasonCount `json:"reasons"`
	Statuses []StatusCount `json:"statuses"`
	Queues   []KeyCount    `json:"queues"`
	Clients  TopList       `json:"top_clients"`
	URIs4xx  TopList       `json:"top_4xx_uris"`
}

// Triple is one sc-status sc-substatus sc-win32-status combination with
// what the library knows about it.
type Triple struct {
	Triple    string    `json:"triple"` // "401 2 5"
	Status    int       `json:"status"`
	Substatus int       `json:"substatus"`
	Win32     uint32    `json:"win32"`
	Count     int64     `json:"count"`
	Share     float64   `json:"share"` // of all access records, percent
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
	// Label is the substatus label (or the status phrase), Meaning the
	// explanation and Check what to look at, for the IIS version of the
	// logs; Win32Symbol and Win32Meaning explain the Windows code.
	Label string `json:"label,omitempty"`
	// Module is the key of the module that set the substatus ("core",
	// "arr", "ancm"), as far as the triple tells (win32.Triple.SetBy); ""
	// when several modules set it and the code does not say which.
	Module       string     `json:"module,omitempty"`
	Meaning      string     `json:"meaning,omitempty"`
	Check        string     `json:"check,omitempty"`
	Win32Symbol  string     `json:"win32_symbol,omitempty"`
	Win32Meaning string     `json:"win32_meaning,omitempty"`
	TopURIs      []KeyCount `json:"top_uris"`
	Sites        []KeyCount `json:"sites"`
	// Pairs are the documented (substatus, error code) pairs that explain
	// the triple (see triplePairs), more specific than Meaning and Check:
	// the reports give them first.
	Pairs []Pair `json:"pairs"`
}

// URITime is one URI with its time-taken.
type URITime struct {
	URI      string  `json:"uri"`
	Requests int64   `json:"requests"`
	MeanMS   float64 `json:"mean_ms"`
	MaxMS    int64   `json:"max_ms"`
	TotalMS  int64   `json:"total_ms"`
	// Approximate is true when the URI table overflowed: the URI may
	// have had requests before it was tracked.
	Approximate bool `json:"approximate,omitempty"`
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

	agg *reasonAgg
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
// at most each entry's max_overcount.
type TopList struct {
	Items       []KeyCount `json:"items"`
	Total       int64      `json:"total"`
	Approximate bool       `json:"approximate"`
}

// Finding is one item of "what to look at". Rule names the rule that
// found it (see SCHEMA.md). Severity is one of package httpsys's
// severities ("critical", "warning", "notice", "routine", "unknown" for
// tokens it does not know) or "info" for a note of the program's own.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	// Reason is the HTTP.sys reason or the status triple concerned.
	Reason  string `json:"reason,omitempty"`
	Count   int64  `json:"count"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	Setting string `json:"setting,omitempty"`
	// ClientText is what the clients were sent, when documented.
	ClientText string `json:"client_text,omitempty"`
	When       string `json:"when,omitempty"`
	Where      string `json:"where,omitempty"`
	// Evidence are log lines that show it, with their positions.
	Evidence []Evidence `json:"evidence"`
	// Pairs are the IDs of the (substatus, error code) pairs whose cause
	// and fix Text gives ("500.19/0x8007000D").
	Pairs []string `json:"pairs"`

	severity int // for ordering: higher is more urgent
	start    time.Time
}

// Evidence is one log line, with its file and 1-based line number. Text
// is the line as written, cut at 400 bytes (Cut).
type Evidence struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
	Cut  bool   `json:"cut,omitempty"`
}

// report builds the final Report with texts from tx.
func (a *agg) report(tx texts) *Report {
	r := &Report{
		Schema:   SchemaVersion,
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
		r.Totals.Files++
		if !in.Read {
			if in.Skipped != "" {
				r.Totals.Skipped++
			}
			continue
		}
		r.Totals.Read++
		r.Totals.add(in.LineCounts)
		switch in.Kind {
		case "access":
			r.Totals.Access.add(in.LineCounts)
			r.Access.Read = true
		case "httperr":
			r.Totals.HTTPErr.add(in.LineCounts)
			r.HTTPErr.Read = true
		}
	}
	if !a.first.IsZero() {
		r.TimeRange = &TimeRange{First: a.first, Last: a.last}
	}
	tl := a.timeline()
	r.Timeline = tl.Timeline
	r.Sites = a.siteList(tl)
	r.HTTPErr.Records = a.he.records
	r.HTTPErr.Reasons = a.reasonList(tx)
	r.HTTPErr.Statuses = statusList(a.he.statuses, tx)
	r.HTTPErr.Queues = keyCounts(a.he.queues.top(0))
	r.HTTPErr.Clients = topList(a.he.clients.counter, a.cfg.top)
	r.HTTPErr.URIs4xx = topList(a.he.uris.counter, a.cfg.top)
	a.accessSection(r, tx)
	r.Findings = findings(r, a, tx)
	return r
}

// timelineBuild is the timeline with the bucket index of every slot.
type timelineBuild struct {
	Timeline
	size   int64           // bucket length, seconds
	starts []int64         // bucket start, unix seconds
	index  map[int64]int   // bucket start → position
	slots  map[int]*slot   // merged per bucket
	sites  map[int]*counts // per bucket, all sites
}

// bucketSizes are the timeline's bucket lengths, shortest first.
var bucketSizes = []struct {
	name    string
	seconds int64
}{{"1m", minute}, {"5m", 5 * minute}, {"15m", 15 * minute}, {"1h", hour}, {"1d", day}}

const (
	maxBuckets    = 72
	maxDayBuckets = 92
)

// bucketFor returns the bucket length for a span from lo to hi (unix
// seconds) with slots of unit seconds.
func bucketFor(lo, hi, unit int64) (name string, size int64) {
	for _, b := range bucketSizes {
		if b.seconds < unit {
			continue
		}
		n := floorDiv(hi, b.seconds) - floorDiv(lo, b.seconds) + 1
		if n <= maxBuckets || b.seconds == day {
			return b.name, b.seconds
		}
	}
	return "1d", day
}

func (a *agg) timeline() *timelineBuild {
	tb := &timelineBuild{index: map[int64]int{}, slots: map[int]*slot{}, sites: map[int]*counts{}}
	tb.Timeline = Timeline{Buckets: []Bucket{}, Reasons: []Series{}, Triples: []Series{}, Outside: a.outside}
	keys := slices.Sorted(maps.Keys(a.slots))
	if len(keys) == 0 {
		tb.Bucket, tb.BucketSeconds, tb.size = "1m", minute, minute
		return tb
	}
	lo, hi := keys[0]*a.unit, keys[len(keys)-1]*a.unit
	tb.Bucket, tb.size = bucketFor(lo, hi, a.unit)
	tb.BucketSeconds = tb.size
	first, last := floorDiv(lo, tb.size), floorDiv(hi, tb.size)
	if tb.size == day && last-first+1 > maxDayBuckets {
		tb.Sparse = true
		seen := map[int64]bool{}
		for _, k := range keys {
			seen[floorDiv(k*a.unit, tb.size)] = true
		}
		for _, b := range slices.Sorted(maps.Keys(seen)) {
			tb.starts = append(tb.starts, b*tb.size)
		}
	} else {
		for b := first; b <= last; b++ {
			tb.starts = append(tb.starts, b*tb.size)
		}
	}
	for i, s := range tb.starts {
		tb.index[s] = i
	}
	for _, k := range keys {
		i := tb.index[floorDiv(k*a.unit, tb.size)*tb.size]
		s, ok := tb.slots[i]
		if !ok {
			s = &slot{sites: map[string]*counts{}, reasons: map[string]int64{}, triples: map[triple]int64{}}
			tb.slots[i] = s
		}
		s.merge(a.slots[k])
	}
	reasonTotals := map[string]int64{}
	tripleTotals := map[triple]int64{}
	for i, start := range tb.starts {
		b := Bucket{Start: time.Unix(start, 0).UTC()}
		all := &counts{tt: newHistogram(coarseSub)}
		if s, ok := tb.slots[i]; ok {
			for _, k := range slices.Sorted(maps.Keys(s.sites)) {
				all.merge(s.sites[k])
			}
			for k, n := range s.reasons {
				reasonTotals[k] += n
			}
			for k, n := range s.triples {
				if isErrorTriple(k) {
					tripleTotals[k] += n
				}
			}
		}
		tb.sites[i] = all
		fillBucket(&b, all)
		tb.Buckets = append(tb.Buckets, b)
	}
	tb.Reasons = seriesOf(tb, reasonTotals, strings.Compare, func(s *slot, k string) int64 { return s.reasons[k] }, func(k string) string { return k })
	tb.Triples = seriesOf(tb, tripleTotals, compareTriple, func(s *slot, k triple) int64 { return s.triples[k] }, tripleString)
	return tb
}

// maxSeries is how many keys the timeline's series show before "(other)".
const maxSeries = 6

// seriesOf makes the series of the most frequent keys, then "(other)".
func seriesOf[K comparable](tb *timelineBuild, totals map[K]int64, order func(a, b K) int, count func(*slot, K) int64, name func(K) string) []Series {
	keys := slices.Collect(maps.Keys(totals))
	slices.SortFunc(keys, func(a, b K) int {
		if c := cmp.Compare(totals[b], totals[a]); c != 0 {
			return c
		}
		return order(a, b)
	})
	out := []Series{}
	show := keys
	if len(keys) > maxSeries+1 {
		show = keys[:maxSeries]
	}
	for _, k := range show {
		s := Series{Key: name(k), Total: totals[k], Counts: make([]int64, len(tb.starts))}
		for i := range tb.starts {
			if sl, ok := tb.slots[i]; ok {
				s.Counts[i] = count(sl, k)
			}
		}
		out = append(out, s)
	}
	if len(show) < len(keys) {
		s := Series{Key: otherKey, Counts: make([]int64, len(tb.starts))}
		for _, k := range keys[len(show):] {
			s.Total += totals[k]
			for i := range tb.starts {
				if sl, ok := tb.slots[i]; ok {
					s.Counts[i] += count(sl, k)
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// fillBucket sets the counts of b from c.
func fillBucket(b *Bucket, c *counts) {
	b.Access = AccessCounts{Requests: c.requests, ClientErrors: c.client, ServerErrors: c.server, BytesSent: c.sent, BytesReceived: c.received}
	b.HTTPErr = HTTPErrCounts{Events: c.httperr, Refused: c.refused, ServerErrors: c.refused5x}
	b.Requests = c.requests + c.refused
	b.Errors = c.server + c.refused5x
	b.ErrorRate = share(b.Errors, b.Requests)
	b.TimeTaken = timeTaken(&c.tt)
}

// timeTaken summarizes a histogram, or returns nil when it is empty.
func timeTaken(h *histogram) *TimeTakenStat {
	if h.cnt == 0 {
		return nil
	}
	return &TimeTakenStat{
		Count:  int64(h.cnt),
		P50:    int64(h.quantile(0.50)),
		P90:    int64(h.quantile(0.90)),
		P99:    int64(h.quantile(0.99)),
		Max:    int64(h.max),
		Mean:   float64(int64(h.mean()*10+0.5)) / 10,
		Approx: 1 / float64(int(1)<<h.sub),
	}
}

// isErrorTriple reports whether a triple is worth listing: an error
// status, or a Windows error behind a success (200 0 64: the client went
// away).
func isErrorTriple(t triple) bool { return t.status >= 400 || t.win32 != 0 || t == otherTriple }

func tripleString(t triple) string {
	if t == otherTriple {
		return otherKey
	}
	return strconv.Itoa(int(t.status)) + " " + strconv.Itoa(int(t.sub)) + " " + strconv.FormatUint(uint64(t.win32), 10)
}

func (a *agg) siteList(tb *timelineBuild) []Site {
	keys := slices.Collect(maps.Keys(a.sites))
	slices.SortFunc(keys, compareSite)
	out := []Site{}
	for _, k := range keys {
		s := a.sites[k]
		site := Site{Site: k, Name: siteName(k), Queues: []string{}}
		for _, q := range s.queues.top(0) {
			site.Queues = append(site.Queues, q.key)
		}
		var b Bucket
		fillBucket(&b, &s.counts)
		site.Requests, site.Errors, site.ErrorRate = b.Requests, b.Errors, b.ErrorRate
		site.Access, site.HTTPErr, site.TimeTaken = b.Access, b.HTTPErr, b.TimeTaken
		site.PerBucket = make([]SiteBucket, len(tb.starts))
		for i := range tb.starts {
			if sl, ok := tb.slots[i]; ok {
				if c, ok := sl.sites[k]; ok {
					site.PerBucket[i] = SiteBucket{Requests: c.requests + c.refused, Errors: c.server + c.refused5x}
				}
			}
		}
		out = append(out, site)
	}
	return out
}

// siteName names a site key: "W3SVC2" for "2", "(not routed)" for "-".
func siteName(k string) string {
	switch {
	case k == noSite:
		return "(not routed to a site)"
	case k == string(unknownSite):
		return "(site not logged)"
	case isNumber(k):
		return "W3SVC" + k
	}
	return k
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (a *agg) reasonList(tx texts) []ReasonCount {
	out := make([]ReasonCount, 0, len(a.he.reasons))
	for token, ra := range a.he.reasons {
		info := ra.reason.Info()
		rc := ReasonCount{
			Reason:   token,
			Known:    ra.reason.IsKnown(),
			Count:    ra.count,
			Share:    share(ra.count, a.he.records),
			Category: info.Category.String(),
			Severity: info.Severity.String(),
			Status:   int(info.Status),
			First:    ra.first,
			Last:     ra.last,
			Queues:   keyCounts(ra.queues.top(0)),
			agg:      ra,
		}
		if rc.Known {
			rc.Summary = tx.cause(ra.reason)
			rc.ClientText = tx.clientText(ra.reason)
		}
		out = append(out, rc)
	}
	slices.SortFunc(out, func(x, y ReasonCount) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return strings.Compare(x.Reason, y.Reason)
	})
	return out
}

func statusList(c *counter[status.Code], tx texts) []StatusCount {
	out := []StatusCount{}
	for _, e := range c.top(0) {
		sc := StatusCount{Status: int(e.key), Count: e.count}
		if e.key != 0 {
			sc.Text = tx.statusText(e.key)
		}
		out = append(out, sc)
	}
	return out
}

// iisVersion returns the IIS version most #Software lines of the access
// logs name, or IIS 10.0.
func (a *agg) iisVersion() substatus.Version {
	const prefix = "Microsoft Internet Information Services "
	for _, e := range a.ac.softwares.top(0) {
		if v, err := substatus.ParseVersion(strings.TrimPrefix(e.key, prefix)); err == nil && strings.HasPrefix(e.key, prefix) {
			return v
		}
	}
	return substatus.IIS10
}

func (a *agg) accessSection(r *Report, tx texts) {
	h := &a.ac
	ac := &r.Access
	ac.Records = h.records
	ac.Statuses = statusList(h.statuses, tx)
	v := a.iisVersion()
	ac.IISVersion = v.Number()
	ac.Triples = []Triple{}
	keys := slices.Collect(maps.Keys(h.triples))
	slices.SortFunc(keys, func(x, y triple) int {
		if c := cmp.Compare(h.triples[y].count, h.triples[x].count); c != 0 {
			return c
		}
		return compareTriple(x, y)
	})
	for _, k := range keys {
		if !isErrorTriple(k) {
			continue
		}
		if len(ac.Triples) == a.cfg.top {
			break
		}
		ac.Triples = append(ac.Triples, a.tripleInfo(k, v, tx))
	}
	ac.TimeTaken = timeTaken(&h.tt)
	ac.SlowestURIs = slowestURIs(h.uris.counter, a.cfg.top)
	ac.SlowestLines = []Evidence{}
	for _, s := range h.slow {
		ac.SlowestLines = append(ac.SlowestLines, s.evidence)
	}
	ac.Clients = topList(h.clients.counter, a.cfg.top)
	ac.UserAgents = topList(h.agents.counter, a.cfg.top)
	ac.Referers = topList(h.referers.counter, a.cfg.top)
	ac.BytesSent, ac.BytesReceived = h.sent, h.received
	ac.WithBytesSent, ac.WithBytesReceived = h.withSent, h.withRecv
}

// tripleInfo describes triple k with what the library knows of it on IIS
// version v.
func (a *agg) tripleInfo(k triple, v substatus.Version, tx texts) Triple {
	ta := a.ac.triples[k]
	t := Triple{
		Triple: tripleString(k), Status: int(k.status), Substatus: int(k.sub), Win32: k.win32,
		Count: ta.count, Share: share(ta.count, a.ac.records), First: ta.first, Last: ta.last,
		TopURIs: keyCounts(ta.uris.top(3)), Sites: keyCounts(ta.sites.top(0)),
		Pairs: pairList(triplePairs(k)),
	}
	if k == otherTriple {
		return t
	}
	t.Label, t.Meaning, t.Check = tx.substatus(k, v)
	if m, ok := tripleModule(k); ok {
		t.Module = m.Key()
	}
	w := win32.Code(k.win32)
	t.Win32Symbol, t.Win32Meaning = w.Symbol(), w.Description()
	return t
}

// slowestURIs lists the URIs with the highest mean time-taken among those
// with at least minSlowRequests requests (all URIs when none has as many).
func slowestURIs(c *counter[string], n int) []URITime {
	const minSlowRequests = 3
	var out []URITime
	for _, need := range []int64{minSlowRequests, 1} {
		out = []URITime{}
		for _, e := range c.slots {
			if e.count < need || e.sum == 0 && e.max == 0 {
				continue
			}
			seen := e.count - e.err // occurrences whose values were summed
			if seen <= 0 {
				continue
			}
			out = append(out, URITime{URI: e.key, Requests: e.count, MeanMS: float64(int64(float64(e.sum)/float64(seen)*10+0.5)) / 10, MaxMS: e.max, TotalMS: e.sum, Approximate: e.err > 0})
		}
		if len(out) > 0 {
			break
		}
	}
	slices.SortFunc(out, func(x, y URITime) int {
		if c := cmp.Compare(y.MeanMS, x.MeanMS); c != 0 {
			return c
		}
		return strings.Compare(x.URI, y.URI)
	})
	return out[:min(len(out), n)]
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

func topList(c *counter[string], n int) TopList {
	return TopList{Items: keyCounts(c.top(n)), Total: c.total, Approximate: c.evicted}
}

// compareSite orders site ids numerically, then names, "-" and "(other)"
// last.
func compareSite(a, b string) int {
	rank := func(s string) int {
		switch {
		case isNumber(s):
			return 0
		case s == noSite:
			return 2
		case s == otherKey:
			return 3
		}
		return 1
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	if rank(a) == 0 {
		if c := cmp.Compare(len(strings.TrimLeft(a, "0")), len(strings.TrimLeft(b, "0"))); c != 0 {
			return c
		}
		if c := strings.Compare(strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")); c != 0 {
			return c
		}
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
