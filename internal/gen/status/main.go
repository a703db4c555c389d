// Command status generates status/zz_generated.go from internal/data/status.tsv.
//
// It is run by "go generate" in package status (see status/doc.go). The TSV
// is the only place where status data is edited; the generated file holds
// the Code constants, the lookup tables and compile-time guards that break
// the build if a constant is edited by hand.
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

const generator = "internal/gen/status"

func main() {
	genutil.Run("gen/status", "status.tsv", "status", generate)
}

// columns lists the TSV columns, in the order the file must have them.
var columns = []string{
	"code", "name", "phrase", "former_phrases", "spec", "registry", "cacheable", "no_store",
	"retry", "retry_after", "iis_wording", "iis_wording_source", "description", "iis_note", "notes", "source",
}

// row is one validated line of status.tsv.
type row struct {
	line                                int
	code                                int
	name, phrase, former, spec          string
	registry                            string
	cacheable, noStore, retryAfter      bool
	retry                               string
	iisWording, iisSource               string
	description, iisNote, notes, source string
}

var (
	registries = map[string]string{"registered": "Registered", "iis-specific": "IISSpecific", "other-vendor": "OtherVendor"}
	retries    = map[string]string{"never": "RetryNever", "idempotent": "RetryIdempotent", "new-connection": "RetryNewConnection", "later": "RetryLater"}
)

