package iisreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// The page is one self-contained file: inline CSS, inline SVG charts, no
// script, no font, image or style from elsewhere, and a Content Security
// Policy that forbids them, so that even a value that escaped escaping
// could not load or run anything. Every value from the logs goes through
// html/template's contextual escaping after clean (control characters and
// bytes that are not UTF-8 shown as \xNN), or, in the findings' text,
// through nowrapHTML, which escapes each word with html/template's own
// escaper; none becomes a link.
//
//go:embed report.tmpl
var pageTemplate string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"c":          clean,
	"nb":         nowrapHTML,
	"ms":         msText,
	"bytes":      bytesText,
	"bytesdash":  bytesOrDash,
	"pct":        func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) + " %" },
	"num":        func(n int64) string { return groupDigits(n) },
	"plus":       plusToSpace,
	"dt":         func(t time.Time) string { return t.Format(time.DateTime) },
	"clock":      clock,
	"lines":      linesText,
	"sevcls":     func(s string) string { return "sev-" + s },
	"ev":         func(e Evidence) string { return clean(e.Text) + map[bool]string{true: " …", false: ""}[e.Cut] },
	"inc":        func(i int) int { return i + 1 },
	"msf":        func(f float64) string { return msText(int64(f + 0.5)) },
	"bucketName": bucketName,
	"problem":    problemText,
	"pair":       func(title string, l TopList) topView { return topView{title, l, false} },
	"pairplus":   func(title string, l TopList) topView { return topView{title, l, true} },
	"spair":      func(title string, l []StatusCount) statusView { return statusView{title, l} },
	"tview":      viewTriple,
}).Parse(pageTemplate))

// topView is a top list with its title; Plus shows '+' as spaces (header
// values as IIS logs them).
type topView struct {
	Title string
	List  TopList
	Plus  bool
}

type statusView struct {
	Title string
	List  []StatusCount
}

// htmlPage is what the template renders.
type htmlPage struct {
	*Report
	Title    string
	Summary  []summaryItem
	Charts   []chart
	Sites    []siteView
	Versions string
}

type summaryItem struct {
	Label, Value, Note string
	Alert              bool
}

// siteView is a site with its small chart.
type siteView struct {
	Site
	Chart *chart
}

// chart is one SVG chart on the timeline's axis: stacked bars or lines in
// a viewBox of one unit per bucket, stretched to the page's width; its
// labels are HTML, so that they stay readable at any width.
type chart struct {
	ID     string
	Title  string
	Note   string
	Width  int // viewBox width: buckets * barStep
	Height int
	Groups []barGroup
	Lines  []polyline
	Ticks  []tick
	YTicks []tick
	Legend []legendItem
	Label  string // aria-label
}

type barGroup struct {
	Tip   string
	Rects []rect
}

type rect struct {
	X, Y, W, H string
	Class      string
}

type polyline struct {
	Points string
	Class  string
}

// tick is an axis label at Pos percent of the chart's width (or height).
type tick struct {
	Pos   string
	Label string
	Edge  string // "first", "last" or "": how the label is anchored
}

type legendItem struct {
	Class, Label string
	Total        int64
}

const (
	barStep     = 10 // viewBox units per bucket
	barWidth10  = 8  // bar width within it
	chartHeight = 100
	maxTicks    = 6
)

func writeHTML(w io.Writer, r *Report) error {
	p := &htmlPage{Report: r, Title: "IIS report", Versions: fmt.Sprintf("httpsys %s, substatus %s, win32 %s", httpsys.DataVersion, substatus.DataVersion, win32.DataVersion)}
	if r.TimeRange != nil {
		p.Title += ", " + r.TimeRange.First.Format("2006-01-02 15:04") + " to " + r.TimeRange.Last.Format("15:04") + " UTC"
	}
	p.Summary = summary(r)
	tl := r.Timeline
	if len(tl.Buckets) > 0 {
		p.Charts = append(p.Charts, requestsChart(tl), rateChart(tl))
		if len(tl.Reasons) > 0 {
			p.Charts = append(p.Charts, seriesChart("reasons", "HTTP.sys reasons", "HTTPERR records per "+bucketName(tl.Bucket)+", most frequent reasons", tl, tl.Reasons))
		}
		if len(tl.Triples) > 0 {
			p.Charts = append(p.Charts, seriesChart("triples", "Error triples", "access-log responses per "+bucketName(tl.Bucket)+" by sc-status sc-substatus sc-win32-status", tl, tl.Triples))
		}
		if c := timeTakenChart(tl); c != nil {
			p.Charts = append(p.Charts, *c)
		}
	}
	for i, s := range r.Sites {
		v := siteView{Site: s}
		if i < 8 && len(tl.Buckets) > 0 && s.Requests+s.HTTPErr.Events > 0 {
			c := siteChart(tl, s)
			v.Chart = &c
		}
		p.Sites = append(p.Sites, v)
	}
	return page.Execute(w, p)
}

