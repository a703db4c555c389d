package iisreport

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// tripleBlock returns what the text report says about one status triple
// in its "Status triples" section, its lines joined by single spaces.
func tripleBlock(t *testing.T, out, key string) string {
	t.Helper()
	_, section, ok := strings.Cut(out, "\nStatus triples ")
	require.True(t, ok, "the report has a triples section")
	section, _, _ = strings.Cut(section, "\n\n")
	var block []string
	for l := range strings.Lines(section) {
		head := len(l) > 19 && l[8] != ' ' // "  %7d %5.1f%%  triple  label"
		switch {
		case head && strings.HasPrefix(l[18:], key+" "):
			block = append(block, l)
		case head:
			if block != nil {
				return strings.Join(strings.Fields(strings.Join(block, " ")), " ")
			}
		case block != nil:
			block = append(block, l)
		}
	}
	require.NotNil(t, block, "triple %s is listed", key)
	return strings.Join(strings.Fields(strings.Join(block, " ")), " ")
}

// jsonTriples decodes the -json output loosely, so that the test reads
// the fields by their JSON names.
func jsonTriples(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	var doc struct {
		Access struct {
			Triples []map[string]any `json:"triples"`
		} `json:"access"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	m := map[string]map[string]any{}
	for _, tr := range doc.Access.Triples {
		m[tr["triple"].(string)] = tr
	}
	return m
}

// TestSamplePairs: the sample's triples with a documented (substatus,
// error code) pair are explained by the pair's cause and fix first, in
// the text and in the JSON, and the 500.19 finding says the pair's cause.
func TestSamplePairs(t *testing.T) {
	code, text, errOut := runMain(t, "")
	require.Equal(t, 0, code, errOut)
	code, js, errOut := runMain(t, "", "-json")
	require.Equal(t, 0, code, errOut)
	triples := jsonTriples(t, js)

	for _, tc := range []struct {
		name   string
		triple string
		sub    substatus.Code
		win32  win32.Code
		first  string // how the explanation begins
		code   string // how the Windows code is written
	}{
		{name: "config error", triple: "500 19 13", sub: substatus.New(500, 19), win32: 13, first: "applicationHost.config or web.config holds malformed XML", code: "13 (ERROR_INVALID_DATA)"},
		{name: "logon failed", triple: "401 1 1326", sub: substatus.New(401, 1), win32: 1326, first: "Logon failed: the user name or password", code: "1326 (ERROR_LOGON_FAILURE)"},
		{name: "challenge", triple: "401 2 5", sub: substatus.New(401, 2), win32: 5, first: "The client sent no Authorization header", code: "5 (ERROR_ACCESS_DENIED)"},
		{name: "not found", triple: "404 0 2", sub: substatus.New(404, 0), win32: 2, first: "No file or folder exists at the physical path", code: "2 (ERROR_FILE_NOT_FOUND)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []win32.Pair
			for p := range win32.LookupPairs(tc.sub, tc.win32) {
				want = append(want, p)
			}
			require.NotEmpty(t, want, "the data has a pair for %s", tc.triple)

			tr, ok := triples[tc.triple]
			require.True(t, ok, tc.triple)
			block := tripleBlock(t, text, tc.triple)
			_, body, _ := strings.Cut(block, tc.triple+" "+tr["label"].(string)+" ")
			assert.True(t, strings.HasPrefix(body, tc.first), "%s: the pair's cause comes first:\n%s", tc.triple, block)
			for _, p := range want {
				assert.Contains(t, block, p.Cause(), tc.triple)
				assert.Contains(t, block, "fix: "+p.Fix(), tc.triple)
			}
			assert.Contains(t, block, "sc-win32-status "+tc.code, tc.triple)
			assert.NotContains(t, block, tc.win32.Description(), "%s: the pair replaces the code's general description", tc.triple)

			pairs, _ := tr["pairs"].([]any)
			require.Len(t, pairs, len(want), tc.triple)
			for i, p := range want {
				got := pairs[i].(map[string]any)
				assert.Equal(t, p.ID(), got["id"], tc.triple)
				assert.Equal(t, p.Cause(), got["cause"], tc.triple)
				assert.Equal(t, p.Fix(), got["fix"], tc.triple)
				assert.Equal(t, p.IISVersions(), got["iis_versions"], tc.triple)
				assert.Equal(t, p.Confidence().String(), got["confidence"], tc.triple)
			}
			assert.NotEmpty(t, tr["meaning"], "%s: the substatus meaning stays in the JSON", tc.triple)
		})
	}

	t.Run("several pairs", func(t *testing.T) {
		block := tripleBlock(t, text, "500 19 13")
		assert.Contains(t, block, "Or, on IIS 7.5+ with ASP.NET Core: web.config of an ASP.NET Core app")
	})
	t.Run("no pair", func(t *testing.T) {
		block := tripleBlock(t, text, "200 0 64")
		assert.Contains(t, block, "sc-win32-status 64 (ERROR_NETNAME_DELETED): "+win32.Code(64).Description())
		assert.Equal(t, []any{}, triples["200 0 64"]["pairs"], "no pair: an empty list")
		block = tripleBlock(t, text, "500 0 0")
		assert.Contains(t, block, "check: ", "no pair: the substatus's own advice")
		assert.NotContains(t, block, "sc-win32-status 0", "code 0 says nothing")
	})
	t.Run("no String form mid-sentence", func(t *testing.T) {
		assert.False(t, strings.Contains(text, "(0x8007000D) ERROR_INVALID_DATA"), "13 (0x8007000D) ERROR_INVALID_DATA")
		assert.False(t, strings.Contains(text, "win32 13 ERROR_INVALID_DATA"), "win32 13 ERROR_INVALID_DATA")
	})
	t.Run("finding", func(t *testing.T) {
		var doc struct {
			Findings []map[string]any `json:"findings"`
		}
		require.NoError(t, json.Unmarshal([]byte(js), &doc))
		var f map[string]any
		for _, x := range doc.Findings {
			if x["rule"] == ruleConfigError {
				f = x
			}
			assert.NotNil(t, x["pairs"], "every finding has a pairs list")
		}
		require.NotNil(t, f)
		assert.Equal(t, []any{"500.19/0x8007000D", "500.19/0x8007000D/aspnetcore"}, f["pairs"])
		p, ok := win32.PairByID("500.19/0x8007000D")
		require.True(t, ok)
		ftext := f["text"].(string)
		assert.Contains(t, ftext, "with 500.19 (Configuration data is invalid.) and sc-win32-status 13 (ERROR_INVALID_DATA)")
		assert.Contains(t, ftext, p.Cause())
		assert.Contains(t, ftext, "Fix: "+p.Fix())
		assert.Less(t, strings.Index(ftext, p.Cause()), strings.Index(ftext, "It began right after a change"), "the cause before the deploy")
		assert.NotContains(t, ftext, "Data passed to or read by the server was invalid", "the pair replaces the code's general description")
	})
}

// TestPairChoice: which pairs explain a triple, on logs of other
// incidents.
func TestPairChoice(t *testing.T) {
	log := iis10Header + accessFields +
		accessLine("08:00:01", "/", 403, 14, 0, 1) +
		accessLine("08:00:02", "/app", 500, 30, 0, 1) +
		accessLine("08:00:03", "/x", 500, 0, 0, 1) +
		accessLine("08:00:04", "/neg", 401, 1, 2148074254, 1) +
		accessLine("08:00:05", "/y", 500, 19, 9999, 1)
	code, js, errOut := runMain(t, log, "-json", "-")
	require.Equal(t, 0, code, errOut)
	triples := jsonTriples(t, js)
	ids := func(key string) []string {
		var out []string
		ps, _ := triples[key]["pairs"].([]any)
		for _, p := range ps {
			out = append(out, p.(map[string]any)["id"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"403.14/0x00000000", "403.14/0x00000000/aspnetcore"}, ids("403 14 0"), "every row, the general one first")
	assert.Equal(t, []string{"500.30/ancm"}, ids("500 30 0"), "a substatus only ANCM sets: its cause without a code")
	assert.Empty(t, ids("500 0 0"), "500.0 is IIS's own too: the ANCM cause would mislead")
	assert.Equal(t, []string{"401.1/0x8009030E"}, ids("401 1 2148074254"), "an HRESULT logged whole")
	assert.Empty(t, ids("500 19 9999"))

	var doc struct {
		Findings []struct {
			Rule, Reason, Text string
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &doc))
	i := slices.IndexFunc(doc.Findings, func(f struct{ Rule, Reason, Text string }) bool { return f.Reason == "500 19 9999" })
	require.GreaterOrEqual(t, i, 0)
	assert.Contains(t, doc.Findings[i].Text, "sc-win32-status 9999. Check: ", "the finding names the unknown code")

	_, text, _ := runMain(t, log, "-")
	block := tripleBlock(t, text, "401 1 2148074254")
	assert.Contains(t, block, "sc-win32-status 2148074254 (0x8009030E, SEC_E_NO_CREDENTIALS)")
	block = tripleBlock(t, text, "500 19 9999")
	assert.Contains(t, block, "sc-win32-status 9999", "an unknown code is shown as its digits")
	assert.Contains(t, block, "check: ", "no pair: the substatus's own advice")
}

// TestPairsLanguages: the pairs' texts are English in every report; a
// report in another language keeps the substatus meaning, translated,
// after them, marked as the general meaning.
func TestPairsLanguages(t *testing.T) {
	p, ok := win32.PairByID("401.1/0x8007052E")
	require.True(t, ok)
	m, ok := substatus.New(401, 1).Meaning(substatus.IIS10)
	require.True(t, ok)
	for _, lang := range []string{"en", "de", "ja"} {
		t.Run(lang, func(t *testing.T) {
			code, text, errOut := runMain(t, "", "-lang", lang)
			require.Equal(t, 0, code, errOut)
			block := tripleBlock(t, text, "401 1 1326")
			assert.Contains(t, block, p.Cause())
			assert.Contains(t, block, "fix: "+p.Fix())
			tr := m.DescriptionIn(language.MustParse(lang))
			if lang == "en" {
				assert.NotContains(t, block, m.Description(), "English: the pair replaces the general meaning")
			} else {
				assert.Contains(t, block, "401.1 in general: "+strings.Join(strings.Fields(tr), " "))
			}

			code, page, errOut := runMain(t, "", "-lang", lang, "-html", "-")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, page, "<p>"+p.Cause()+"</p>\n<p class=\"small\"><strong>Fix:</strong> "+p.Fix()+"</p>")
			assert.Contains(t, page, `sc-win32-status <span class="nb">1326 (ERROR_LOGON_FAILURE)</span></p>`)
		})
	}
}

// TestPairsAgreeWithExplain: the report and iisstatus.Explain choose the
// same pairs for the same triple, so that a log line and the same three
// numbers pasted into iisexplain get the same cause and fix. The triples
// are every pair of the table in its log form (the Win32 part of a
// 0x8007xxxx code, other HRESULTs whole), the pairs without a code with
// codes no pair has, and triples no pair explains. The report once gave
// "500 30 0" the ASP.NET Core Module's cause and Explain none.
func TestPairsAgreeWithExplain(t *testing.T) {
	keys := []string{"500 30 0", "500 30 9999", "500 0 0", "502 5 0", "502 3 12029", "502 5 12030", "500 19 9999", "404 0 5"}
	for p := range win32.Pairs() {
		s, c := p.Substatus(), p.Code()
		if w, ok := c.Win32(); ok {
			c = w
		}
		keys = append(keys, fmt.Sprintf("%d %d %d", s.Status, s.Sub, c))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var log strings.Builder
	log.WriteString(iis10Header + accessFields)
	for i, k := range keys {
		var st, sub int
		var w uint32
		_, err := fmt.Sscanf(k, "%d %d %d", &st, &sub, &w)
		require.NoError(t, err)
		log.WriteString(accessLine(fmt.Sprintf("08:%02d:%02d", i/60, i%60), "/", st, sub, w, 1))
	}
	code, js, errOut := runMain(t, log.String(), "-json", "-top", "1000", "-")
	require.Equal(t, 0, code, errOut)
	triples := jsonTriples(t, js)
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			tr, ok := triples[k]
			require.True(t, ok, "the report lists %s", k)
			report := []string{}
			for _, p := range tr["pairs"].([]any) {
				report = append(report, p.(map[string]any)["id"].(string))
			}
			e, err := iisstatus.Explain(k)
			require.NoError(t, err)
			explained := []string{}
			for _, p := range e.Pairs {
				explained = append(explained, p.ID)
			}
			assert.Equal(t, explained, report)
		})
	}
	assert.NotEmpty(t, triples["500 30 0"]["pairs"], "500 30 0 is explained")
}

// TestARRGateway: a 502.3 with a WinHTTP code was answered by Application
// Request Routing: the triple gets ARR's meaning, and the server-errors
// finding says a backend failed, not the application.
func TestARRGateway(t *testing.T) {
	build := func(extra func(i int) string) string {
		var b strings.Builder
		b.WriteString(iis10Header + accessFields)
		for i := range 100 {
			b.WriteString(accessLine(fmt.Sprintf("08:%02d:%02d", i/60, i%60), "/", 200, 0, 0, 5))
		}
		for i := range 20 {
			b.WriteString(extra(i))
		}
		return b.String()
	}
	at := func(i int) string { return fmt.Sprintf("09:%02d:%02d", i/60, i%60) }
	serverErrors := func(t *testing.T, js string) string {
		var doc struct {
			Findings []struct{ Rule, Text string } `json:"findings"`
		}
		require.NoError(t, json.Unmarshal([]byte(js), &doc))
		for _, f := range doc.Findings {
			if f.Rule == ruleServerError {
				return f.Text
			}
		}
		t.Fatal("no server-errors finding")
		return ""
	}

	t.Run("ARR only", func(t *testing.T) {
		log := build(func(i int) string {
			return accessLine(at(i), "/api", 502, 3, []uint32{12002, 12029}[i%2], 30000)
		})
		code, js, errOut := runMain(t, log, "-json", "-")
		require.Equal(t, 0, code, errOut)
		triples := jsonTriples(t, js)
		m, ok := substatus.New(502, 3).Lookup(substatus.IIS10, substatus.ModuleARR)
		require.True(t, ok)
		for _, k := range []string{"502 3 12002", "502 3 12029"} {
			tr := triples[k]
			require.NotNil(t, tr, k)
			assert.Equal(t, "arr", tr["module"], k)
			assert.Equal(t, m.Label(), tr["label"], "%s: ARR's meaning, not the bare status", k)
			assert.Equal(t, m.Description(), tr["meaning"], k)
		}
		text := serverErrors(t, js)
		assert.Contains(t, text, "Application Request Routing answered these as the gateway, because a backend server it forwards to failed")
		assert.NotContains(t, text, "reached the application")
		assert.Contains(t, text, "ARR timed out waiting for the backend server", "the pair of 502 3 12002")
	})
	t.Run("ARR and the application", func(t *testing.T) {
		log := build(func(i int) string {
			if i%2 == 0 {
				return accessLine(at(i), "/api", 502, 3, 12002, 30000)
			}
			return accessLine(at(i), "/app", 500, 0, 0, 20)
		})
		code, js, errOut := runMain(t, log, "-json", "-")
		require.Equal(t, 0, code, errOut)
		text := serverErrors(t, js)
		assert.Contains(t, text, "Those Application Request Routing answered as the gateway (502 3 12002) mean that a backend server")
		assert.Contains(t, text, "The others (500 0 0) reached the application")
		assert.Empty(t, jsonTriples(t, js)["500 0 0"]["module"], "IIS or ANCM: the log does not say")
	})
	t.Run("no ARR", func(t *testing.T) {
		log := build(func(i int) string { return accessLine(at(i), "/app", 500, 0, 0, 20) })
		_, js, _ := runMain(t, log, "-json", "-")
		assert.Contains(t, serverErrors(t, js), "These reached the application")
	})
}
