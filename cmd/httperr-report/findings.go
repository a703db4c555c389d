package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/httpsys"
)

// maxNotices is how many notice-level reasons "what to look at" lists by
// name; the rest are summed up in one line.
const maxNotices = 3

// findings derives "what to look at" from the reasons in r. The advice
// comes from package httpsys ([httpsys.Info.Advice] and the related
// setting); the program adds only the frame: when, where, how many.
func findings(r *Report, a *aggregator, tx texts) []Finding {
	var out []Finding
	var notices, routine []ReasonCount
	var unknown []string
	var unknownCount int64
	for _, rc := range r.Reasons {
		if !rc.Known {
			if rc.Reason != "-" {
				unknown = append(unknown, rc.Reason)
				unknownCount += rc.Count
			}
			continue
		}
		switch rc.reason.Info().Severity {
		case httpsys.SeverityCritical, httpsys.SeverityWarning:
			out = append(out, reasonFinding(rc, tx))
		case httpsys.SeverityNotice:
			notices = append(notices, rc)
		default:
			routine = append(routine, rc)
		}
	}
	// Reasons arrive sorted by count; most urgent first, then by count.
	slices.SortStableFunc(out, func(x, y Finding) int {
		return cmp.Compare(severityRank(y.Severity), severityRank(x.Severity))
	})
	for i, rc := range notices {
		if i == maxNotices {
			var n int64
			var names []string
			for _, o := range notices[i:] {
				n += o.Count
				names = append(names, o.Reason)
			}
			out = append(out, Finding{
				Severity: httpsys.SeverityNotice.String(),
				Count:    n,
				Text:     fmt.Sprintf("Also logged, each worth a look only in volume: %s.", strings.Join(names, ", ")),
			})
			break
		}
		out = append(out, reasonFinding(rc, tx))
	}
	if len(unknown) > 0 {
		out = append(out, Finding{
			Severity: httpsys.SeverityUnknown.String(),
			Count:    unknownCount,
			Text: fmt.Sprintf("Reason tokens not in iisstatus's table (data %s): %s. A newer Windows build may log them; look them up and report them.",
				httpsys.DataVersion, strings.Join(unknown, ", ")),
		})
	}
	if t := r.Totals; t.Problems > 0 {
		out = append(out, Finding{
			Severity: httpsys.SeverityNotice.String(),
			Count:    t.Problems,
			Text: fmt.Sprintf("%d line(s) could not be read as records and %d record(s) hold invalid values (see Problems): files cut short by a crash, edited by hand, or not HTTP.sys error logs.",
				t.Malformed, t.Problems-t.Malformed),
		})
	}
	if len(out) == 0 && len(routine) > 0 {
		var names []string
		var n int64
		for _, rc := range routine {
			names = append(names, rc.Reason)
			n += rc.Count
		}
		out = append(out, Finding{
			Severity: httpsys.SeverityRoutine.String(),
			Count:    n,
			Text:     fmt.Sprintf("Only routine events (%s): nothing to do.", strings.Join(names, ", ")),
		})
	}
	if len(out) == 0 && a.records == 0 {
		out = append(out, Finding{Severity: "info", Text: "No records: nothing to report."})
	}
	if out == nil {
		out = []Finding{}
	}
	return out
}

func reasonFinding(rc ReasonCount, tx texts) Finding {
	f := Finding{
		Severity:   rc.Severity,
		Reason:     rc.Reason,
		Count:      rc.Count,
		Text:       tx.advice(rc.reason),
		ClientText: rc.ClientText,
		When:       span(rc.First, rc.Last),
	}
	if s := rc.reason.Info().Setting; s.Name != "" {
		f.Setting = s.Name
		if s.Default != "" {
			f.Setting += " (default " + s.Default + ")"
		}
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
	f.Where = strings.Join(where, ", ")
	return f
}

func severityRank(s string) int {
	for _, v := range []httpsys.Severity{httpsys.SeverityCritical, httpsys.SeverityWarning, httpsys.SeverityNotice, httpsys.SeverityRoutine} {
		if v.String() == s {
			return int(v)
		}
	}
	return 0
}

// span formats a time range compactly: "2026-03-09 10:23-10:49" within a
// day, full timestamps otherwise.
func span(first, last time.Time) string {
	switch {
	case first.IsZero():
		return ""
	case first.Equal(last):
		return first.Format("2006-01-02 15:04:05")
	case first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return first.Format("2006-01-02 15:04") + "-" + last.Format("15:04")
	}
	return first.Format("2006-01-02 15:04") + " to " + last.Format("2006-01-02 15:04")
}