func summary(r *Report) []summaryItem {
	var req, errs int64
	for _, b := range r.Timeline.Buckets {
		req += b.Requests
		errs += b.Errors
	}
	out := []summaryItem{
		{Label: "requests", Value: groupDigits(req), Note: "answered by IIS or HTTP.sys"},
		{Label: "server errors", Value: groupDigits(errs), Note: strconv.FormatFloat(share(errs, req), 'f', 1, 64) + " % of requests", Alert: share(errs, req) >= 5},
	}
	if r.HTTPErr.Read {
		var refused int64
		for _, s := range r.HTTPErr.Statuses {
			if s.Status >= 500 {
				refused += s.Count
			}
		}
		out = append(out, summaryItem{Label: "refused by HTTP.sys", Value: groupDigits(refused), Note: "503s that never reached IIS", Alert: refused > 0})
	}
	if t := r.Access.TimeTaken; t != nil {
		out = append(out, summaryItem{Label: "p90 time-taken", Value: msText(t.P90), Note: "p50 " + msText(t.P50) + ", p99 " + msText(t.P99)})
	}
	var crit int
	for _, f := range r.Findings {
		if f.Severity == "critical" || f.Severity == "warning" {
			crit++
		}
	}
	out = append(out, summaryItem{Label: "to look at", Value: strconv.Itoa(crit), Note: "critical and warning findings", Alert: crit > 0})
	return out
}

// tickPeriods are the round intervals between x-axis labels, in seconds.
var tickPeriods = []int64{
	minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute,
	hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 28 * day, 91 * day, 364 * day,
}

// axis returns the x-axis ticks of a timeline: at most maxTicks, at round
// times.
func axis(tl Timeline) []tick {
	n := len(tl.Buckets)
	if n == 0 {
		return nil
	}
	size := tl.BucketSeconds
	layout := "15:04"
	switch {
	case size >= day:
		layout = "Jan 2"
	case tl.Buckets[0].Start.Format(time.DateOnly) != tl.Buckets[n-1].Start.Format(time.DateOnly):
		layout = "Jan 2 15:04"
	}
	var out []tick
	for _, period := range tickPeriods {
		if period < size || period%size != 0 {
			continue
		}
		out = out[:0]
		for i, b := range tl.Buckets {
			if tl.Sparse {
				if int64(i)%(period/size) == 0 {
					out = append(out, tick{Pos: pos(i, n), Label: b.Start.Format(layout)})
				}
				continue
			}
			if b.Start.Unix()%period == 0 {
				out = append(out, tick{Pos: pos(i, n), Label: b.Start.Format(layout)})
			}
		}
		if len(out) <= maxTicks && len(out) > 0 {
			break
		}
	}
	if len(out) > maxTicks {
		out = out[:0]
	}
	if len(out) == 0 {
		out = append(out, tick{Pos: "0", Label: tl.Buckets[0].Start.Format(layout)})
	}
	// Labels near the edges are anchored inside the chart.
	if p, _ := strconv.ParseFloat(out[0].Pos, 64); p < 8 {
		out[0].Edge = "first"
	}
	if p, _ := strconv.ParseFloat(out[len(out)-1].Pos, 64); p > 92 {
		out[len(out)-1].Edge = "last"
	}
	return out
}

func pos(i, n int) string { return strconv.FormatFloat(float64(i)*100/float64(n), 'f', 2, 64) }

