package iisreport

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// barWidth is the width of the longest timeline bar.
const barWidth = 40

// wrapWidth is where explanations are wrapped.
const wrapWidth = 100

// writeText prints r as the human-readable report. Every value that comes
// from a log goes through clean, so a crafted log cannot send control
// sequences to the terminal.
func writeText(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	para := func(indent, s string) {
		for _, l := range wrap(s, wrapWidth-len(indent)) {
			p("%s%s\n", indent, l)
		}
	}

	p("IIS report\n==========\n\n")
	p("Inputs\n")
	for _, in := range r.Inputs {
		name := clean(in.Name)
		if in.Embedded {
			name += " (embedded sample)"
		}
		switch {
		case in.Read:
			p("  %s  %s, %s, %s\n", name, in.Kind, bytesText(in.Bytes), countsText(in.LineCounts))
		case in.Kind == "empty":
			p("  %s  empty\n", name)
		default:
			p("  %s  %s, %s: %s\n", name, in.Kind, bytesText(in.FileBytes), clean(in.Skipped))
		}
		if in.Foreign > 0 {
			p("    %d line(s) under a #Fields directive of another kind of log, not read\n", in.Foreign)
		}
		if in.ReadError != "" {
			p("    read error: %s\n", clean(in.ReadError))
		}
	}
	if r.Totals.Read > 1 {
		p("  total  %s\n", countsText(r.Totals.LineCounts))
	}

	p("\nTime range (UTC)\n")
	if r.TimeRange == nil {
		p("  no timestamps\n")
	} else {
		d := r.TimeRange.Last.Sub(r.TimeRange.First)
		p("  %s to %s  (%s)\n", r.TimeRange.First.Format(time.DateTime), r.TimeRange.Last.Format(time.DateTime), durationText(d))
	}

	p("\nWhat to look at\n")
	for _, f := range r.Findings {
		p("  [%s] %s\n", f.Severity, clean(f.Title))
		var ctx []string
		if f.Count > 0 {
			ctx = append(ctx, linesText(f.Count))
		}
		if f.When != "" {
			ctx = append(ctx, f.When)
		}
		if f.Where != "" {
			ctx = append(ctx, clean(f.Where))
		}
		if len(ctx) > 0 {
			p("    %s\n", strings.Join(ctx, ", "))
		}
		para("    ", clean(f.Text))
		switch {
		case f.ClientText == "":
		case r.Language == "en":
			p("    clients were sent: %s\n", clean(f.ClientText))
		default: // HTTP.sys sends the English text
			p("    client text (translated): %s\n", clean(f.ClientText))
		}
		if f.Setting != "" {
			p("    setting: %s\n", f.Setting)
		}
		for _, e := range f.Evidence {
			for i, l := range evidenceLines(e, wrapWidth-6) {
				if i == 0 {
					p("    > %s\n", l)
				} else {
					p("      %s\n", l)
				}
			}
		}
	}

	tl := r.Timeline
	p("\nRequests and errors per %s (UTC%s)\n", bucketName(tl.Bucket), map[bool]string{true: "; periods without records left out", false: ""}[tl.Sparse])
	if len(tl.Buckets) == 0 {
		p("  no timestamps\n")
	} else {
		var peak int64
		for _, bk := range tl.Buckets {
			peak = max(peak, bk.Requests+bk.HTTPErr.Events-bk.HTTPErr.Refused)
		}
		p("  %-16s %8s %6s %6s %7s %8s  %s\n", "", "requests", "errors", "rate", "httperr", "p90", "(# answered, x 5xx, . other HTTP.sys events)")
		layout := bucketLayout(tl)
		for _, bk := range tl.Buckets {
			p90 := "-"
			if bk.TimeTaken != nil {
				p90 = msText(bk.TimeTaken.P90)
			}
			p("  %-16s %8d %6d %5.1f%% %7d %8s  %s\n", bk.Start.Format(layout), bk.Requests, bk.Errors, bk.ErrorRate, bk.HTTPErr.Events, p90, bar(bk, peak))
		}
	}
	if tl.Outside > 0 {
		p("  %d record(s) outside the range shown\n", tl.Outside)
	}

	p("\nSites\n")
	if len(r.Sites) == 0 {
		p("  none\n")
	} else {
		p("  %-24s %8s %6s %6s %6s %7s %7s %8s %8s %10s %10s\n", "site", "requests", "4xx", "5xx", "rate", "httperr", "p50", "p90", "p99", "sent", "received")
	}
	for _, s := range r.Sites {
		p50, p90, p99 := "-", "-", "-"
		if t := s.TimeTaken; t != nil {
			p50, p90, p99 = msText(t.P50), msText(t.P90), msText(t.P99)
		}
		p("  %-24s %8d %6d %6d %5.1f%% %7d %7s %8s %8s %10s %10s\n", clean(s.Name), s.Requests, s.Access.ClientErrors, s.Access.ServerErrors+s.HTTPErr.ServerErrors,
			s.ErrorRate, s.HTTPErr.Events, p50, p90, p99, bytesOrDash(s.Access.BytesSent), bytesOrDash(s.Access.BytesReceived))
		if len(s.Queues) > 0 {
			p("  %-24s application pools: %s\n", "", clean(strings.Join(s.Queues, ", ")))
		}
	}

	ac := r.Access
	if ac.Read {
		p("\nStatus triples (sc-status sc-substatus sc-win32-status) of errors, IIS %s meanings\n", ac.IISVersion)
		if len(ac.Triples) == 0 {
			p("  none\n")
		}
		for _, t := range ac.Triples {
			const indent = "                  "
			p("  %7d %5.1f%%  %-14s %s\n", t.Count, t.Share, t.Triple, clean(t.Label))
			v := viewTriple(t, r.Language)
			for _, pv := range v.Pairs {
				if pv.Lead != "" {
					para(indent, pv.Lead+": "+pv.Cause)
				} else {
					para(indent, pv.Cause)
				}
				para(indent, "fix: "+pv.Fix)
			}
			switch {
			case v.MeaningLead != "":
				para(indent, v.MeaningLead+": "+v.Meaning)
			case v.Meaning != "":
				para(indent, v.Meaning)
			}
			if v.Win32 != "" {
				w := "sc-win32-status " + v.Win32
				if v.Win32Meaning != "" {
					w += ": " + v.Win32Meaning
				}
				para(indent, w)
			}
			if v.Check != "" {
				para(indent, "check: "+v.Check)
			}
			if len(t.TopURIs) > 0 {
				var u []string
				for _, k := range t.TopURIs {
					u = append(u, clean(k.Key)+" ("+strconv.FormatInt(k.Count, 10)+")")
				}
				para(indent, "on "+strings.Join(u, ", "))
			}
		}
		p("\nTime taken (access log)\n")
		if t := ac.TimeTaken; t == nil {
			p("  no time-taken column\n")
		} else {
			p("  %d requests: p50 %s, p90 %s, p99 %s, max %s, mean %s\n", t.Count, msText(t.P50), msText(t.P90), msText(t.P99), msText(t.Max), msText(int64(t.Mean+0.5)))
		}
		if len(ac.SlowestURIs) > 0 {
			p("\nSlowest URIs (mean time-taken)\n")
			for _, u := range ac.SlowestURIs {
				p("  %8s mean %8s max %7d requests  %s\n", msText(int64(u.MeanMS+0.5)), msText(u.MaxMS), u.Requests, clean(u.URI))
			}
		}
		if ac.WithBytesSent > 0 || ac.WithBytesReceived > 0 {
			p("\nBytes (access log)\n  sent %s in %d records, received %s in %d records\n", bytesText(ac.BytesSent), ac.WithBytesSent, bytesText(ac.BytesReceived), ac.WithBytesReceived)
		}
		topText(p, "Top clients (access log)", ac.Clients, nil)
		topText(p, "Top user agents", ac.UserAgents, plusToSpace)
		topText(p, "Top referers", ac.Referers, nil)
		statusText(p, "Statuses (access log)", ac.Statuses)
	}

	he := r.HTTPErr
	if he.Read {
		p("\nHTTP.sys reasons (%d HTTPERR records)\n", he.Records)
		if len(he.Reasons) == 0 {
			p("  none\n")
		} else {
			p("  %7s %6s  %-34s %-9s %-6s %s\n", "count", "share", "reason", "category", "status", "severity")
		}
		for _, rc := range he.Reasons {
			st := "-"
			if rc.Status != 0 {
				st = strconv.Itoa(rc.Status)
			}
			name := clean(rc.Reason)
			if !rc.Known && rc.Reason != "-" {
				name += " (unknown)"
			}
			p("  %7d %5.1f%%  %-34s %-9s %-6s %s\n", rc.Count, rc.Share, name, rc.Category, st, rc.Severity)
			if rc.Summary != "" {
				para("                  ", rc.Summary)
			}
		}
		statusText(p, "Statuses (HTTPERR)", he.Statuses)
		keysText(p, "Queues (s-queuename)", he.Queues)
		topText(p, "Top client addresses (HTTPERR)", he.Clients, nil)
		topText(p, "Top URIs of 4xx responses (HTTPERR)", he.URIs4xx, nil)
	}

	if r.Totals.Problems > 0 {
		p("\nProblems (first %d of %d)\n", len(r.Problems), r.Totals.Problems)
		for _, pr := range r.Problems {
			p("  %s\n", problemText(pr))
		}
	}
	return b.Flush()
}

