package main

import (
	"bytes"
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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// runMain runs the program and returns its exit code, stdout and stderr.
func runMain(t *testing.T, stdin string, args ...string) (int, string, string) {
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
func decode(t *testing.T, stdin string, args ...string) (int, Report, string) {
	t.Helper()
	code, out, errOut := runMain(t, stdin, append([]string{"-json"}, args...)...)
	var r Report
	if out != "" {
		require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	}
	return code, r, errOut
}

func TestSampleFacts(t *testing.T) {
	code, r, _ := decode(t, "")
	require.Equal(t, 0, code)
	require.Len(t, r.Inputs, 1)
	in := r.Inputs[0]
	assert.True(t, in.Embedded)
	assert.Equal(t, int64(len(sampleLog)), in.Bytes)
	assert.Equal(t, in.Lines, in.Records+in.Directives+in.Blank+in.Malformed, "every line accounted for")
	assert.Equal(t, int64(bytes.Count(sampleLog, []byte("\r\n"))), in.Lines, "CRLF lines")
	assert.Equal(t, int64(12), in.Directives, "three directive blocks")

	byReason := map[string]ReasonCount{}
	var sum int64
	for _, rc := range r.Reasons {
		byReason[rc.Reason] = rc
		sum += rc.Count
	}
	assert.Equal(t, in.Records, sum, "reasons account for every record")
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
	assert.Equal(t, "Timer_ConnectionIdle", r.Reasons[0].Reason, "mostly idle timeouts")
	assert.Equal(t, 503, byReason["QueueFull"].Status)
	assert.Equal(t, "critical", byReason["AppOffline"].Severity)

	require.NotEmpty(t, r.Findings)
	assert.Equal(t, "critical", r.Findings[0].Severity)
	assert.Equal(t, "AppOffline", r.Findings[0].Reason, "most urgent first, then by count")
	assert.Equal(t, "ShopPool", r.Findings[0].Where)
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

	_, out, _ := runMain(t, log, "-")
	assert.Contains(t, out, `<stdin>:3:31 (c-port): invalid value "50x0"; record kept`)
	assert.Contains(t, out, "<stdin>:4:")

	_, r, _ = decode(t, log, "-errors", "1", "-")
	assert.Len(t, r.Problems, 1, "-errors limits the list")
	assert.Equal(t, int64(2), r.Totals.Problems, "but not the count")
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	line := func(hour string) string {
		return "2026-01-02 " + hour + ":00:00 192.0.2.1 5000 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n"
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "httperr10.log"), []byte(line("10")), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "httperr2.log"), []byte(line("02")+line("03")), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a log"), 0o644))
	empty := filepath.Join(t.TempDir(), "httperr1.log")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))

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
		assert.Len(t, r.Histogram.Buckets, 9, "empty hours included")
	})
	t.Run("stdin", func(t *testing.T) {
		code, r, _ := decode(t, line("05"), "-")
		require.Equal(t, 0, code)
		require.Len(t, r.Inputs, 1)
		assert.Equal(t, "<stdin>", r.Inputs[0].Name)
		assert.Equal(t, int64(1), r.Totals.Records)
	})
	t.Run("empty file", func(t *testing.T) {
		code, r, _ := decode(t, "", empty)
		require.Equal(t, 0, code)
		assert.Equal(t, int64(0), r.Totals.Lines)
		assert.Nil(t, r.TimeRange)
		require.Len(t, r.Findings, 1)
		assert.Contains(t, r.Findings[0].Text, "No records")
		_, out, _ := runMain(t, "", empty)
		assert.Contains(t, out, "no timestamps")
	})
	t.Run("routine only", func(t *testing.T) {
		_, r, _ := decode(t, line("05"), "-")
		require.Len(t, r.Findings, 1)
		assert.Equal(t, "routine", r.Findings[0].Severity)
		assert.Contains(t, r.Findings[0].Text, "Timer_ConnectionIdle")
	})
}

func TestFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "httperr9.log")
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  string
		noOuput bool
	}{
		{name: "missing file", args: []string{missing}, code: 2, stderr: missing, noOuput: true},
		{name: "empty directory", args: []string{t.TempDir()}, code: 2, stderr: "no httperr*.log files", noOuput: true},
		{name: "bad flag", args: []string{"-nope"}, code: 2, stderr: "flag provided but not defined", noOuput: true},
		{name: "bad top", args: []string{"-top", "0"}, code: 2, stderr: "-top", noOuput: true},
		{name: "unsupported language", args: []string{"-lang", "pt"}, code: 2, stderr: "supported: en", noOuput: true},
		{name: "malformed language", args: []string{"-lang", "x;;"}, code: 2, stderr: "invalid language tag", noOuput: true},
		{name: "help", args: []string{"-h"}, code: 0, stderr: "usage: httperr-report", noOuput: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runMain(t, "", tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errOut, tc.stderr)
			if tc.noOuput {
				assert.Empty(t, out)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	var out, errOut bytes.Buffer
	good := "2026-01-02 03:00:00 192.0.2.1 5000 192.0.2.2 80 - - - - - Timer_ConnectionIdle -\r\n"
	stdin := iotest.TimeoutReader(strings.NewReader(good)) // second Read fails
	code := run([]string{"-json", "-"}, stdin, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "<stdin>: "+iotest.ErrTimeout.Error())
	var r Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &r), "the report covers what was read")
	require.Len(t, r.Inputs, 1)
	assert.Equal(t, iotest.ErrTimeout.Error(), r.Inputs[0].ReadError)

	code = run([]string{"-"}, iotest.ErrReader(errors.New("device gone")), &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "device gone")
}

func TestLanguages(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", "ja", "de-CH"} {
		t.Run(lang, func(t *testing.T) {
			code, r, errOut := decode(t, "", "-lang", lang)
			require.Equal(t, 0, code, errOut)
			assert.Equal(t, strings.Split(lang, "-")[0], r.Language)
			tag := language.MustParse(lang)
			for _, rc := range r.Reasons {
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
		})
	}
}

func TestHostileText(t *testing.T) {
	log := "2026-01-02 03:00:00 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET /a\x1b[2J\xc1 400 - URL -\r\n"
	code, out, _ := runMain(t, log, "-")
	require.Equal(t, 0, code)
	assert.NotContains(t, out, "\x1b", "no control sequences reach the terminal")
	assert.Contains(t, out, `/a\x1B[2J\xC1`)
}

func TestChunkedInput(t *testing.T) {
	// The report must not depend on how the input arrives: one byte per
	// Read makes the reader refill and shift its buffer on every line.
	log := string(sampleLog)
	_, want, _ := runMain(t, log, "-json", "-")
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-"}, iotest.OneByteReader(strings.NewReader(log)), &out, &errOut)
	require.Equal(t, 0, code)
	assert.Equal(t, want, out.String())
}

func FuzzReport(f *testing.F) {
	f.Add(sampleLog[:2000])
	f.Add([]byte("#Fields: date time c-ip s-reason x\r\n2026-01-01 00:00:00 ::1%0 \x1b[31m \xc1\r\n"))
	f.Add([]byte("9999-12-31 23:59:59 1.2.3.4 1 1.2.3.4 1 - - - - - Timer_ConnectionIdle -\n0001-01-01 00:00:00 1.2.3.4 1 1.2.3.4 1 - - - - - Timer_ConnectionIdle -\n"))
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
	})
}

func TestProgress(t *testing.T) {
	t.Run("only on a terminal", func(t *testing.T) {
		assert.Nil(t, newProgress(&bytes.Buffer{}))
		f, err := os.CreateTemp(t.TempDir(), "stderr")
		require.NoError(t, err)
		defer f.Close()
		assert.Nil(t, newProgress(f), "a regular file is not a terminal")
		var p *progress
		p.update("x", 1, 1) // a nil progress does nothing
		p.done()
	})
	t.Run("status line", func(t *testing.T) {
		var buf bytes.Buffer
		long := time.Now().Add(-time.Hour)
		p := &progress{w: &buf, start: long, last: long}
		for range progressEvery - 1 {
			p.update("httperr7.log", 3<<20, 12345)
		}
		assert.Empty(t, buf.String(), "the clock is checked every progressEvery records")
		p.update("httperr7.log", 3<<20, 12345)
		assert.Equal(t, "\r"+fmt.Sprintf("%-79s", "reading httperr7.log: 3.0 MiB, 12345 lines"), buf.String())
		buf.Reset()
		p.done()
		assert.Equal(t, "\r"+strings.Repeat(" ", 79)+"\r", buf.String(), "the line is wiped")
	})
	t.Run("quiet for fast runs", func(t *testing.T) {
		var buf bytes.Buffer
		p := &progress{w: &buf, start: time.Now(), last: time.Now()}
		for range 3 * progressEvery {
			p.update("x", 1, 1)
		}
		p.done()
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
