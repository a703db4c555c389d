package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errorpage"
)

// TestDemo runs the demo site on a real loopback server: the client is
// local, so it sees detailed pages.
func TestDemo(t *testing.T) {
	var logs bytes.Buffer
	srv := httptest.NewServer(newDemo(demoFS, log.New(&logs, "", 0)))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		name, method, target, header string
		code                         int
		location, body               string
	}{
		{"index", "GET", "/", "", http.StatusOK, "", "errorpages demo"},
		{"courtesy redirect", "GET", "/docs", "", http.StatusFound, "/docs/", ""},
		{"no open redirect", "GET", "//evil.example/../docs", "", http.StatusFound, "/docs/", ""},
		{"directory index", "GET", "/docs/", "", http.StatusOK, "", "The docs directory."},
		{"file", "GET", "/docs/readme.txt", "", http.StatusOK, "", "A plain file."},
		{"listing denied", "GET", "/private/", "", http.StatusForbidden, "", "403.14"},
		{"proxied is remote", "GET", "/private/", "203.0.113.9", http.StatusForbidden, "", "403 Forbidden"},
		{"missing", "GET", "/nope", "", http.StatusNotFound, "", "404.0"},
		{"post", "POST", "/docs/readme.txt", "", http.StatusMethodNotAllowed, "", "405.0"},
		{"config", "GET", "/app/config", "", http.StatusInternalServerError, "", "500.19"},
		{"busy", "GET", "/app/busy", "", http.StatusServiceUnavailable, "", "503.2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.target, nil)
			require.NoError(t, err)
			if tc.header != "" {
				req.Header.Set("X-Forwarded-For", tc.header)
			}
			resp, err := client.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.code, resp.StatusCode)
			assert.Equal(t, tc.location, resp.Header.Get("Location"))
			assert.Contains(t, string(b), tc.body)
			if tc.header != "" {
				assert.NotContains(t, string(b), "403.14")
			}
		})
	}
	assert.Contains(t, logs.String(), " GET /private/ - 127.0.0.1 403 14 ")
}

func TestRunFlags(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"-nope"}, io.Discard, &stderr))
	assert.Equal(t, 2, run([]string{"extra"}, io.Discard, &stderr))
	assert.Equal(t, 2, run([]string{"-trust-proxy", "not-an-address"}, io.Discard, &stderr))
	var stdout bytes.Buffer
	assert.Equal(t, 1, run([]string{"-addr", "256.0.0.1:bad", "-trust-proxy", "127.0.0.1", "-trust-proxy", "::1/128"}, &stdout, &stderr))
	assert.Equal(t, errorpage.Fields+"\n", stdout.String())
	assert.True(t, strings.Contains(stderr.String(), "errorpages:"))
}
