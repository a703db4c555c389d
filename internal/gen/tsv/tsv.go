// Package tsv reads the project's tab-separated data tables.
//
// A table has a header line naming its columns, then one row per line.
// Fields are separated by a single tab and are taken verbatim: there is no
// quoting, so a field may hold any byte but tab and newline. Lines starting
// with "#" and blank lines are ignored, except that a comment line of the form
// "# key: value" (key without spaces) is recorded in Table.Meta: tables keep
// their data version there ("# data-version: 2026-11-24"). Every row must
// have exactly as many fields as the header.
package tsv

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Row is one data line of a table.
type Row struct {
	Line   int // 1-based line number in the file
	fields []string
	cols   map[string]int
}

// Get returns the field of the named column. It panics if the table has no
// such column, since that is a programming error in the generator.
func (r Row) Get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		panic(fmt.Sprintf("tsv: no column %q", col))
	}
	return r.fields[i]
}

// Table is a parsed TSV file.
type Table struct {
	Name    string   // file name, for messages
	Columns []string // header, in file order
	Rows    []Row
	Meta    map[string]string // "# key: value" comment lines, value trimmed
}

// CheckColumns reports an error naming the file unless the header is
// exactly want, in order.
func (t *Table) CheckColumns(want ...string) error {
	if !slices.Equal(t.Columns, want) {
		return fmt.Errorf("%s: columns %q, want %q", t.Name, t.Columns, want)
	}
	return nil
}

// MetaValue returns the non-empty value of the "# key: value" comment line,
// or an error naming the file and the missing line.
func (t *Table) MetaValue(key string) (string, error) {
	if v := t.Meta[key]; v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s: no \"# %s: \" comment line", t.Name, key)
}

// ReadFile parses the named file.
func ReadFile(name string) (*Table, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(name, f)
}

// Read parses a table from r; name is used in error messages.
func Read(name string, r io.Reader) (*Table, error) {
	t := &Table{Name: name, Meta: map[string]string{}}
	cols := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			if c, ok := strings.CutPrefix(text, "# "); ok {
				if k, v, ok := strings.Cut(c, ": "); ok && k != "" && !strings.Contains(k, " ") {
					t.Meta[k] = strings.TrimSpace(v)
				}
			}
			continue
		}
		fields := strings.Split(text, "\t")
		if t.Columns == nil {
			t.Columns = fields
			for i, c := range fields {
				if _, dup := cols[c]; dup {
					return nil, fmt.Errorf("%s:%d: duplicate column %q", name, line, c)
				}
				cols[c] = i
			}
			continue
		}
		if len(fields) != len(t.Columns) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", name, line, len(fields), len(t.Columns))
		}
		t.Rows = append(t.Rows, Row{Line: line, fields: fields, cols: cols})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if t.Columns == nil {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	return t, nil
}
