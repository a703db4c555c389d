package iisreport

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
	"github.com/iisstatus/iisstatus/substatus"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// run runs the program under its own name.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Run("iisreport", args, stdin, stdout, stderr)
}

// runMain runs the program and returns its exit code, stdout and stderr.
func runMain(t testing.TB, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	// A checkout that turned LF into CRLF must not fail the test.
	assert.Equal(t, strings.ReplaceAll(string(want), "\r\n", "\n"), got)
}

func TestGoldenSample(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{name: "text", golden: "sample.txt.golden"},
		{name: "json", args: []string{"-json"}, golden: "sample.json.golden"},
		{name: "html", args: []string{"-html", "-"}, golden: "sample.html.golden"},
		{name: "top 3", args: []string{"-top", "3", "-errors", "1"}, golden: "sample-top3.txt.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, "", tc.args...)
			require.Equal(t, 0, code, errOut)
			assert.Empty(t, errOut)
			golden(t, tc.golden, out)
		})
	}
}

// decode runs the program with -json and decodes the report.
func decode(t testing.TB, stdin string, args ...string) (int, Report, string) {
	t.Helper()
	code, out, errOut := runMain(t, stdin, append([]string{"-json"}, args...)...)
	var r Report
	if out != "" {
		require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	}
	return code, r, errOut
}

func findingsByRule(r Report) map[string][]Finding {
	m := map[string][]Finding{}
	for _, f := range r.Findings {
		m[f.Rule] = append(m[f.Rule], f)
	}
	return m
}

func TestSampleFacts(t *testing.T) {
	code, r, _ := decode(t, "")
	require.Equal(t, 0, code)
	require.Len(t, r.Inputs, 3)
	kinds := map[string]string{}
	for _, in := range r.Inputs {
		assert.True(t, in.Embedded)
		kinds[in.Name] = in.Kind
		if in.Read {
			assert.Equal(t, in.Lines, in.Records+in.Directives+in.Blank+in.Malformed, "every line accounted for")
		}
	}
	assert.Equal(t, map[string]string{
		"HTTPERR/httperr1.log": "httperr", "W3SVC2/u_ex260309.log": "access", "W3SVC3/u_ex260309.log": "access",
	}, kinds)

	for _, in := range r.Inputs {
		assert.True(t, in.Read, in.Name)
	}
	he := r.Inputs[0]
	data, err := sample.ReadFile("sample/HTTPERR/httperr1.log")
	require.NoError(t, err)
	assert.Equal(t, int64(len(data)), he.Bytes)
	assert.Equal(t, int64(bytes.Count(data, []byte("\r\n"))+1), he.Lines, "CRLF lines and a last line cut short")
	assert.Equal(t, int64(1), he.Malformed, "the cut line")

	byReason := map[string]ReasonCount{}
	var sum int64
	for _, rc := range r.HTTPErr.Reasons {
		byReason[rc.Reason] = rc
		sum += rc.Count
		assert.True(t, rc.Known, rc.Reason)
	}
	assert.Equal(t, he.Records, sum, "reasons account for every record")
	for _, tok := range []string{"AppOffline", "QueueFull", "Connection_Abandoned_By_AppPool", "Disabled", "Timer_ConnectionIdle", "Hostname"} {
		assert.Contains(t, byReason, tok)
	}

	rules := findingsByRule(r)
	require.NotEmpty(t, r.Findings)
	first := r.Findings[0]
	assert.Equal(t, ruleRapidFail, first.Rule, "the incident comes first")
	assert.Equal(t, "ShopPool", first.Where)
	assert.Contains(t, first.Text, "Connection_Abandoned_By_AppPool at 10:05, 10:07, 10:09, 10:10 and 10:12")
	require.NotEmpty(t, first.Evidence)
	for _, e := range first.Evidence {
		assert.Equal(t, "HTTPERR/httperr1.log", e.File)
		assert.Positive(t, e.Line)
		assert.Equal(t, strings.Split(string(data), "\r\n")[e.Line-1], e.Text, "evidence is the line as written")
	}
	assert.NotContains(t, rules, ruleReason+":Connection_Abandoned_By_AppPool")
	for _, f := range rules[ruleReason] {
		assert.NotEqual(t, "AppOffline", f.Reason, "explained by the rapid-fail rule")
		assert.NotEqual(t, "Connection_Abandoned_By_AppPool", f.Reason, "explained by the rapid-fail rule")
	}
	require.NotNil(t, r.TimeRange)
	assert.Equal(t, "5m", r.Timeline.Bucket, "3.5 hours in 5-minute buckets")

	// The access half.
	require.True(t, r.Access.Read)
	assert.Equal(t, r.Totals.Access.Records, r.Access.Records)
	assert.Equal(t, "10.0", r.Access.IISVersion)
	triples := map[string]Triple{}
	for _, tr := range r.Access.Triples {
		triples[tr.Triple] = tr
	}
	for _, want := range []struct{ triple, label, symbol string }{
		{"401 2 5", "Logon failed due to server configuration", "ERROR_ACCESS_DENIED"},
		{"401 1 1326", "Logon failed", "ERROR_LOGON_FAILURE"},
		{"500 19 13", "Configuration data is invalid.", "ERROR_INVALID_DATA"},
		{"503 2 0", "Concurrent request limit exceeded.", "ERROR_SUCCESS"},
		{"200 0 64", "OK", "ERROR_NETNAME_DELETED"},
	} {
		tr, ok := triples[want.triple]
		if assert.True(t, ok, want.triple) {
			assert.Equal(t, want.label, tr.Label, want.triple)
			assert.Equal(t, want.symbol, tr.Win32Symbol, want.triple)
			assert.NotEmpty(t, tr.Meaning, want.triple)
		}
	}
	assert.NotEmpty(t, triples["401 2 5"].Check)
	require.NotNil(t, r.Access.TimeTaken)
	assert.Less(t, r.Access.TimeTaken.P50, r.Access.TimeTaken.P90)
	assert.Less(t, r.Access.TimeTaken.P90, r.Access.TimeTaken.P99)
	assert.NotEmpty(t, r.Access.SlowestURIs)
	assert.Len(t, r.Access.SlowestLines, maxSlow)
	assert.Equal(t, "10.0.1.20", r.Access.Clients.Items[0].Key)
	assert.Positive(t, r.Access.BytesSent, "the fields added at 10:44 include sc-bytes")

	bySite := map[string]Site{}
	for _, s := range r.Sites {
		bySite[s.Site] = s
	}
	assert.Equal(t, []string{"ShopPool"}, bySite["2"].Queues, "the pool comes from HTTPERR, the site from the access log's folder")
	assert.Positive(t, bySite["2"].Access.Requests)
	assert.Positive(t, bySite["2"].HTTPErr.Refused)
	assert.Positive(t, bySite["3"].Access.Requests)

	for _, rule := range []string{ruleRapidFail, ruleConfigError, ruleQueueSlow, ruleLogonBurst, ruleServerError} {
		require.Len(t, rules[rule], 1, rule)
		assert.NotEmpty(t, rules[rule][0].Evidence, rule)
	}
	assert.Contains(t, first.Text, "no request at all", "the shop's access log is silent while the pool is offline")
	assert.Contains(t, rules[ruleConfigError][0].Title, "after a deploy")
	assert.Contains(t, rules[ruleConfigError][0].Text, "Disabled")
	assert.Contains(t, rules[ruleQueueSlow][0].Text, "p90 time-taken")
	assert.Equal(t, "203.0.113.45", rules[ruleLogonBurst][0].Where)
	files := map[string]bool{}
	for _, f := range r.Findings {
		for _, e := range f.Evidence {
			files[e.File] = true
			if f.Rule == ruleProblems {
				continue
			}
			data, err := sample.ReadFile("sample/" + e.File)
			require.NoError(t, err)
			assert.Equal(t, strings.Split(string(data), "\r\n")[e.Line-1], e.Text, "%s:%d is the line as written", e.File, e.Line)
		}
	}
	assert.Len(t, files, 3, "evidence from every log")
	for _, s := range r.Timeline.Reasons {
		assert.Len(t, s.Counts, len(r.Timeline.Buckets), "series on the same time axis")
	}
	for _, s := range r.Sites {
		assert.Len(t, s.PerBucket, len(r.Timeline.Buckets))
	}
}

