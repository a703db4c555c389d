package errorpage

import (
	"html/template"
	"net/http"
	"strconv"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/substatus"
)

// page is what the template shows.
type page struct {
	Lang       string
	UI         uiText
	Code       string // "403.14" (detailed) or "403"
	Status     string // "403"
	Phrase     string // "Forbidden"
	ClientText string
	Detailed   bool

	// Detailed page only.
	URL           string
	Label         string
	Scope         string
	Description   string
	StatusText    string
	Causes, Fixes string
	OperatorText  string
	Remaining     []string // other meanings of the code, "ID (scope): label"
}

func newPage(code substatus.Code, tag language.Tag, local bool, r *http.Request, h *Handler) page {
	p := page{
		Lang:     tag.String(),
		UI:       uiFor(tag),
		Code:     strconv.Itoa(int(code.Status)),
		Status:   strconv.Itoa(int(code.Status)),
		Phrase:   code.Status.Text(),
		Detailed: local,
	}
	v := substatus.Latest
	if h != nil && h.Version.IsValid() {
		v = h.Version
	}
	m, found := code.Lookup(v, substatus.ModuleCore)
	if !found {
		for mm := range code.Meanings() {
			m, found = mm, true
			break
		}
	}
	p.ClientText = p.UI.Generic
	if found && m.ClientText() != "" {
		p.ClientText = m.ClientTextIn(tag)
	}
	if !local {
		return p
	}
	p.Code = code.String()
	// The decoded path, as IIS shows it; html/template escapes it.
	p.URL = r.URL.Path
	if r.URL.RawQuery != "" {
		p.URL += "?" + r.URL.RawQuery
	}
	p.StatusText = code.Status.DescriptionIn(tag)
	if found {
		p.Label = m.Label()
		p.Scope = m.Scope().String()
		p.Description = m.DescriptionIn(tag)
		p.Causes = m.Causes()
		p.Fixes = m.Fixes()
		p.OperatorText = m.OperatorText()
		for o := range code.Meanings() {
			if o != m {
				p.Remaining = append(p.Remaining, o.ID()+" ("+o.Scope().String()+"): "+o.Label())
			}
		}
	}
	return p
}

// pageTemplate renders both pages; html/template escapes every value.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Code}} {{.Phrase}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:50em}h1{font-size:1.5em}dt{font-weight:bold;margin-top:1em}.note{color:#555}</style>
</head>
<body>
<h1>{{.UI.Title}} {{.Code}} {{.Phrase}}</h1>
<p>{{.ClientText}}</p>
{{- if .Detailed}}
<p class="note">{{.UI.LocalOnly}}</p>
<dl>
<dt>{{.UI.RequestedURL}}</dt><dd><code>{{.URL}}</code></dd>
{{- if .Label}}
<dt>{{.UI.Substatus}}</dt><dd>{{.Code}} {{.Label}} ({{.Scope}})</dd>
<dt>{{.UI.Meaning}}</dt><dd>{{.Description}}</dd>
{{- end}}
{{- if .StatusText}}
<dt>{{.Status}} {{.Phrase}}</dt><dd>{{.StatusText}}</dd>
{{- end}}
{{- if .Causes}}
<dt>{{.UI.Causes}}</dt><dd>{{.Causes}}</dd>
{{- end}}
{{- if .Fixes}}
<dt>{{.UI.Fixes}}</dt><dd>{{.Fixes}}</dd>
{{- end}}
{{- if .OperatorText}}
<dt>{{.UI.Operator}}</dt><dd>{{.OperatorText}}</dd>
{{- end}}
{{- if .Remaining}}
<dt>{{.UI.Other}}</dt><dd><ul>{{range .Remaining}}<li>{{.}}</li>{{end}}</ul></dd>
{{- end}}
</dl>
{{- end}}
</body>
</html>
`))

// uiText is the page chrome in one language.
type uiText struct {
	Title, Generic, LocalOnly, RequestedURL, Substatus, Meaning, Causes, Fixes, Operator, Other string
}

// ui holds the chrome per supported language (the library's texts come
// from its own catalog); English is the fallback.
var ui = map[language.Tag]uiText{
	language.English: {
		Title: "Error", Generic: "The request could not be completed.",
		LocalOnly:    "You see the detailed page because the request came from this machine. Remote clients see only the text above.",
		RequestedURL: "Requested URL", Substatus: "IIS substatus", Meaning: "What it means",
		Causes: "Most likely causes", Fixes: "Things you can try", Operator: "Operator detail", Other: "Other meanings of this code",
	},
	language.German: {
		Title: "Fehler", Generic: "Die Anfrage konnte nicht ausgeführt werden.",
		LocalOnly:    "Sie sehen die ausführliche Seite, weil die Anfrage von diesem Computer kam. Entfernte Clients sehen nur den Text oben.",
		RequestedURL: "Angeforderte URL", Substatus: "IIS-Unterstatus", Meaning: "Bedeutung",
		Causes: "Wahrscheinliche Ursachen", Fixes: "Lösungsvorschläge", Operator: "Details für Betreiber", Other: "Weitere Bedeutungen dieses Codes",
	},
	language.French: {
		Title: "Erreur", Generic: "La requête n’a pas pu aboutir.",
		LocalOnly:    "Vous voyez la page détaillée parce que la requête provient de cet ordinateur. Les clients distants ne voient que le texte ci-dessus.",
		RequestedURL: "URL demandée", Substatus: "Sous-état IIS", Meaning: "Signification",
		Causes: "Causes probables", Fixes: "Solutions possibles", Operator: "Détails pour l’exploitant", Other: "Autres significations de ce code",
	},
	language.Spanish: {
		Title: "Error", Generic: "No se pudo completar la solicitud.",
		LocalOnly:    "Ve la página detallada porque la solicitud procede de este equipo. Los clientes remotos solo ven el texto anterior.",
		RequestedURL: "URL solicitada", Substatus: "Subestado de IIS", Meaning: "Significado",
		Causes: "Causas probables", Fixes: "Posibles soluciones", Operator: "Detalles para el operador", Other: "Otros significados de este código",
	},
	language.Japanese: {
		Title: "エラー", Generic: "要求を完了できませんでした。",
		LocalOnly:    "この要求はこのコンピューターから送信されたため、詳細なページが表示されています。リモート クライアントには上のテキストだけが表示されます。",
		RequestedURL: "要求された URL", Substatus: "IIS サブステータス", Meaning: "意味",
		Causes: "考えられる原因", Fixes: "対処方法", Operator: "運用担当者向けの詳細", Other: "このコードのほかの意味",
	},
}

func uiFor(tag language.Tag) uiText {
	if t, ok := ui[tag]; ok {
		return t
	}
	return ui[language.English]
}
