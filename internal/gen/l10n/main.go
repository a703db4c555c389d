// Command l10n compiles the translation tables internal/data/messages_*.tsv
// into internal/l10n/zz_generated.go. It runs from go generate in
// internal/l10n (see its doc.go) and is checked by its test: the committed
// file must equal what the generator produces.
//
// Each table has exactly the columns key, text, notes and source, in that
// order (see internal/l10n/TRANSLATING.md). The generator rejects duplicate or
// malformed keys, empty texts, texts with leading or trailing spaces or
// control characters, invalid UTF-8 and a source that is not 8 lower-case
// hex digits, naming the file and line. Which keys exist, and whether each
// source still matches its English text, is checked by the tests of the
// root package, which see the English tables.
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
var keyPrefixes = []string{"status.", "substatus.", "httpsys."}

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
		switch {
		case key == "":
			fail("empty key")
			continue
		case strings.ContainsFunc(key, unicode.IsSpace):
			fail("key %q contains white space", key)
			continue
		case !slices.ContainsFunc(keyPrefixes, func(p string) bool { return strings.HasPrefix(key, p) }):
			fail("key %q does not start with status., substatus. or httpsys.", key)
			continue
		}
		if prev, dup := seen[key]; dup {
			fail("duplicate key %q (first on line %d)", key, prev)
			continue
		}
		seen[key] = row.Line
		switch {
		case text == "":
			fail("%s: empty text (leave the row out instead: the English text is used)", key)
		case !utf8.ValidString(text):
			fail("%s: text is not valid UTF-8", key)
		case strings.TrimSpace(text) != text:
			fail("%s: text has leading or trailing white space", key)
		case strings.ContainsFunc(text, unicode.IsControl):
			fail("%s: text contains a control character", key)
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

// generate reads every messages_*.tsv in dataDir and returns the formatted
// source of zz_generated.go.
func generate(dataDir string) ([]byte, error) {
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
	b.WriteString(genutil.Header("internal/gen/l10n from internal/data/messages_*.tsv", "l10n"))
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