// layouts is the log of testdata/httperr-layouts.log: three directive
// blocks with the 13-, 14- and 16-column layouts, CRLF line endings, IPv4
// and IPv6 with zones, an incident on one application pool, a token the
// library does not know and two damaged lines.
func layouts(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join("testdata", "httperr-layouts.log"))
	require.NoError(t, err)
	return string(b)
}

func TestLayouts(t *testing.T) {
	log := layouts(t)
	code, r, _ := decode(t, log, "-")
	require.Equal(t, 0, code)
	require.Len(t, r.Inputs, 1)
	in := r.Inputs[0]
	assert.Equal(t, "<stdin>", in.Name)
	assert.Equal(t, "httperr", in.Kind)
	assert.Equal(t, int64(len(log)), in.Bytes)
	assert.Equal(t, int64(strings.Count(log, "\r\n")), in.Lines, "CRLF lines")
	assert.Equal(t, int64(12), in.Directives, "three directive blocks")

	byReason := map[string]ReasonCount{}
	for _, rc := range r.HTTPErr.Reasons {
		byReason[rc.Reason] = rc
	}
	for _, tok := range []string{
		"Timer_ConnectionIdle", "BadRequest", "Hostname", "Verb", "URL", "FieldLength", "RequestLength", "Invalid_CR/LF",
		"QueueFull", "AppOffline", "ConnLimit", "N/A", "Disabled", "AppPoolTimer",
		"Connection_Dropped", "Connection_Abandoned_By_ReqQueue", "Timer_MinBytesPerSecond",
	} {
		rc, ok := byReason[tok]
		if assert.True(t, ok, tok) {
			assert.True(t, rc.Known, tok)
			assert.NotEmpty(t, rc.Summary, tok)
		}
	}
	assert.False(t, byReason["Unlisted_Token"].Known)
	assert.Equal(t, "Timer_ConnectionIdle", r.HTTPErr.Reasons[0].Reason, "mostly idle timeouts")
	assert.Equal(t, 503, byReason["QueueFull"].Status)
	assert.Equal(t, "critical", byReason["AppOffline"].Severity)

	require.NotEmpty(t, r.Findings)
	assert.Equal(t, "critical", r.Findings[0].Severity)
	assert.Equal(t, "AppOffline", r.Findings[0].Reason, "most urgent first")
	assert.Equal(t, "ShopPool", r.Findings[0].Where)
	unknown := findingsByRule(r)[ruleUnknown]
	require.Len(t, unknown, 1)
	require.Len(t, unknown[0].Evidence, 1)
	assert.Contains(t, unknown[0].Evidence[0].Text, "Unlisted_Token")
}

