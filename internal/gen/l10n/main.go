// Command l10n compiles the translation tables internal/data/messages_*.tsv
// and the English labels internal/data/labels.tsv into
// internal/l10n/zz_generated.go. It runs from go generate in internal/l10n
// (see its doc.go) and is checked by its test: the committed file must
// equal what the generator produces.
//
// Each translation table has exactly the columns key, text, notes and
// source, in that order (see internal/l10n/TRANSLATING.md); the label table
// has key, text and notes, and its keys start with "explain.". The
// generator rejects duplicate or malformed keys, empty texts, texts with
// leading or trailing spaces or control characters, invalid UTF-8 and a
// source that is not 8 lower-case hex digits, naming the file and line.
// Which keys exist, and whether each source still matches its English
// text, is checked by the tests of the root package, which see the English
// tables.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
)

func main() {
	out := flag.String("o", "", "output file (default: internal/l10n/zz_generated.go)")
	flag.Parse()
	dataDir, err := genutil.DataDir()
	if err != nil {
		fatal(err)
	}
	if *out == "" {
		*out = outputPath(dataDir)
	}
	src, err := generate(dataDir)
	if err != nil {
		fatal(err)
	}
	if err := genutil.WriteGo(*out, src); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "gen/l10n:", err)
	os.Exit(1)
}

// outputPath returns the path of the generated file, next to the data dir.
func outputPath(dataDir string) string {
	return filepath.Join(dataDir, "..", "l10n", "zz_generated.go")
}

// message is one translated text.
type message struct {
	key, text string
}

// table is the translations of one language.
type table struct {
	tag  string
	msgs []message
}

// keyPrefixes are the namespaces of the keys (see internal/l10n's doc).
var keyPrefixes = []string{"status.", "substatus.", "httpsys.", labelPrefix}

// labelPrefix starts the keys of the labels, whose English text is in
// labelsFile rather than in a package table.
const labelPrefix = "explain."

// labelsFile is the table of English labels in the data directory.
const labelsFile = "labels.tsv"

// checkRow reports what is wrong with a row's key and text, or "". keyOK
// is false when the key itself is unusable.
func checkRow(key, text string, prefixes []string) (problem string, keyOK bool) {
	switch {
	case key == "":
		return "empty key", false
	case strings.ContainsFunc(key, unicode.IsSpace):
		return fmt.Sprintf("key %q contains white space", key), false
	case !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) }):
		return fmt.Sprintf("key %q does not start with %s", key, strings.Join(prefixes, ", ")), false
	}
	switch {
	case text == "":
		return key + ": empty text (leave the row out instead: the English text is used)", true
	case !utf8.ValidString(text):
		return key + ": text is not valid UTF-8", true
	case strings.TrimSpace(text) != text:
		return key + ": text has leading or trailing white space", true
	case strings.ContainsFunc(text, unicode.IsControl):
		return key + ": text contains a control character", true
	}
	return "", true
}

// readLabels reads and checks the English labels.
func readLabels(path string) ([]message, error) {
	tab, err := tsv.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := tab.CheckColumns("key", "text", "notes"); err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var errs []error
	var out []message
	for _, row := range tab.Rows {
		key, text := row.Get("key"), row.Get("text")
		if problem, keyOK := checkRow(key, text, []string{labelPrefix}); problem != "" {
			errs = append(errs, fmt.Errorf("%s:%d: %s", path, row.Line, problem))
			if !keyOK {
				continue
			}
		}
		if prev, dup := seen[key]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: duplicate key %q (first on line %d)", path, row.Line, key, prev))
			continue
		}
		seen[key] = row.Line
		out = append(out, message{key, text})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b message) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

// readTable reads and checks messages_<tag>.tsv.
func readTable(path string) (table, error) {
	name := filepath.Base(path)
	tag := strings.TrimSuffix(strings.TrimPrefix(name, "messages_"), ".tsv")
	t, err := language.Parse(tag)
	if err != nil || t.String() != tag {
		return table{}, fmt.Errorf("%s: file name must be messages_<tag>.tsv with a canonical BCP 47 tag", path)
	}
	if t == language.English {
		return table{}, fmt.Errorf("%s: English texts come from the package tables, not from a translation file", path)
	}
	tab, err := tsv.ReadFile(path)
	if err != nil {
		return table{}, err
	}
	if err := tab.CheckColumns("key", "text", "notes", "source"); err != nil {
		return table{}, err
	}
	seen := map[string]int{}
	var errs []error
	out := table{tag: tag}
	for _, row := range tab.Rows {
		key, text, source := row.Get("key"), row.Get("text"), row.Get("source")
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", path, row.Line, fmt.Sprintf(format, args...)))
		}
		problem, keyOK := checkRow(key, text, keyPrefixes)
		if !keyOK {
			fail("%s", problem)
			continue
		}
		if prev, dup := seen[key]; dup {
			fail("duplicate key %q (first on line %d)", key, prev)
			continue
		}
		seen[key] = row.Line
		switch {
		case problem != "":
			fail("%s", problem)
		case !isSourceHash(source):
			fail("%s: source %q is not 8 lower-case hex digits (the key list prints it)", key, source)
		default:
			out.msgs = append(out.msgs, message{key, text})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return table{}, err
	}
	slices.SortFunc(out.msgs, func(a, b message) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

// isSourceHash reports whether s has the form of english.Hash: 8
// lower-case hex digits.
func isSourceHash(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// generate reads labels.tsv and every messages_*.tsv in dataDir and returns
// the formatted source of zz_generated.go.
func generate(dataDir string) ([]byte, error) {
	labels, err := readLabels(filepath.Join(dataDir, labelsFile))
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(dataDir, "messages_*.tsv"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var tables []table
	for _, p := range paths {
		t, err := readTable(p)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	var b bytes.Buffer
	b.WriteString(genutil.Header("internal/gen/l10n from internal/data/labels.tsv and internal/data/messages_*.tsv", "l10n"))
	b.WriteString("// englishLabels holds the English labels of iisstatus.Explanation.Format,\n")
	b.WriteString("// sorted by key. Unlike the dictionaries, the data is the plain text.\n")
	fmt.Fprintf(&b, "var englishLabels = dictionary{ // %d labels\n", len(labels))
	for _, m := range labels {
		fmt.Fprintf(&b, "\t{%q, %s},\n", m.key, strconv.Quote(m.text))
	}
	b.WriteString("}\n\n")
	b.WriteString("// dictionaries holds the translations, one sorted dictionary per language.\n")
	b.WriteString("// Each message is a raw catalog message: rawHeader followed by the text,\n")
	b.WriteString("// with '%' doubled because the printer renders it as a format string.\n")
	b.WriteString("var dictionaries = [...]langDictionary{\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "\t{tag: %q, dict: dictionary{ // %d messages\n", t.tag, len(t.msgs))
		for _, m := range t.msgs {
			data := "\x02" + strings.ReplaceAll(m.text, "%", "%%")
			fmt.Fprintf(&b, "\t\t{%q, %s},\n", m.key, strconv.Quote(data))
		}
		b.WriteString("\t}},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
