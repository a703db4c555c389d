package status_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/status"
)

// TestInfoJSON checks the JSON names of Info's fields: every exported field
// has one, and empty fields are left out.
func TestInfoJSON(t *testing.T) {
	info, ok := status.TooManyRequests.Info()
	require.True(t, ok)
	b, err := json.Marshal(info)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, "429", m["code"])
	assert.Equal(t, "Too Many Requests", m["phrase"])
	assert.Equal(t, true, m["no_store"])
	assert.Equal(t, true, m["retry_after"])
	for _, k := range []string{"spec", "registry", "retry", "description", "source"} {
		assert.Contains(t, m, k)
	}
	assert.NotContains(t, m, "cacheable", "false is left out")
	assert.NotContains(t, m, "Phrase", "no Go field names")

	b, err = json.Marshal(status.Info{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":""}`, string(b), "the zero Info")
}
