// Command keys prints the translation keys with their English texts in the
// layout of internal/data/messages_<lang>.tsv (columns key, text, notes,
// source; notes empty, source the English text's english.Hash), the list
// translators work from: replace each English text by its translation and
// append the rows to the language's file.
//
//	go run ./internal/gen/l10n/keys                 # every key
//	go run ./internal/gen/l10n/keys -missing de     # keys German lacks
//	go run ./internal/gen/l10n/keys -stale de       # German rows made from an older English text
//	go run ./internal/gen/l10n/keys -unknown de     # German rows with no English key (removed)
//
// The -stale rows carry the current English text and source, with the old
// translation in notes ("was: …"): translate again and replace the rows in
// the language's file.
//
// See internal/l10n/TRANSLATING.md.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/internal/gen/genutil"
	"github.com/iisstatus/iisstatus/internal/l10n"
	"github.com/iisstatus/iisstatus/internal/l10n/english"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	fs.SetOutput(stderr)
	missing := fs.String("missing", "", "print only the keys the given language (de, fr, es, ja) has no translation for")
	unknown := fs.String("unknown", "", "print the keys of the given language's table that have no English text")
	stale := fs.String("stale", "", "print the rows of the given language's table whose source is not the current English text's")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "keys: unexpected arguments:", fs.Args())
		return 2
	}
	lang := func(s string) (int, bool) {
		t, err := language.Parse(s)
		i := l10n.Index(t)
		if err != nil || i == 0 {
			fmt.Fprintf(stderr, "keys: %q is not a translated language\n", s)
			return 0, false
		}
		return i, true
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	switch {
	case *stale != "":
		if _, ok := lang(*stale); !ok {
			return 2
		}
		dataDir, err := genutil.DataDir()
		if err != nil {
			fmt.Fprintln(stderr, "keys:", err)
			return 1
		}
		rows, err := english.Stale(filepath.Join(dataDir, "messages_"+*stale+".tsv"))
		if err != nil {
			fmt.Fprintln(stderr, "keys:", err)
			return 1
		}
		fmt.Fprintln(w, "key\ttext\tnotes\tsource")
		for _, r := range rows {
			fmt.Fprintf(w, "%s\t%s\twas: %s\t%s\n", r.Key, r.English, r.Translation, english.Hash(r.English))
		}
	case *unknown != "":
		i, ok := lang(*unknown)
		if !ok {
			return 2
		}
		known := map[string]bool{}
		for m := range english.Messages() {
			known[m.Key] = true
		}
		fmt.Fprintln(w, "key")
		for k := range l10n.Keys(i) {
			if !known[k] {
				fmt.Fprintln(w, k)
			}
		}
	default:
		i := 0
		if *missing != "" {
			var ok bool
			if i, ok = lang(*missing); !ok {
				return 2
			}
		}
		fmt.Fprintln(w, "key\ttext\tnotes\tsource")
		for m := range english.Messages() {
			if i != 0 {
				if _, ok := l10n.Translation(i, m.Key); ok {
					continue
				}
			}
			fmt.Fprintf(w, "%s\t%s\t\t%s\n", m.Key, m.Text, english.Hash(m.Text))
		}
	}
	return 0
}
