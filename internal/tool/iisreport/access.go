package iisreport

import (
	"bytes"
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/status"
)

// accessRec is what the report takes from one access-log record. The
// reader's record is copied into it field by field (see read.go), so that
// the aggregation does not depend on the reader's types; the []byte
// fields are the reader's and valid only during the call to agg.access.
type accessRec struct {
	time    time.Time
	hasTime bool
	site    []byte // site key: the id ("2") or the site's name
	uri     []byte // cs-uri-stem
	client  []byte // c-ip as logged
	user    []byte // cs-username
	agent   []byte // cs(User-Agent) as logged ('+' for spaces)
	referer []byte // cs(Referer) as logged

	triple           triple
	hasStatus        bool // sc-status is set; sub and win32 are 0 when absent
	timeTaken        int64
	hasTimeTaken     bool
	sent, received   int64
	hasSent, hasRecv bool

	line int
	raw  []byte
}

// accessAgg is the access-log half of an agg.
type accessAgg struct {
	records   int64
	statuses  *counter[status.Code]
	triples   map[triple]*tripleAgg // bounded by maxKeys, beyond that otherTriple
	tt        histogram             // time-taken, fine resolution
	uris      stringCounter         // cs-uri-stem, with time-taken as value
	clients   stringCounter
	agents    stringCounter
	referers  stringCounter
	sent      int64
	received  int64
	withSent  int64                // records with sc-bytes
	withRecv  int64                // records with cs-bytes
	logons    map[string]*logonAgg // 401.1 responses by client, bounded by maxKeys
	slow      []slowRequest        // the slowest requests, slowest first
	restarts  []restart            // header blocks after the first record of a file
	softwares stringCounter        // #Software values of the access logs read
}

// otherTriple is where triples beyond maxKeys distinct ones are counted.
var otherTriple = triple{}

// tripleAgg accumulates the records of one status triple.
type tripleAgg struct {
	span
	uris  stringCounter
	sites stringCounter
}

// logonAgg accumulates the 401.1 responses (logon failed) to one client.
type logonAgg struct {
	span
	users stringCounter
	uris  stringCounter
}

// slowRequest is one of the slowest requests, kept as evidence.
type slowRequest struct {
	ms       int64
	time     time.Time
	site     string
	evidence Evidence
}

// restart is a header block that starts after data lines in an access
// log: IIS writes one when its log file is reopened (a restart of the
// service or the site, a configuration change) and when the logged fields
// change.
type restart struct {
	time     time.Time // of the first record after it
	site     string
	fields   bool // the #Fields list changed
	evidence Evidence
}

func newAccessAgg(cfg config) accessAgg {
	track := max(100*cfg.top, minTracked)
	return accessAgg{
		statuses:  newCounter(maxKeys, cmp.Compare[status.Code]),
		triples:   make(map[triple]*tripleAgg),
		tt:        newHistogram(fineSub),
		uris:      newStringCounter(track, strings.Compare),
		clients:   newStringCounter(track, compareAddr),
		agents:    newStringCounter(track, strings.Compare),
		referers:  newStringCounter(track, strings.Compare),
		logons:    make(map[string]*logonAgg),
		softwares: newStringCounter(16, strings.Compare),
	}
}

// tripleAt returns the aggregate of triple t, creating it.
func (h *accessAgg) tripleAt(t triple) *tripleAgg {
	if ta, ok := h.triples[t]; ok {
		return ta
	}
	if len(h.triples) >= maxKeys {
		t = otherTriple
		if ta, ok := h.triples[t]; ok {
			return ta
		}
	}
	ta := &tripleAgg{span: *newSpan(), uris: newStringCounter(8, strings.Compare), sites: newStringCounter(8, compareSite)}
	h.triples[t] = ta
	return ta
}

// logon returns the 401.1 aggregate of client c, or nil when maxKeys
// clients are tracked already.
func (h *accessAgg) logon(c []byte) *logonAgg {
	return bounded(h.logons, c, maxKeys, "", func(string) *logonAgg {
		return &logonAgg{span: *newSpan(), users: newStringCounter(8, strings.Compare), uris: newStringCounter(8, strings.Compare)}
	})
}

