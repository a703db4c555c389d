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
// Each meaning separates what the client may see (the safe client text)
// from the operator's detail (causes and fixes). Exit status: 0 when the
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
	"strconv"
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
	sel, selOK := selected(e, o)
	if o.json {
		if err := writeJSON(stdout, e, o, sel, selOK); err != nil {
			fmt.Fprintln(stderr, "iisexplain:", err)
			return 1
		}
	} else {
		writeText(stdout, e, o, sel, selOK)
	}
	if !e.Known() || (filtered(o) && e.Kind == iisstatus.KindSubstatus && !selOK) {
		return 1
	}
	return 0
}

// filtered reports whether -iis or -module was given.
func filtered(o options) bool { return o.version != 0 || o.hasModule }

// selected returns the meaning -iis/-module pick: the one
// substatus.Code.Lookup returns for that version (default: latest) and
// module (default: core IIS).
func selected(e iisstatus.Explanation, o options) (substatus.Meaning, bool) {
	if e.Kind != iisstatus.KindSubstatus || !filtered(o) {
		return substatus.Meaning{}, false
	}
	v := o.version
	if v == 0 {
		v = substatus.Latest
	}
	return e.Substatus.Code.Lookup(v, o.module)
}

// labels is the chrome of the text output in one language.
type labels struct {
	Substatus, Meanings, Status, Description, ClientSees, ClientNote, Operator, Causes, Fixes,
	AlsoWorded, ReplacedBy, Selected, Others, NoMatch, Unknown, Reason, Cause, Setting, Advice,
	Translated, Substatuses, IISNote, Retry, NoSubstatus string
}

var chrome = map[language.Tag]labels{
	language.English: {"IIS substatus code", "known meanings", "Status", "Description", "Client sees", "safe for remote clients", "Operator detail", "Causes", "Fixes",
		"Also worded", "Replaced by", "Selected", "Other meanings", "No meaning for", "unknown to the data", "HTTP.sys error-log reason", "Cause", "Setting", "Advice",
		"In your language", "IIS substatus codes", "IIS note", "Retry",
		"no IIS substatus (IIS logs 0 when it has no more specific reason)"},
	language.German: {"IIS-Unterstatuscode", "bekannte Bedeutungen", "Status", "Beschreibung", "Client sieht", "für entfernte Clients unbedenklich", "Details für Betreiber", "Ursachen", "Abhilfe",
		"Auch formuliert", "Ersetzt durch", "Ausgewählt", "Weitere Bedeutungen", "Keine Bedeutung für", "in den Daten unbekannt", "HTTP.sys-Fehlerprotokollgrund", "Ursache", "Einstellung", "Hinweis",
		"Übersetzung", "IIS-Unterstatuscodes", "IIS-Hinweis", "Wiederholen",
		"kein IIS-Unterstatus (IIS protokolliert 0, wenn es keinen genaueren Grund gibt)"},
	language.French: {"code de sous-état IIS", "significations connues", "Statut", "Description", "Le client voit", "sans risque pour les clients distants", "Détails pour l’exploitant", "Causes", "Solutions",
		"Autre formulation", "Remplacé par", "Sélection", "Autres significations", "Aucune signification pour", "inconnu des données", "motif du journal d’erreurs HTTP.sys", "Cause", "Paramètre", "Conseil",
		"Traduction", "Codes de sous-état IIS", "Note IIS", "Nouvel essai",
		"pas de sous-état IIS (IIS journalise 0 faute de motif plus précis)"},
	language.Spanish: {"código de subestado de IIS", "significados conocidos", "Estado", "Descripción", "El cliente ve", "seguro para clientes remotos", "Detalles para el operador", "Causas", "Soluciones",
		"Otra redacción", "Sustituido por", "Seleccionado", "Otros significados", "Ningún significado para", "desconocido en los datos", "motivo del registro de errores de HTTP.sys", "Causa", "Configuración", "Consejo",
		"Traducción", "Códigos de subestado de IIS", "Nota de IIS", "Reintento",
		"sin subestado de IIS (IIS registra 0 cuando no hay un motivo más concreto)"},
	language.Japanese: {"IIS サブステータス コード", "既知の意味", "ステータス", "説明", "クライアントに表示", "リモート クライアントに安全", "運用担当者向けの詳細", "原因", "対処方法",
		"別の表記", "置き換え先", "選択", "ほかの意味", "該当する意味なし:", "データにありません", "HTTP.sys エラー ログの理由", "原因", "設定", "アドバイス",
		"翻訳", "IIS サブステータス コード", "IIS の注記", "再試行",
		"IIS サブステータスなし (より具体的な理由がないとき IIS は 0 を記録する)"},
}

// text collects the output lines.
type text struct {
	w io.Writer
}

func (t text) line(indent int, s string) {
	fmt.Fprintf(t.w, "%s%s\n", strings.Repeat("  ", indent), s)
}

func (t text) field(indent int, label, value string) {
	if value != "" {
		t.line(indent, label+": "+value)
	}
}