func bucketName(b string) string {
	switch b {
	case "1m":
		return "minute"
	case "5m":
		return "5 minutes"
	case "15m":
		return "15 minutes"
	case "1h":
		return "hour"
	}
	return "day"
}

// bucketLayout is how bucket starts are printed: times within a day, the
// date too when the range spans days.
func bucketLayout(tl Timeline) string {
	if tl.BucketSeconds >= day {
		return time.DateOnly
	}
	first, last := tl.Buckets[0].Start, tl.Buckets[len(tl.Buckets)-1].Start
	if first.Format(time.DateOnly) == last.Format(time.DateOnly) {
		return "15:04"
	}
	return "2006-01-02 15:04"
}

// bar draws one timeline bucket: '#' for answered requests without a
// server error, 'x' for server errors, '.' for the other HTTP.sys events
// (timeouts, dropped connections), scaled to peak.
func bar(bk Bucket, peak int64) string {
	if peak == 0 {
		return ""
	}
	scale := func(n int64) int { return int((n*barWidth + peak - 1) / peak) }
	other := bk.HTTPErr.Events - bk.HTTPErr.Refused
	total := scale(bk.Requests + other)
	errs := scale(bk.Errors)
	dots := scale(other)
	if errs+dots > total {
		dots = max(total-errs, 0)
	}
	return strings.Repeat("#", max(total-errs-dots, 0)) + strings.Repeat("x", errs) + strings.Repeat(".", dots)
}

