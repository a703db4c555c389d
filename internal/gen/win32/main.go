// Command win32 generates ../../../win32/zz_generated.go from
// internal/data/win32.tsv (the codes IIS users meet, with their meaning),
// internal/data/win32_winhttp.tsv (the WinHTTP symbols),
// internal/data/win32_pairs.tsv (what a substatus and an error code mean
// together) and the symbols of a pinned golang.org/x/sys (see xsys.go). It
// is run by go generate in the win32 package directory:
//
//	//go:generate go run ../internal/gen/win32
//
// Every input is validated first; nothing is written if one has an error.
package main

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
	"github.com/iisstatus/iisstatus/substatus"
)

const (
	generator   = "internal/gen/win32"
	dataFile    = "win32.tsv"
	winhttpFile = "win32_winhttp.tsv"
	pairsFile   = "win32_pairs.tsv"
)

func main() {
	genutil.Run(generator, dataFile, "win32", generate)
}

// inputs is everything the generated file is made from.
type inputs struct {
	curated, winhttp, pairs *tsv.Table
	zerrors                 []byte // content of x/sys windows/zerrors_windows.go
	symbolsFrom             string // "golang.org/x/sys@v0.47.0"
}

// generate reads the tables next to path and the pinned x/sys, validates
// them and returns the unformatted Go source of zz_generated.go.
func generate(path string) ([]byte, error) {
	in, err := readInputs(path)
	if err != nil {
		return nil, err
	}
	return build(in)
}

func readInputs(path string) (*inputs, error) {
	dir := filepath.Dir(path)
	var in inputs
	var err error
	if in.curated, err = tsv.ReadFile(path); err != nil {
		return nil, err
	}
	if in.winhttp, err = tsv.ReadFile(filepath.Join(dir, winhttpFile)); err != nil {
		return nil, err
	}
	if in.pairs, err = tsv.ReadFile(filepath.Join(dir, pairsFile)); err != nil {
		return nil, err
	}
	if in.symbolsFrom, err = in.curated.MetaValue("symbols"); err != nil {
		return nil, err
	}
	sum, err := in.curated.MetaValue("symbols-sum")
	if err != nil {
		return nil, err
	}
	module, version, ok := strings.Cut(in.symbolsFrom, "@")
	if !ok || module != "golang.org/x/sys" || !strings.HasPrefix(version, "v") {
		return nil, fmt.Errorf("%s: symbols %q, want golang.org/x/sys@<version>", in.curated.Name, in.symbolsFrom)
	}
	if in.zerrors, err = fetchZerrors(module, version, sum); err != nil {
		return nil, err
	}
	return &in, nil
}

// described is one row of win32.tsv.
type described struct {
	code                uint32
	symbol, description string
}

// pair is one validated row of win32_pairs.tsv.
type pair struct {
	id, versions, cause, fix string
	sub                      substatus.Code
	module                   substatus.Module
	code                     uint32
	hasCode, challenge       bool
	confidence               substatus.Confidence
	sources, notes           []string
}

// build validates the inputs and returns the generated source.
func build(in *inputs) ([]byte, error) {
	version, err := in.curated.MetaValue("data-version")
	if err != nil {
		return nil, err
	}
	consts, err := parseZerrors(bytes.NewReader(in.zerrors))
	if err != nil {
		return nil, err
	}
	symbols := selectSymbols(consts)
	byName := map[string]xconst{}
	for _, c := range consts {
		if _, dup := byName[c.name]; !dup {
			byName[c.name] = c
		}
	}
	winhttp, err := readWinHTTP(in.winhttp, symbols)
	if err != nil {
		return nil, err
	}
	for code, name := range winhttp {
		symbols[code] = name
	}
	ds, err := readCurated(in.curated, symbols, byName, winhttp)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		symbols[d.code] = d.symbol
	}
	ps, err := readPairs(in.pairs)
	if err != nil {
		return nil, err
	}
	return emit(version, in.symbolsFrom, ds, symbols, ps), nil
}

// rows calls f for each row of t, with errors prefixed by file and line,
// after checking the header.
func rows(t *tsv.Table, cols []string, f func(tsv.Row) error) error {
	if err := t.CheckColumns(cols...); err != nil {
		return err
	}
	if len(t.Rows) == 0 {
		return fmt.Errorf("%s: no rows", t.Name)
	}
	for _, r := range t.Rows {
		if err := f(r); err != nil {
			return fmt.Errorf("%s:%d: %w", t.Name, r.Line, err)
		}
	}
	return nil
}