func TestProblemsHavePositions(t *testing.T) {
	log := "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
		"2026-01-02 03:04:05 192.0.2.1 5000 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n" +
		"2026-01-02 03:04:06 192.0.2.1 50x0 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n" +
		"2026-01-02 03:04:07 192.0.2.1\r\n"
	code, r, _ := decode(t, log, "-")
	require.Equal(t, 0, code, "malformed lines are part of the report")
	require.Len(t, r.Problems, 2)
	assert.Equal(t, Problem{File: "<stdin>", Line: 3, Column: 31, Field: "c-port", Message: "invalid value", Value: "50x0"}, r.Problems[0])
	assert.Equal(t, 4, r.Problems[1].Line)
	assert.Equal(t, "c-port", r.Problems[1].Field)
	assert.True(t, r.Problems[1].Skipped)
	assert.Equal(t, int64(1), r.Totals.Malformed)
	assert.Equal(t, int64(2), r.Totals.Problems)
	ev := findingsByRule(r)[ruleProblems]
	require.Len(t, ev, 1)
	assert.Equal(t, 3, ev[0].Evidence[0].Line)

	_, out, _ := runMain(t, log, "-")
	assert.Contains(t, out, `<stdin>:3:31 (c-port): invalid value "50x0"; record kept`)
	assert.Contains(t, out, "<stdin>:4:")

	_, r, _ = decode(t, log, "-errors", "1", "-")
	assert.Len(t, r.Problems, 1, "-errors limits the list")
	assert.Equal(t, int64(2), r.Totals.Problems, "but not the count")
}

