package substatus

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Version
	}{
		{"major only", "6", IIS6},
		{"with minor", "6.0", IIS6},
		{"7.5", "7.5", IIS75},
		{"ten", "10", IIS10},
		{"ten dot zero", "10.0", IIS10},
		{"five", "5", IIS5},
		{"seven", "7", IIS7},
		{"eight", "8", IIS8},
		{"eight five", "8.5", IIS85},
		{"prefixed", "IIS 7.5", IIS75},
		{"prefixed lower no space", "iis10", IIS10},
		{"spaces", " 8.0 ", IIS8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseVersion(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	for _, bad := range []string{"", "4", "5.1", "7.1", "11", "IIS", "10.00", "v7", "7,5"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := ParseVersion(bad)
			assert.ErrorIs(t, err, ErrUnknownVersion)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, ParseError{Input: bad, Err: ErrUnknownVersion}, *pe)
		})
	}
}

func TestVersion(t *testing.T) {
	all := slices.Collect(Versions())
	require.Equal(t, []Version{IIS5, IIS6, IIS7, IIS75, IIS8, IIS85, IIS10}, all)
	assert.True(t, slices.IsSorted(all))
	assert.Equal(t, IIS10, Latest)
	names := []string{"IIS 5.0", "IIS 6.0", "IIS 7.0", "IIS 7.5", "IIS 8.0", "IIS 8.5", "IIS 10.0"}
	for i, v := range all {
		t.Run(names[i], func(t *testing.T) {
			assert.True(t, v.IsValid())
			assert.Equal(t, names[i], v.String())
			back, err := ParseVersion(v.String())
			require.NoError(t, err)
			assert.Equal(t, v, back)
			text, err := v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, v.Number(), string(text))
			var u Version
			require.NoError(t, u.UnmarshalText(text))
			assert.Equal(t, v, u)
		})
	}
	t.Run("zero", func(t *testing.T) {
		var v Version
		assert.False(t, v.IsValid())
		assert.Equal(t, "IIS version(0)", v.String())
		assert.Equal(t, "", v.Number())
		text, err := v.MarshalText()
		require.NoError(t, err, "the zero Version (no version) marshals")
		assert.Empty(t, text)
		u := IIS7
		require.NoError(t, u.UnmarshalText(nil))
		assert.Equal(t, Version(0), u)
		b, err := json.Marshal(Scope{Since: IIS7})
		require.NoError(t, err)
		assert.JSONEq(t, `{"Module":"core","Since":"7.0","Until":"","Release":"","Note":""}`, string(b))
	})
	t.Run("invalid", func(t *testing.T) {
		v := IIS10 + 1
		_, err := v.MarshalText()
		assert.Error(t, err)
		assert.Error(t, v.UnmarshalText([]byte("12")))
	})
}

func TestParseModule(t *testing.T) {
	tests := []struct {
		in   string
		want Module
	}{
		{"core", ModuleCore}, {"IIS", ModuleCore}, {"arr", ModuleARR}, {"ARR", ModuleARR},
		{"Application Request Routing", ModuleARR}, {"ancm", ModuleANCM}, {"AspNetCoreModuleV2", ModuleANCM},
		{"rewrite", ModuleURLRewrite}, {"URL Rewrite", ModuleURLRewrite}, {"urlrewrite", ModuleURLRewrite},
		{"iprestrictions", ModuleIPRestrictions}, {"dipr", ModuleIPRestrictions}, {"ipSecurity", ModuleIPRestrictions},
		{"IP and Domain Restrictions", ModuleIPRestrictions}, {" ancm ", ModuleANCM},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseModule(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	for _, bad := range []string{"", "nginx", "ar", "rewrite2"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := ParseModule(bad)
			assert.ErrorIs(t, err, ErrUnknownModule)
			assert.EqualError(t, err, "substatus: parse "+strconv.Quote(bad)+": "+ErrUnknownModule.Error())
		})
	}
}

func TestModule(t *testing.T) {
	all := slices.Collect(Modules())
	require.Equal(t, []Module{ModuleCore, ModuleARR, ModuleANCM, ModuleURLRewrite, ModuleIPRestrictions}, all)
	keys := []string{"core", "arr", "ancm", "rewrite", "iprestrictions"}
	for i, m := range all {
		t.Run(keys[i], func(t *testing.T) {
			assert.Equal(t, keys[i], m.Key())
			for _, s := range []string{m.Key(), m.String()} {
				back, err := ParseModule(s)
				require.NoError(t, err)
				assert.Equal(t, m, back)
			}
			b, err := json.Marshal(m)
			require.NoError(t, err)
			assert.Equal(t, `"`+keys[i]+`"`, string(b))
			var u Module
			require.NoError(t, json.Unmarshal(b, &u))
			assert.Equal(t, m, u)
		})
	}
	bad := Module(9)
	assert.False(t, bad.IsValid())
	assert.Equal(t, "Module(9)", bad.String())
	assert.Equal(t, "", bad.Key())
	_, err := bad.MarshalText()
	assert.Error(t, err)
}

func TestScope(t *testing.T) {
	tests := []struct {
		name    string
		s       Scope
		str     string
		in, out []Version
	}{
		{"open ended", Scope{Since: IIS7}, "IIS 7.0+", []Version{IIS7, IIS75, IIS10}, []Version{IIS5, IIS6, 0, IIS10 + 1}},
		{"range", Scope{Since: IIS5, Until: IIS6}, "IIS 5.0–6.0", []Version{IIS5, IIS6}, []Version{IIS7, IIS10}},
		{"single", Scope{Since: IIS6, Until: IIS6}, "IIS 6.0", []Version{IIS6}, []Version{IIS5, IIS7}},
		{"module with release", Scope{Module: ModuleARR, Since: IIS7, Release: "3.0.1916"}, "ARR 3.0.1916 on IIS 7.0+", []Version{IIS8}, []Version{IIS6}},
		{"module", Scope{Module: ModuleANCM, Since: IIS75}, "ANCM on IIS 7.5+", []Version{IIS10}, []Version{IIS7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.str, tc.s.String())
			for _, v := range tc.in {
				assert.True(t, tc.s.Contains(v), v)
			}
			for _, v := range tc.out {
				assert.False(t, tc.s.Contains(v), v)
			}
		})
	}
}

func TestConfidence(t *testing.T) {
	assert.Equal(t, "low", ConfidenceLow.String())
	assert.Equal(t, "medium", ConfidenceMedium.String())
	assert.Equal(t, "high", ConfidenceHigh.String())
	assert.Equal(t, "unknown", Confidence(0).String())
	assert.Equal(t, "Confidence(4)", Confidence(4).String())
	assert.Less(t, ConfidenceLow, ConfidenceHigh)
}