// parseCode reads an unsigned 32-bit decimal without leading zeros.
func parseCode(s string) (uint32, error) {
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("bad code %q: want unsigned 32-bit decimal without leading zeros", s)
	}
	return uint32(n), nil
}

var symbolSyntax = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// readWinHTTP reads win32_winhttp.tsv; no code may have another name in
// x/sys.
func readWinHTTP(t *tsv.Table, symbols map[uint32]string) (map[uint32]string, error) {
	out := map[uint32]string{}
	last := int64(-1)
	err := rows(t, []string{"code", "symbol", "source"}, func(r tsv.Row) error {
		code, err := parseCode(r.Get("code"))
		if err != nil {
			return err
		}
		sym := r.Get("symbol")
		switch {
		case int64(code) <= last:
			return fmt.Errorf("code %d not after %d: keep rows in ascending order of the code", code, last)
		case !strings.HasPrefix(sym, "ERROR_WINHTTP_") || !symbolSyntax.MatchString(sym):
			return fmt.Errorf("code %d: bad symbol %q", code, sym)
		case symbols[code] != "":
			return fmt.Errorf("code %d: %s is %s in golang.org/x/sys", code, sym, symbols[code])
		case r.Get("source") == "":
			return fmt.Errorf("code %d: empty source", code)
		}
		last = int64(code)
		out[code] = sym
		return nil
	})
	return out, err
}

