// Command substatus generates substatus/zz_generated.go from
// internal/data/substatus.tsv. It is run by go generate in package
// substatus; the table is validated first, and nothing is written if it has
// an error.
package main

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
)

const generator = "internal/gen/substatus"

func main() {
	genutil.Run("gen/substatus", "substatus.tsv", "substatus", generate)
}

// columns are the table's columns, in order.
var columns = []string{"id", "status", "sub", "module", "since", "until", "module_release",
	"scope_note", "label", "alt_labels", "description", "causes", "fixes", "client_text",
	"operator_text", "replaced_by", "confidence", "source", "notes"}

var (
	versions = map[string]string{"5.0": "IIS5", "6.0": "IIS6", "7.0": "IIS7", "7.5": "IIS75",
		"8.0": "IIS8", "8.5": "IIS85", "10.0": "IIS10"}
	versionOrder = map[string]int{"5.0": 1, "6.0": 2, "7.0": 3, "7.5": 4, "8.0": 5, "8.5": 6, "10.0": 7}
	// modules maps the module column to the Go constant, in constant order.
	modules = []struct{ key, name string }{
		{"core", "ModuleCore"}, {"arr", "ModuleARR"}, {"ancm", "ModuleANCM"},
		{"rewrite", "ModuleURLRewrite"}, {"iprestrictions", "ModuleIPRestrictions"},
	}
	confidences = map[string]string{"low": "ConfidenceLow", "medium": "ConfidenceMedium", "high": "ConfidenceHigh"}
	idRE        = regexp.MustCompile(`^([1-5][0-9][0-9])\.(0|[1-9][0-9]{0,4})(/[a-z][a-z0-9]*)?$`)
	codeRE      = regexp.MustCompile(`^[1-5][0-9][0-9]\.(0|[1-9][0-9]{0,4})$`)
	// leaky are fragments that must not appear in client-safe text.
	leaky = []string{`\`, "web.config", "applicationHost", "0x", "%", "metabase", "ISAPI", "ANCM", "ARR", "C:"}
)

type row struct {
	line                 int
	id, label, note      string
	status, sub          int
	module               int
	since, until         string
	release              string
	alts, sources, notes []string
	description, causes  string
	fixes, client, oper  string
	replacedBy, replaces string
	confidence           string
}

func (r *row) key() uint32 { return uint32(r.status)<<16 | uint32(r.sub) }

func (r *row) code() string { return fmt.Sprintf("%d.%d", r.status, r.sub) }

// split splits a " | "-separated list field.
func split(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, " | ")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// load validates the table t and returns its rows.
func load(t *tsv.Table) ([]*row, error) {
	path := t.Name
	if err := t.CheckColumns(columns...); err != nil {
		return nil, err
	}
	var rows []*row
	var errs []string
	fail := func(r tsv.Row, col, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s: %s", path, r.Line, col, fmt.Sprintf(format, args...)))
	}
	for _, tr := range t.Rows {
		r := &row{line: tr.Line, id: tr.Get("id"), label: tr.Get("label"), note: tr.Get("scope_note"),
			since: tr.Get("since"), until: tr.Get("until"), release: tr.Get("module_release"),
			alts: split(tr.Get("alt_labels")), sources: split(tr.Get("source")), notes: split(tr.Get("notes")),
			description: tr.Get("description"), causes: tr.Get("causes"), fixes: tr.Get("fixes"),
			client: tr.Get("client_text"), oper: tr.Get("operator_text"),
			replacedBy: tr.Get("replaced_by"), confidence: tr.Get("confidence"), module: -1}
		var err1, err2 error
		r.status, err1 = strconv.Atoi(tr.Get("status"))
		r.sub, err2 = strconv.Atoi(tr.Get("sub"))
		if err1 != nil || err2 != nil || r.status < 100 || r.status > 599 || r.sub < 0 || r.sub > 0xffff {
			fail(tr, "status/sub", "bad code %q.%q", tr.Get("status"), tr.Get("sub"))
			continue
		}
		m := idRE.FindStringSubmatch(r.id)
		if m == nil || m[1]+"."+m[2] != r.code() {
			fail(tr, "id", "%q is not %s or %s/tag", r.id, r.code(), r.code())
		}
		for i, mod := range modules {
			if mod.key == tr.Get("module") {
				r.module = i
			}
		}
		if r.module < 0 {
			fail(tr, "module", "unknown module %q", tr.Get("module"))
		}
		if _, ok := versions[r.since]; !ok {
			fail(tr, "since", "unknown IIS version %q", r.since)
		}
		if _, ok := versions[r.until]; r.until != "" && (!ok || versionOrder[r.until] < versionOrder[r.since]) {
			fail(tr, "until", "bad IIS version %q (since %q)", r.until, r.since)
		}
		if _, ok := confidences[r.confidence]; !ok {
			fail(tr, "confidence", "want low, medium or high, not %q", r.confidence)
		}
		if r.replacedBy != "" && !codeRE.MatchString(r.replacedBy) {
			fail(tr, "replaced_by", "%q is not a dotted code", r.replacedBy)
		}
		for _, col := range []string{"label", "scope_note", "description", "causes", "fixes", "client_text", "operator_text"} {
			if v := tr.Get(col); strings.TrimSpace(v) != v || v == "" {
				fail(tr, col, "empty or padded with spaces")
			}
		}
		if len(r.sources) == 0 {
			fail(tr, "source", "no source")
		}
		for _, l := range leaky {
			if strings.Contains(r.client, l) {
				fail(tr, "client_text", "contains %q, which must not reach remote clients", l)
			}
		}
		rows = append(rows, r)
	}
	// Order: by code, then module, then IIS version, then newer module
	// release first (Lookup returns the first match).
	slices.SortStableFunc(rows, func(a, b *row) int {
		return cmp.Or(cmp.Compare(a.key(), b.key()), cmp.Compare(a.module, b.module),
			cmp.Compare(versionOrder[a.since], versionOrder[b.since]), -cmp.Compare(a.release, b.release))
	})
	ids := map[string]int{}
	byCode := map[string]*row{}
	for i, r := range rows {
		if prev, dup := ids[r.id]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: id: %q already used on line %d", path, r.line, r.id, rows[prev].line))
		}
		ids[r.id] = i
		byCode[r.code()] = r
		// Two meanings of one code in one module must not overlap in
		// version unless they belong to different module releases.
		for _, q := range rows[:i] {
			if q.key() == r.key() && q.module == r.module && q.release == r.release && overlap(q, r) {
				errs = append(errs, fmt.Sprintf("%s:%d: %s overlaps %s (line %d) in the same scope", path, r.line, r.id, q.id, q.line))
			}
		}
	}
	for _, r := range rows {
		if r.replacedBy == "" {
			continue
		}
		n, ok := byCode[r.replacedBy]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s:%d: replaced_by: no row for %s", path, r.line, r.replacedBy))
			continue
		}
		n.replaces = r.code()
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return rows, nil
}

func overlap(a, b *row) bool {
	end := func(r *row) int {
		if r.until == "" {
			return 99
		}
		return versionOrder[r.until]
	}
	return versionOrder[a.since] <= end(b) && versionOrder[b.since] <= end(a)
}

func codeLit(s string) string {
	if s == "" {
		return "Code{}"
	}
	st, sub, _ := strings.Cut(s, ".")
	return "Code{Status: " + st + ", Sub: " + sub + "}"
}

func strs(ss []string) string {
	if len(ss) == 0 {
		return "nil"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// generate returns the unformatted source of zz_generated.go.
func generate(path string) ([]byte, error) {
	t, err := tsv.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rows, err := load(t)
	if err != nil {
		return nil, err
	}
	dv, err := t.MetaValue("data-version")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s", genutil.Header(generator, "substatus"))
	p("import \"github.com/iisstatus/iisstatus/status\"\n\n")
	p("// DataVersion is the version (a date) of the substatus data this package was\n")
	p("// generated from. A code missing from this version is unknown to the\n")
	p("// package, not necessarily unused by IIS.\n")
	p("const DataVersion = %q\n\n", dv)
	p("// meaningTable holds every meaning, ordered by code, then module, IIS\n")
	p("// version and (newest first) module release.\n")
	p("var meaningTable = [%d]meaningRow{\n", len(rows))
	for _, r := range rows {
		p("{ // %s (line %d)\n", r.id, r.line)
		p("id: %q, label: %q, alts: %s,\n", r.id, r.label, strs(r.alts))
		p("description: %q,\ncauses: %q,\nfixes: %q,\n", r.description, r.causes, r.fixes)
		p("clientText: %q,\noperatorText: %q,\n", r.client, r.oper)
		p("code: %s,\n", codeLit(r.code()))
		until := "0"
		if r.until != "" {
			until = versions[r.until]
		}
		p("scope: Scope{Module: %s, Since: %s, Until: %s, Release: %q, Note: %q},\n",
			modules[r.module].name, versions[r.since], until, r.release, r.note)
		p("confidence: %s, replacedBy: %s, replaces: %s,\n", confidences[r.confidence], codeLit(r.replacedBy), codeLit(r.replaces))
		p("sources: %s,\nnotes: %s,\n},\n", strs(r.sources), strs(r.notes))
	}
	p("}\n\n")

	type group struct {
		key      uint32
		str      string
		first, n int
	}
	var groups []group
	for i, r := range rows {
		if len(groups) > 0 && groups[len(groups)-1].key == r.key() {
			groups[len(groups)-1].n++
			continue
		}
		groups = append(groups, group{r.key(), r.code(), i, 1})
	}
	p("// codeKeys lists the known codes, status<<16 | sub, ascending; codeTable\n")
	p("// has the matching entries.\n")
	p("var codeKeys = [%d]uint32{\n", len(groups))
	for _, g := range groups {
		p("%#08x, // %s\n", g.key, g.str)
	}
	p("}\n\n")
	p("// codeTable gives each known code's text form and its rows in meaningTable.\n")
	p("var codeTable = [%d]struct {\n\tstr string\n\tfirst uint16\n\tn uint8\n}{\n", len(groups))
	for _, g := range groups {
		p("{%q, %d, %d},\n", g.str, g.first, g.n)
	}
	p("}\n\n")

	p("// scopeKeys packs each meaningTable row's scope for Lookup:\n")
	p("// module<<16 | since<<8 | until, with until 0xff when open-ended.\n")
	p("var scopeKeys = [%d]uint32{", len(rows))
	for i, r := range rows {
		if i%8 == 0 {
			p("\n")
		}
		until := 0xff
		if r.until != "" {
			until = versionOrder[r.until]
		}
		p("%#06x, ", r.module<<16|versionOrder[r.since]<<8|until)
	}
	p("\n}\n\n")

	// statusSlot and smallSubs: direct index for substatus values < 64.
	var statuses []int
	slot := map[int]int{}
	for _, g := range groups {
		st := int(g.key >> 16)
		if _, ok := slot[st]; !ok {
			slot[st] = len(statuses)
			statuses = append(statuses, st)
		}
	}
	if len(groups) > 254 {
		return nil, fmt.Errorf("%d codes: smallSubs holds uint8 indexes, widen it", len(groups))
	}
	p("// statusSlot returns the row of smallSubs for status s, or -1.\n")
	p("func statusSlot(s status.Code) int {\n\tswitch s {\n")
	for i, st := range statuses {
		p("\tcase %d:\n\t\treturn %d\n", st, i)
	}
	p("\t}\n\treturn -1\n}\n\n")
	p("// smallSubs[statusSlot(s)][sub] is the codeTable index of s.sub plus one,\n")
	p("// or 0 when the code is unknown, for every sub below 64.\n")
	p("var smallSubs = [%d][64]uint8{\n", len(statuses))
	for _, st := range statuses {
		p("{ // %d\n", st)
		for i, g := range groups {
			if int(g.key>>16) == st && g.key&0xffff < 64 {
				p("%d: %d, // %s\n", g.key&0xffff, i+1, g.str)
			}
		}
		p("},\n")
	}
	p("}\n\n")

	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(rows[a].id, rows[b].id) })
	p("// idIndex returns the meaningTable position of the row with the given ID,\n")
	p("// or -1.\n")
	p("func idIndex(id string) int {\n\tswitch id {\n")
	for _, j := range order {
		p("\tcase %q:\n\t\treturn %d\n", rows[j].id, j)
	}
	p("\t}\n\treturn -1\n}\n\n")

	p("// Compile-time guards: editing the constants below without regenerating\n")
	p("// (or renumbering them) breaks the build.\n")
	p("func _() {\n\tvar x [1]struct{}\n")
	for i, m := range modules {
		p("\t_ = x[%s-%d]\n", m.name, i)
	}
	for _, v := range []string{"5.0", "6.0", "7.0", "7.5", "8.0", "8.5", "10.0"} {
		p("\t_ = x[%s-%d]\n", versions[v], versionOrder[v])
	}
	for c, name := range []string{"", "ConfidenceLow", "ConfidenceMedium", "ConfidenceHigh"} {
		if name != "" {
			p("\t_ = x[%s-%d]\n", name, c)
		}
	}
	p("\t_ = x[numModules-%d]\n", len(modules))
	p("\t_ = x[len(meaningTable)-%d]\n", len(rows))
	p("}\n")
	return b.Bytes(), nil
}