func writeText(w io.Writer, e iisstatus.Explanation, o options, sel substatus.Meaning, selOK bool) {
	t := text{w}
	l := chrome[o.tag]
	switch e.Kind {
	case iisstatus.KindStatus:
		writeStatus(t, 0, e.Status, o.tag, l)
		if len(e.Substatuses) > 0 {
			t.line(1, l.Substatuses+":")
			for _, s := range e.Substatuses {
				t.line(2, fmt.Sprintf("%-8s %s", s.Code, s.Label))
			}
		}
	case iisstatus.KindSubstatus:
		d := e.Substatus
		switch {
		case d.Known:
			t.line(0, fmt.Sprintf("%s: %s, %s: %d", d.Code, l.Substatus, l.Meanings, len(d.Meanings)))
		case d.None:
			t.line(0, fmt.Sprintf("%s: %s", d.Code, l.NoSubstatus))
		default:
			t.line(0, fmt.Sprintf("%s: %s, %s (substatus data %s)", d.Code, l.Substatus, l.Unknown, substatus.DataVersion))
		}
		t.line(1, l.Status+":")
		writeStatus(t, 2, e.Status, o.tag, l)
		if w := e.Win32; w != (iisstatus.Win32Detail{}) {
			// sc-win32-status of an IIS log triple ("404 2 1260").
			t.field(1, "Win32", w.Code.String())
			t.field(2, l.Description, w.Description)
		}
		if filtered(o) && d.Known {
			v := o.version
			if v == 0 {
				v = substatus.Latest
			}
			if !selOK {
				t.line(1, fmt.Sprintf("%s %s, %s", l.NoMatch, v, o.module))
			} else {
				t.line(1, fmt.Sprintf("%s (%s, %s): %s", l.Selected, v, o.module, sel.ID()))
			}
			for _, m := range d.Meanings {
				if selOK && m.Meaning == sel {
					writeMeaning(t, m, o.tag, l)
				}
			}
			var others []iisstatus.SubstatusMeaning
			for _, m := range d.Meanings {
				if !selOK || m.Meaning != sel {
					others = append(others, m)
				}
			}
			if len(others) > 0 {
				t.line(1, l.Others+":")
				for _, m := range others {
					t.line(2, fmt.Sprintf("%s (%s): %s", m.ID, m.Scope, m.Label))
				}
			}
			return
		}
		for _, m := range d.Meanings {
			writeMeaning(t, m, o.tag, l)
		}
	case iisstatus.KindReason:
		r := e.Reason.Reason
		info := e.Reason.Info
		t.line(0, fmt.Sprintf("%s: %s (%s, %s)", info.Token, l.Reason, info.Category, info.Severity))
		if e.Status.Known {
			t.field(1, l.Status, e.Status.Code.String())
		}
		if info.ClientText != "" {
			t.field(1, l.ClientSees, strconv.Quote(info.ClientText))
			if tr := r.ClientTextIn(o.tag); tr != info.ClientText {
				t.field(2, l.Translated, tr)
			}
		}
		if len(e.Reason.Causes) > 1 {
			t.line(1, l.Causes+":")
			for _, c := range e.Reason.Causes {
				if c == info.Cause {
					c = r.CauseIn(o.tag)
				}
				t.line(2, "- "+c)
			}
		} else {
			t.field(1, l.Cause, r.CauseIn(o.tag))
		}
		if s := info.Setting; !s.IsZero() {
			v := s.Name
			if s.Default != "" {
				v = strings.TrimSpace(v + " (default " + s.Default + ")")
			}
			t.field(1, l.Setting, v)
		}
		t.field(1, l.Advice, info.Advice)
	}
}

func writeStatus(t text, indent int, d iisstatus.StatusDetail, tag language.Tag, l labels) {
	if !d.Known {
		t.line(indent, d.Code.String()+" ("+l.Unknown+")")
		return
	}
	t.line(indent, d.Code.String())
	t.field(indent+1, l.Description, d.Code.DescriptionIn(tag))
	t.field(indent+1, l.IISNote, d.IISNote)
	t.field(indent+1, l.Retry, d.Retry.String())
}

func writeMeaning(t text, m iisstatus.SubstatusMeaning, tag language.Tag, l labels) {
	t.line(1, fmt.Sprintf("%s (%s): %s", m.ID, m.Scope, m.Label))
	t.field(2, l.AlsoWorded, strings.Join(m.AltLabels, " | "))
	t.field(2, l.Description, m.Meaning.DescriptionIn(tag))
	if c := m.Meaning.ClientTextIn(tag); c != "" {
		t.field(2, l.ClientSees+" ("+l.ClientNote+")", c)
	}
	if m.Causes != "" || m.Fixes != "" {
		t.line(2, l.Operator+":")
		t.field(3, l.Causes, m.Causes)
		t.field(3, l.Fixes, m.Fixes)
	}
	t.field(2, l.ReplacedBy, m.ReplacedBy)
}

// jsonOutput is the -json document: the library's Explanation with its
// descriptions and client texts in the chosen language, plus what
// -iis/-module selected.
type jsonOutput struct {
	Lang        string                `json:"lang"`
	IIS         string                `json:"iis,omitempty"`
	Module      string                `json:"module,omitempty"`
	Selected    string                `json:"selected,omitempty"` // ID of the selected meaning
	Explanation iisstatus.Explanation `json:"explanation"`
}

func writeJSON(w io.Writer, e iisstatus.Explanation, o options, sel substatus.Meaning, selOK bool) error {
	out := jsonOutput{Lang: o.tag.String(), Explanation: localize(e, o.tag)}
	if o.version != 0 {
		out.IIS = o.version.Number()
	}
	if o.hasModule {
		out.Module = o.module.Key()
	}
	if selOK {
		out.Selected = sel.ID()
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