func yesNo(path string, line int, col, v string) (bool, error) {
	switch v {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, fmt.Errorf("%s:%d: column %s: %q is not yes or no", path, line, col, v)
}

// load validates the table t and returns its rows.
func load(t *tsv.Table) ([]row, error) {
	path := t.Name
	if err := t.CheckColumns(columns...); err != nil {
		return nil, err
	}
	var rows []row
	names := map[string]int{}
	primary := map[int]bool{}
	for _, tr := range t.Rows {
		r := row{
			line: tr.Line, name: tr.Get("name"), phrase: tr.Get("phrase"), former: tr.Get("former_phrases"),
			spec: tr.Get("spec"), registry: tr.Get("registry"), retry: tr.Get("retry"),
			iisWording: tr.Get("iis_wording"), iisSource: tr.Get("iis_wording_source"),
			description: tr.Get("description"), iisNote: tr.Get("iis_note"), notes: tr.Get("notes"), source: tr.Get("source"),
		}
		bad := func(col, format string, args ...any) error {
			return fmt.Errorf("%s:%d: column %s: %s", path, tr.Line, col, fmt.Sprintf(format, args...))
		}
		code := tr.Get("code")
		var err error
		r.code, err = strconv.Atoi(code)
		if err != nil || len(code) != 3 || r.code < 100 || r.code > 599 {
			return nil, bad("code", "%q is not a status code 100-599", code)
		}
		if len(rows) > 0 && rows[len(rows)-1].code > r.code {
			return nil, bad("code", "%d is out of order (rows must be sorted by code)", r.code)
		}
		if r.phrase == "" {
			return nil, bad("phrase", "empty")
		}
		if r.spec == "" {
			return nil, bad("spec", "empty")
		}
		if r.description == "" {
			return nil, bad("description", "empty")
		}
		if _, ok := registries[r.registry]; !ok {
			return nil, bad("registry", "unknown value %q", r.registry)
		}
		if _, ok := retries[r.retry]; !ok {
			return nil, bad("retry", "unknown value %q", r.retry)
		}
		for col, dst := range map[string]*bool{"cacheable": &r.cacheable, "no_store": &r.noStore, "retry_after": &r.retryAfter} {
			if *dst, err = yesNo(path, tr.Line, col, tr.Get(col)); err != nil {
				return nil, err
			}
		}
		if r.cacheable && r.noStore {
			return nil, bad("no_store", "a code cannot be both cacheable by default and never storable")
		}
		if strings.Count(r.iisWording, "|") != strings.Count(r.iisSource, "|") || (r.iisWording == "") != (r.iisSource == "") {
			return nil, bad("iis_wording_source", "needs one source per IIS wording")
		}
		for col, v := range map[string]string{"former_phrases": r.former, "iis_wording": r.iisWording, "iis_wording_source": r.iisSource} {
			if v != "" && slicesContainsEmpty(strings.Split(v, "|")) {
				return nil, bad(col, "empty element in %q", v)
			}
		}
		switch {
		case r.name != "":
			if !token.IsIdentifier(r.name) || !token.IsExported(r.name) {
				return nil, bad("name", "%q is not an exported Go identifier", r.name)
			}
			if prev, dup := names[r.name]; dup {
				return nil, bad("name", "%q already used on line %d", r.name, prev)
			}
			if primary[r.code] {
				return nil, bad("name", "code %d already has a named row; alternative meanings leave name empty", r.code)
			}
			names[r.name] = tr.Line
			primary[r.code] = true
		case !primary[r.code]:
			return nil, bad("name", "the first row of code %d must name its constant", r.code)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	if len(rows) > 254 {
		return nil, fmt.Errorf("%s: %d rows do not fit the uint8 index", path, len(rows))
	}
	return rows, nil
}

func slicesContainsEmpty(s []string) bool {
	for _, x := range s {
		if x == "" {
			return true
		}
	}
	return false
}

// specComment turns "RFC 9110, Section 15.5.5" into net/http's "RFC 9110, 15.5.5".
func specComment(spec string) string {
	return strings.Replace(spec, ", Section ", ", ", 1)
}

// generate returns the (unformatted) source of status/zz_generated.go.
func generate(path string) ([]byte, error) {
	t, err := tsv.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rows, err := load(t)
	if err != nil {
		return nil, err
	}
	dataVersion, err := t.MetaValue("data-version")
	if err != nil {
		return nil, err
	}
	registryDate, err := t.MetaValue("registry-date")
	if err != nil {
		return nil, err
	}

	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(genutil.Header(generator, "status"))
	p("// DataVersion identifies the edition of this package's data (internal/data/status.tsv).\n")
	p("// A code missing from [All] was not known to this edition.\n")
	p("const DataVersion = %q\n\n", dataVersion)
	p("// RegistryDate is the \"Last Updated\" date of the IANA HTTP Status Code Registry\n")
	p("// snapshot the registered codes and phrases were taken from.\n")
	p("const RegistryDate = %q\n\n", registryDate)

	p("// Status codes. Every constant's Text is byte-exact; see [Code.Info] for more.\n")
	p("const (\n")
	for _, r := range rows {
		if r.name == "" {
			continue
		}
		var doc string
		switch r.registry {
		case "registered":
			doc = fmt.Sprintf("%s is %d %q, registered with IANA (%s).", r.name, r.code, r.phrase, r.spec)
		case "iis-specific":
			doc = fmt.Sprintf("%s is %d %q, an unofficial Microsoft (IIS/Exchange) code, not registered with IANA (%s).", r.name, r.code, r.phrase, r.spec)
		default:
			doc = fmt.Sprintf("%s is %d %q, an unofficial vendor code, not registered with IANA (%s).", r.name, r.code, r.phrase, r.spec)
		}
		if r.former != "" {
			doc += " Former or alternative phrases: " + quoteList(r.former) + "."
		}
		b.WriteString(comment(doc))
		if r.notes != "" {
			b.WriteString("//\n")
			b.WriteString(comment(r.notes))
		}
		p("%s Code = %d // %s\n\n", r.name, r.code, specComment(r.spec))
	}
	p(")\n\n")

	p("// infos holds every row of the data, sorted by code; a code's primary meaning comes first.\n")
	p("var infos = [...]Info{\n")
	for _, r := range rows {
		p("{Code: %d, Phrase: %q, Spec: %q, Registry: %s, Cacheable: %t, NoStore: %t, Retry: %s, RetryAfter: %t,\n",
			r.code, r.phrase, r.spec, registries[r.registry], r.cacheable, r.noStore, retries[r.retry], r.retryAfter)
		p("Description: %q,\n", r.description)
		if r.iisNote != "" {
			p("IISNote: %q,\n", r.iisNote)
		}
		if r.notes != "" {
			p("Notes: %q,\n", r.notes)
		}
		if r.source != "" {
			p("Source: %q,\n", r.source)
		}
		if r.former != "" {
			p("former: %q,\n", r.former)
		}
		if r.iisWording != "" {
			p("iisWording: %q, iisSource: %q,\n", r.iisWording, r.iisSource)
		}
		p("},\n")
	}
	p("}\n\n")

	p("// texts and strs hold Text and String of every known code, indexed by code-first.\n")
	p("var texts = [last - first + 1]string{\n")
	for _, r := range rows {
		if r.name != "" {
			p("%s - first: %q,\n", r.name, r.phrase)
		}
	}
	p("}\n\n")
	p("var strs = [last - first + 1]string{\n")
	for _, r := range rows {
		if r.name != "" {
			p("%s - first: %q,\n", r.name, fmt.Sprintf("%d %s", r.code, r.phrase))
		}
	}
	p("}\n\n")
	p("// index maps code-first to 1 + the position of the code's first row in infos (0: unknown).\n")
	p("var index = [last - first + 1]uint8{\n")
	for i, r := range rows {
		if r.name != "" {
			p("%s - first: %d,\n", r.name, i+1)
		}
	}
	p("}\n\n")
	p("// known lists the known codes in ascending order.\n")
	p("var known = [...]Code{")
	for _, r := range rows {
		if r.name != "" {
			p("%s, ", r.name)
		}
	}
	p("}\n\n")

	p("// digits holds the three decimal digits of every code 100-999, so that\n")
	p("// String and AppendText need not format numbers.\n")
	p("const digits = \"")
	for c := 100; c <= 999; c++ {
		p("%d", c)
	}
	p("\"\n\n")

	p("// An \"invalid array index\" compiler error here means that a constant no\n")
	p("// longer matches internal/data/status.tsv: edit the data and run go generate.\n")
	p("func _() {\n\tvar x [1]struct{}\n")
	for _, r := range rows {
		if r.name != "" {
			p("\t_ = x[%s-%d]\n", r.name, r.code)
		}
	}
	p("}\n")
	return b.Bytes(), nil
}

// quoteList renders "a|b" as `"a", "b"`.
func quoteList(s string) string {
	parts := strings.Split(s, "|")
	for i, x := range parts {
		parts[i] = strconv.Quote(x)
	}
	return strings.Join(parts, ", ")
}

// comment renders text as a "//" comment wrapped at about 76 columns.
func comment(text string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		switch {
		case n == 0:
			b.WriteString("//")
			n = 2
		case n+1+len(w) > 76:
			b.WriteString("\n//")
			n = 2
		}
		b.WriteString(" ")
		b.WriteString(w)
		n += 1 + len(w)
	}
	b.WriteString("\n")
	return b.String()
}
