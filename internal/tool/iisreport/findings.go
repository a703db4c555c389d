package iisreport

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// Rule ids of "what to look at", in the JSON's "rule" field. They are part
// of the schema (SCHEMA.md).
const (
	ruleRapidFail   = "rapid-fail-protection" // AppOffline: the pool was stopped after repeated crashes
	ruleQueueSlow   = "queue-full-slow"       // QueueFull after the site's time-taken rose
	ruleConfigError = "config-error"          // 500.19, after a deploy when one shows
	ruleLogonBurst  = "logon-failure-burst"   // 401.1 bursts from one client
	ruleServerError = "server-errors"         // a site's 5xx responses in the access log
	ruleReason      = "httpsys-reason"        // an HTTP.sys reason worth a look
	ruleNotices     = "httpsys-notices"       // the remaining notice-level reasons, summed up
	ruleUnknown     = "unknown-reasons"       // reason tokens the library does not know
	ruleProblems    = "parse-problems"        // lines that could not be read
	ruleSkipped     = "skipped-inputs"        // inputs not read (other kinds of log)
	ruleRoutine     = "routine-only"          // nothing but routine events
	ruleNoRecords   = "no-records"            // nothing read at all
)

// Thresholds of the rules.
const (
	// maxNotices is how many notice-level reasons are listed by name.
	maxNotices = 3
	// lookBack is how far before an event the rules look for its causes.
	lookBack = 30 * time.Minute
	// deployBack is how far before a 500.19 the rule looks for a deploy.
	deployBack = time.Hour
	// slowFactor and slowMinMS: time-taken "rose" when the p90 before an
	// event is at least slowFactor times that of the earlier traffic and
	// at least slowMinMS.
	slowFactor = 2
	slowMinMS  = 1000
	// minBaseline is the fewest requests a period needs to be compared.
	minBaseline = 20
	// logonBurst is the fewest 401.1 responses to one client within
	// logonWindow that make a burst, challenges aside (see logonBursts).
	logonBurst  = 10
	logonWindow = 5 * time.Minute
	// serverErrorMin and serverErrorRate: a site's 5xx responses are a
	// finding when there are at least this many and this share (percent).
	serverErrorMin  = 10
	serverErrorRate = 1.0
)

// findings derives "what to look at" from the aggregate. Each rule reads
// the data and gives its evidence lines. The advice on HTTP.sys reasons
// and substatus codes comes from the library; the rules add when, where,
// how many and how the events connect.
func findings(r *Report, a *agg, tx texts) []Finding {
	f := &finder{r: r, a: a, tx: tx, covered: map[*reasonAgg]bool{}}
	f.rapidFail()
	f.queueSlow()
	f.configError()
	f.logonBursts()
	f.serverErrors()
	f.reasons()
	f.housekeeping()
	out := f.out
	slices.SortStableFunc(out, func(x, y Finding) int { return cmp.Compare(y.severity, x.severity) })
	if out == nil {
		out = []Finding{}
	}
	for i := range out {
		if out[i].Evidence == nil {
			out[i].Evidence = []Evidence{}
		}
		if out[i].Pairs == nil {
			out[i].Pairs = []string{}
		}
	}
	return out
}

type finder struct {
	r       *Report
	a       *agg
	tx      texts
	out     []Finding
	covered map[*reasonAgg]bool // reasons a rule has explained already
}

func (f *finder) add(x Finding) {
	x.severity = severityRank(x.Severity)
	x.Evidence = dedupe(x.Evidence)
	f.out = append(f.out, x)
}