func httperrLine(hour string) string {
	return "2026-01-02 " + hour + ":00:00 192.0.2.1 5000 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n"
}

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "httperr10.log"), []byte(httperrLine("10")))
	writeFile(t, filepath.Join(dir, "httperr2.log"), []byte(httperrLine("02")+httperrLine("03")))
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("not a log"))
	empty := filepath.Join(t.TempDir(), "httperr1.log")
	writeFile(t, empty, nil)

	tree := t.TempDir()
	writeFile(t, filepath.Join(tree, "HTTPERR", "httperr1.log.1.gz"), gz(t, httperrLine("01")))
	writeFile(t, filepath.Join(tree, "HTTPERR", "httperr1.log"), []byte(httperrLine("04")))
	writeFile(t, filepath.Join(tree, "FTPSVC1", "u_ex260102.log"), []byte("#Software: Microsoft Internet Information Services 10.0\r\n"+
		"#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath\r\n"+
		"2026-01-02 06:27:23 10.0.0.3 - 10.0.0.2 21 USER anonymous 331 0 0 2cf9cd35-e364-4b1a-ab27-fe9050daa5ea -\r\n"))
	writeFile(t, filepath.Join(tree, "W3SVC1", "u_ex260102.log"), []byte("this file holds no log\r\n"))

	t.Run("directory in rotation order", func(t *testing.T) {
		code, r, _ := decode(t, "", dir)
		require.Equal(t, 0, code)
		require.Len(t, r.Inputs, 2)
		assert.Equal(t, filepath.Join(dir, "httperr2.log"), r.Inputs[0].Name)
		assert.Equal(t, filepath.Join(dir, "httperr10.log"), r.Inputs[1].Name)
		assert.Equal(t, int64(3), r.Totals.Records)
		require.NotNil(t, r.TimeRange)
		assert.Equal(t, 2, r.TimeRange.First.Hour())
		assert.Equal(t, 10, r.TimeRange.Last.Hour())
		assert.Equal(t, "15m", r.Timeline.Bucket)
		assert.Len(t, r.Timeline.Buckets, 33, "empty buckets included")
	})
	t.Run("tree with compressed, rotated and foreign files", func(t *testing.T) {
		code, r, _ := decode(t, "", tree)
		require.Equal(t, 0, code)
		require.Len(t, r.Inputs, 4)
		names := []string{}
		for _, in := range r.Inputs {
			rel, _ := filepath.Rel(tree, in.Name)
			names = append(names, filepath.ToSlash(rel)+" "+in.Kind)
		}
		assert.Equal(t, []string{"FTPSVC1/u_ex260102.log ftp", "HTTPERR/httperr1.log.1.gz httperr", "HTTPERR/httperr1.log httperr", "W3SVC1/u_ex260102.log unknown"}, names)
		assert.True(t, r.Inputs[1].Compressed)
		assert.Equal(t, int64(len(httperrLine("01"))), r.Inputs[1].Bytes, "decompressed text")
		assert.Equal(t, 2, r.Totals.Read)
		assert.Equal(t, 2, r.Totals.Skipped)
		assert.Equal(t, int64(2), r.HTTPErr.Records)
		assert.False(t, r.Inputs[0].Read)
		assert.Contains(t, r.Inputs[0].Skipped, "FTP log")
		skipped := findingsByRule(r)[ruleSkipped]
		require.Len(t, skipped, 1)
		assert.Contains(t, skipped[0].Text, "W3SVC1")
	})
	t.Run("stdin", func(t *testing.T) {
		code, r, _ := decode(t, httperrLine("05"), "-")
		require.Equal(t, 0, code)
		require.Len(t, r.Inputs, 1)
		assert.Equal(t, "<stdin>", r.Inputs[0].Name)
		assert.Equal(t, int64(1), r.Totals.Records)
	})
	t.Run("stdin compressed", func(t *testing.T) {
		code, r, _ := decode(t, string(gz(t, httperrLine("05"))), "-")
		require.Equal(t, 0, code)
		assert.True(t, r.Inputs[0].Compressed)
		assert.Equal(t, int64(1), r.Totals.Records)
	})
	t.Run("empty file", func(t *testing.T) {
		code, r, _ := decode(t, "", empty)
		require.Equal(t, 0, code)
		assert.Equal(t, "empty", r.Inputs[0].Kind)
		assert.Equal(t, int64(0), r.Totals.Lines)
		assert.Nil(t, r.TimeRange)
		require.Len(t, r.Findings, 1)
		assert.Contains(t, r.Findings[0].Text, "No records")
		_, out, _ := runMain(t, "", empty)
		assert.Contains(t, out, "no timestamps")
	})
	t.Run("routine only", func(t *testing.T) {
		_, r, _ := decode(t, httperrLine("05"), "-")
		require.Len(t, r.Findings, 1)
		assert.Equal(t, "routine", r.Findings[0].Severity)
		assert.Contains(t, r.Findings[0].Text, "Timer_ConnectionIdle")
	})
	t.Run("an access layout inside an HTTPERR log is not read", func(t *testing.T) {
		log := "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
			httperrLine("05") + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n" +
			"2026-01-02 05:00:01 10.0.0.10 GET / - 443 - 192.0.2.7 - - 200 0 0 15\r\n"
		_, r, _ := decode(t, log, "-")
		assert.Equal(t, int64(1), r.HTTPErr.Records)
		assert.Equal(t, int64(1), r.Inputs[0].Foreign)
		require.NotEmpty(t, r.Problems)
		assert.Equal(t, 4, r.Problems[0].Line)
	})
}

func TestFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "httperr9.log")
	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   string
		noOutput bool
	}{
		{name: "missing file", args: []string{missing}, code: 2, stderr: missing, noOutput: true},
		{name: "empty directory", args: []string{t.TempDir()}, code: 2, stderr: "no IIS log files", noOutput: true},
		{name: "bad flag", args: []string{"-nope"}, code: 2, stderr: "flag provided but not defined", noOutput: true},
		{name: "bad top", args: []string{"-top", "0"}, code: 2, stderr: "-top", noOutput: true},
		{name: "bad jobs", args: []string{"-j", "0"}, code: 2, stderr: "-j", noOutput: true},
		{name: "stdin twice", args: []string{"-", "-"}, code: 2, stderr: "only once", noOutput: true},
		{name: "json and html on stdout", args: []string{"-json", "-html", "-"}, code: 2, stderr: "standard output", noOutput: true},
		{name: "unsupported language", args: []string{"-lang", "pt"}, code: 2, stderr: "supported: en", noOutput: true},
		{name: "malformed language", args: []string{"-lang", "x;;"}, code: 2, stderr: "invalid language tag", noOutput: true},
		{name: "help", args: []string{"-h"}, code: 0, stderr: "usage: iisreport", noOutput: true},
		{name: "html file in a missing folder", args: []string{"-html", filepath.Join(missing, "x", "r.html")}, code: 1, stderr: "r.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, "", tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errOut, tc.stderr)
			if tc.noOutput {
				assert.Empty(t, out)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	var out, errOut bytes.Buffer
	stdin := iotest.TimeoutReader(strings.NewReader(httperrLine("03"))) // second Read fails
	code := run([]string{"-json", "-"}, stdin, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "<stdin>: "+iotest.ErrTimeout.Error())
	var r Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &r), "the report covers what was read")
	require.Len(t, r.Inputs, 1)
	assert.Equal(t, iotest.ErrTimeout.Error(), r.Inputs[0].ReadError)
	assert.Equal(t, int64(1), r.HTTPErr.Records)

	code = run([]string{"-"}, iotest.ErrReader(errors.New("device gone")), &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "device gone")
}

func TestHTMLFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	code, out, errOut := runMain(t, "", "-html", path)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, out, "the page goes to the file")
	page, err := os.ReadFile(path)
	require.NoError(t, err)
	_, want, _ := runMain(t, "", "-html", "-")
	assert.Equal(t, want, string(page))

	code, out, _ = runMain(t, "", "-html", path, "-json")
	require.Equal(t, 0, code)
	assert.True(t, json.Valid([]byte(out)), "-json still prints the JSON")
}

func TestLanguages(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", "ja", "de-CH"} {
		t.Run(lang, func(t *testing.T) {
			code, r, errOut := decode(t, layouts(t), "-lang", lang, "-")
			require.Equal(t, 0, code, errOut)
			assert.Equal(t, strings.Split(lang, "-")[0], r.Language)
			tag := language.MustParse(lang)
			for _, rc := range r.HTTPErr.Reasons {
				if !rc.Known {
					continue
				}
				reason, err := httpsys.ParseReasonString(rc.Reason)
				require.NoError(t, err)
				assert.Equal(t, reason.CauseIn(tag), rc.Summary, "explanation in the language asked for")
				assert.Equal(t, reason.ClientTextIn(tag), rc.ClientText)
			}
			require.Equal(t, "AppOffline", r.Findings[0].Reason)
			assert.Equal(t, httpsys.ReasonAppOffline.ClientTextIn(tag), r.Findings[0].ClientText)

			_, r, _ = decode(t, "", "-lang", lang)
			m, ok := substatus.New(500, 19).Meaning(substatus.IIS10)
			require.True(t, ok)
			var found bool
			for _, tr := range r.Access.Triples {
				if tr.Triple == "500 19 13" {
					found = true
					assert.Equal(t, m.DescriptionIn(tag), tr.Meaning, "substatus meaning in the language asked for")
				}
			}
			assert.True(t, found)
		})
	}
}

// hostile is an HTTPERR log whose values try to break out of every
// output: terminal escapes, markup, quotes, a javascript: URI and bytes
// that are not UTF-8.
const hostile = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
	"2026-01-02 03:00:00 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET /a\x1b[2J\xc1 400 - URL -\r\n" +
	"2026-01-02 03:00:01 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET /<script>alert(1)</script>\"'&amp; 400 - URL <img/src=x>\r\n" +
	"2026-01-02 03:00:02 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET javascript:alert(1) 503 7 </style><script>x()</script> \"><svg/onload=alert(1)>\r\n" +
	"2026-01-02 03:00:03 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET /x 503 \xff\xfe AppOffline ]]><!--\r\n"

// hostileAccess is an access log with hostile values in every text
// field: the URI, the query, the user name, the user agent, the referer
// (a javascript: URI) and the site name.
const hostileAccess = "#Software: Microsoft Internet Information Services 10.0\r\n" +
	"#Fields: date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n" +
	"2026-01-02 03:00:00 W3SVC1 10.0.0.10 GET /<script>alert(1)</script> q=\"'><img/src=x> 443 <b>admin</b> 192.0.2.9 <script>x()</script> javascript:alert(1) 401 1 1326 5\r\n" +
	"2026-01-02 03:00:01 <svg/onload=alert(1)> 10.0.0.10 GET /\xff\xfe\x1b[2J - 443 \xc1 192.0.2.9 \"+onmouseover=alert(1) https://x.example/\"><script> 500 19 13 7\r\n"

// hostileTree writes the two hostile logs into a folder and returns it.
func hostileTree(t testing.TB) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "HTTPERR", "httperr1.log"), []byte(hostile))
	writeFile(t, filepath.Join(dir, "W3SVC1", "u_ex260102.log"), []byte(hostileAccess))
	return dir
}

func TestHostileText(t *testing.T) {
	code, out, _ := runMain(t, hostile, "-")
	require.Equal(t, 0, code)
	assert.NotContains(t, out, "\x1b", "no control sequences reach the terminal")
	assert.Contains(t, out, `/a\x1B[2J\xC1`)
}

func TestHostileHTML(t *testing.T) {
	code, out, _ := runMain(t, "", "-html", "-", hostileTree(t))
	require.Equal(t, 0, code)
	assert.True(t, utf8.ValidString(out), "the page is UTF-8 whatever the log holds")
	for _, bad := range []string{"<script", "<img", "<svg/", "\x1b", "]]><!--", `href="javascript`} {
		assert.NotContains(t, out, bad)
	}
	assert.Equal(t, 1, strings.Count(out, "</style>"), "only the page's own style element")
	tags := tagsOf(t, out)
	for _, tag := range tags {
		for name, value := range tag.attrs {
			assert.False(t, strings.HasPrefix(name, "on"), "event handler %s=%q on <%s>", name, value, tag.name)
			assert.NotEqual(t, "src", name, "nothing loaded: <%s %s=%q>", tag.name, name, value)
			if name == "href" {
				assert.True(t, strings.HasPrefix(value, "#"), "links stay in the page: %q", value)
			}
		}
		assert.NotContains(t, []string{"script", "img", "iframe", "object", "embed", "link", "base", "form", "input"}, tag.name)
	}
	assert.Greater(t, len(tags), 100)
	assert.Contains(t, out, "javascript:alert(1)", "the referer is shown, as text")
	assert.Contains(t, out, "&lt;b&gt;admin&lt;/b&gt;", "user names escaped")
	assert.Contains(t, out, "&lt;svg/onload=alert(1)&gt;", "site names escaped")
}