// readCurated reads win32.tsv. Each symbol must be the one x/sys or
// winhttp.h gives the code (win32.tsv cannot rename a code), or a name
// x/sys defines with that value.
func readCurated(t *tsv.Table, symbols map[uint32]string, byName map[string]xconst, winhttp map[uint32]string) ([]described, error) {
	var out []described
	err := rows(t, []string{"code", "symbol", "description", "source"}, func(r tsv.Row) error {
		code, err := parseCode(r.Get("code"))
		if err != nil {
			return err
		}
		d := described{code: code, symbol: r.Get("symbol"), description: r.Get("description")}
		if n := len(out); n > 0 && out[n-1].code >= code {
			return fmt.Errorf("code %d not after %d: keep rows in ascending order of the code", code, out[n-1].code)
		}
		if !symbolSyntax.MatchString(d.symbol) {
			return fmt.Errorf("code %d: bad symbol %q", code, d.symbol)
		}
		if want := symbols[code]; want != "" && want != d.symbol {
			return fmt.Errorf("code %d: symbol %s, upstream names it %s", code, d.symbol, want)
		}
		if c, ok := byName[d.symbol]; ok && c.value != code {
			return fmt.Errorf("code %d: %s is %d (%#x) in golang.org/x/sys", code, d.symbol, c.value, c.value)
		}
		if _, ok := byName[d.symbol]; !ok && winhttp[code] != d.symbol {
			return fmt.Errorf("code %d: symbol %s is neither in golang.org/x/sys nor in %s", code, d.symbol, winhttpFile)
		}
		if err := checkText(map[string]string{"description": d.description, "source": r.Get("source")}); err != nil {
			return fmt.Errorf("code %d: %w", code, err)
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// selfReference matches words about how the data was gathered, which
// shipped text must not contain: it cites public sources only.
var selfReference = regexp.MustCompile(`(?i)dossier|seed|issue 8|index id|find_string|checked locally`)

// checkText checks that each named field is non-empty and speaks of its
// public sources only.
func checkText(fields map[string]string) error {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		v := fields[name]
		if v == "" || v == "-" {
			return fmt.Errorf("empty %s", name)
		}
		if m := selfReference.FindString(v); m != "" {
			return fmt.Errorf("%s mentions %q: cite the public source instead", name, m)
		}
	}
	return nil
}

var (
	pairCodeSyntax = regexp.MustCompile(`^0x[0-9A-F]{8}$`)
	confidences    = map[string]substatus.Confidence{"low": substatus.ConfidenceLow,
		"medium": substatus.ConfidenceMedium, "high": substatus.ConfidenceHigh}
)

// readPairs reads and validates win32_pairs.tsv: every substatus must have
// a meaning of the named module in package substatus, rows are in
// ascending order of (substatus, code) with rows without a code first, and
// IDs are unique.
func readPairs(t *tsv.Table) ([]pair, error) {
	cols := []string{"id", "substatus", "module", "code", "iis_versions", "cause", "fix", "confidence", "challenge", "source", "notes"}
	var out []pair
	ids := map[string]bool{}
	err := rows(t, cols, func(r tsv.Row) error {
		p, err := parsePair(r)
		if err != nil {
			return err
		}
		if ids[p.id] {
			return fmt.Errorf("duplicate id %q", p.id)
		}
		ids[p.id] = true
		if n := len(out); n > 0 && comparePairs(out[n-1], p) > 0 {
			return fmt.Errorf("%s after %s: keep rows in ascending order of substatus, then code (no code first)", p.id, out[n-1].id)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

func parsePair(r tsv.Row) (pair, error) {
	p := pair{id: r.Get("id"), versions: r.Get("iis_versions"), cause: r.Get("cause"), fix: r.Get("fix")}
	sub, err := substatus.Parse(r.Get("substatus"))
	if err != nil {
		return p, err
	}
	p.sub = sub
	if p.id == "" || strings.ContainsAny(p.id, " \t") || !strings.HasPrefix(p.id, sub.String()+"/") {
		return p, fmt.Errorf("bad id %q: want %s/ and a code or module, without spaces", p.id, sub)
	}
	if p.module, err = substatus.ParseModule(r.Get("module")); err != nil || p.module.Key() != r.Get("module") {
		return p, fmt.Errorf("%s: bad module %q", p.id, r.Get("module"))
	}
	if !hasMeaning(sub, p.module) {
		return p, fmt.Errorf("%s: package substatus has no %s meaning of %s", p.id, p.module.Key(), sub)
	}
	switch code := r.Get("code"); {
	case code == "-":
	case pairCodeSyntax.MatchString(code):
		v, _ := strconv.ParseUint(code[2:], 16, 32)
		p.code, p.hasCode = uint32(v), true
	default:
		return p, fmt.Errorf("%s: bad code %q: want 0x and eight upper-case hex digits, or - for none", p.id, code)
	}
	var ok bool
	if p.confidence, ok = confidences[r.Get("confidence")]; !ok {
		return p, fmt.Errorf("%s: bad confidence %q", p.id, r.Get("confidence"))
	}
	switch r.Get("challenge") {
	case "yes":
		// A challenge is a 401 with a code: IIS asks the client to
		// authenticate.
		if sub.Status != 401 || !p.hasCode {
			return p, fmt.Errorf("%s: challenge yes for a pair that is not a 401 with a code", p.id)
		}
		p.challenge = true
	case "no":
	default:
		return p, fmt.Errorf("%s: bad challenge %q: want yes or no", p.id, r.Get("challenge"))
	}
	if err := checkText(map[string]string{"iis_versions": p.versions, "cause": p.cause, "fix": p.fix, "source": r.Get("source")}); err != nil {
		return p, fmt.Errorf("%s: %w", p.id, err)
	}
	if err := checkBothReadings(p); err != nil {
		return p, fmt.Errorf("%s: %w", p.id, err)
	}
	p.sources = split(r.Get("source"))
	for _, s := range p.sources {
		if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
			return p, fmt.Errorf("%s: source %q is not a URL", p.id, s)
		}
	}
	if notes := r.Get("notes"); notes != "" {
		if m := selfReference.FindString(notes); m != "" {
			return p, fmt.Errorf("%s: notes mention %q: cite the public source instead", p.id, m)
		}
		p.notes = split(notes)
	}
	return p, nil
}

// oneSided matches wording that reads right only on an error page ("the
// page") or only beside a log line ("the log line reads"): the texts of a
// pair are shown for both, by iisexplain for a pasted page and by iisreport
// for a log triple.
var oneSided = regexp.MustCompile(`(?i)\bthe page\b|\blog line\b`)

// checkBothReadings checks that the cause and fix of p read right from an
// error page and from a log line: no one-sided wording, and no repetition
// of the pair's own log triple, which both already show.
func checkBothReadings(p pair) error {
	logged := p.code
	if logged>>16 == 0x8007 {
		logged &= 0xFFFF
	}
	triple := fmt.Sprintf("%d %d %d", p.sub.Status, p.sub.Sub, logged)
	for _, f := range []struct{ name, text string }{{"cause", p.cause}, {"fix", p.fix}} {
		if m := oneSided.FindString(f.text); m != "" {
			return fmt.Errorf("%s says %q: word it for the detailed error page and the log line alike (\"the Physical Path on the detailed error page\")", f.name, m)
		}
		if p.hasCode && strings.Contains(f.text, triple) {
			return fmt.Errorf("%s repeats the log triple %q, which is shown with it", f.name, triple)
		}
	}
	return nil
}

// hasMeaning reports whether package substatus defines a meaning of s for
// module m.
func hasMeaning(s substatus.Code, m substatus.Module) bool {
	for x := range s.Meanings() {
		if x.Scope().Module == m {
			return true
		}
	}
	return false
}

// comparePairs orders pairs as the table must be sorted.
func comparePairs(a, b pair) int {
	return cmp.Or(
		cmp.Compare(a.sub.Status, b.sub.Status),
		cmp.Compare(a.sub.Sub, b.sub.Sub),
		compareBool(a.hasCode, b.hasCode),
		cmp.Compare(a.code, b.code),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " | ")
}

// emit writes the generated file.
func emit(version, symbolsFrom string, ds []described, symbols map[uint32]string, ps []pair) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(genutil.Header(generator, "win32"))
	p("import \"github.com/iisstatus/iisstatus/substatus\"\n\n")
	p("// DataVersion is the date of the tables this package was generated from.\n")
	p("// A code or pair missing from them is not known to this version.\n")
	p("const DataVersion = %q\n\n", version)
	p("// SymbolSource is the module version the names of Win32 codes and\n")
	p("// HRESULTs were generated from (its windows/zerrors_windows.go).\n")
	p("const SymbolSource = %q\n\n", symbolsFrom)

	p("// table holds the described codes in ascending order, for binary search.\n")
	p("var table = [...]entry{\n")
	for _, d := range ds {
		p("// %s\n{%d, %q},\n", d.symbol, d.code, d.description)
	}
	p("}\n\n")

	codes := slices.Sorted(maps.Keys(symbols))
	p("// symbolNames holds the symbols back to back, in ascending order of code;\n")
	p("// the name of symbolCodes[i] ends at symbolEnds[i] and starts where the\n")
	p("// previous one ends.\n")
	p("const symbolNames = \"\" +\n")
	total := 0
	for i, c := range codes {
		sep := " +"
		if i == len(codes)-1 {
			sep = ""
		}
		p("\t%q%s\n", symbols[c], sep)
		total += len(symbols[c])
	}
	p("\n")
	list := func(name string, f func(i int) string) {
		p("var %s = [...]uint32{\n", name)
		for i := range codes {
			p("%s,", f(i))
			if i%8 == 7 || i == len(codes)-1 {
				p("\n")
			} else {
				p(" ")
			}
		}
		p("}\n\n")
	}
	list("symbolCodes", func(i int) string { return fmt.Sprintf("0x%08X", codes[i]) })
	ends := make([]int, len(codes))
	end := 0
	for i, c := range codes {
		end += len(symbols[c])
		ends[i] = end
	}
	list("symbolEnds", func(i int) string { return strconv.Itoa(ends[i]) })

	p("// pairTable holds the (substatus, error code) pairs in ascending order of\n")
	p("// substatus, then code, for binary search by substatus.\n")
	p("var pairTable = [...]pairRow{\n")
	for _, x := range ps {
		p("{\n")
		p("id: %q, sub: substatus.Code{Status: %d, Sub: %d}, module: substatus.%s,\n", x.id, x.sub.Status, x.sub.Sub, moduleConst(x.module))
		p("code: 0x%08X, hasCode: %t, versions: %q, confidence: substatus.%s, challenge: %t,\n", x.code, x.hasCode, x.versions, confidenceConst(x.confidence), x.challenge)
		p("cause: %q,\n", x.cause)
		p("fix: %q,\n", x.fix)
		p("sources: %s, notes: %s,\n", strs(x.sources), strs(x.notes))
		p("},\n")
	}
	p("}\n\n")

	p("// Compile-time guards: editing the tables below without regenerating\n")
	p("// breaks the build.\n")
	p("func _() {\n")
	p("var x [1]struct{}\n")
	p("_ = x[len(table)-%d]\n", len(ds))
	p("_ = x[len(symbolCodes)-%d]\n", len(codes))
	p("_ = x[len(symbolEnds)-%d]\n", len(codes))
	p("_ = x[len(symbolNames)-%d]\n", total)
	p("_ = x[len(pairTable)-%d]\n", len(ps))
	p("}\n")
	return b.Bytes()
}

func moduleConst(m substatus.Module) string {
	return map[substatus.Module]string{substatus.ModuleCore: "ModuleCore", substatus.ModuleARR: "ModuleARR",
		substatus.ModuleANCM: "ModuleANCM", substatus.ModuleURLRewrite: "ModuleURLRewrite",
		substatus.ModuleIPRestrictions: "ModuleIPRestrictions"}[m]
}

func confidenceConst(c substatus.Confidence) string {
	return map[substatus.Confidence]string{substatus.ConfidenceLow: "ConfidenceLow",
		substatus.ConfidenceMedium: "ConfidenceMedium", substatus.ConfidenceHigh: "ConfidenceHigh"}[c]
}

func strs(s []string) string {
	if len(s) == 0 {
		return "nil"
	}
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}
