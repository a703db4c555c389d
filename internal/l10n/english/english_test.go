package english

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessages(t *testing.T) {
	seen := map[string]bool{}
	prefixOrder := []string{"status.", "substatus.", "httpsys.", "explain."}
	stage := 0
	counts := map[string]int{}
	for m := range Messages() {
		require.False(t, seen[m.Key], "duplicate key %s", m.Key)
		seen[m.Key] = true
		assert.NotEmpty(t, m.Text, m.Key)
		for !strings.HasPrefix(m.Key, prefixOrder[stage]) {
			stage++
			require.Less(t, stage, len(prefixOrder), "key %s out of order", m.Key)
		}
		counts[prefixOrder[stage]]++
	}
	for _, p := range prefixOrder {
		assert.Positive(t, counts[p], p)
	}
	for _, k := range []string{"status.404", "status.451.1", "status.class.4xx", "status.class.unknown",
		"substatus.403.14.description", "substatus.403.14.client", "httpsys.ConnLimit.cause",
		"httpsys.ConnLimit.client", "httpsys.Invalid_CR/LF.cause", "explain.status", "explain.client-sees"} {
		assert.True(t, seen[k], k)
	}
	assert.False(t, seen["httpsys.Timer_ConnectionIdle.client"], "no client text, no key")
	for range Messages() {
		break // stopping early must not panic
	}
}

func TestHash(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// printf '%s' 'Too many users.' | sha256sum | cut -c1-8
		{"client text", "Too many users.", "0e806851"},
		{"empty", "", "e3b0c442"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Hash(tc.text))
		})
	}
	assert.NotEqual(t, Hash("Too many users."), Hash("Too many users"), "any edit changes the hash")
}

func TestStale(t *testing.T) {
	write := func(t *testing.T, content string) string {
		p := filepath.Join(t.TempDir(), "messages_de.tsv")
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	current := Hash("Too many users.")
	t.Run("current, stale and unknown rows", func(t *testing.T) {
		p := write(t, "# c\nkey\ttext\tnotes\tsource\n"+
			"httpsys.ConnLimit.client\tZu viele Benutzer.\t\t"+current+"\n"+
			"httpsys.QueueFull.client\tDienst nicht verfügbar.\tn\t00000000\n"+
			"status.999\tGibt es nicht.\t\t00000000\n")
		rows, err := Stale(p)
		require.NoError(t, err)
		require.Len(t, rows, 1, "only the row whose English changed; unknown keys are not stale")
		r := rows[0]
		assert.Equal(t, 4, r.Line)
		assert.Equal(t, "httpsys.QueueFull.client", r.Key)
		assert.Equal(t, "Dienst nicht verfügbar.", r.Translation)
		assert.Equal(t, "00000000", r.Source)
		assert.NotEmpty(t, r.English)
	})
	t.Run("wrong header", func(t *testing.T) {
		_, err := Stale(write(t, "key\ttext\tnotes\n"))
		assert.ErrorContains(t, err, `want ["key" "text" "notes" "source"]`)
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := Stale(filepath.Join(t.TempDir(), "nope.tsv"))
		assert.Error(t, err)
	})
}
