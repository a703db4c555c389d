package iisreport

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// Pair is one documented (substatus, error code) pair of package win32
// that explains a status triple: "500 19 13" in the log is 500.19 with
// Error Code 0x8007000D on the detailed error page, a malformed web.config
// or a module that is not installed. Its texts are English: the library
// has them in no other language.
type Pair struct {
	// ID is the pair's stable identifier, "500.19/0x8007000D" (see
	// win32.Pair.ID); IISVersions says where it applies ("7.0+",
	// "7.5+ with ASP.NET Core").
	ID          string `json:"id"`
	IISVersions string `json:"iis_versions"`
	// Confidence is how well the sources support the pair: "high",
	// "medium" or "low".
	Confidence string `json:"confidence"`
	Cause      string `json:"cause"`
	Fix        string `json:"fix"`
}

// win32Triple is k as package win32 reads it: a log line always has a
// code, and names no module.
func win32Triple(k triple) win32.Triple {
	return win32.Triple{Substatus: substatus.New(k.status, k.sub), Code: win32.Code(k.win32), HasCode: true}
}

// triplePairs returns the pairs that explain triple k, as package win32
// chooses them for a log line (win32.Explain, the rule iisstatus.Explain
// follows too): those of its substatus and sc-win32-status (the logged 13
// and the page's 0x8007000D are the same code), in table order, the
// general row before its variants for one module or framework (500.19
// with 0x8007000D, then the same for an ASP.NET Core app); the log does
// not say which variant applies, so all are given. When no pair has the
// code, a substatus that only an add-on module sets (500.30 of the
// ASP.NET Core Module) is explained by that module's pairs without a
// code, whatever the code logged. A substatus IIS sets too (500.0) is
// not, since the module's cause would mislead.
func triplePairs(k triple) []win32.Pair {
	if k == otherTriple {
		return nil
	}
	var out []win32.Pair
	for p := range win32Triple(k).Pairs() {
		out = append(out, p)
	}
	return out
}

// tripleModule returns the module that set k's substatus, when the data
// says (win32.Triple.SetBy): the WinHTTP code of "502 3 12002" says ARR,
// 500.30 is the ASP.NET Core Module's, 500.19 IIS's own.
func tripleModule(k triple) (substatus.Module, bool) {
	if k == otherTriple {
		return substatus.ModuleCore, false
	}
	return win32Triple(k).SetBy()
}

// isChallenge reports whether k is a normal authentication challenge, as
// the win32 data marks its pairs (win32.Pair.IsChallenge): "401 1
// 2148074254", the first leg of Negotiate or NTLM, is one; "401 1 1326",
// a wrong password, is not. It does not allocate.
func isChallenge(k triple) bool {
	n := 0
	for p := range win32Triple(k).Pairs() {
		if !p.IsChallenge() {
			return false
		}
		n++
	}
	return n > 0
}

// pairList converts pairs for the JSON report.
func pairList(ps []win32.Pair) []Pair {
	out := make([]Pair, 0, len(ps))
	for _, p := range ps {
		out = append(out, Pair{ID: p.ID(), IISVersions: p.IISVersions(), Confidence: p.Confidence().String(), Cause: p.Cause(), Fix: p.Fix()})
	}
	return out
}

// pairIDs lists the IDs of pairs.
func pairIDs(ps []win32.Pair) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.ID())
	}
	return out
}

// win32Text writes a Windows code for prose, in text and HTML alike: the
// number as IIS logs it with its name in parentheses, "13
// (ERROR_INVALID_DATA)"; an HRESULT logged whole adds its hex form, "2148074254
// (0x8009030E, SEC_E_NO_CREDENTIALS)"; a code without a name is its digits.
func win32Text(c win32.Code) string {
	n := strconv.FormatUint(uint64(c), 10)
	var in []string
	if c.IsHRESULT() {
		in = append(in, fmt.Sprintf("0x%08X", uint32(c)))
	}
	if s := c.Symbol(); s != "" {
		in = append(in, s)
	}
	if len(in) == 0 {
		return n
	}
	return n + " (" + strings.Join(in, ", ") + ")"
}

// alternative introduces a pair after the first one that matches: "Or, on
// IIS 7.5+ with ASP.NET Core".
func alternative(p Pair) string { return "Or, on IIS " + p.IISVersions }

// tripleView is what the text and HTML reports say about a triple, in the
// order they say it: the cause and fix of each pair first, the most
// specific answer; without a pair, the substatus meaning, the code's
// description and the substatus's advice, as the JSON has them.
type tripleView struct {
	Pairs []pairView
	// Meaning is the substatus meaning: given when no pair explains the
	// triple, and after the pairs in a report in another language than
	// English, since the pairs are English and the meaning is translated;
	// there MeaningLead marks it as the general meaning ("500.19 in
	// general"), which may fit the triple less well than the pair.
	Meaning, MeaningLead string
	// Win32 is the code as win32Text writes it; "" for 0, which says
	// nothing. Win32Meaning is its description, when no pair explains the
	// triple.
	Win32        string
	Win32Meaning string
	// Check is the substatus's advice, when no pair explains the triple.
	Check string
}

// pairView is one pair as the reports show it. Lead is "" for the first
// pair, alternative for the others.
type pairView struct {
	Lead, Cause, Fix string
}

func viewTriple(t Triple, lang string) tripleView {
	v := tripleView{}
	for i, p := range t.Pairs {
		pv := pairView{Cause: p.Cause, Fix: p.Fix}
		if i > 0 {
			pv.Lead = alternative(p)
		}
		v.Pairs = append(v.Pairs, pv)
	}
	if t.Win32 != 0 {
		v.Win32 = win32Text(win32.Code(t.Win32))
	}
	if len(v.Pairs) == 0 {
		v.Meaning, v.Win32Meaning, v.Check = t.Meaning, t.Win32Meaning, t.Check
	} else if lang != "en" && t.Meaning != "" {
		v.Meaning = t.Meaning
		v.MeaningLead = strconv.Itoa(t.Status) + "." + strconv.Itoa(t.Substatus) + " in general"
	}
	return v
}
