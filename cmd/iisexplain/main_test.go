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
	}{
		{"substatus", []string{"403.14"}, 0, ""},
		{"module-after-input", []string{"502.5", "-module", "ancm"}, 0, ""},
		{"reason", []string{"ConnLimit"}, 0, ""},
		{"iis6", []string{"-iis", "6", "500.19"}, 0, ""},
		{"status-german", []string{"404", "-lang", "de"}, 0, ""},
		{"json", []string{"-json", "403.14"}, 0, ""},
		{"json-reason", []string{"ConnLimit", "-json"}, 0, ""},
		{"pasted-title", []string{"HTTP", "Error", "403.14", "-", "Forbidden"}, 0, ""},
		{"unknown-substatus", []string{"403.99"}, 1, ""},
		{"no-match", []string{"-iis", "10", "500.17"}, 1, "iisexplain: no meaning of 500.17 for IIS 10.0, IIS\n"},
		{"log-triple", []string{"-iis", "6", "404", "2", "1260"}, 0, ""},
		{"no-substatus", []string{"200", "0", "64"}, 0, ""},
		{"no-substatus-unknown-status", []string{"299", "0"}, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			assert.Equal(t, tc.code, code, stderr.String())
			assert.Equal(t, tc.stderr, stderr.String())
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(path, stdout.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run: go test ./cmd/iisexplain -update")
			assert.Equal(t, string(want), stdout.String())
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
		{"no input", nil, 2, "no code or reason given"},
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
			assert.Equal(t, tc.code, run(tc.args, &stdout, &stderr))
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
	require.Equal(t, 0, run([]string{"-json", "-lang", "de", "403.14"}, &stdout, &stderr), stderr.String())
	var out jsonOutput
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, "de", out.Lang)
	require.NotEmpty(t, out.Explanation.Substatus.Meanings)
	m := out.Explanation.Substatus.Meanings[0]
	assert.Equal(t, "403.14", m.ID)
	assert.Equal(t, "Der Inhalt dieses Verzeichnisses darf nicht aufgelistet werden.", m.ClientText)

	stdout.Reset()
	require.Equal(t, 0, run([]string{"-json", "-lang", "de", "ConnLimit"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), `"client_text": "Too many users."`)
}

func TestModuleSelection(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"502.5", "-module", "arr"}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	sel := strings.Index(out, "502.5/arr (")
	other := strings.Index(out, "502.5/ancm (")
	require.NotEqual(t, -1, sel, out)
	require.NotEqual(t, -1, other, out)
	assert.Less(t, sel, other, "the selected meaning comes first, the others after")
	assert.Equal(t, 1, strings.Count(out, "Causes:"), "only the selected meaning is printed in full")
}