type tag struct {
	name  string
	attrs map[string]string
}

// tagsOf lists the start tags of a page with their attributes. It relies
// on html/template's output: attribute values are always in double quotes,
// and a quote inside one is written &#34;.
func tagsOf(t *testing.T, page string) []tag {
	t.Helper()
	var out []tag
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 >= len(page) || !('a' <= page[i+1] && page[i+1] <= 'z') {
			continue
		}
		j := i + 1
		for j < len(page) && page[j] != ' ' && page[j] != '>' && page[j] != '/' {
			j++
		}
		tg := tag{name: page[i+1 : j], attrs: map[string]string{}}
		for j < len(page) && page[j] != '>' {
			for j < len(page) && (page[j] == ' ' || page[j] == '/' || page[j] == '\n') {
				j++
			}
			k := j
			for k < len(page) && page[k] != '=' && page[k] != ' ' && page[k] != '>' {
				k++
			}
			name := page[j:k]
			j = k
			if j < len(page) && page[j] == '=' {
				require.Equal(t, byte('"'), page[j+1], "unquoted attribute %s in <%s>", name, tg.name)
				end := strings.IndexByte(page[j+2:], '"')
				require.GreaterOrEqual(t, end, 0)
				tg.attrs[name] = page[j+2 : j+2+end]
				j += 2 + end + 1
			} else if name != "" {
				tg.attrs[name] = ""
			}
		}
		out = append(out, tg)
		i = j
	}
	return out
}

func TestChunkedInput(t *testing.T) {
	// The report must not depend on how the input arrives: one byte per
	// Read makes the reader refill and shift its buffer on every line.
	log := layouts(t)
	_, want, _ := runMain(t, log, "-json", "-")
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-"}, iotest.OneByteReader(strings.NewReader(log)), &out, &errOut)
	require.Equal(t, 0, code)
	assert.Equal(t, want, out.String())
}

// TestJobs checks that the report is the same whatever the number of
// readers: every input is read on its own and the results are merged in
// input order.
func TestJobs(t *testing.T) {
	dir := t.TempDir()
	for i := range 7 {
		var b bytes.Buffer
		_, err := httperrgen.Write(&b, httperrgen.Options{Seed: uint64(i + 1), Lines: 2000 + 700*i, Start: httperrgen.DefaultStart.Add(time.Duration(i) * 90 * time.Minute)})
		require.NoError(t, err)
		data := b.Bytes()
		name := fmt.Sprintf("httperr%d.log", i+1)
		if i%3 == 1 {
			data, name = gz(t, b.String()), name+".gz"
		}
		writeFile(t, filepath.Join(dir, "HTTPERR", name), data)
	}
	writeFile(t, filepath.Join(dir, "HTTPERR", "httperr9.log"), []byte(layouts(t)))
	for i := range 4 {
		var b bytes.Buffer
		_, err := accessgen.Write(&b, accessgen.Options{Seed: uint64(i + 1), Lines: 3000 + 500*i, BlockEvery: 1000, Start: accessgen.DefaultStart.Add(time.Duration(i) * time.Hour)})
		require.NoError(t, err)
		data, name := b.Bytes(), "u_ex260307.log"
		if i > 0 {
			name += fmt.Sprintf(".%d", i)
		}
		if i == 2 {
			data, name = gz(t, b.String()), name+".gz"
		}
		writeFile(t, filepath.Join(dir, fmt.Sprintf("W3SVC%d", 1+i%2), name), data)
	}
	_, want, _ := runMain(t, "", "-json", "-top", "5", "-j", "1", dir)
	_, wantText, _ := runMain(t, "", "-top", "5", "-j", "1", dir)
	var r Report
	require.NoError(t, json.Unmarshal([]byte(want), &r))
	require.Len(t, r.Inputs, 12)
	require.True(t, r.HTTPErr.Clients.Approximate || r.HTTPErr.URIs4xx.Approximate, "the bounded tables overflow, so merging is exercised")
	require.Positive(t, r.Access.Records)
	for _, j := range []string{"2", "3", "8"} {
		_, got, _ := runMain(t, "", "-json", "-top", "5", "-j", j, dir)
		assert.Equal(t, want, got, "-j %s", j)
		_, gotText, _ := runMain(t, "", "-top", "5", "-j", j, dir)
		assert.Equal(t, wantText, gotText, "-j %s", j)
	}
}

