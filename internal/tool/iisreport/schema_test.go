package iisreport

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaPaths lists every JSON path of t with its JSON type:
// "findings[].evidence[].line number".
func schemaPaths(t reflect.Type, prefix string, out *[]string) {
	switch {
	case t == reflect.TypeFor[time.Time]():
		*out = append(*out, prefix+" string (RFC 3339, UTC)")
		return
	case t.Kind() == reflect.Pointer:
		schemaPaths(t.Elem(), prefix, out)
		return
	case t.Kind() == reflect.Slice:
		schemaPaths(t.Elem(), prefix+"[]", out)
		return
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && tag == "" {
				schemaPaths(f.Type, prefix, out)
				continue
			}
			if name == "-" {
				continue
			}
			p := name
			if prefix != "" {
				p = prefix + "." + name
			}
			schemaPaths(f.Type, p, out)
		}
		return
	}
	kind := map[reflect.Kind]string{reflect.String: "string", reflect.Bool: "boolean", reflect.Float64: "number"}[t.Kind()]
	if kind == "" {
		kind = "number"
	}
	*out = append(*out, prefix+" "+kind)
}

// TestSchema pins the JSON report's field names and types
// (testdata/schema.golden, updated with -update and reviewed like code)
// and checks that SCHEMA.md documents every one of them.
func TestSchema(t *testing.T) {
	var paths []string
	schemaPaths(reflect.TypeFor[Report](), "", &paths)
	slices.Sort(paths)
	golden(t, "schema.golden", strings.Join(paths, "\n")+"\n")

	doc, err := os.ReadFile("SCHEMA.md")
	require.NoError(t, err)
	for _, p := range paths {
		path, _, _ := strings.Cut(p, " ")
		assert.Contains(t, string(doc), "`"+path+"`", "SCHEMA.md documents %s", path)
	}
	for _, rule := range []string{ruleRapidFail, ruleQueueSlow, ruleConfigError, ruleLogonBurst, ruleServerError, ruleReason, ruleNotices, ruleUnknown, ruleProblems, ruleSkipped, ruleRoutine, ruleNoRecords} {
		assert.Contains(t, string(doc), "`"+rule+"`", "SCHEMA.md documents rule %s", rule)
	}
	assert.Contains(t, string(doc), "schema version 1")
}