func coord(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// stack builds the bar groups of stacked series: values[s][i] is series
// s in bucket i.
func stack(tl Timeline, values [][]int64, classes []string, tips func(i int) string) (groups []barGroup, peak int64) {
	for i := range tl.Buckets {
		var sum int64
		for s := range values {
			sum += values[s][i]
		}
		peak = max(peak, sum)
	}
	if peak == 0 {
		peak = 1
	}
	for i := range tl.Buckets {
		g := barGroup{Tip: tips(i)}
		var y float64 = chartHeight
		for s := range values {
			v := values[s][i]
			if v == 0 {
				continue
			}
			h := float64(v) * chartHeight / float64(peak)
			y -= h
			g.Rects = append(g.Rects, rect{X: coord(float64(i*barStep + 1)), Y: coord(y), W: strconv.Itoa(barWidth10), H: coord(h), Class: classes[s]})
		}
		groups = append(groups, g)
	}
	return groups, peak
}

func newChart(id, title, note string, tl Timeline) chart {
	return chart{ID: id, Title: title, Note: note, Width: len(tl.Buckets) * barStep, Height: chartHeight, Ticks: axis(tl), Label: title}
}

func yTicks(peak int64, unit string) []tick {
	return []tick{{Pos: "0", Label: groupDigits(peak) + unit}, {Pos: "50", Label: groupDigits(peak/2) + unit}}
}

func requestsChart(tl Timeline) chart {
	c := newChart("requests", "Requests", "per "+bucketName(tl.Bucket)+": answered by IIS (access log) and by HTTP.sys itself (HTTPERR)", tl)
	n := len(tl.Buckets)
	vals := make([][]int64, 4)
	for s := range vals {
		vals[s] = make([]int64, n)
	}
	for i, b := range tl.Buckets {
		a := b.Access
		vals[0][i] = a.Requests - a.ClientErrors - a.ServerErrors
		vals[1][i] = a.ClientErrors
		vals[2][i] = a.ServerErrors
		vals[3][i] = b.HTTPErr.Refused
	}
	names := []string{"IIS: success and redirects", "IIS: client errors (4xx)", "IIS: server errors (5xx)", "HTTP.sys: refused (HTTPERR)"}
	classes := []string{"ok", "warn", "bad", "sys"}
	var peak int64
	c.Groups, peak = stack(tl, vals, classes, func(i int) string {
		b := tl.Buckets[i]
		return fmt.Sprintf("%s: %d requests, %d with status 500 or more (%.1f %%); IIS %d (%d 4xx, %d 5xx), HTTP.sys %d",
			b.Start.Format("15:04"), b.Requests, b.Errors, b.ErrorRate, b.Access.Requests, b.Access.ClientErrors, b.Access.ServerErrors, b.HTTPErr.Refused)
	})
	c.YTicks = yTicks(peak, "")
	for s := range vals {
		var total int64
		for _, v := range vals[s] {
			total += v
		}
		c.Legend = append(c.Legend, legendItem{Class: classes[s], Label: names[s], Total: total})
	}
	return c
}

func rateChart(tl Timeline) chart {
	c := newChart("rate", "Error rate", "share of requests answered with status 500 or more, per "+bucketName(tl.Bucket), tl)
	for i, b := range tl.Buckets {
		g := barGroup{Tip: fmt.Sprintf("%s: %.1f %% (%d of %d)", b.Start.Format("15:04"), b.ErrorRate, b.Errors, b.Requests)}
		if b.ErrorRate > 0 {
			h := b.ErrorRate * chartHeight / 100
			g.Rects = append(g.Rects, rect{X: coord(float64(i*barStep + 1)), Y: coord(chartHeight - h), W: strconv.Itoa(barWidth10), H: coord(h), Class: "bad"})
		}
		c.Groups = append(c.Groups, g)
	}
	c.YTicks = []tick{{Pos: "0", Label: "100 %"}, {Pos: "50", Label: "50 %"}}
	return c
}

func seriesChart(id, title, note string, tl Timeline, series []Series) chart {
	c := newChart(id, title, note, tl)
	vals := make([][]int64, len(series))
	classes := make([]string, len(series))
	for s, se := range series {
		vals[s] = se.Counts
		classes[s] = "c" + strconv.Itoa(s)
		if se.Key == otherKey {
			classes[s] = "other"
		}
		c.Legend = append(c.Legend, legendItem{Class: classes[s], Label: se.Key, Total: se.Total})
	}
	var peak int64
	c.Groups, peak = stack(tl, vals, classes, func(i int) string {
		var parts []string
		for _, se := range series {
			if se.Counts[i] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", clean(se.Key), se.Counts[i]))
			}
		}
		if len(parts) == 0 {
			parts = append(parts, "none")
		}
		return tl.Buckets[i].Start.Format("15:04") + ": " + strings.Join(parts, ", ")
	})
	c.YTicks = yTicks(peak, "")
	return c
}

