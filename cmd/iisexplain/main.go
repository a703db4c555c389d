// Command iisexplain explains an IIS status code, IIS substatus code,
// HTTP.sys error-log reason token, Windows error code or a whole error
// page, as a person pastes it:
//
//	iisexplain 403.14
//	iisexplain "500.19 0x8007000d"     # a code with the Error Code of its page
//	iisexplain 0x80070021              # an HRESULT or Win32 code alone
//	iisexplain - < page.txt            # a pasted error page on standard input
//	iisexplain -f page.html            # a saved error page
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
// so "iisexplain HTTP Error 403.14 - Forbidden" works. Without words and
// without -f, the command reads standard input when it is not a terminal.
//
// When the input names a (substatus, error code) pair, such as an error
// page's heading and Error Code, its cause and fix come first, then what
// the page says, then the status, substatus and Win32 sections.
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
	in := input{r: os.Stdin}
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		in.terminal = true
	}
	os.Exit(run(os.Args[1:], in, os.Stdout, os.Stderr))
}

// input is the standard input of the command.
type input struct {
	r        io.Reader
	terminal bool // a terminal: read only when asked for with "-"
}

// maxInput bounds what the command reads from a file or standard input.
const maxInput = 16 << 20

// options are the parsed command line.
type options struct {
	version   substatus.Version // 0: not given
	module    substatus.Module
	hasModule bool
	tag       language.Tag
	json      bool
	file      string // -f: the file to read ("-": standard input)
	implicit  bool   // no input given: standard input, if it is not a terminal
	input     string // the words given, joined
}

// valueFlags are the flags that take a value; used to move flags that
// follow the input in front of it, since package flag stops at the first
// non-flag argument.
var valueFlags = map[string]bool{"iis": true, "module": true, "lang": true, "f": true}

// reorder splits args into flags (with their values) and positional
// arguments. "--" ends the flags.
func reorder(args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...)
		case len(a) > 1 && a[0] == '-' && !isDigit(a[1]):
			// "-2147024883" is an HRESULT, not a flag.
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

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("iisexplain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: iisexplain [-iis version] [-module name] [-lang tag] [-json] code|substatus|reason|error-code ...")
		fmt.Fprintln(stderr, "       iisexplain [flags] -              (a pasted page on standard input)")
		fmt.Fprintln(stderr, "       iisexplain [flags] -f page.html   (a saved page)")
		fs.PrintDefaults()
	}
	iis := fs.String("iis", "", "IIS `version` whose meaning to show in full (5, 6, 7, 7.5, 8, 8.5, 10)")
	module := fs.String("module", "", "`module` that produced the code (core, arr, ancm, rewrite, iprestrictions)")
	lang := fs.String("lang", "", "`language` of the texts: en (default), de, fr, es, ja")
	fs.BoolVar(&o.json, "json", false, "print JSON")
	fs.StringVar(&o.file, "f", "", "read the input from `file` (- for standard input), such as a saved error page")
	flags, positional := reorder(args)
	if err := fs.Parse(flags); err != nil {
		return o, err
	}
	switch {
	case len(positional) == 1 && positional[0] == "-" && o.file == "":
		o.file = "-"
	case len(positional) > 0 && o.file != "":
		return o, errors.New("give either -f or the input, not both")
	case len(positional) == 0 && o.file == "":
		o.file, o.implicit = "-", true
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

func run(args []string, stdin input, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "iisexplain:", err)
		return 2
	}
	if o.file != "" {
		if o.implicit && stdin.terminal {
			fmt.Fprintln(stderr, "iisexplain: no code, reason or page given (give one, or - to paste a page)")
			return 2
		}
		if o.input, err = readInput(o.file, stdin.r); err != nil {
			fmt.Fprintln(stderr, "iisexplain:", err)
			return 2
		}
	}
	e, err := iisstatus.Explain(o.input)
	if err != nil {
		fmt.Fprintln(stderr, "iisexplain:", err)
		return 2
	}
	if o.hasModule {
		e = e.WithModule(o.module)
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

// readInput reads the input from a file, or from r for "-", up to
// maxInput bytes.
func readInput(name string, r io.Reader) (string, error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxInput {
		return "", fmt.Errorf("%s: input longer than %d MiB", name, maxInput>>20)
	}
	return string(b), nil
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
