package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/l10n/english"
)

func TestRun(t *testing.T) {
	var n int
	for range english.Messages() {
		n++
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
		lines    func(int) bool
	}{
		{"all", nil, 0, "httpsys.ConnLimit.client\tToo many users.\t\t0e806851\n", func(l int) bool { return l == n+1 }},
		{"missing de", []string{"-missing", "de"}, 0, "key\ttext\tnotes\tsource\n", func(l int) bool { return l >= 1 && l <= n }},
		{"stale de", []string{"-stale", "de"}, 0, "key\ttext\tnotes\tsource\n", func(l int) bool { return l >= 1 }},
		{"stale english", []string{"-stale", "en"}, 2, "", nil},
		{"unknown de", []string{"-unknown", "de"}, 0, "key\n", func(l int) bool { return l >= 1 }},
		{"english is not translated", []string{"-missing", "en"}, 2, "", nil},
		{"bad flag", []string{"-nope"}, 2, "", nil},
		{"argument", []string{"de"}, 2, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.Equal(t, tc.code, run(tc.args, &out, &errOut), errOut.String())
			if tc.code != 0 {
				assert.NotEmpty(t, errOut.String())
				return
			}
			assert.Contains(t, out.String(), tc.contains)
			assert.True(t, tc.lines(strings.Count(out.String(), "\n")))
			if tc.name == "missing de" {
				assert.NotContains(t, out.String(), "httpsys.ConnLimit.client", "translated keys are not listed")
			}
		})
	}
}
