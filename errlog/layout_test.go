package errlog

import (
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestColumnsTable checks the table of typed columns, from which the
// schema, FieldOf, FieldSet.Column, Clone and LogValue are derived.
func TestColumnsTable(t *testing.T) {
	var all FieldSet
	for i, c := range columns {
		assert.Equal(t, kind(i+1), c.kind, "%s: the table is in kind order", c.name)
		assert.Equal(t, c.kind, schema.Kinds[c.name], c.name)
		assert.Equal(t, c.field, FieldOf(c.name), c.name)
		assert.Equal(t, c.text, c.field&(FieldVersion|FieldMethod|FieldURI|FieldQueueName) != 0, c.name)
		all |= c.field
	}
	assert.Equal(t, FieldQueueName<<1-1, all, "every FieldSet member has a column")
	assert.Len(t, schema.Kinds, len(columns))
}

func TestFieldOf(t *testing.T) {
	tests := []struct {
		name  string
		field FieldSet
		back  string // FieldSet.Column of field
	}{
		{"date", FieldTime, "date time"}, {"time", FieldTime, "date time"},
		{"c-ip", FieldClientIP, "c-ip"}, {"c-port", FieldClientPort, "c-port"},
		{"s-ip", FieldServerIP, "s-ip"}, {"s-port", FieldServerPort, "s-port"},
		{"cs-version", FieldVersion, "cs-version"}, {"cs-method", FieldMethod, "cs-method"},
		{"cs-uri", FieldURI, "cs-uri"}, {"sc-status", FieldStatus, "sc-status"},
		{"s-siteid", FieldSiteID, "s-siteid"}, {"s-reason", FieldReason, "s-reason"},
		{"s-queuename", FieldQueueName, "s-queuename"},
		{"streamid", 0, ""}, {"transport", 0, ""}, {"x-custom", 0, ""}, {"", 0, ""}, {"C-IP", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.field, FieldOf(tc.name))
			assert.Equal(t, tc.back, tc.field.Column())
		})
	}
	assert.Equal(t, "", (FieldClientIP | FieldServerIP).Column(), "not a single field")
	assert.Equal(t, "", FieldSet(1<<15).Column())
}

// TestInlining checks that the small helpers of the hot path stay
// inlinable, as net/netip's inlining_test.go does: a change that makes one
// of them too costly to inline slows every line down.
func TestInlining(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil || runtime.Compiler != "gc" || testing.Short() {
		t.Skip("needs the gc toolchain")
	}
	want := map[string]string{
		"github.com/iisstatus/iisstatus/errlog": `
			(*Reader).Buffer
			(*Reader).Line
			(*Reader).InputOffset
			(*Reader).Stats
			(*Record).Field
			(*Record).Raw
			(*Record).NumField
			FieldSet.Has
			value
		`,
		"github.com/iisstatus/iisstatus/internal/w3c": `
			(*DateCache).Hit
			ClockAt
			(*Reader).Active
			(*Reader).Buffered
			(*Reader).ConsumeLine
			(*Reader).Current
			(*Reader).Error
			(*Reader).Line
			(*Reader).LineOffset
			(*Reader).SawFields
			(*Reader).SetCurrent
			(*Reader).Spans
			(*Reader).Split
			(*Layout).Col
			(*Row).Col
			(*Row).Field
			(*Row).Value
			AtEOL
			DashAt
			IsDash
			UintAt
			head
			tail
		`,
	}
	for pkg, names := range want {
		out, err := exec.Command(goTool, "build", "-gcflags=-m", pkg).CombinedOutput()
		require.NoError(t, err, "%s", out)
		got := map[string]bool{}
		re := regexp.MustCompile(`: can inline (\S+)`)
		for _, m := range re.FindAllStringSubmatch(string(out), -1) {
			got[m[1]] = true
		}
		for _, name := range strings.Fields(names) {
			assert.True(t, got[name], "%s: %s is not inlinable", pkg, name)
		}
	}
}
