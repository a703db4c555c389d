package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tty is a standard input that is a terminal: the command does not read it
// unless asked with "-".
var tty = input{r: strings.NewReader("not read"), terminal: true}

func runArgs(args []string, stdout, stderr *bytes.Buffer) int { return run(args, tty, stdout, stderr) }

// pagesDir holds the pasted error pages of the root package's tests, which
// the command reads as a person's paste.
const pagesDir = "../../testdata/pages"

// golden compares got with testdata/<name>.golden, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./cmd/iisexplain -update")
	assert.Equal(t, string(want), got)
}

// TestGoldenPages runs "iisexplain -" on each page of testdata/pages, as
// pasted on standard input, and "iisexplain -f" on the same file: both give
// testdata/page-<file>.golden.
func TestGoldenPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pagesDir, "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "the pages live in the root package's testdata")
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasSuffix(name, ".md") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			page, err := os.ReadFile(path)
			require.NoError(t, err)
			var stdout, stderr bytes.Buffer
			code := run([]string{"-"}, input{r: bytes.NewReader(page)}, &stdout, &stderr)
			assert.Equal(t, 0, code, stderr.String())
			assert.Empty(t, stderr.String())
			golden(t, "page-"+strings.TrimSuffix(name, filepath.Ext(name)), stdout.String())

			var fromFile bytes.Buffer
			require.Equal(t, 0, run([]string{"-f", path}, tty, &fromFile, &stderr), stderr.String())
			assert.Equal(t, stdout.String(), fromFile.String(), "-f reads the same")
		})
	}
}

// TestGolden runs the command on typical inputs and compares stdout with
// testdata/<name>.golden. Run with -update after reviewing a change. The
// only translated texts in the golden files are labels (explain.*) and
// rows internal/l10n's TRANSLATING.md asks translators to leave as they are
// (status.404).
func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // what standard error must say, if anything
		stdin  string // a page of testdata/pages given on standard input
	}{
		{"substatus", []string{"403.14"}, 0, "", ""},
		{"module-after-input", []string{"502.5", "-module", "ancm"}, 0, "", ""},
		{"reason", []string{"ConnLimit"}, 0, "", ""},
		{"iis6", []string{"-iis", "6", "500.19"}, 0, "", ""},
		{"status-german", []string{"404", "-lang", "de"}, 0, "", ""},
		{"json", []string{"-json", "403.14"}, 0, "", ""},
		{"json-reason", []string{"ConnLimit", "-json"}, 0, "", ""},
		{"pasted-title", []string{"HTTP", "Error", "403.14", "-", "Forbidden"}, 0, "", ""},
		{"unknown-substatus", []string{"403.99"}, 1, "", ""},
		{"no-match", []string{"-iis", "10", "500.17"}, 1, "iisexplain: no meaning of 500.17 for IIS 10.0, IIS\n", ""},
		{"log-triple", []string{"-iis", "6", "404", "2", "1260"}, 0, "", ""},
		{"no-substatus", []string{"200", "0", "64"}, 0, "", ""},
		{"no-substatus-unknown-status", []string{"299", "0"}, 1, "", ""},
		{"pair-500.19-0x8007000d", []string{"500.19 0x8007000d"}, 0, "", ""},
		{"hresult-0x80070021", []string{"0x80070021"}, 0, "", ""},
		{"hresult-negative", []string{"-2147024883"}, 0, "", ""},
		{"win32-1326", []string{"1326"}, 0, "", ""},
		{"page-implicit-stdin", nil, 0, "", "ancm-500.30.txt"},
		{"page-json", []string{"-json", "-"}, 0, "", "iis10-500.19-0x8007000d.txt"},
		{"page-german", []string{"-lang", "de", "-"}, 0, "", "aspnet-404.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			in := tty
			if tc.stdin != "" {
				page, err := os.ReadFile(filepath.Join(pagesDir, tc.stdin))
				require.NoError(t, err)
				in = input{r: bytes.NewReader(page)}
			}
			code := run(tc.args, in, &stdout, &stderr)
			assert.Equal(t, tc.code, code, stderr.String())
			assert.Equal(t, tc.stderr, stderr.String())
			golden(t, tc.name, stdout.String())
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"unknown token", []string{"ConnLimt"}, 2, `parse "ConnLimt" at byte 0`},
		{"malformed substatus", []string{"700.5"}, 2, `parse "700.5" at byte 4: malformed substatus`},
		{"no input on a terminal", nil, 2, "no code, reason or page given"},
		{"missing file", []string{"-f", "testdata/no-such-page.txt"}, 2, "no-such-page.txt"},
		{"file and words", []string{"-f", "page.txt", "404"}, 2, "either -f or the input"},
		{"bad version", []string{"-iis", "99", "403.14"}, 2, "-iis:"},
		{"bad module", []string{"403.14", "-module", "nginx"}, 2, "-module:"},
		{"unknown flag", []string{"-x", "403.14"}, 2, "flag provided but not defined: -x"},
		{"missing flag value", []string{"403.14", "-lang"}, 2, "flag needs an argument"},
		{"help", []string{"-h"}, 0, "usage: iisexplain"},
		{"unsupported language", []string{"-lang", "pt-BR", "404"}, 0, `no texts in "pt-BR", using English`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, tc.code, run(tc.args, tty, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tc.wantErr)
		})
	}
}

func TestReorder(t *testing.T) {
	tests := []struct {
		name             string
		args, flags, pos []string
	}{
		{"flags first", []string{"-iis", "6", "500.19"}, []string{"-iis", "6"}, []string{"500.19"}},
		{"flags after", []string{"502.5", "-module", "ancm", "-json"}, []string{"-module", "ancm", "-json"}, []string{"502.5"}},
		{"equals form", []string{"502.5", "--module=ancm"}, []string{"--module=ancm"}, []string{"502.5"}},
		{"double dash", []string{"-json", "--", "-x"}, []string{"-json"}, []string{"-x"}},
		{"words", []string{"403", "14"}, nil, []string{"403", "14"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, p := reorder(tc.args)
			assert.Equal(t, tc.flags, f)
			assert.Equal(t, tc.pos, p)
		})
	}
}

// TestJSONLocalized checks that -json carries the translated texts and keeps
// HTTP.sys's client text byte-exact.
func TestJSONLocalized(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, runArgs([]string{"-json", "-lang", "de", "403.14"}, &stdout, &stderr), stderr.String())
	var out jsonOutput
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, "de", out.Lang)
	require.NotEmpty(t, out.Explanation.Substatus.Meanings)
	m := out.Explanation.Substatus.Meanings[0]
	assert.Equal(t, "403.14", m.ID)
	assert.Equal(t, "Der Inhalt dieses Verzeichnisses darf nicht aufgelistet werden.", m.ClientText)

	stdout.Reset()
	require.Equal(t, 0, runArgs([]string{"-json", "-lang", "de", "ConnLimit"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), `"client_text": "Too many users."`)
}

func TestModuleSelection(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, runArgs([]string{"502.5", "-module", "arr"}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	sel := strings.Index(out, "502.5/arr (")
	other := strings.Index(out, "502.5/ancm (")
	require.NotEqual(t, -1, sel, out)
	require.NotEqual(t, -1, other, out)
	assert.Less(t, sel, other, "the selected meaning comes first, the others after")
	assert.Equal(t, 1, strings.Count(out, "Causes:"), "only the selected meaning is printed in full")
}