func bytesOrDash(n int64) string {
	if n == 0 {
		return "-"
	}
	return bytesText(n)
}

func linesText(n int64) string {
	if n == 1 {
		return "1 line"
	}
	return strconv.FormatInt(n, 10) + " lines"
}

func keysText(p func(string, ...any), title string, keys []KeyCount) {
	p("\n%s\n", title)
	if len(keys) == 0 {
		p("  none\n")
	}
	for _, k := range keys {
		p("  %7d  %s\n", k.Count, clean(k.Key))
	}
}

func statusText(p func(string, ...any), title string, ss []StatusCount) {
	p("\n%s\n", title)
	if len(ss) == 0 {
		p("  none\n")
	}
	for _, s := range ss {
		if s.Status == 0 {
			p("  %7d  -    (no status logged)\n", s.Count)
			continue
		}
		p("  %7d  %d  %s\n", s.Count, s.Status, s.Text)
	}
}

func topText(p func(string, ...any), title string, t TopList, show func(string) string) {
	p("\n%s", title)
	if t.Approximate {
		p(" (approximate: more distinct values than tracked)")
	}
	p("\n")
	if len(t.Items) == 0 {
		p("  none\n")
	}
	for _, it := range t.Items {
		k := it.Key
		if show != nil {
			k = show(k)
		}
		if it.Error > 0 {
			p("  %7d  %s  (may be overcounted by up to %d)\n", it.Count, clean(k), it.Error)
			continue
		}
		p("  %7d  %s\n", it.Count, clean(k))
	}
}

// plusToSpace shows a header value as sent: IIS writes '+' for each space
// in cs(User-Agent), cs(Referer) and cs(Cookie).
func plusToSpace(s string) string { return strings.ReplaceAll(s, "+", " ") }

func countsText(c LineCounts) string {
	return fmt.Sprintf("%d lines: %d records, %d directives, %d blank, %d malformed",
		c.Lines, c.Records, c.Directives, c.Blank, c.Malformed)
}

// evidenceLines formats an evidence line as "file:line  text", wrapped at
// spaces to width, continuation lines indented.
func evidenceLines(e Evidence, width int) []string {
	text := clean(e.File) + ":" + strconv.Itoa(e.Line) + "  " + clean(e.Text)
	if e.Cut {
		text += " …"
	}
	lines := wrapExact(text, width)
	for i := 1; i < len(lines); i++ {
		lines[i] = "    " + lines[i]
	}
	return lines
}