func FuzzReport(f *testing.F) {
	f.Add([]byte(layouts(f)[:2000]))
	f.Add([]byte("#Fields: date time c-ip s-reason x\r\n2026-01-01 00:00:00 ::1%0 \x1b[31m \xc1\r\n"))
	f.Add([]byte("9999-12-31 23:59:59 1.2.3.4 1 1.2.3.4 1 - - - - - Timer_ConnectionIdle -\n0001-01-01 00:00:00 1.2.3.4 1 1.2.3.4 1 - - - - - Timer_ConnectionIdle -\n"))
	f.Add([]byte(hostile))
	shop, err := sample.ReadFile("sample/W3SVC2/u_ex260309.log")
	require.NoError(f, err)
	f.Add(shop[:3000])
	f.Add(shop[len(shop)/2 : len(shop)/2+3000])
	f.Add([]byte(iis10Header + accessFields + accessLine("08:00:01", "/<script>", 401, 1, 1326, 3) + "#Fields: date time s-sitename sc-status time-taken\r\n2026-03-09 08:00:01 W3SVC\xff 500 -1\r\n"))
	f.Add([]byte(iis10Header + accessFields + accessLine("08:00:01", "/", 500, 19, 13, 3) + accessLine("08:00:02", "/", 500, 30, 0, 3) + accessLine("08:00:03", "/", 401, 1, 2148074254, 3) + accessLine("08:00:04", "/", 403, 14, 0, 3)))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out, errOut bytes.Buffer
		if code := run([]string{"-"}, bytes.NewReader(in), &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		for _, r := range out.String() {
			if r != '\n' && (r < 0x20 || r == 0x7f) {
				t.Fatalf("control character %U in the text report", r)
			}
		}
		out.Reset()
		if code := run([]string{"-json", "-"}, bytes.NewReader(in), &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if !json.Valid(out.Bytes()) {
			t.Fatal("invalid JSON report")
		}
		out.Reset()
		if code := run([]string{"-html", "-", "-"}, bytes.NewReader(in), &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if !utf8.Valid(out.Bytes()) || bytes.Contains(out.Bytes(), []byte("<script")) {
			t.Fatal("HTML report not UTF-8, or with a script")
		}
	})
}

func TestProgress(t *testing.T) {
	t.Run("only on a terminal", func(t *testing.T) {
		assert.Nil(t, startProgress(&bytes.Buffer{}, 1))
		f, err := os.CreateTemp(t.TempDir(), "stderr")
		require.NoError(t, err)
		defer f.Close()
		assert.Nil(t, startProgress(f, 1), "a regular file is not a terminal")
		var p *progress
		p.add(1, 1) // a nil progress does nothing
		p.fileDone()
		p.finish()
	})
	t.Run("status line", func(t *testing.T) {
		var buf bytes.Buffer
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := newProgress(&buf, 12, clock)
		p.add(3<<20, 12345)
		p.show()
		assert.Empty(t, buf.String(), "nothing in the first second")
		now = now.Add(2 * time.Second)
		p.add(0, 2_000_000)
		p.fileDone()
		p.show()
		assert.Equal(t, "\r"+fmt.Sprintf("%-79s", "reading: 1/12 files, 3.0 MiB, 2.0 M lines, 1.0 M lines/s"), buf.String())
		buf.Reset()
		p.finish()
		assert.Equal(t, "\r"+strings.Repeat(" ", 79)+"\r", buf.String(), "the line is wiped")
	})
	t.Run("quiet for fast runs", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(&buf, 1, time.Now)
		p.run()
		p.add(1, 1)
		p.finish()
		assert.Empty(t, buf.String())
	})
}

// BenchmarkReport builds the report of a realistic generated log (4 MiB,
// CRLF, mostly idle timeouts, many distinct clients and URIs).
func BenchmarkReport(b *testing.B) {
	var data bytes.Buffer
	_, err := httperrgen.Write(&data, httperrgen.Options{Bytes: 4 << 20})
	require.NoError(b, err)
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"-"}, bytes.NewReader(data.Bytes()), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

const (
	iis10Header  = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-03-09 08:00:00\r\n"
	accessFields = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
)

func accessLine(hms, uri string, status, sub int, win32 uint32, ms int) string {
	return fmt.Sprintf("2026-03-09 %s 10.0.0.10 GET %s - 443 - 192.0.2.7 Mozilla/5.0+(X11) - %d %d %d %d\r\n", hms, uri, status, sub, win32, ms)
}

