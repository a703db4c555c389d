package win32_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/gen/tsv"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

func statusCode(t testing.TB, s string) substatus.Code {
	t.Helper()
	c, err := substatus.Parse(s)
	require.NoError(t, err)
	return c
}

// TestPairTable: every row of internal/data/win32_pairs.tsv is found
// through the public API with all its fields, by ID, by substatus, by
// substatus and code (in both forms) and by code.
func TestPairTable(t *testing.T) {
	tab, err := tsv.ReadFile(dataDir + "win32_pairs.tsv")
	require.NoError(t, err)
	var all []win32.Pair
	for _, row := range tab.Rows {
		t.Run(row.Get("id"), func(t *testing.T) {
			p, ok := win32.PairByID(row.Get("id"))
			require.True(t, ok)
			all = append(all, p)
			s := statusCode(t, row.Get("substatus"))
			assert.Equal(t, s, p.Substatus())
			m, err := substatus.ParseModule(row.Get("module"))
			require.NoError(t, err)
			assert.Equal(t, m, p.Module())
			assert.Equal(t, row.Get("iis_versions"), p.IISVersions())
			assert.Equal(t, row.Get("cause"), p.Cause())
			assert.Equal(t, row.Get("fix"), p.Fix())
			assert.Equal(t, row.Get("confidence"), p.Confidence().String())
			assert.Equal(t, row.Get("challenge") == "yes", p.IsChallenge())
			assert.Equal(t, strings.Split(row.Get("source"), " | "), slices.Collect(p.Sources()))
			if n := row.Get("notes"); n != "" {
				assert.Equal(t, strings.Split(n, " | "), slices.Collect(p.Notes()))
			} else {
				assert.Empty(t, slices.Collect(p.Notes()))
			}
			assert.Contains(t, slices.Collect(win32.PairsFor(s)), p)
			if row.Get("code") == "-" {
				assert.False(t, p.HasCode())
				assert.Zero(t, p.Code())
				return
			}
			require.True(t, p.HasCode())
			c := win32.MustParse(row.Get("code"))
			assert.Equal(t, c, p.Code())
			assert.Contains(t, slices.Collect(win32.LookupPairs(s, c)), p)
			assert.Contains(t, slices.Collect(c.Pairs()), p)
			if w, ok := c.Win32(); ok {
				assert.Contains(t, slices.Collect(win32.LookupPairs(s, w)), p, "Win32 form %d", w)
				assert.Contains(t, slices.Collect(w.Pairs()), p)
			}
		})
	}
	assert.Equal(t, all, slices.Collect(win32.Pairs()), "table order")
}

func TestPairsOrder(t *testing.T) {
	ps := slices.Collect(win32.Pairs())
	require.NotEmpty(t, ps)
	ids := map[string]bool{}
	for i, p := range ps {
		assert.True(t, p.IsValid())
		assert.False(t, ids[p.ID()], "duplicate ID %s", p.ID())
		ids[p.ID()] = true
		assert.True(t, strings.HasPrefix(p.ID(), p.Substatus().String()+"/"), p.ID())
		assert.NotEmpty(t, p.Cause())
		assert.NotEmpty(t, p.Fix())
		assert.NotEmpty(t, slices.Collect(p.Sources()))
		if i == 0 {
			continue
		}
		a, b := ps[i-1], p
		ka := [3]uint64{uint64(a.Substatus().Status), uint64(a.Substatus().Sub), boolKey(a)}
		kb := [3]uint64{uint64(b.Substatus().Status), uint64(b.Substatus().Sub), boolKey(b)}
		assert.True(t, slices.Compare(ka[:], kb[:]) <= 0, "%s before %s", a, b)
	}
	for range win32.Pairs() {
		break
	}
}

// boolKey orders pairs without a code before those with one, then by code.
func boolKey(p win32.Pair) uint64 {
	if !p.HasCode() {
		return 0
	}
	return 1<<32 | uint64(p.Code())
}

