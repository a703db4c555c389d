package tsv

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		rows    int
		wantErr string
	}{
		{name: "header only", in: "a\tb\n", rows: 0},
		{name: "rows, comments, blanks, CRLF", in: "a\tb\r\n# note\n\n1\t2\r\n3\t\n", rows: 2},
		{name: "field count", in: "a\tb\n1\n", wantErr: "x.tsv:2: 1 fields, header has 2"},
		{name: "duplicate column", in: "a\ta\n", wantErr: `duplicate column "a"`},
		{name: "empty", in: "# only a comment\n", wantErr: "no header line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := Read("x.tsv", strings.NewReader(tc.in))
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Len(t, tab.Rows, tc.rows)
		})
	}
}

func TestRowGet(t *testing.T) {
	tab, err := Read("x.tsv", strings.NewReader("a\tb\n1\tN/A\n"))
	require.NoError(t, err)
	require.Len(t, tab.Rows, 1)
	assert.Equal(t, "N/A", tab.Rows[0].Get("b"))
	assert.Equal(t, 2, tab.Rows[0].Line)
	assert.Panics(t, func() { tab.Rows[0].Get("c") })
}

func TestMeta(t *testing.T) {
	tab, err := Read("x.tsv", strings.NewReader("# data-version: 2026-11-24 \n# a remark: not: meta\n# note\na\n"))
	require.NoError(t, err)
	v, err := tab.MetaValue("data-version")
	require.NoError(t, err)
	assert.Equal(t, "2026-11-24", v)
	assert.NotContains(t, tab.Meta, "a remark")
	_, err = tab.MetaValue("registry-date")
	assert.EqualError(t, err, `x.tsv: no "# registry-date: " comment line`)
}

func TestCheckColumns(t *testing.T) {
	tab, err := Read("x.tsv", strings.NewReader("a\tb\n"))
	require.NoError(t, err)
	assert.NoError(t, tab.CheckColumns("a", "b"))
	assert.EqualError(t, tab.CheckColumns("a", "c"), `x.tsv: columns ["a" "b"], want ["a" "c"]`)
	assert.Error(t, tab.CheckColumns("a"))
}
