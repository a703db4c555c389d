// Command win32 generates ../../../win32/zz_generated.go from
// internal/data/win32.tsv. It is run by go generate in the win32 package
// directory:
//
//	//go:generate go run ../internal/gen/win32
package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
)

const (
	generator = "internal/gen/win32"
	dataFile  = "win32.tsv"
	outFile   = "zz_generated.go"
)

func main() {
	genutil.Run(generator, dataFile, "win32", generate)
}

// entry is one validated row of the table.
type entry struct {
	code                uint32
	symbol, description string
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
	want := []string{"code", "symbol", "description", "source"}
	if err := tab.CheckColumns(want...); err != nil {
		return nil, err
	}
	var es []entry
	symbols := map[string]bool{}
	for i, row := range tab.Rows {
		e, err := parseRow(row)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, row.Line, err)
		}
		if i > 0 && es[i-1].code >= e.code {
			return nil, fmt.Errorf("%s:%d: code %d not after %d: keep rows in ascending order of the code", path, row.Line, e.code, es[i-1].code)
		}
		if symbols[e.symbol] {
			return nil, fmt.Errorf("%s:%d: duplicate symbol %q", path, row.Line, e.symbol)
		}
		symbols[e.symbol] = true
		es = append(es, e)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return emit(version, es), nil
}

func parseRow(row tsv.Row) (entry, error) {
	code := row.Get("code")
	n, err := strconv.ParseUint(code, 10, 32)
	if err != nil || (len(code) > 1 && code[0] == '0') {
		return entry{}, fmt.Errorf("bad code %q: want unsigned 32-bit decimal without leading zeros", code)
	}
	e := entry{code: uint32(n), symbol: row.Get("symbol"), description: row.Get("description")}
	if e.symbol == "" || e.symbol == "-" || strings.ContainsAny(e.symbol, " \r\n") {
		return e, fmt.Errorf("code %d: bad symbol %q", n, e.symbol)
	}
	for col, v := range map[string]string{"description": e.description, "source": row.Get("source")} {
		if v == "" || v == "-" {
			return e, fmt.Errorf("code %d: empty %s", n, col)
		}
	}
	return e, nil
}

func emit(version string, es []entry) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(genutil.Header(generator, "win32"))
	p("// DataVersion is the date of the table this package was generated from.\n")
	p("// A code missing from that table is not known: [Code.IsKnown] is false.\n")
	p("const DataVersion = %q\n\n", version)
	p("// numCodes is the number of codes in the table.\n")
	p("const numCodes = %d\n\n", len(es))
	p("// table holds the known codes in ascending order, for binary search.\n")
	p("var table = [numCodes]entry{\n")
	for _, e := range es {
		p("{%d, %q, %q},\n", e.code, e.symbol, e.description)
	}
	p("}\n")
	return b.Bytes()
}
