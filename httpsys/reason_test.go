package httpsys_test

import (
	"bufio"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/internal/gen/tsv"
	"github.com/iisstatus/iisstatus/status"
)

const (
	dossierPath = "../../shared/reference/httpsys_reasons.tsv"
	seedPath    = "../../shared/seed.txt"
)

// seed400 and seed503 copy the seed's two HTTP.sys tables so that the tests
// still bite without ../shared. TestSeedFile checks these copies against the
// file when it is present.
var seed400 = map[string]string{
	"BadRequest":    "The request could not be understood by the server because the syntax was incorrect.",
	"Verb":          "Invalid verb.",
	"URL":           "Invalid URL.",
	"Header":        "Invalid header name.",
	"Hostname":      "Invalid hostname.",
	"Invalid_CR/LF": "Invalid carriage return or line feed.",
	"Number":        "Invalid number.",
	"FieldLength":   "A header field in the request was too long.",
	"RequestLength": "The request length was too long.",
}

var seed503 = map[string]string{
	"N/A":          "Service unavailable.",
	"ConnLimit":    "Too many users.",
	"AppOffline":   "Application taken offline.",
	"QueueFull":    "Application request queue full.",
	"Disabled":     "Administrator has taken application offline.",
	"AppShutdown":  "Application automatically shut down due to administrator policy.",
	"AppPoolTimer": "Request timed out in app pool queue.",
}

func TestSeedTables(t *testing.T) {
	for tok, cond := range seed400 {
		t.Run("400/"+tok, func(t *testing.T) {
			r := httpsys.ParseReason([]byte(tok))
			require.True(t, r.IsKnown())
			info := r.Info()
			assert.Equal(t, tok, r.String())
			assert.Equal(t, cond, info.Condition)
			assert.Equal(t, status.Code(400), info.Status)
			assert.Equal(t, httpsys.CategoryResponse, info.Category)
		})
	}
	for tok, text := range seed503 {
		t.Run("503/"+tok, func(t *testing.T) {
			r := httpsys.ParseReason([]byte(tok))
			require.True(t, r.IsKnown())
			info := r.Info()
			assert.Equal(t, tok, r.String())
			assert.Equal(t, text, info.ClientText)
			assert.Equal(t, status.Code(503), info.Status)
			assert.Equal(t, httpsys.CategoryResponse, info.Category)
			assert.Contains(t, info.Notes, "never reaches user mode", "the client-text vs. log-detail split")
			assert.Contains(t, info.Notes, "only record")
		})
	}
}

// TestClientTextOnlyWhereDocumented: no client text or condition is
// invented beyond the seed's tables.
func TestClientTextOnlyWhereDocumented(t *testing.T) {
	for r := range httpsys.All() {
		info := r.Info()
		_, in503 := seed503[r.String()]
		_, in400 := seed400[r.String()]
		assert.Equal(t, in503, info.ClientText != "", "%s client text", r)
		assert.Equal(t, in400, info.Condition != "", "%s condition", r)
	}
}

// readSeedTable returns the rows after the header line that starts with
// header, up to the first blank line.
func readSeedTable(t *testing.T, header string) [][]string {
	t.Helper()
	f, err := os.Open(seedPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("seed not present:", seedPath)
	}
	require.NoError(t, err)
	defer f.Close()
	var rows [][]string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \r")
		switch {
		case !in && strings.HasPrefix(line, header):
			in = true
		case in && line == "":
			return rows
		case in:
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	require.NoError(t, sc.Err())
	require.True(t, in, "table %q not found in seed", header)
	return rows
}

func TestSeedFile(t *testing.T) {
	t.Run("400 table", func(t *testing.T) {
		rows := readSeedTable(t, "Reason Code\tCondition")
		require.Len(t, rows, len(seed400))
		for _, row := range rows {
			require.Len(t, row, 2)
			tok, cond := row[0], row[1]
			assert.Equal(t, seed400[tok], cond, "in-repo copy of %s", tok)
			r := httpsys.ParseReason([]byte(tok))
			require.True(t, r.IsKnown(), tok)
			assert.Equal(t, tok, r.String())
			assert.Equal(t, cond, r.Info().Condition, tok)
		}
	})
	t.Run("503 table", func(t *testing.T) {
		rows := readSeedTable(t, "Reason String\tText in HTTP.sys Error Log")
		require.Len(t, rows, len(seed503))
		for _, row := range rows {
			require.Len(t, row, 3)
			text, tok := row[0], row[1]
			assert.Equal(t, seed503[tok], text, "in-repo copy of %s", tok)
			r := httpsys.ParseReason([]byte(tok))
			require.True(t, r.IsKnown(), tok)
			assert.Equal(t, tok, r.String())
			assert.Equal(t, text, r.Info().ClientText, tok)
			assert.Equal(t, status.Code(503), r.Info().Status, tok)
		}
	})
}

// TestNACauses: the seed gives four causes for N/A; each must be one of
// Causes, recognisable by its key words.
func TestNACauses(t *testing.T) {
	causes := slices.Collect(httpsys.ReasonNA.Causes())
	for _, words := range [][]string{
		{"worker process", "DemandStartThreshold"},
		{"throttling", "filter"},
		{"control channel", "configuration group"},
		{"cache", "memory"},
	} {
		t.Run(words[0], func(t *testing.T) {
			found := slices.ContainsFunc(causes, func(c string) bool {
				return strings.Contains(c, words[0]) && strings.Contains(c, words[1])
			})
			assert.True(t, found, "no N/A cause mentions %q and %q", words[0], words[1])
		})
	}
	assert.Equal(t, "DemandStartThreshold", httpsys.ReasonNA.Info().Setting.Name)
}

// TestDossier: every row of the reference dossier round-trips through the
// public API, and the facts it states agree.
func TestDossier(t *testing.T) {
	if _, err := os.Stat(dossierPath); errors.Is(err, os.ErrNotExist) {
		t.Skip("dossier not present:", dossierPath)
	}
	tab, err := tsv.ReadFile(dossierPath)
	require.NoError(t, err)
	require.Len(t, tab.Rows, 40)
	seen := map[httpsys.Reason]bool{}
	for _, row := range tab.Rows {
		tok := row.Get("reason")
		t.Run(tok, func(t *testing.T) {
			r := httpsys.ParseReason([]byte(tok))
			require.True(t, r.IsKnown())
			seen[r] = true
			info := r.Info()
			assert.Equal(t, tok, r.String())
			assert.Equal(t, tok, info.Token)
			assert.Equal(t, row.Get("category"), info.Category.String())
			assert.Equal(t, row.Get("confidence"), info.Confidence.String())
			switch st := row.Get("http_status"); st {
			case "-":
				// Not stated by the dossier; we only add a status the seed's
				// 400 table gives.
				if info.Status != 0 {
					assert.Contains(t, seed400, tok, "status %d without a source", info.Status)
				}
			case "501 or 503":
				assert.Equal(t, status.Code(501), info.Status)
				assert.Equal(t, status.Code(503), info.AltStatus)
			default:
				assert.Equal(t, st, itoa(info.Status), "status")
			}
			srcs := slices.Collect(r.Sources())
			for _, u := range strings.Split(row.Get("source_url"), " | ") {
				assert.Contains(t, srcs, strings.TrimSpace(u))
			}
		})
	}
	n := 0
	for range httpsys.All() {
		n++
	}
	assert.Len(t, seen, n, "All() yields exactly the dossier's tokens")
}

func itoa(c status.Code) string {
	b, _ := c.AppendText(nil)
	return string(b)
}