// problemText formats a problem as "file:line:column (field): message".
func problemText(p Problem) string {
	var b strings.Builder
	b.WriteString(clean(p.File))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(p.Line))
	if p.Column > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Column))
	}
	if p.Field != "" {
		b.WriteString(" (")
		b.WriteString(clean(p.Field))
		b.WriteByte(')')
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	if p.Value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(p.Value))
	}
	if p.Skipped {
		b.WriteString("; line skipped")
	} else {
		b.WriteString("; record kept")
	}
	return b.String()
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func durationText(d time.Duration) string {
	d = d.Round(time.Second)
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	h, m, s := d/time.Hour, (d%time.Hour)/time.Minute, (d%time.Minute)/time.Second
	if days > 0 {
		return fmt.Sprintf("%dd %dh %dm", days, h, m)
	}
	return fmt.Sprintf("%dh %02dm %02ds", h, m, s)
}

// clean makes log-supplied text safe to print: invalid UTF-8 bytes and
// control characters are shown as \xNN (or \u…), everything else as is.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case unicode.IsControl(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// wrapExact splits s into lines of at most width runes, breaking at the
// last space that fits (which is dropped) or, in a run without spaces, at
// width; every other byte is kept, runs of spaces included.
func wrapExact(s string, width int) []string {
	var lines []string
	for utf8.RuneCountInString(s) > width {
		cut, n := -1, 0
		limit := len(s)
		for i := range s {
			if n == width {
				limit = i
				break
			}
			if s[i] == ' ' && i > 0 {
				cut = i
			}
			n++
		}
		if limit < len(s) && s[limit] == ' ' {
			cut = limit
		}
		if cut <= 0 {
			lines = append(lines, s[:limit])
			s = s[limit:]
			continue
		}
		lines = append(lines, s[:cut])
		s = s[cut+1:]
	}
	return append(lines, s)
}

// wrap splits s into lines of at most width runes at spaces, never inside
// an atom (see atoms) that fits in width: a status triple "502 3 12002"
// and a code with its name "13 (ERROR_INVALID_DATA)" stay on one line.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	put := func(word string) {
		wl := utf8.RuneCountInString(word)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wl
	}
	for _, a := range atoms(s) {
		if t := strings.Join(a, " "); len(a) == 1 || utf8.RuneCountInString(t) <= width {
			put(t)
			continue
		}
		for _, w := range a { // longer than a line: it has to break
			put(w)
		}
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// atoms splits s into words at white space and groups the words that
// must stay together on a line, wherever the text is wrapped (the text
// report's paragraphs, the HTML report's nowrap spans):
//
//   - a run of numbers, such as a status triple "502 3 12002" or
//     "401 1 2148074254", also in parentheses or before a colon
//     ("(500 19 13)", "502 3 12002:");
//   - a number or hex code followed by its name in parentheses, as
//     win32Text writes it: "13 (ERROR_INVALID_DATA)", "2148074254
//     (0x8009030E, SEC_E_NO_CREDENTIALS)".
//
// A code itself is one word and is never split.
func atoms(s string) [][]string {
	var out [][]string
	inName := false // inside the parentheses of a code's name
	for _, w := range strings.Fields(s) {
		if n := len(out); n > 0 {
			a := out[n-1]
			prev := a[len(a)-1]
			if inName || isNumeral(prev) && (startsWithDigit(w) || isCodeName(w)) {
				out[n-1] = append(a, w)
				inName = (inName || isCodeName(w)) && !strings.Contains(w, ")")
				continue
			}
		}
		out = append(out, []string{w})
		inName = false
	}
	return out
}

// isNumeral reports whether w is a decimal number or a 0x hex code,
// possibly after an opening parenthesis: "502", "(500", "0x80072EE2".
func isNumeral(w string) bool {
	w = strings.TrimLeft(w, "([")
	if h, ok := strings.CutPrefix(w, "0x"); ok && h != "" {
		return strings.Trim(h, "0123456789abcdefABCDEF") == ""
	}
	return isNumber(w)
}

// startsWithDigit reports whether w starts with a digit, after an
// opening parenthesis: "3", "12002:", "(13".
func startsWithDigit(w string) bool {
	w = strings.TrimLeft(w, "([")
	return w != "" && '0' <= w[0] && w[0] <= '9'
}

// isCodeName reports whether w opens the parenthesized name win32Text
// gives a code: "(ERROR_INVALID_DATA)", "(0x8009030E,".
func isCodeName(w string) bool {
	w, ok := strings.CutPrefix(w, "(")
	if !ok {
		return false
	}
	i := strings.IndexAny(w, ",)")
	if i <= 0 {
		return false
	}
	name := w[:i]
	if h, ok := strings.CutPrefix(name, "0x"); ok {
		return len(h) == 8 && strings.Trim(h, "0123456789ABCDEF") == ""
	}
	return name[0] >= 'A' && name[0] <= 'Z' && strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == ""
}
