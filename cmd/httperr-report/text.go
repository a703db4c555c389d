package main

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

// barWidth is the width of the longest histogram bar.
const barWidth = 50

// wrapWidth is where explanations are wrapped.
const wrapWidth = 100

// writeText prints r as the human-readable report. Every value that comes
// from the log goes through clean, so a crafted log cannot send control
// sequences to the terminal.
func writeText(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("HTTP.sys error log report\n")
	p("=========================\n\n")

	p("Input\n")
	for _, in := range r.Inputs {
		name := clean(in.Name)
		if in.Embedded {
			name += " (embedded sample)"
		}
		p("  %s  %s, %s\n", name, bytesText(in.Bytes), countsText(in.LineCounts))
		if in.ReadError != "" {
			p("    read error: %s\n", clean(in.ReadError))
		}
	}
	if len(r.Inputs) > 1 {
		p("  total  %s\n", countsText(r.Totals))
	}
	if r.Totals.Problems > 0 {
		p("\nProblems (first %d of %d)\n", len(r.Problems), r.Totals.Problems)
		for _, pr := range r.Problems {
			p("  %s\n", problemText(pr))
		}
	}

	p("\nTime range (UTC)\n")
	if r.TimeRange == nil {
		p("  no timestamps\n")
	} else {
		d := r.TimeRange.Last.Sub(r.TimeRange.First)
		p("  %s to %s  (%s)\n", r.TimeRange.First.Format(time.DateTime), r.TimeRange.Last.Format(time.DateTime), durationText(d))
	}

	p("\nReasons%s\n", header(r.Totals.Records))
	if len(r.Reasons) == 0 {
		p("  none\n")
	} else {
		p("  %7s %6s  %-34s %-9s %-6s %s\n", "count", "share", "reason", "category", "status", "severity")
	}
	for _, rc := range r.Reasons {
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
			for _, l := range wrap(rc.Summary, wrapWidth-18) {
				p("  %16s%s\n", "", l)
			}
		}
	}

	p("\nStatuses\n")
	if len(r.Statuses) == 0 {
		p("  none\n")
	}
	for _, s := range r.Statuses {
		if s.Status == 0 {
			p("  %7d  -    (no status logged: timeouts, dropped connections)\n", s.Count)
			continue
		}
		p("  %7d  %d  %s\n", s.Count, s.Status, s.Text)
	}

	keysText(p, "Sites (s-siteid)", r.Sites)
	keysText(p, "Queues (s-queuename)", r.Queues)

	topText(p, "Top client addresses", r.Clients)
	topText(p, "Top URIs of 4xx responses", r.URIs4xx)

	if r.Histogram.Sparse {
		p("\nRecords per %s (UTC; days without records left out)\n", r.Histogram.Bucket)
	} else {
		p("\nRecords per %s (UTC)\n", r.Histogram.Bucket)
	}
	var peak int64
	for _, bk := range r.Histogram.Buckets {
		peak = max(peak, bk.Count)
	}
	layout := "2006-01-02 15:04"
	if r.Histogram.Bucket == "day" {
		layout = time.DateOnly
	}
	for _, bk := range r.Histogram.Buckets {
		n := 0
		if peak > 0 {
			n = int((bk.Count*barWidth + peak - 1) / peak)
		}
		p("  %s %7d %s\n", bk.Start.Format(layout), bk.Count, strings.Repeat("#", n))
	}
	if len(r.Histogram.Buckets) == 0 {
		p("  no timestamps\n")
	}
	if r.Histogram.Outside > 0 {
		p("  %d record(s) outside the range shown\n", r.Histogram.Outside)
	}

	p("\nWhat to look at\n")
	for _, f := range r.Findings {
		head := "[" + f.Severity + "]"
		if f.Reason != "" {
			head += " " + clean(f.Reason) + ":"
		}
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
			head += " " + strings.Join(ctx, ", ")
		}
		p("  %s\n", head)
		for _, l := range wrap(clean(f.Text), wrapWidth-4) {
			p("    %s\n", l)
		}
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
	}
	return b.Flush()
}

func linesText(n int64) string {
	if n == 1 {
		return "1 line"
	}
	return strconv.FormatInt(n, 10) + " lines"
}

func header(records int64) string {
	return " (" + strconv.FormatInt(records, 10) + " records)"
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

func topText(p func(string, ...any), title string, t TopList) {
	p("\n%s", title)
	if t.Approximate {
		p(" (approximate: more distinct values than tracked)")
	}
	p("\n")
	if len(t.Items) == 0 {
		p("  none\n")
	}
	for _, it := range t.Items {
		if it.Error > 0 {
			p("  %7d  %s  (may be overcounted by up to %d)\n", it.Count, clean(it.Key), it.Error)
			continue
		}
		p("  %7d  %s\n", it.Count, clean(it.Key))
	}
}

func countsText(c LineCounts) string {
	return fmt.Sprintf("%d lines: %d records, %d directives, %d blank, %d malformed",
		c.Lines, c.Records, c.Directives, c.Blank, c.Malformed)
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

// wrap splits s into lines of at most width runes at spaces.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
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
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
