package iisstatus

import (
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/l10n"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// Format writes the explanation as readable multi-line text in the
// language t: a heading line, then one "Label: value" line per known fact,
// indented by section; empty facts are left out. The labels and the
// library's texts (descriptions, client texts, causes of HTTP.sys reasons)
// are given in t when the library has them in that language (see
// [Languages]) and in English otherwise; codes, tokens, setting names, the
// client text HTTP.sys sends and the text of the input stay as they are.
// The zero Explanation writes nothing.
//
// The layout is for people and may change between versions; use the
// fields or JSON for machines. Format returns the error of w, if any; it
// writes in one call.
func (e Explanation) Format(w io.Writer, t language.Tag) error {
	f := formatter{lang: l10n.Index(t), tag: t}
	f.explanation(e)
	if len(f.b) == 0 {
		return nil
	}
	_, err := w.Write(f.b)
	return err
}

// String returns the English text of [Explanation.Format]: e.String() is
// exactly what e.Format(w, language.English) writes, and the zero
// Explanation gives "".
func (e Explanation) String() string {
	var b strings.Builder
	_ = e.Format(&b, language.English)
	return b.String()
}

// formatter builds the text of one Explanation.
type formatter struct {
	b    []byte
	lang int // index of the language in l10n.Languages
	tag  language.Tag
}

// lbl returns the label with the given key (internal/data/labels.tsv) in
// the formatter's language.
func (f *formatter) lbl(key string) string { return l10n.Label(f.lang, key) }

// line writes one line at the given depth.
func (f *formatter) line(depth int, parts ...string) {
	for range depth {
		f.b = append(f.b, "  "...)
	}
	for _, p := range parts {
		f.b = append(f.b, p...)
	}
	f.b = append(f.b, '\n')
}

// field writes "Label: value" unless value is empty.
func (f *formatter) field(depth int, key, value string) {
	if value != "" {
		f.line(depth, f.lbl(key), ": ", value)
	}
}

// localized returns tr when field still holds the library's English text
// eng, and field otherwise: a text a caller replaced (as iisexplain does
// for -json) is printed as it is.
func localized(field, eng, tr string) string {
	if field == eng && tr != "" {
		return tr
	}
	return field
}

func (f *formatter) explanation(e Explanation) {
	switch e.Kind {
	case KindStatus:
		f.statusHeading(0, e.Status)
		f.pairs(1, e.Pairs)
		f.status(1, e.Status)
		f.page(1, e.Page)
		f.win32(1, e.Win32)
		if len(e.Substatuses) > 0 {
			f.line(1, f.lbl("explain.substatus-codes"), ":")
			for _, s := range e.Substatuses {
				code := s.Code.String()
				f.line(2, code, strings.Repeat(" ", max(1, 9-len(code))), s.Label)
			}
		}
	case KindSubstatus:
		f.substatusHeading(e.Substatus)
		f.pairs(1, e.Pairs)
		f.page(1, e.Page)
		f.line(1, f.lbl("explain.status"), ": ", f.statusTitle(e.Status))
		f.status(2, e.Status)
		f.meanings(e.Substatus)
		f.win32(1, e.Win32)
	case KindReason:
		f.reason(e)
	case KindWin32:
		f.win32Heading(0, e.Win32)
		f.pairs(1, e.Pairs)
		f.page(1, e.Page)
		f.win32Facts(1, e.Win32)
	}
}

// pageKindLabels are the labels of the page kinds, by PageKind.
var pageKindLabels = [...]string{
	PageUnknown:     "explain.page-unknown",
	PageIISDetailed: "explain.page-iis-detailed",
	PageIISCustom:   "explain.page-iis-custom",
	PageANCM:        "explain.page-ancm",
	PageIIS6:        "explain.page-iis6",
	PageASPNET:      "explain.page-aspnet",
	PageHTTPSys:     "explain.page-httpsys",
}

// page writes what was read from a pasted error page, if anything.
func (f *formatter) page(depth int, p PageDetail) {
	if p.Kind == PageUnknown {
		return
	}
	head := f.lbl(pageKindLabels[min(int(p.Kind), len(pageKindLabels)-1)])
	if p.IIS != 0 {
		head += ", " + p.IIS.String()
	}
	f.line(depth, f.lbl("explain.page"), ": ", head)
	d := depth + 1
	f.field(d, "explain.page-title", p.Title)
	f.field(d, "explain.description", p.Description)
	f.field(d, "explain.module", p.Module)
	f.field(d, "explain.notification", p.Notification)
	f.field(d, "explain.handler", p.Handler)
	f.field(d, "explain.error-code", p.ErrorCode)
	f.field(d, "explain.config-error", p.ConfigError)
	f.field(d, "explain.config-file", p.ConfigFile)
	if len(p.ConfigSource) > 0 {
		f.line(d, f.lbl("explain.config-source"), ":")
		for _, l := range p.ConfigSource {
			f.line(d+1, l)
		}
	}
	for _, pf := range [...]struct{ key, value string }{
		{"explain.requested-url", p.RequestedURL}, {"explain.physical-path", p.PhysicalPath},
		{"explain.logon-method", p.LogonMethod}, {"explain.logon-user", p.LogonUser},
		{"explain.tracing-directory", p.TracingDirectory}, {"explain.exception", p.Exception},
	} {
		f.field(d, pf.key, pf.value)
	}
	if n := len(p.Text); n > 0 {
		f.field(d, "explain.page-text", strconv.Itoa(n))
	}
}

// statusTitle is "404 Not Found", or the digits and a note for an unknown
// code.
func (f *formatter) statusTitle(d StatusDetail) string {
	if d.Known {
		return d.Code.String()
	}
	return d.Code.String() + " (" + f.lbl("explain.unknown-status") + ")"
}

func (f *formatter) statusHeading(depth int, d StatusDetail) {
	f.line(depth, f.statusTitle(d))
}

// status writes the facts of a status code below its heading.
func (f *formatter) status(depth int, d StatusDetail) {
	if d.Class != status.UnknownClass {
		f.field(depth, "explain.class", d.Class.String())
	}
	if !d.Known {
		return
	}
	f.field(depth, "explain.spec", d.Spec)
	if d.Registry != status.Registered {
		f.field(depth, "explain.registry", d.Registry.String())
	}
	f.field(depth, "explain.iis-wording", strings.Join(d.IISWordings, " | "))
	f.field(depth, "explain.former-phrases", strings.Join(d.FormerPhrases, " | "))
	info, _ := d.Code.Info()
	f.field(depth, "explain.description", localized(d.Description, info.Description, d.Code.DescriptionIn(f.tag)))
	f.field(depth, "explain.iis-note", d.IISNote)
	if d.Retry != status.RetryUnknown {
		f.field(depth, "explain.retry", d.Retry.String())
	}
}

func (f *formatter) substatusHeading(d SubstatusDetail) {
	code := d.Code.String()
	switch {
	case d.Known:
		f.line(0, code, ": ", f.lbl("explain.substatus"), ", ", f.lbl("explain.known-meanings"), ": ", strconv.Itoa(len(d.Meanings)))
	case d.None:
		f.line(0, code, ": ", f.lbl("explain.no-substatus"))
	default:
		f.line(0, code, ": ", f.lbl("explain.unknown-substatus"), " (", f.lbl("explain.substatus-data"), " ", substatus.DataVersion, ")")
	}
}

// meanings writes every meaning in full, or, when one is selected, that
// one in full and the others in one line each.
func (f *formatter) meanings(d SubstatusDetail) {
	var others []SubstatusMeaning
	for _, m := range d.Meanings {
		if d.Selected == "" || m.ID == d.Selected {
			f.meaning(m)
		} else {
			others = append(others, m)
		}
	}
	if len(others) > 0 {
		f.line(1, f.lbl("explain.other-meanings"), ":")
		for _, m := range others {
			f.line(2, m.ID, " (", m.Scope, "): ", m.Label)
		}
	}
}

func (f *formatter) meaning(m SubstatusMeaning) {
	f.line(1, m.ID, " (", m.Scope, "): ", m.Label)
	f.field(2, "explain.also-worded", strings.Join(m.AltLabels, " | "))
	f.field(2, "explain.description", localized(m.Description, m.Meaning.Description(), m.Meaning.DescriptionIn(f.tag)))
	if c := localized(m.ClientText, m.Meaning.ClientText(), m.Meaning.ClientTextIn(f.tag)); c != "" {
		f.line(2, f.lbl("explain.client-sees"), " (", f.lbl("explain.client-safe"), "): ", c)
	}
	if m.Causes != "" || m.Fixes != "" {
		f.line(2, f.lbl("explain.operator"), ":")
		f.field(3, "explain.causes", m.Causes)
		f.field(3, "explain.fixes", m.Fixes)
	}
	f.field(2, "explain.replaced-by", m.ReplacedBy)
}

// win32Title is the Windows code as win32.Code.String gives it, with a
// note for a code the data does not know.
func (f *formatter) win32Title(w Win32Detail) string {
	if w.Known {
		return w.Code.String()
	}
	return w.Code.String() + " (" + f.lbl("explain.unknown-win32") + ", " + f.lbl("explain.win32-data") + " " + win32.DataVersion + ")"
}

func (f *formatter) win32Heading(depth int, w Win32Detail) {
	f.line(depth, f.win32Title(w))
}

// win32 writes the Windows code section of a status or substatus, if any.
func (f *formatter) win32(depth int, w Win32Detail) {
	if w == (Win32Detail{}) {
		return
	}
	f.line(depth, f.lbl("explain.win32"), ": ", f.win32Title(w))
	f.win32Facts(depth+1, w)
}

// win32Facts writes the other form of a Windows code and its texts.
func (f *formatter) win32Facts(depth int, w Win32Detail) {
	if w.Code.IsHRESULT() && w.HasWin32 {
		f.field(depth, "explain.win32-error", strconv.FormatUint(uint64(w.Win32Error), 10))
	}
	f.field(depth, "explain.description", w.Description)
	f.field(depth, "explain.system-message", w.SystemMessage)
}

// pairs writes the cause and fix of each pair, the most specific answer.
func (f *formatter) pairs(depth int, ps []PairDetail) {
	for _, p := range ps {
		head := p.Pair.String()
		if head == "" {
			head = p.ID // a PairDetail decoded from JSON has no handle
		}
		if p.IISVersions != "" {
			head += ", IIS " + p.IISVersions
		}
		f.line(depth, f.lbl("explain.pair"), ": ", head)
		f.field(depth+1, "explain.cause", p.Cause)
		f.field(depth+1, "explain.fix", p.Fix)
	}
}

func (f *formatter) reason(e Explanation) {
	r, info := e.Reason.Reason, e.Reason.Info
	f.line(0, info.Token, ": ", f.lbl("explain.reason"), " (", info.Category.String(), ", ", f.lbl("explain.severity"), " ", info.Severity.String(), ")")
	switch {
	case info.AltStatus != 0:
		f.line(1, f.lbl("explain.status"), ": ", f.statusTitle(e.Status), ", ", f.lbl("explain.or"), " ", f.statusTitle(e.Reason.AltStatus))
	case e.Status.Code != 0:
		f.line(1, f.lbl("explain.status"), ": ", f.statusTitle(e.Status))
	case info.Category == httpsys.CategoryResponse:
		f.field(1, "explain.status", f.lbl("explain.status-not-stated"))
	default:
		f.field(1, "explain.status", f.lbl("explain.status-none"))
	}
	if info.ClientText != "" {
		// HTTP.sys sends its client text in English, byte-exact.
		f.field(1, "explain.client-sees", strconv.Quote(info.ClientText))
		if tr := r.ClientTextIn(f.tag); tr != info.ClientText {
			f.field(2, "explain.translated", tr)
		}
	}
	if info.Condition != "" {
		f.field(1, "explain.condition", strconv.Quote(info.Condition))
	}
	cause := localized(info.Cause, r.Info().Cause, r.CauseIn(f.tag))
	if len(e.Reason.Causes) > 1 {
		f.line(1, f.lbl("explain.causes"), ":")
		for _, c := range e.Reason.Causes {
			if c == info.Cause {
				c = cause
			}
			f.line(2, "- ", c)
		}
	} else {
		f.field(1, "explain.cause", cause)
	}
	f.field(1, "explain.setting", f.setting(info.Setting))
	f.field(1, "explain.legacy-setting", f.setting(info.LegacySetting))
	f.field(1, "explain.advice", info.Advice)
	f.field(1, "explain.windows", info.Windows)
	f.field(1, "explain.notes", info.Notes)
	f.field(1, "explain.confidence", info.Confidence.String())
}

// setting is "name (default value): notes".
func (f *formatter) setting(s httpsys.Setting) string {
	if s.IsZero() {
		return ""
	}
	t := s.Name
	if s.Default != "" {
		if t != "" {
			t += " "
		}
		t += "(" + f.lbl("explain.default") + " " + s.Default + ")"
	}
	if s.Notes != "" {
		t += ": " + s.Notes
	}
	return t
}
