// Command httpsys generates ../../../httpsys/zz_generated.go from
// internal/data/httpsys_reasons.tsv. It is run by go generate in the httpsys
// package directory:
//
//	//go:generate go run ../internal/gen/httpsys
package main

import (
	"bytes"
	"fmt"
	"go/token"
	"strconv"
	"strings"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
)

const (
	generator = "internal/gen/httpsys"
	dataFile  = "httpsys_reasons.tsv"
	outFile   = "zz_generated.go"
	// listSep separates the items of list columns (causes, sources).
	listSep = " | "
)

var (
	categories = map[string]string{
		"response": "CategoryResponse", "timeout": "CategoryTimeout", "orphaned": "CategoryOrphaned",
		"dropped": "CategoryDropped", "other": "CategoryOther",
	}
	severities = map[string]string{
		"routine": "SeverityRoutine", "notice": "SeverityNotice", "warning": "SeverityWarning", "critical": "SeverityCritical",
	}
	confidences = map[string]string{"low": "ConfidenceLow", "medium": "ConfidenceMedium", "high": "ConfidenceHigh"}
)

func main() {
	genutil.Run(generator, dataFile, "httpsys", generate)
}

// reason is one validated row of the table.
type reason struct {
	line                     int
	token, ident             string
	status, altStatus        int
	category, severity, conf string
	clientText, condition    string
	cause, advice            string
	causes, sources          []string
	setting, legacy          [3]string // name, default, notes
	windows, notes           string
}

// generate reads the TSV at path, validates it and returns the unformatted
// Go source of zz_generated.go.
func generate(path string) ([]byte, error) {
	tab, err := tsv.ReadFile(path)
	if err != nil {
		return nil, err
	}
	version, err := tab.MetaValue("data-version")
	if err != nil {
		return nil, err
	}
	want := []string{"token", "ident", "status", "alt_status", "category", "severity", "client_text", "condition",
		"cause", "causes", "advice", "setting", "setting_default", "setting_notes", "legacy_setting",
		"legacy_setting_default", "legacy_setting_notes", "windows", "notes", "confidence", "sources"}
	if err := tab.CheckColumns(want...); err != nil {
		return nil, err
	}
	var rs []reason
	idents := map[string]bool{}
	for i, row := range tab.Rows {
		r, err := parseRow(row)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, row.Line, err)
		}
		if i > 0 && rs[i-1].token >= r.token {
			return nil, fmt.Errorf("%s:%d: token %q not after %q: keep rows in byte order of the token", path, row.Line, r.token, rs[i-1].token)
		}
		if idents[r.ident] {
			return nil, fmt.Errorf("%s:%d: duplicate ident %q", path, row.Line, r.ident)
		}
		idents[r.ident] = true
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return emit(version, rs), nil
}

// field returns the column's value with "-" mapped to "".
func field(row tsv.Row, col string) string {
	v := row.Get(col)
	if v == "-" {
		return ""
	}
	return v
}

