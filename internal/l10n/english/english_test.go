package english

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessages(t *testing.T) {
	seen := map[string]bool{}
	prefixOrder := []string{"status.", "substatus.", "httpsys."}
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
		"httpsys.ConnLimit.client", "httpsys.Invalid_CR/LF.cause"} {
		assert.True(t, seen[k], k)
	}
	assert.False(t, seen["httpsys.Timer_ConnectionIdle.client"], "no client text, no key")
	for range Messages() {
		break // stopping early must not panic
	}
}