// TestRequiredPairs: the pairs people paste most, as listed for the
// explainer: the 500.19 codes of Microsoft's article, the integrated
// pipeline errors, the ASP.NET Core Module pages, 503 with access denied,
// the 401 log values, 403.14 and 404.x.
func TestRequiredPairs(t *testing.T) {
	tests := []struct {
		sub  string
		code string // "" for the cause of a page without a code
	}{
		{"500.19", "0x8007000d"}, {"500.19", "0x80070021"}, {"500.19", "0x80070005"}, {"500.19", "0x8007007e"},
		{"500.19", "0x800700b7"}, {"500.19", "0x80070003"}, {"500.19", "0x8007052e"}, {"500.19", "0x800700c1"},
		{"500.19", "0x8007010b"},
		{"500.0", "0x8007000d"}, {"500.0", "0x80070032"}, {"500.21", "0x8007000d"},
		{"500.22", "0x80070032"}, {"500.23", "0x80070032"}, {"500.24", "0x80070032"},
		{"502.5", ""}, {"500.0", ""}, {"500.30", ""}, {"500.31", ""}, {"500.32", ""}, {"500.33", ""}, {"500.34", ""},
		{"500.35", ""}, {"500.36", ""}, {"500.37", ""}, {"500.38", ""},
		{"503.0", "0x80070005"},
		{"401.1", "1326"}, {"401.1", "2148074254"}, {"401.2", "5"},
		{"403.14", "0"}, {"404.0", "2"}, {"404.2", "1260"}, {"404.3", "50"}, {"404.13", "0"}, {"404.17", "50"},
	}
	for _, tc := range tests {
		t.Run(tc.sub+" "+tc.code, func(t *testing.T) {
			s := statusCode(t, tc.sub)
			if tc.code == "" {
				var found bool
				for p := range win32.PairsFor(s) {
					if !p.HasCode() {
						found = true
						assert.Equal(t, substatus.ModuleANCM, p.Module())
					}
				}
				assert.True(t, found, "no cause without a code for %s", s)
				return
			}
			ps := slices.Collect(win32.LookupPairs(s, win32.MustParse(tc.code)))
			assert.NotEmpty(t, ps)
		})
	}
	t.Run("500.19 0x80070032 is not a documented pair", func(t *testing.T) {
		assert.Empty(t, slices.Collect(win32.LookupPairs(statusCode(t, "500.19"), 0x80070032)))
	})
	t.Run("500.19 0x8007000D has two rows", func(t *testing.T) {
		ps := slices.Collect(win32.LookupPairs(statusCode(t, "500.19"), 13))
		require.Len(t, ps, 2)
		assert.Equal(t, "500.19/0x8007000D", ps[0].ID())
		assert.Equal(t, "500.19/0x8007000D/aspnetcore", ps[1].ID())
	})
}

func TestLookupPairs(t *testing.T) {
	s := statusCode(t, "500.19")
	byHex := slices.Collect(win32.LookupPairs(s, 0x80070021))
	require.Len(t, byHex, 1)
	assert.Equal(t, byHex, slices.Collect(win32.LookupPairs(s, 33)), "Win32 form")
	assert.Equal(t, "500.19 0x80070021", byHex[0].String())
	assert.Empty(t, slices.Collect(win32.LookupPairs(statusCode(t, "500.30"), 0)), "a pair without a code is no match for code 0")
	assert.Empty(t, slices.Collect(win32.LookupPairs(statusCode(t, "599.99"), 13)), "unknown substatus")
	assert.Empty(t, slices.Collect(win32.LookupPairs(substatus.Code{}, 0)), "zero substatus")
	assert.Empty(t, slices.Collect(win32.PairsFor(statusCode(t, "200.0"))))
	for range win32.LookupPairs(s, 13) {
		break
	}
	for range win32.PairsFor(s) {
		break
	}

	t.Run("Code.Pairs spans substatus codes", func(t *testing.T) {
		var subs []string
		for p := range win32.Code(0x80070032).Pairs() {
			subs = append(subs, p.Substatus().String())
		}
		assert.Equal(t, []string{"404.3", "404.17", "500.0", "500.22", "500.23", "500.24"}, subs)
		assert.Equal(t, slices.Collect(win32.Code(0x80070032).Pairs()), slices.Collect(win32.Code(50).Pairs()))
		for range win32.Code(50).Pairs() {
			break
		}
	})
	t.Run("the same code means different things", func(t *testing.T) {
		a := slices.Collect(win32.LookupPairs(statusCode(t, "500.0"), 50))
		b := slices.Collect(win32.LookupPairs(statusCode(t, "404.3"), 50))
		require.Len(t, a, 1)
		require.Len(t, b, 1)
		assert.NotEqual(t, a[0].Cause(), b[0].Cause())
	})
	t.Run("modules", func(t *testing.T) {
		var mods []substatus.Module
		for p := range win32.PairsFor(statusCode(t, "500.0")) {
			mods = append(mods, p.Module())
		}
		assert.Contains(t, mods, substatus.ModuleCore)
		assert.Contains(t, mods, substatus.ModuleANCM)
		ps := slices.Collect(win32.LookupPairs(statusCode(t, "502.3"), 12002))
		require.Len(t, ps, 1)
		assert.Equal(t, substatus.ModuleARR, ps[0].Module())
		assert.Equal(t, "502.3 0x80072EE2 (ARR)", ps[0].String())
	})
}