// timeTakenChart draws p50, p90 and p99 per bucket on a logarithmic
// scale, or returns nil when the logs have no time-taken.
func timeTakenChart(tl Timeline) *chart {
	var top int64
	for _, b := range tl.Buckets {
		if b.TimeTaken != nil {
			top = max(top, b.TimeTaken.P99)
		}
	}
	if top == 0 {
		return nil
	}
	c := newChart("timetaken", "Time taken", "access log, per "+bucketName(tl.Bucket)+", logarithmic scale (percentiles within 25 %)", tl)
	// Decades from 1 ms to the first power of ten above top.
	decades := int(math.Ceil(math.Log10(float64(max(top, 10)))))
	y := func(ms int64) float64 {
		return chartHeight - math.Log10(float64(max(ms, 1)))*chartHeight/float64(decades)
	}
	for d := decades; d >= 0; d-- {
		ms := int64(math.Pow10(d))
		c.YTicks = append(c.YTicks, tick{Pos: coord(100 - float64(d)*100/float64(decades)), Label: msText(ms)})
	}
	classes := []string{"c0", "c1", "c2"}
	names := []string{"p50", "p90", "p99"}
	for s := range 3 {
		var pts []string
		for i, b := range tl.Buckets {
			if b.TimeTaken == nil {
				continue
			}
			v := []int64{b.TimeTaken.P50, b.TimeTaken.P90, b.TimeTaken.P99}[s]
			pts = append(pts, coord(float64(i*barStep+barStep/2))+","+coord(y(v)))
		}
		c.Lines = append(c.Lines, polyline{Points: strings.Join(pts, " "), Class: classes[s]})
		c.Legend = append(c.Legend, legendItem{Class: classes[s], Label: names[s]})
	}
	for i, b := range tl.Buckets {
		tip := b.Start.Format("15:04") + ": no time-taken"
		if t := b.TimeTaken; t != nil {
			tip = fmt.Sprintf("%s: p50 %s, p90 %s, p99 %s, max %s (%d requests)", b.Start.Format("15:04"), msText(t.P50), msText(t.P90), msText(t.P99), msText(t.Max), t.Count)
		}
		// An invisible bar per bucket carries the tooltip.
		c.Groups = append(c.Groups, barGroup{Tip: tip, Rects: []rect{{X: strconv.Itoa(i * barStep), Y: "0", W: strconv.Itoa(barStep), H: strconv.Itoa(chartHeight), Class: "hit"}}})
	}
	return &c
}

func siteChart(tl Timeline, s Site) chart {
	c := newChart("site-"+s.Site, s.Name, "", tl)
	n := len(tl.Buckets)
	ok, bad := make([]int64, n), make([]int64, n)
	for i, b := range s.PerBucket {
		ok[i], bad[i] = b.Requests-b.Errors, b.Errors
	}
	var peak int64
	c.Groups, peak = stack(tl, [][]int64{ok, bad}, []string{"ok", "bad"}, func(i int) string {
		return fmt.Sprintf("%s: %d requests, %d with status 500 or more", tl.Buckets[i].Start.Format("15:04"), s.PerBucket[i].Requests, s.PerBucket[i].Errors)
	})
	c.YTicks = yTicks(peak, "")
	c.Label = "requests and server errors of " + s.Name
	return c
}

// groupDigits writes n with thin spaces between groups of three digits,
// as ISO 80000 does, which reads the same in every language.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 4 {
		if neg {
			return "-" + s
		}
		return s
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(d)
	}
	return b.String()
}

// nowrapHTML escapes s (after clean) for HTML and puts each group of
// words that must stay on one line (atoms: a status triple "502 3 12002",
// a code with its name "13 (ERROR_INVALID_DATA)") in a nowrap span, so
// that the browser wraps the text as wrap does in the text report. White
// space between words becomes one space, as HTML shows it anyway.
func nowrapHTML(s string) template.HTML {
	var b strings.Builder
	for i, a := range atoms(clean(s)) {
		if i > 0 {
			b.WriteByte(' ')
		}
		if len(a) > 1 {
			b.WriteString(`<span class="nb">`)
		}
		for j, w := range a {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(template.HTMLEscapeString(w))
		}
		if len(a) > 1 {
			b.WriteString(`</span>`)
		}
	}
	return template.HTML(b.String())
}
