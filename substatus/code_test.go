package substatus

import (
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"testing"

	"github.com/iisstatus/iisstatus/status"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Code
	}{
		{"typical", "403.14", Code{403, 14}},
		{"one digit sub", "403.1", Code{403, 1}},
		{"two digit sub differs from one", "403.10", Code{403, 10}},
		{"sub zero", "404.0", Code{404, 0}},
		{"arr three digits", "400.601", Code{400, 601}},
		{"max sub", "599.65535", Code{599, 65535}},
		{"min status", "100.0", Code{100, 0}},
		{"unknown but valid", "418.7", Code{418, 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.True(t, got.IsValid())
			assert.Equal(t, tc.in, got.String())
			assert.Equal(t, got, MustParse(tc.in))
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name, in, reason string
		kind             error
	}{
		{"empty", "", "empty string", ErrSyntax},
		{"bare status", "403", `missing "." and substatus (write "403.0" for substatus 0)`, ErrSyntax},
		{"trailing dot", "403.", `missing substatus after "."`, ErrSyntax},
		{"no status", ".14", "want a three-digit status", ErrSyntax},
		{"two dots", "403.1.2", "substatus must be decimal digits", ErrSyntax},
		{"letters", "abc", "want a three-digit status", ErrSyntax},
		{"sub too big", "403.99999", "substatus out of range 0-65535", ErrRange},
		{"sub far too long", "403.1234567", "substatus too long", ErrRange},
		{"long and not digits", "403.abcdefgh", "substatus must be decimal digits", ErrSyntax},
		{"leading space", " 403.14", "want a three-digit status", ErrSyntax},
		{"trailing space", "403.14 ", "substatus must be decimal digits", ErrSyntax},
		{"zero status", "0.0", "want a three-digit status", ErrSyntax},
		{"status 000", "000.0", "status out of range 100-599", ErrRange},
		{"status 600", "600.1", "status out of range 100-599", ErrRange},
		{"leading zero sub", "403.01", "substatus has a leading zero", ErrSyntax},
		{"space separated", "403 14", `want "." after the three-digit status`, ErrSyntax},
		{"four digit status", "4031.4", `want "." after the three-digit status`, ErrSyntax},
		{"sign", "403.+1", "substatus must be decimal digits", ErrSyntax},
		{"float style", "403.1e1", "substatus must be decimal digits", ErrSyntax},
		{"non-ascii digit", "403.١", "substatus must be decimal digits", ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			require.Error(t, err)
			assert.Equal(t, Code{}, got)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tc.in, pe.Input)
			assert.Equal(t, tc.reason, pe.Err.Error())
			assert.ErrorIs(t, err, tc.kind)
			other := ErrRange
			if tc.kind == ErrRange {
				other = ErrSyntax
			}
			assert.NotErrorIs(t, err, other)
			assert.Equal(t, "substatus: parse "+strconv.Quote(tc.in)+": "+tc.reason, err.Error())
			assert.Panics(t, func() { MustParse(tc.in) })
		})
	}
}