// TestChallenges: the pairs that are the normal first legs of an
// authentication, which a failed-logon rule must not count.
func TestChallenges(t *testing.T) {
	var got []string
	for p := range win32.Pairs() {
		if p.IsChallenge() {
			got = append(got, p.ID())
		}
	}
	assert.Equal(t, []string{"401.1/0x8009030E", "401.2/0x80070005"}, got)
	for p := range win32.Explain(statusCode(t, "401.1"), 1326) {
		assert.False(t, p.IsChallenge(), "a wrong password is a failure")
	}
	assert.False(t, win32.Pair{}.IsChallenge())
}

func TestPairText(t *testing.T) {
	p, ok := win32.PairByID("500.30/ancm")
	require.True(t, ok)
	assert.Equal(t, "500.30 (ANCM)", p.String())
	b, err := json.Marshal(map[string]win32.Pair{"p": p})
	require.NoError(t, err)
	assert.JSONEq(t, `{"p":"500.30/ancm"}`, string(b))
	var back map[string]win32.Pair
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back["p"])

	var q win32.Pair
	err = q.UnmarshalText([]byte("500.19/nope"))
	assert.ErrorIs(t, err, win32.ErrUnknownPair)
	assert.EqualError(t, err, `win32: parse "500.19/nope": unknown pair ID`)
	require.NoError(t, q.UnmarshalText(nil))
	assert.Equal(t, win32.Pair{}, q)
	_, ok = win32.PairByID("")
	assert.False(t, ok)
}

func TestZeroPair(t *testing.T) {
	var p win32.Pair
	assert.False(t, p.IsValid())
	assert.Equal(t, "", p.ID())
	assert.Equal(t, "", p.String())
	assert.Equal(t, "", p.Cause())
	assert.Equal(t, substatus.Code{}, p.Substatus())
	assert.False(t, p.HasCode())
	assert.Empty(t, slices.Collect(p.Sources()))
	text, err := p.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)
}

// TestPairTextIsOurs: shipped text cites public sources only and says
// nothing of how the data was gathered.
func TestPairTextIsOurs(t *testing.T) {
	for p := range win32.Pairs() {
		for _, s := range append([]string{p.Cause(), p.Fix(), p.IISVersions()}, append(slices.Collect(p.Sources()), slices.Collect(p.Notes())...)...) {
			l := strings.ToLower(s)
			for _, w := range []string{"dossier", "seed", "issue 8", "index id", "find_string"} {
				assert.NotContains(t, l, w, p.ID())
			}
		}
		for s := range p.Sources() {
			assert.True(t, strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://"), "%s: source %q", p.ID(), s)
		}
	}
	for c := range win32.Described() {
		assert.NotContains(t, strings.ToLower(c.Description()), "dossier", strconv.Itoa(int(c)))
	}
}
