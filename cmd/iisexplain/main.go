// Command iisexplain explains an IIS status code, IIS substatus code or
// HTTP.sys error-log reason token, as a person pastes it:
//
//	iisexplain 403.14
//	iisexplain 502.5 -module ancm      # only the ASP.NET Core Module meaning in full
//	iisexplain -iis 6 500.19           # the IIS 6.0 meaning in full
//	iisexplain ConnLimit
//	iisexplain -lang de 404            # texts in German (de, fr, es, ja; English otherwise)
//	iisexplain -json 403.14            # the same as JSON
//
// Without -iis or -module every scoped meaning is printed in full. With
// them, the meaning IIS would use on that version for that module is
// printed in full and the others are listed in one line each. Flags may
// come before or after the code. Several words are joined into one input,
// so "iisexplain HTTP Error 403.14 - Forbidden" works.
//
// The text is what iisstatus.Explanation.Format writes in the chosen
// language. Each meaning separates what the client may see (the safe client
// text) from the operator's detail (causes and fixes). When -iis or -module
// match no meaning, a note goes to standard error and every meaning is
// printed in full. Exit status: 0 when the
// input is known, 1 when it is well-formed but unknown to the data (or no
// meaning matches -iis/-module), 2 for usage errors and input that cannot
// be explained.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/substatus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command line.
type options struct {
	version   substatus.Version // 0: not given
	module    substatus.Module
	hasModule bool
	tag       language.Tag
	json      bool
	input     string
}

// valueFlags are the flags that take a value; used to move flags that
// follow the input in front of it, since package flag stops at the first
// non-flag argument.
var valueFlags = map[string]bool{"iis": true, "module": true, "lang": true}

// reorder splits args into flags (with their values) and positional
// arguments. "--" ends the flags.
func reorder(args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && valueFlags[name] && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	return flags, positional
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("iisexplain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: iisexplain [-iis version] [-module name] [-lang tag] [-json] code|substatus|reason")
		fs.PrintDefaults()
	}
	iis := fs.String("iis", "", "IIS `version` whose meaning to show in full (5, 6, 7, 7.5, 8, 8.5, 10)")
	module := fs.String("module", "", "`module` that produced the code (core, arr, ancm, rewrite, iprestrictions)")
	lang := fs.String("lang", "", "`language` of the texts: en (default), de, fr, es, ja")
	fs.BoolVar(&o.json, "json", false, "print JSON")
	flags, positional := reorder(args)
	if err := fs.Parse(flags); err != nil {
		return o, err
	}
	if len(positional) == 0 {
		fs.Usage()
		return o, errors.New("no code or reason given")
	}
	o.input = strings.Join(positional, " ")
	if *iis != "" {
		v, err := substatus.ParseVersion(*iis)
		if err != nil {
			return o, fmt.Errorf("-iis: %w", err)
		}
		o.version = v
	}
	if *module != "" {
		m, err := substatus.ParseModule(*module)
		if err != nil {
			return o, fmt.Errorf("-module: %w", err)
		}
		o.module, o.hasModule = m, true
	}
	o.tag = language.English
	if *lang != "" {
		o.tag = iisstatus.MatchLanguage(*lang)
		if b, _ := language.Make(*lang).Base(); o.tag == language.English && b.String() != "en" {
			fmt.Fprintf(stderr, "iisexplain: no texts in %q, using English\n", *lang)
		}
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "iisexplain:", err)
		return 2
	}
	e, err := iisstatus.Explain(o.input)
	if err != nil {
		fmt.Fprintln(stderr, "iisexplain:", err)
		return 2
	}
	if sel, ok := selected(e, o); ok {
		e.Substatus.Selected = sel.ID()
	} else if filtered(o) && e.Substatus.Known {
		fmt.Fprintf(stderr, "iisexplain: no meaning of %s for %s, %s\n", e.Substatus.Code, version(o), o.module)
	}
	if o.json {
		err = writeJSON(stdout, e, o)
	} else {
		err = e.Format(stdout, o.tag)
	}
	if err != nil {
		fmt.Fprintln(stderr, "iisexplain:", err)
		return 1
	}
	if !e.Known() || (filtered(o) && e.Kind == iisstatus.KindSubstatus && e.Substatus.Selected == "") {
		return 1
	}
	return 0
}

// filtered reports whether -iis or -module was given.
func filtered(o options) bool { return o.version != 0 || o.hasModule }

// version is the -iis version, or the latest when not given.
func version(o options) substatus.Version {
	if o.version == 0 {
		return substatus.Latest
	}
	return o.version
}

// selected returns the meaning -iis/-module pick: the one
// substatus.Code.Lookup returns for that version (default: latest) and
// module (default: core IIS).
func selected(e iisstatus.Explanation, o options) (substatus.Meaning, bool) {
	if e.Kind != iisstatus.KindSubstatus || !filtered(o) {
		return substatus.Meaning{}, false
	}
	return e.Substatus.Code.Lookup(version(o), o.module)
}

// jsonOutput is the -json document: the library's Explanation with its
// descriptions and client texts in the chosen language, and the -iis and
// -module given; the meaning they select is explanation.substatus.selected.
type jsonOutput struct {
	Lang        string                `json:"lang"`
	IIS         string                `json:"iis,omitempty"`
	Module      string                `json:"module,omitempty"`
	Explanation iisstatus.Explanation `json:"explanation"`
}

func writeJSON(w io.Writer, e iisstatus.Explanation, o options) error {
	out := jsonOutput{Lang: o.tag.String(), Explanation: localize(e, o.tag)}
	if o.version != 0 {
		out.IIS = o.version.Number()
	}
	if o.hasModule {
		out.Module = o.module.Key()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// localize replaces the translatable texts of e by their translations.
func localize(e iisstatus.Explanation, tag language.Tag) iisstatus.Explanation {
	if e.Status.Known {
		e.Status.Description = e.Status.Code.DescriptionIn(tag)
	}
	if len(e.Substatus.Meanings) > 0 {
		ms := make([]iisstatus.SubstatusMeaning, len(e.Substatus.Meanings))
		for i, m := range e.Substatus.Meanings {
			m.Description = m.Meaning.DescriptionIn(tag)
			m.ClientText = m.Meaning.ClientTextIn(tag)
			ms[i] = m
		}
		e.Substatus.Meanings = ms
	}
	if e.Kind == iisstatus.KindReason {
		// Info.ClientText stays byte-exact: it is what HTTP.sys sends.
		e.Reason.Info.Cause = e.Reason.Reason.CauseIn(tag)
		if len(e.Reason.Causes) > 0 {
			cs := append([]string(nil), e.Reason.Causes...)
			cs[0] = e.Reason.Reason.CauseIn(tag)
			e.Reason.Causes = cs
		}
	}
	return e
}
