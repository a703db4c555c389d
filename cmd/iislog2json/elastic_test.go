package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
)

// corpusDir is the team's shared corpus (not part of the module).
const corpusDir = "../../../shared/corpus/access"

func flatten(prefix string, v any, out map[string]any) {
	if m, ok := v.(map[string]any); ok {
		for k, x := range m {
			if prefix != "" {
				k = prefix + "." + k
			}
			flatten(k, x, out)
		}
		return
	}
	out[prefix] = v
}

// TestElasticExpected converts the corpus files for which Elastic ships
// the expected documents of its iis.access pipeline, and compares every
// key both have. Where Elastic's older documents keep "-" as a value, the
// facts say absent: such keys are left out here, and must be absent from
// our output. Keys only Elastic has are its enrichment (user_agent.name,
// url.extension...) and are not compared.
func TestElasticExpected(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not available (%v)", err)
	}
	for _, name := range []string{
		"elastic-beats-test-ipv6zone.log",
		"elastic-integrations-test-iis-access-cookie-bytes-split.log",
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(corpusDir, name))
			require.NoError(t, err)
			b, err := os.ReadFile(filepath.Join(corpusDir, name+"-expected.json"))
			require.NoError(t, err)
			var docs []any
			if err := json.Unmarshal(b, &docs); err != nil {
				var doc struct{ Expected []any }
				require.NoError(t, json.Unmarshal(b, &doc))
				docs = doc.Expected
			}
			var out bytes.Buffer
			c := &converter{w: &out, original: true}
			for rec, err := range iislog.NewReader(bytes.NewReader(data)).All() {
				require.NoError(t, err)
				require.NoError(t, c.write(rec))
			}
			objs := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			require.Len(t, objs, len(docs))
			for i, d := range docs {
				want, got := map[string]any{}, map[string]any{}
				flatten("", d, want)
				var g any
				require.NoError(t, json.Unmarshal([]byte(objs[i]), &g))
				flatten("", g, got)
				compared := 0
				for k, w := range want {
					if w == "-" {
						_, ok := got[k]
						assert.False(t, ok, "%s: '-' is absent", k)
						continue
					}
					gv, ok := got[k]
					if !ok {
						continue // Elastic's enrichment or metadata
					}
					compared++
					assert.Equal(t, w, gv, "%s", k)
				}
				assert.Greater(t, compared, 20, "most keys are shared")
			}
		})
	}
}