func TestAccessInputs(t *testing.T) {
	tree := t.TempDir()
	writeFile(t, filepath.Join(tree, "W3SVC5", "u_ex260309.log"), []byte(iis10Header+accessFields+accessLine("08:00:01", "/", 200, 0, 0, 15)))
	writeFile(t, filepath.Join(tree, "W3SVC5", "u_ex260308.log.gz"), gz(t, iis10Header+accessFields+accessLine("07:59:59", "/old", 404, 0, 2, 1)))

	t.Run("site from the folder, gzip", func(t *testing.T) {
		code, r, errOut := decode(t, "", tree)
		require.Equal(t, 0, code, errOut)
		require.Len(t, r.Inputs, 2)
		assert.True(t, r.Inputs[0].Compressed)
		require.Len(t, r.Sites, 1)
		assert.Equal(t, "5", r.Sites[0].Site)
		assert.Equal(t, "W3SVC5", r.Sites[0].Name)
		assert.Equal(t, int64(2), r.Sites[0].Access.Requests)
		assert.Equal(t, int64(1), r.Sites[0].Access.ClientErrors)
	})
	t.Run("site from s-sitename", func(t *testing.T) {
		log := iis10Header + "#Fields: date time s-sitename cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken\r\n" +
			"2026-03-09 08:00:01 W3SVC7 GET / 200 0 0 3\r\n2026-03-09 08:00:02 Intranet GET / 200 0 0 3\r\n"
		_, r, _ := decode(t, log, "-")
		var sites []string
		for _, s := range r.Sites {
			sites = append(sites, s.Site+"="+s.Name)
		}
		assert.Equal(t, []string{"7=W3SVC7", "Intranet=Intranet"}, sites)
	})
	t.Run("no site", func(t *testing.T) {
		_, r, _ := decode(t, iis10Header+accessFields+accessLine("08:00:01", "/", 200, 0, 0, 15), "-")
		require.Len(t, r.Sites, 1)
		assert.Equal(t, "(site not logged)", r.Sites[0].Name)
	})
	t.Run("headerless", func(t *testing.T) {
		_, r, _ := decode(t, accessLine("08:00:01", "/", 200, 0, 0, 15)+accessLine("08:00:02", "/a", 500, 19, 13, 1), "-")
		require.Len(t, r.Inputs, 1)
		assert.Equal(t, "access", r.Inputs[0].Kind)
		assert.Equal(t, int64(2), r.Access.Records)
		require.NotEmpty(t, r.Access.Triples)
		assert.Equal(t, "500 19 13", r.Access.Triples[0].Triple)
	})
	t.Run("other kinds of block are not read as requests", func(t *testing.T) {
		log := iis10Header + accessFields + accessLine("08:00:01", "/", 200, 0, 0, 15) +
			"#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
			"2026-03-09 08:00:02 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET / 503 2 QueueFull ShopPool\r\n" +
			"#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath\r\n" +
			"2026-03-09 08:00:03 10.0.0.3 - 10.0.0.2 21 USER anonymous 331 0 0 2cf9cd35-e364-4b1a-ab27-fe9050daa5ea -\r\n" +
			accessFields + accessLine("08:00:04", "/b", 200, 0, 0, 15)
		_, r, _ := decode(t, log, "-")
		assert.Equal(t, int64(2), r.Access.Records, "the web requests only")
		assert.Equal(t, int64(2), r.Inputs[0].Foreign)
		assert.Zero(t, r.HTTPErr.Records, "an HTTPERR block inside an access log is not guessed at")
		require.Len(t, r.Problems, 1)
		assert.Equal(t, 7, r.Problems[0].Line, "the first line under the foreign directives")
	})
	t.Run("500.19 after a new header block", func(t *testing.T) {
		log := iis10Header + accessFields + accessLine("08:00:01", "/", 200, 0, 0, 15) +
			"#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-03-09 08:10:00\r\n" +
			"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken\r\n" +
			"2026-03-09 08:10:05 10.0.0.10 GET /a - 443 - 192.0.2.7 - - 500 19 13 1300 400 1\r\n"
		_, r, _ := decode(t, log, "-")
		f := findingsByRule(r)[ruleConfigError]
		require.Len(t, f, 1)
		assert.Contains(t, f[0].Title, "after a deploy")
		assert.Contains(t, f[0].Text, "new header block at 08:10 with other fields")
		assert.Equal(t, 10, f[0].Evidence[0].Line, "the first record under the new header block")
		assert.Equal(t, int64(1300), r.Access.BytesSent)
		assert.Equal(t, int64(1), r.Access.WithBytesSent)
	})
}

// TestCorpus runs the report over every real log excerpt in
// ../shared/corpus: nothing fails, every file is read or listed as not
// read, and every line of the files read is accounted for.
func TestCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(root, "*.log"))
	more, _ := filepath.Glob(filepath.Join(root, "access", "*.log"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Skipf("no corpus at %s", root)
	}
	code, r, errOut := decode(t, "", append([]string{"-errors", "1000"}, files...)...)
	require.Equal(t, 0, code, errOut)
	require.Len(t, r.Inputs, len(files))
	var read int
	for _, in := range r.Inputs {
		switch in.Kind {
		case "access", "httperr":
			assert.True(t, in.Read, in.Name)
			// A few excerpts hold only a header, or lines that do not
			// fit theirs: every line is accounted for all the same.
			assert.Positive(t, in.Records+in.Malformed+in.Directives, in.Name)
			assert.Equal(t, in.Lines, in.Records+in.Directives+in.Blank+in.Malformed, in.Name)
			read++
		default:
			assert.False(t, in.Read, in.Name)
			assert.NotEmpty(t, in.Skipped, in.Name)
		}
	}
	assert.Greater(t, read, 50)
	assert.Positive(t, r.Access.Records)
	assert.Positive(t, r.HTTPErr.Records)
	for _, f := range []string{"text", "html"} {
		args := append([]string{"-errors", "1000"}, files...)
		if f == "html" {
			args = append([]string{"-html", "-"}, args...)
		}
		code, out, errOut := runMain(t, "", args...)
		require.Equal(t, 0, code, errOut)
		assert.True(t, utf8.ValidString(out), f)
	}
}