func TestCodeBasics(t *testing.T) {
	tests := []struct {
		name         string
		c            Code
		str          string
		valid, known bool
	}{
		{"zero value", Code{}, "0.0", false, false},
		{"known", New(403, 14), "403.14", true, true},
		{"known sub zero", New(status.NotFound, 0), "404.0", true, true},
		{"valid unknown", New(200, 0), "200.0", true, false},
		{"invalid status", New(999, 1), "999.1", false, false},
		{"negative status", New(-1, 1), "-1.1", false, false},
		{"huge status", New(1<<20, 1), "1048576.1", false, false},
		{"403.1 is not 403.10", New(403, 1), "403.1", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.str, tc.c.String())
			assert.Equal(t, tc.valid, tc.c.IsValid())
			assert.Equal(t, tc.known, tc.c.IsKnown())
			assert.Equal(t, slog.StringValue(tc.str), tc.c.LogValue())
		})
	}
	assert.NotEqual(t, MustParse("403.1"), MustParse("403.10"))
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		c    Code
		text string
	}{
		{"known", New(403, 14), "403.14"},
		{"unknown valid", New(299, 7), "299.7"},
		{"zero value is empty", Code{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.c.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tc.text, string(b))
			b, err = tc.c.AppendText([]byte("x="))
			require.NoError(t, err)
			assert.Equal(t, "x="+tc.text, string(b))
			var back Code
			require.NoError(t, back.UnmarshalText([]byte(tc.text)))
			assert.Equal(t, tc.c, back)
		})
	}
	t.Run("invalid non-zero code does not marshal", func(t *testing.T) {
		_, err := New(999, 1).MarshalText()
		assert.EqualError(t, err, "substatus: cannot marshal invalid code 999.1")
	})
	t.Run("unmarshal error", func(t *testing.T) {
		c := New(403, 14)
		var pe *ParseError
		assert.ErrorAs(t, c.UnmarshalText([]byte("403")), &pe)
		assert.Equal(t, New(403, 14), c, "unchanged on error")
	})
	t.Run("json map keys and values", func(t *testing.T) {
		in := map[Code]Code{New(404, 13): New(413, 1)}
		b, err := json.Marshal(in)
		require.NoError(t, err)
		assert.JSONEq(t, `{"404.13":"413.1"}`, string(b))
		var out map[Code]Code
		require.NoError(t, json.Unmarshal(b, &out))
		assert.Equal(t, in, out)
	})
}

func TestAll(t *testing.T) {
	codes := slices.Collect(All())
	require.NotEmpty(t, codes)
	assert.True(t, slices.IsSortedFunc(codes, func(a, b Code) int {
		if a.Status != b.Status {
			return int(a.Status - b.Status)
		}
		return int(a.Sub) - int(b.Sub)
	}))
	seen := map[Code]bool{}
	n := 0
	for c := range All() {
		assert.False(t, seen[c], "duplicate %v", c)
		seen[c] = true
		assert.True(t, c.IsKnown())
		back, err := Parse(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, back)
		n += len(slices.Collect(c.Meanings()))
	}
	assert.Equal(t, len(slices.Collect(Meanings())), n, "every meaning belongs to exactly one code")
	i := slices.Index(codes, New(403, 2))
	j := slices.Index(codes, New(403, 10))
	assert.Less(t, i, j, "403.2 sorts before 403.10")
	for range All() {
		break // early exit must not panic
	}
}

var (
	sinkCode    Code
	sinkString  string
	sinkBool    bool
	sinkMeaning Meaning
	sinkValue   slog.Value
)

func TestNoAllocs(t *testing.T) {
	c := New(403, 14)
	tests := []struct {
		name string
		f    func()
	}{
		{"Parse", func() { sinkCode, _ = Parse("403.14") }},
		{"Parse long sub", func() { sinkCode, _ = Parse("400.601") }},
		{"String", func() { sinkString = c.String() }},
		{"IsKnown", func() { sinkBool = c.IsKnown() }},
		{"Lookup", func() { sinkMeaning, sinkBool = c.Lookup(IIS10, ModuleCore) }},
		{"Lookup module fallback", func() { sinkMeaning, sinkBool = New(500, 19).Lookup(IIS10, ModuleANCM) }},
		{"Describe", func() { sinkString, sinkBool = c.Describe(IIS75) }},
		{"ByID", func() { sinkMeaning, sinkBool = ByID("502.5/ancm") }},
		{"LogValue", func() { sinkValue = c.LogValue() }},
		{"Meaning label", func() { m, _ := c.Meaning(IIS10); sinkString = m.Label() }},
		{"Meaning client text", func() { m, _ := c.Meaning(IIS10); sinkString = m.ClientText() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.f))
		})
	}
	for k := range All() {
		if n := testing.AllocsPerRun(10, func() { sinkString = k.String() }); n != 0 {
			t.Errorf("%v.String allocates %v", k, n)
		}
	}
}