func parseStatus(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 999 {
		return 0, fmt.Errorf("bad status %q", s)
	}
	return n, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, listSep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func parseRow(row tsv.Row) (reason, error) {
	r := reason{
		line:       row.Line,
		token:      row.Get("token"),
		ident:      row.Get("ident"),
		clientText: field(row, "client_text"),
		condition:  field(row, "condition"),
		cause:      field(row, "cause"),
		advice:     field(row, "advice"),
		causes:     splitList(field(row, "causes")),
		sources:    splitList(field(row, "sources")),
		setting:    [3]string{field(row, "setting"), field(row, "setting_default"), field(row, "setting_notes")},
		legacy:     [3]string{field(row, "legacy_setting"), field(row, "legacy_setting_default"), field(row, "legacy_setting_notes")},
		windows:    field(row, "windows"),
		notes:      field(row, "notes"),
	}
	if r.token == "" || r.token == "-" || strings.ContainsAny(r.token, " \t\r\n") {
		return r, fmt.Errorf("bad token %q", r.token)
	}
	if !token.IsIdentifier(r.ident) || !token.IsExported(r.ident) {
		return r, fmt.Errorf("token %q: ident %q is not an exported Go identifier", r.token, r.ident)
	}
	var err error
	if r.status, err = parseStatus(field(row, "status")); err != nil {
		return r, fmt.Errorf("token %q: %w", r.token, err)
	}
	if r.altStatus, err = parseStatus(field(row, "alt_status")); err != nil {
		return r, fmt.Errorf("token %q: alt_status: %w", r.token, err)
	}
	if r.altStatus != 0 && r.status == 0 {
		return r, fmt.Errorf("token %q: alt_status without status", r.token)
	}
	var ok bool
	if r.category, ok = categories[row.Get("category")]; !ok {
		return r, fmt.Errorf("token %q: unknown category %q", r.token, row.Get("category"))
	}
	if r.severity, ok = severities[row.Get("severity")]; !ok {
		return r, fmt.Errorf("token %q: unknown severity %q", r.token, row.Get("severity"))
	}
	if r.conf, ok = confidences[row.Get("confidence")]; !ok {
		return r, fmt.Errorf("token %q: unknown confidence %q", r.token, row.Get("confidence"))
	}
	for col, v := range map[string]string{"cause": r.cause, "advice": r.advice, "windows": r.windows, "sources": field(row, "sources")} {
		if v == "" {
			return r, fmt.Errorf("token %q: empty %s", r.token, col)
		}
	}
	if r.setting[0] == "" && r.setting[1] == "" && (r.setting[2] != "" || r.legacy != [3]string{}) {
		return r, fmt.Errorf("token %q: setting notes or legacy setting without a setting", r.token)
	}
	if len(r.causes) == 0 {
		r.causes = []string{r.cause}
	}
	return r, nil
}

func emit(version string, rs []reason) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(genutil.Header(generator, "httpsys"))
	p("import \"github.com/iisstatus/iisstatus/status\"\n\n")
	p("// DataVersion is the date of the reason table this package was generated\n")
	p("// from. A token missing from that table parses as [ReasonUnknown].\n")
	p("const DataVersion = %q\n\n", version)

	p("// The reasons, one per HTTP.sys token, in byte order of the token.\n")
	p("// The numeric values follow that order and may change when tokens are\n")
	p("// added: store the text form ([Reason.String]), not the number.\n")
	p("const (\n")
	p("// ReasonUnknown is the zero Reason: a token this package does not know\n")
	p("// (or no token at all). It prints as \"-\", the log's empty-value mark.\n")
	p("ReasonUnknown Reason = iota\n")
	for _, r := range rs {
		b.WriteString(wrapComment(fmt.Sprintf("Reason%s is the token %q. %s", r.ident, r.token, r.cause)))
		p("Reason%s\n", r.ident)
	}
	p(")\n\n")
	p("// numReasons is the number of Reason values, ReasonUnknown included.\n")
	p("const numReasons = %d\n\n", len(rs)+1)

	p("var tokens = [numReasons]string{\nReasonUnknown: %q,\n", "-")
	for _, r := range rs {
		p("Reason%s: %q,\n", r.ident, r.token)
	}
	p("}\n\n")

	p("var infos = [numReasons]Info{\n")
	for _, r := range rs {
		p("Reason%s: {\n", r.ident)
		p("Token: %q,\n", r.token)
		if r.status != 0 {
			p("Status: status.Code(%d),\n", r.status)
		}
		if r.altStatus != 0 {
			p("AltStatus: status.Code(%d),\n", r.altStatus)
		}
		p("Category: %s,\nSeverity: %s,\n", r.category, r.severity)
		if r.clientText != "" {
			p("ClientText: %q,\n", r.clientText)
		}
		if r.condition != "" {
			p("Condition: %q,\n", r.condition)
		}
		p("Cause: %q,\nAdvice: %q,\n", r.cause, r.advice)
		if r.setting != [3]string{} {
			p("Setting: Setting{Name: %q, Default: %q, Notes: %q},\n", r.setting[0], r.setting[1], r.setting[2])
		}
		if r.legacy != [3]string{} {
			p("LegacySetting: Setting{Name: %q, Default: %q, Notes: %q},\n", r.legacy[0], r.legacy[1], r.legacy[2])
		}
		p("Windows: %q,\n", r.windows)
		if r.notes != "" {
			p("Notes: %q,\n", r.notes)
		}
		p("Confidence: %s,\n},\n", r.conf)
	}
	p("}\n\n")

	list := func(name string, get func(reason) []string) {
		p("var %s = [numReasons][]string{\n", name)
		for _, r := range rs {
			p("Reason%s: {", r.ident)
			for i, s := range get(r) {
				if i > 0 {
					p(", ")
				}
				p("%q", s)
			}
			p("},\n")
		}
		p("}\n\n")
	}
	list("causes", func(r reason) []string { return r.causes })
	list("sources", func(r reason) []string { return r.sources })

	for _, fn := range []struct{ name, arg, typ, expr string }{
		{"lookupString", "s", "string", "s"},
		{"lookupBytes", "b", "[]byte", "string(b)"},
	} {
		p("// %s maps a token to its Reason without allocating.\n", fn.name)
		p("func %s(%s %s) Reason {\nswitch %s {\n", fn.name, fn.arg, fn.typ, fn.expr)
		for _, r := range rs {
			p("case %q:\nreturn Reason%s\n", r.token, r.ident)
		}
		p("}\nreturn ReasonUnknown\n}\n\n")
	}

	p("// Compile-time guards: editing a constant by hand, or the table without\n")
	p("// regenerating, breaks the build.\n")
	p("func _() {\nvar x [1]struct{}\n_ = x[ReasonUnknown-0]\n")
	for i, r := range rs {
		p("_ = x[Reason%s-%d]\n", r.ident, i+1)
	}
	p("_ = x[numReasons-%d]\n}\n", len(rs)+1)
	return b.Bytes()
}

// wrapComment formats text as // comment lines of at most about 76 columns.
func wrapComment(text string) string {
	var b strings.Builder
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line) > 2 && len(line)+1+len(w) > 76 {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}