// access folds one access record of file into the aggregate.
func (a *agg) access(r *accessRec, file string) {
	h := &a.ac
	h.records++
	site := a.site(r.site)
	site.requests++
	var sl *counts
	if r.hasTime {
		a.seen(r.time)
		if s := a.slotAt(r.time); s != nil {
			sl = s.site(site.key)
			sl.requests++
			if r.hasStatus {
				s.triples[r.triple]++
			}
		}
	}
	code := r.triple.status
	if r.hasStatus {
		h.statuses.add(code)
		ta := h.tripleAt(r.triple)
		ta.add(r.time, r.hasTime, file, r.line, r.raw)
		ta.uris.addBytes(cut(r.uri))
		ta.sites.addBytes(r.site)
		switch {
		case code.IsClientError():
			site.client++
			if sl != nil {
				sl.client++
			}
		case code.IsServerError():
			site.server++
			if sl != nil {
				sl.server++
			}
		}
		if code == 401 && r.triple.sub == 1 && !isChallenge(r.triple) {
			if la := h.logon(r.client); la != nil {
				la.add(r.time, r.hasTime, file, r.line, r.raw)
				la.users.addBytes(r.user)
				la.uris.addBytes(cut(r.uri))
			}
		}
	} else {
		h.statuses.add(0)
	}
	if r.hasTimeTaken && r.timeTaken >= 0 {
		v := uint64(r.timeTaken)
		h.tt.add(v)
		site.tt.add(v)
		if sl != nil {
			sl.tt.add(v)
		}
		if r.uri != nil {
			h.uris.addBytesValue(cut(r.uri), r.timeTaken)
		}
		h.noteSlow(slowRequest{ms: r.timeTaken, time: r.time, site: site.key}, file, r)
	} else if r.uri != nil {
		h.uris.addBytes(cut(r.uri))
	}
	if r.client != nil {
		h.clients.addBytes(r.client)
	}
	if r.agent != nil {
		h.agents.addBytes(cut(r.agent))
	}
	if r.referer != nil {
		h.referers.addBytes(cut(withoutQuery(r.referer)))
	}
	if r.hasSent {
		h.sent += r.sent
		h.withSent++
		site.sent += r.sent
		if sl != nil {
			sl.sent += r.sent
		}
	}
	if r.hasRecv {
		h.received += r.received
		h.withRecv++
		site.received += r.received
		if sl != nil {
			sl.received += r.received
		}
	}
}

// noteSlow keeps req among the maxSlow slowest requests; a request no
// slower than the slowest kept so far does not displace an earlier one.
func (h *accessAgg) noteSlow(req slowRequest, file string, r *accessRec) {
	if len(h.slow) == maxSlow && req.ms <= h.slow[maxSlow-1].ms {
		return
	}
	req.evidence = evidenceOf(file, r.line, r.raw)
	i := 0
	for i < len(h.slow) && h.slow[i].ms >= req.ms {
		i++
	}
	h.slow = slices.Insert(h.slow, i, req)
	if len(h.slow) > maxSlow {
		h.slow = h.slow[:maxSlow]
	}
}

// withoutQuery cuts a URL at its query string: referers are counted by
// page, not by each search or tracking parameter.
func withoutQuery(u []byte) []byte {
	if i := bytes.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}

// cut shortens an over-long key (a URI, a user agent).
func cut(b []byte) []byte {
	if len(b) > maxURILen {
		return b[:maxURILen]
	}
	return b
}

func (h *accessAgg) merge(o *accessAgg, cfg config) {
	h.records += o.records
	h.statuses.merge(o.statuses)
	keys := slices.SortedFunc(maps.Keys(o.triples), compareTriple)
	for _, k := range keys {
		ot := o.triples[k]
		ta := h.tripleAt(k)
		ta.span.merge(&ot.span)
		ta.uris.merge(ot.uris.counter)
		ta.sites.merge(ot.sites.counter)
	}
	h.tt.merge(&o.tt)
	h.uris.merge(o.uris.counter)
	h.clients.merge(o.clients.counter)
	h.agents.merge(o.agents.counter)
	h.referers.merge(o.referers.counter)
	h.sent += o.sent
	h.received += o.received
	h.withSent += o.withSent
	h.withRecv += o.withRecv
	for _, c := range slices.Sorted(maps.Keys(o.logons)) {
		ol := o.logons[c]
		la := h.logon([]byte(c))
		if la == nil {
			continue
		}
		la.span.merge(&ol.span)
		la.users.merge(ol.users.counter)
		la.uris.merge(ol.uris.counter)
	}
	// o's requests come after h's: a stable merge keeps h's first among
	// equal times.
	all := append(slices.Clone(h.slow), o.slow...)
	slices.SortStableFunc(all, func(a, b slowRequest) int { return cmp.Compare(b.ms, a.ms) })
	h.slow = all[:min(len(all), maxSlow)]
	for _, r := range o.restarts {
		if len(h.restarts) < maxRestarts {
			h.restarts = append(h.restarts, r)
		}
	}
	h.softwares.merge(o.softwares.counter)
}