// dedupe drops evidence lines given twice, keeping the first.
func dedupe(ev []Evidence) []Evidence {
	var out []Evidence
	seen := map[Evidence]bool{}
	for _, e := range ev {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

func severityRank(s string) int {
	switch s {
	case "critical":
		return 5
	case "warning":
		return 4
	case "notice", "unknown":
		return 3
	case "info":
		return 2
	}
	return 1
}

// reasonOf returns the aggregate of a known reason, or nil.
func (f *finder) reasonOf(r httpsys.Reason) *reasonAgg {
	return f.a.he.reasons[r.String()]
}

// queues returns the queues of a reason, most lines first.
func queuesOf(ra *reasonAgg) []string {
	var out []string
	for _, e := range ra.queues.top(0) {
		if _, ok := ra.byQueue[e.key]; ok {
			out = append(out, e.key)
		}
	}
	return out
}

// window sums the counts of a site (all sites when site is "") over the
// slots in [from, to).
func (a *agg) window(site string, from, to time.Time) counts {
	c := counts{tt: newHistogram(coarseSub)}
	lo, hi := floorDiv(from.Unix(), a.unit), floorDiv(to.Unix(), a.unit)
	for _, k := range slices.Sorted(maps.Keys(a.slots)) {
		if k < lo || k >= hi {
			continue
		}
		for sk, sc := range a.slots[k].sites {
			if site == "" || sk == site {
				c.merge(sc)
			}
		}
	}
	return c
}

// rapidFail: AppOffline means Rapid Fail Protection stopped the pool after
// its worker processes failed repeatedly; the rule puts the crashes before
// it (Connection_Abandoned_By_AppPool on the same queue), the site's
// errors and its silence in the access log beside it.
func (f *finder) rapidFail() {
	off := f.reasonOf(httpsys.ReasonAppOffline)
	if off == nil {
		return
	}
	abandoned := f.reasonOf(httpsys.ReasonConnectionAbandonedByAppPool)
	for _, q := range queuesOf(off) {
		s := off.byQueue[q]
		if q == "-" {
			continue
		}
		x := Finding{
			Rule: ruleRapidFail, Severity: "critical", Reason: off.token, Count: s.count,
			Title:      "Rapid Fail Protection stopped application pool " + q,
			ClientText: f.tx.clientText(httpsys.ReasonAppOffline),
			When:       spanText(s.first, s.last), Where: q,
			Setting: settingText(httpsys.ReasonAppOffline),
		}
		var b strings.Builder
		fmt.Fprintf(&b, "HTTP.sys answered 503 (AppOffline) to %s for pool %s from %s to %s: the pool had been taken offline.",
			plural(s.count, "request"), q, clock(s.first), clock(s.last))
		if abandoned != nil {
			if as, ok := abandoned.byQueue[q]; ok {
				var crashes []string
				for _, m := range as.minutes() {
					if !m.Before(s.first.Add(-lookBack)) && !m.After(s.first) {
						crashes = append(crashes, clock(m))
					}
				}
				if len(crashes) > 0 {
					fmt.Fprintf(&b, " In the %d minutes before, its worker process went away with requests in flight in %s (Connection_Abandoned_By_AppPool at %s): it crashed, and Rapid Fail Protection stops a pool that crashes repeatedly.",
						int(lookBack.Minutes()), plural(int64(len(crashes)), "separate minute"), list(crashes))
					x.Evidence = append(x.Evidence, as.evidence...)
					f.covered[abandoned] = true
				}
			}
		}
		if site := f.a.he.siteOfQueue(q); site != "" && f.r.Access.Read {
			before := f.a.window(site, s.first.Add(-lookBack), s.first)
			during := f.a.window(site, s.first.Add(time.Minute), s.last)
			if before.server > 0 {
				fmt.Fprintf(&b, " Site %s's access log shows %s in the %d minutes before.",
					siteName(site), plural(before.server, "response")+" with status 500 or more", int(lookBack.Minutes()))
			}
			if s.last.Sub(s.first) >= 2*time.Minute {
				if during.requests == 0 {
					fmt.Fprintf(&b, " While the pool was offline, the site's access log has no request at all: they never reached IIS, HTTPERR is their only record.")
				} else {
					fmt.Fprintf(&b, " While the pool was offline, the site's access log has %s.", plural(during.requests, "request"))
				}
			}
		}
		b.WriteString(" " + f.tx.advice(httpsys.ReasonAppOffline))
		x.Text = b.String()
		x.Evidence = append(x.Evidence, s.evidence[:min(2, len(s.evidence))]...) // the crashes, then the refusals
		x.start = s.first
		f.add(x)
		f.covered[off] = true
	}
}

// queueSlow: QueueFull after the site's requests became slow means the
// application stopped keeping up, not that traffic grew.
func (f *finder) queueSlow() {
	qf := f.reasonOf(httpsys.ReasonQueueFull)
	if qf == nil || !f.r.Access.Read {
		return
	}
	for _, q := range queuesOf(qf) {
		s := qf.byQueue[q]
		site := f.a.he.siteOfQueue(q)
		if site == "" || s.first.IsZero() {
			continue
		}
		from := f.a.first
		recent := f.a.window(site, s.first.Add(-lookBack), s.first)
		base := f.a.window(site, from, s.first.Add(-lookBack))
		if recent.tt.cnt < minBaseline/2 || base.tt.cnt < minBaseline {
			continue
		}
		p90r, p90b := recent.tt.quantile(0.9), base.tt.quantile(0.9)
		if p90r < slowMinMS || p90r < slowFactor*max(p90b, 1) {
			continue
		}
		baseMinutes := s.first.Add(-lookBack).Sub(from).Minutes()
		rateBase := float64(base.requests) / max(baseMinutes, 1)
		rateRecent := float64(recent.requests) / lookBack.Minutes()
		x := Finding{
			Rule: ruleQueueSlow, Severity: "warning", Reason: qf.token, Count: s.count,
			Title:      "The request queue of " + q + " filled up after its requests slowed down",
			ClientText: f.tx.clientText(httpsys.ReasonQueueFull),
			When:       spanText(s.first, s.last), Where: q,
			Setting: settingText(httpsys.ReasonQueueFull),
			start:   s.first,
		}
		x.Text = fmt.Sprintf("HTTP.sys refused %s for pool %s from %s to %s because its queue was full (QueueFull). "+
			"In the %d minutes before, site %s's p90 time-taken was %s, against %s earlier (%s to %s), while requests per minute went from %.1f to %.1f: "+
			"the pool stopped keeping up because its requests took longer, not because traffic grew. Look at what the application waits on "+
			"(databases, remote calls, locks, thread starvation) before raising queueLength, which only buys time.",
			plural(s.count, "request"), q, clock(s.first), clock(s.last),
			int(lookBack.Minutes()), siteName(site), msText(int64(p90r)), msText(int64(p90b)), clock(from), clock(s.first.Add(-lookBack)),
			rateBase, rateRecent)
		x.Evidence = append(x.Evidence, s.evidence[:min(1, len(s.evidence))]...)
		for _, sr := range f.a.ac.slow {
			if sr.site == site && sr.time.Before(s.first) && !sr.time.Before(s.first.Add(-lookBack)) && len(x.Evidence) < 4 {
				x.Evidence = append(x.Evidence, sr.evidence)
			}
		}
		f.add(x)
		f.covered[qf] = true
	}
}

// configError: 500.19 means IIS could not read the configuration; after a
// deploy (a new log header block, a pool stopped by an administrator) it
// is the deploy's web.config.
func (f *finder) configError() {
	v := f.a.iisVersion()
	for _, k := range slices.SortedFunc(maps.Keys(f.a.ac.triples), compareTriple) {
		if k.status != 500 || k.sub != 19 {
			continue
		}
		ta := f.a.ac.triples[k]
		label, meaning, check := f.tx.substatus(k, v)
		var sites []string
		for _, e := range ta.sites.top(0) {
			sites = append(sites, siteName(e.key))
		}
		x := Finding{
			Rule: ruleConfigError, Severity: "critical", Reason: tripleString(k), Count: ta.count,
			Title: "500.19: IIS could not read the configuration",
			When:  spanText(ta.first, ta.last), Where: strings.Join(sites, ", "),
			start: ta.first,
		}
		// The pair's cause, when the data has one for the code, says more
		// than the substatus meaning: it comes right after the facts, and
		// its fix last, after the deploy that may explain it.
		ps := triplePairs(k)
		pairs := pairList(ps)
		x.Pairs = pairIDs(ps)
		w := win32.Code(k.win32)
		var b strings.Builder
		fmt.Fprintf(&b, "%s answered %s with 500.19 (%s)", list(sites), plural(ta.count, "request"), label)
		if len(pairs) > 0 && w != 0 {
			fmt.Fprintf(&b, " and sc-win32-status %s", win32Text(w))
		}
		fmt.Fprintf(&b, " from %s to %s.", clock(ta.first), clock(ta.last))
		if len(pairs) > 0 {
			b.WriteString(" " + pairs[0].Cause)
		} else {
			b.WriteString(" " + meaning)
		}
		var marks []string
		for _, e := range ta.sites.top(0) {
			if d := f.reasonOf(httpsys.ReasonDisabled); d != nil {
				for _, q := range queuesOf(d) {
					ds := d.byQueue[q]
					if f.a.he.siteOfQueue(q) == e.key && !ds.last.After(ta.first) && ds.last.After(ta.first.Add(-deployBack)) {
						marks = append(marks, fmt.Sprintf("pool %s was stopped by an administrator from %s to %s (Disabled)", q, clock(ds.first), clock(ds.last)))
						x.Evidence = append(x.Evidence, ds.evidence[:min(1, len(ds.evidence))]...)
						f.covered[d] = true
					}
				}
			}
			for _, rs := range f.a.ac.restarts {
				if rs.site == e.key && !rs.time.After(ta.first) && rs.time.After(ta.first.Add(-deployBack)) {
					what := "the log of " + siteName(rs.site) + " started a new header block at " + clock(rs.time)
					if rs.fields {
						what += " with other fields"
					}
					marks = append(marks, what)
					x.Evidence = append(x.Evidence, rs.evidence)
				}
			}
		}
		if len(marks) > 0 {
			x.Title = "500.19 after a deploy: IIS could not read the new configuration"
			fmt.Fprintf(&b, " It began right after a change: %s; the deployed web.config (or an applicationHost.config change) is the first suspect.", list(marks))
		}
		switch {
		case len(pairs) > 0:
			fmt.Fprintf(&b, " Fix: %s", pairs[0].Fix)
			writeAlternatives(&b, pairs[1:])
		default:
			if w != 0 {
				fmt.Fprintf(&b, " sc-win32-status %s", win32Text(w))
				if d := w.Description(); d != "" {
					b.WriteString(": " + d)
				} else {
					b.WriteString(".")
				}
			}
			if check != "" {
				b.WriteString(" Check: " + check)
			}
		}
		b.WriteString(" By default, a request from the server itself gets IIS's detailed error page, which names the Config File and the line at fault (Config Source).")
		x.Text = b.String()
		x.Evidence = append(x.Evidence, ta.evidence...)
		f.add(x)
	}
}

// logonBursts: many 401.1 (logon failed) for one client in a few minutes
// is password guessing, or a client retrying with a stale password. The
// 401.1 responses the win32 data marks as normal challenges (the first
// leg of Negotiate or NTLM, "401 1 2148074254") are not counted: a client
// that authenticates often gets many of them.
func (f *finder) logonBursts() {
	clients := slices.Collect(maps.Keys(f.a.ac.logons))
	slices.SortFunc(clients, func(x, y string) int {
		if c := cmp.Compare(f.a.ac.logons[y].count, f.a.ac.logons[x].count); c != 0 {
			return c
		}
		return compareAddr(x, y)
	})
	for _, c := range clients {
		la := f.a.ac.logons[c]
		peak, at := peakWindow(la.marks, logonWindow)
		if peak < logonBurst {
			continue
		}
		var users, uris []string
		for _, u := range la.users.top(3) {
			users = append(users, u.key)
		}
		for _, u := range la.uris.top(2) {
			uris = append(uris, u.key)
		}
		x := Finding{
			Rule: ruleLogonBurst, Severity: "warning", Reason: "401.1", Count: la.count,
			Title: "A burst of failed logons (401.1) from " + c,
			When:  spanText(la.first, la.last), Where: c,
			start: la.first, Evidence: la.evidence,
		}
		x.Text = fmt.Sprintf("%s failed to log on %s (401.1, logon failed), as many as %d in the %d minutes from %s, as %s, on %s. "+
			"Password guessing looks like this, and so does a service or a scheduled task still using a changed password. "+
			"Compare the user names with the security event log (event 4625) and block or fix the client.",
			c, plural(la.count, "time"), peak, int(logonWindow.Minutes()), clock(at), list(users), list(uris))
		f.add(x)
	}
}

// peakWindow returns the most events in any window of length w, from the
// per-minute counts, and the minute it starts at.
func peakWindow(marks map[int64]int64, w time.Duration) (int64, time.Time) {
	ms := slices.Sorted(maps.Keys(marks))
	n := int64(w / time.Minute)
	var best, sum int64
	var at int64
	j := 0
	for i, m := range ms {
		sum += marks[m]
		for ms[j] <= m-n {
			sum -= marks[ms[j]]
			j++
		}
		if sum > best {
			best, at = sum, ms[j]
		}
		_ = i
	}
	return best, time.Unix(at*minute, 0).UTC()
}

// serverErrors: a site whose access log shows many 5xx responses, with
// the triples behind them.
func (f *finder) serverErrors() {
	if !f.r.Access.Read {
		return
	}
	v := f.a.iisVersion()
	for _, s := range f.r.Sites {
		if s.Access.ServerErrors < serverErrorMin || share(s.Access.ServerErrors, s.Access.Requests) < serverErrorRate {
			continue
		}
		type tc struct {
			t triple
			n int64
		}
		var ts []tc
		for k, ta := range f.a.ac.triples {
			if k.status < 500 || k == otherTriple || k.status == 500 && k.sub == 19 {
				continue
			}
			for _, e := range ta.sites.slots {
				if e.key == s.Site {
					ts = append(ts, tc{k, e.count})
				}
			}
		}
		if len(ts) == 0 {
			continue
		}
		slices.SortFunc(ts, func(x, y tc) int {
			if c := cmp.Compare(y.n, x.n); c != 0 {
				return c
			}
			return compareTriple(x.t, y.t)
		})
		ts = ts[:min(3, len(ts))]
		var parts []string
		x := Finding{
			Rule: ruleServerError, Severity: "warning", Count: s.Access.ServerErrors,
			Title: "Site " + s.Name + " answered with server errors",
			Where: s.Name,
		}
		var first, last time.Time
		var explained strings.Builder
		var proxied, local []string // ARR's triples, and the others
		for _, t := range ts {
			if m, ok := tripleModule(t.t); ok && m == substatus.ModuleARR {
				proxied = append(proxied, tripleString(t.t))
			} else {
				local = append(local, tripleString(t.t))
			}
			ta := f.a.ac.triples[t.t]
			label, _, _ := f.tx.substatus(t.t, v)
			p := fmt.Sprintf("%d × %s (%s", t.n, tripleString(t.t), label)
			if s := win32.Code(t.t.win32).Symbol(); t.t.win32 != 0 && s != "" {
				p += ", " + s
			}
			parts = append(parts, p+")")
			if ps := triplePairs(t.t); len(ps) > 0 {
				pl := pairList(ps)
				fmt.Fprintf(&explained, " %s: %s Fix: %s", tripleString(t.t), pl[0].Cause, pl[0].Fix)
				writeAlternatives(&explained, pl[1:])
				x.Pairs = append(x.Pairs, pairIDs(ps)...)
			}
			if first.IsZero() || ta.first.Before(first) {
				first = ta.first
			}
			last = later(last, ta.last)
			x.Evidence = append(x.Evidence, ta.evidence[:min(1, len(ta.evidence))]...)
		}
		x.When, x.start = spanText(first, last), first
		x.Text = fmt.Sprintf("%s of its %s in the access log had a status of 500 or more (%.1f %%), mostly %s. %s%s",
			plural(s.Access.ServerErrors, "response"), plural(s.Access.Requests, "request"), share(s.Access.ServerErrors, s.Access.Requests), list(parts),
			whereToLook(proxied, local), explained.String())
		f.add(x)
	}
}

// whereToLook says where the reasons for a site's server errors are: the
// triples Application Request Routing answered as the gateway (the module
// of "502 3 12002", as its WinHTTP code says) failed at a backend server
// or on the way to it, not in the application of this server; the others
// reached the application.
func whereToLook(proxied, local []string) string {
	const (
		backend = "a backend server it forwards to failed, was too slow or could not be reached; the backends' own logs (access and HTTPERR), their health and the network between say why."
		app     = "reached the application: its own logs and the Application event log say why."
	)
	switch {
	case len(proxied) == 0:
		return "These " + app
	case len(local) == 0:
		return "Application Request Routing answered these as the gateway, because " + backend
	}
	return "Those Application Request Routing answered as the gateway (" + list(proxied) + ") mean that " + backend + " The others (" + list(local) + ") " + app
}

// writeAlternatives writes the cause and fix of the pairs after the first
// that match a triple: " Or, on IIS 7.5+ with ASP.NET Core: … Fix: …".
func writeAlternatives(b *strings.Builder, ps []Pair) {
	for _, p := range ps {
		fmt.Fprintf(b, " %s: %s Fix: %s", alternative(p), p.Cause, p.Fix)
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// reasons: the HTTP.sys reasons by severity, from package httpsys, for
// those no rule above explained.
func (f *finder) reasons() {
	var notices, routine []ReasonCount
	var unknown []string
	var unknownCount int64
	var unknownEvidence []Evidence
	var serious []Finding
	for _, rc := range f.r.HTTPErr.Reasons {
		if !rc.Known {
			if rc.Reason != "-" {
				unknown = append(unknown, rc.Reason)
				unknownCount += rc.Count
				if len(unknownEvidence) < maxEvidence {
					unknownEvidence = append(unknownEvidence, rc.agg.evidence[0])
				}
			}
			continue
		}
		if f.covered[rc.agg] {
			continue
		}
		switch rc.agg.reason.Info().Severity {
		case httpsys.SeverityCritical, httpsys.SeverityWarning:
			serious = append(serious, f.reasonFinding(rc))
		case httpsys.SeverityNotice:
			notices = append(notices, rc)
		default:
			routine = append(routine, rc)
		}
	}
	for _, x := range serious {
		f.add(x)
	}
	for i, rc := range notices {
		if i == maxNotices {
			var n int64
			var names []string
			for _, o := range notices[i:] {
				n += o.Count
				names = append(names, o.Reason)
			}
			f.add(Finding{
				Rule: ruleNotices, Severity: httpsys.SeverityNotice.String(), Count: n,
				Title: "Other client errors HTTP.sys rejected",
				Text:  fmt.Sprintf("Also logged, each worth a look only in volume: %s.", strings.Join(names, ", ")),
			})
			break
		}
		f.add(f.reasonFinding(rc))
	}
	if len(unknown) > 0 {
		f.add(Finding{
			Rule: ruleUnknown, Severity: httpsys.SeverityUnknown.String(), Count: unknownCount,
			Title:    "Reason tokens the library does not know",
			Text:     fmt.Sprintf("Reason tokens not in iisstatus's table (data %s): %s. A newer Windows build may log them; look them up and report them.", httpsys.DataVersion, strings.Join(unknown, ", ")),
			Evidence: unknownEvidence,
		})
	}
	if len(f.out) == 0 && len(routine) > 0 {
		var names []string
		var n int64
		for _, rc := range routine {
			names = append(names, rc.Reason)
			n += rc.Count
		}
		f.add(Finding{
			Rule: ruleRoutine, Severity: httpsys.SeverityRoutine.String(), Count: n,
			Title: "Only routine HTTP.sys events",
			Text:  fmt.Sprintf("Only routine events (%s): nothing to do.", strings.Join(names, ", ")),
		})
	}
}

func (f *finder) reasonFinding(rc ReasonCount) Finding {
	ra := rc.agg
	x := Finding{
		Rule:       ruleReason,
		Severity:   rc.Severity,
		Reason:     rc.Reason,
		Count:      rc.Count,
		Title:      "HTTP.sys: " + rc.Reason,
		Text:       f.tx.advice(ra.reason),
		ClientText: rc.ClientText,
		When:       spanText(rc.First, rc.Last),
		Setting:    settingText(ra.reason),
		Evidence:   ra.evidence,
		start:      rc.First,
	}
	var where []string
	for _, q := range rc.Queues {
		if q.Key != "-" {
			where = append(where, q.Key)
		}
		if len(where) == 3 {
			break
		}
	}
	x.Where = strings.Join(where, ", ")
	return x
}

// housekeeping: what the inputs themselves call for.
func (f *finder) housekeeping() {
	if t := f.r.Totals; t.Problems > 0 {
		var ev []Evidence
		for _, p := range f.r.Problems {
			if len(ev) == maxEvidence {
				break
			}
			ev = append(ev, Evidence{File: p.File, Line: p.Line, Text: p.Message})
		}
		f.add(Finding{
			Rule: ruleProblems, Severity: httpsys.SeverityNotice.String(), Count: t.Problems,
			Title: "Lines that could not be read",
			Text: fmt.Sprintf("%d line(s) could not be read as records and %d record(s) hold invalid values (see Problems): files cut short by a crash, edited by hand, or damaged.",
				t.Malformed, t.Problems-t.Malformed),
			Evidence: ev,
		})
	}
	var skipped []string
	for _, in := range f.r.Inputs {
		if in.Skipped != "" {
			skipped = append(skipped, in.Name+" ("+in.Skipped+")")
		}
	}
	if len(skipped) > 0 {
		f.add(Finding{
			Rule: ruleSkipped, Severity: "info",
			Title: plural(int64(len(skipped)), "input") + " not read",
			Text:  fmt.Sprintf("Not read: %s.", strings.Join(skipped, "; ")),
		})
	}
	if f.a.he.records == 0 && f.a.ac.records == 0 && len(f.out) == 0 {
		f.add(Finding{Rule: ruleNoRecords, Severity: "info", Title: "No records", Text: "No records: nothing to report."})
	}
}

func settingText(r httpsys.Reason) string {
	s := r.Info().Setting
	if s.Name == "" {
		return ""
	}
	if s.Default != "" {
		return s.Name + " (default " + s.Default + ")"
	}
	return s.Name
}

// spanText formats a time range compactly: "2026-03-09 10:23-10:49" within a
// day, full timestamps otherwise.
func spanText(first, last time.Time) string {
	switch {
	case first.IsZero():
		return ""
	case first.Equal(last):
		return first.Format("2006-01-02 15:04:05")
	case first.Truncate(time.Minute).Equal(last.Truncate(time.Minute)):
		return first.Format("2006-01-02 15:04:05") + "-" + last.Format("15:04:05")
	case first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return first.Format("2006-01-02 15:04") + "-" + last.Format("15:04")
	}
	return first.Format("2006-01-02 15:04") + " to " + last.Format("2006-01-02 15:04")
}

// clock formats a time of day, "10:13".
func clock(t time.Time) string { return t.Format("15:04") }

func plural(n int64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// list joins words as English prose: "a", "a and b", "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// msText formats milliseconds: "850 ms", "12.4 s".
func msText(ms int64) string {
	if ms < 1000 {
		return fmt.Sprintf("%d ms", ms)
	}
	return fmt.Sprintf("%.1f s", float64(ms)/1000)
}
