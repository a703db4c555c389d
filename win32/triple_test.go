package win32_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

func ids(seq func(func(win32.Pair) bool)) []string {
	var out []string
	for p := range seq {
		out = append(out, p.ID())
	}
	return out
}

// TestTriple: which pairs explain a log line or a page, and which module
// the data says set its substatus.
func TestTriple(t *testing.T) {
	const (
		core = substatus.ModuleCore
		arr  = substatus.ModuleARR
		ancm = substatus.ModuleANCM
	)
	logged := func(s string, c win32.Code) win32.Triple {
		return win32.Triple{Substatus: substatus.MustParse(s), Code: c, HasCode: true}
	}
	page := func(s string, m substatus.Module) win32.Triple {
		return win32.Triple{Substatus: substatus.MustParse(s), Module: m, HasModule: true}
	}
	tests := []struct {
		name   string
		t      win32.Triple
		ids    []string
		module substatus.Module
		known  bool // whether SetBy knows the module
	}{
		{name: "500 30 0: only ANCM sets 500.30", t: logged("500.30", 0), ids: []string{"500.30/ancm"}, module: ancm, known: true},
		{name: "500 30 9999: whatever the code", t: logged("500.30", 9999), ids: []string{"500.30/ancm"}, module: ancm, known: true},
		{name: "500.30 with its event-log code", t: logged("500.30", 0x8007023E), ids: []string{"500.30/ancm/0x8007023E"}, module: ancm, known: true},
		{name: "500.30 without a code", t: win32.Triple{Substatus: substatus.New(500, 30)}, ids: []string{"500.30/ancm"}, module: ancm, known: true},
		{name: "500 0 0: IIS sets 500.0 too", t: logged("500.0", 0)},
		{name: "500.0 without a code", t: win32.Triple{Substatus: substatus.New(500, 0)}},
		{name: "500.0 on an ANCM page", t: page("500.0", ancm), ids: []string{"500.0/ancm"}, module: ancm, known: true},
		{name: "500.0 the code names ANCM", t: logged("500.0", 0x8000FFFF), ids: []string{"500.0/ancm/0x8000FFFF"}, module: ancm, known: true},
		{name: "500.0 the code names IIS", t: logged("500.0", 13), ids: []string{"500.0/0x8007000D"}, module: core, known: true},
		{name: "500.0 ANCM page with a code of IIS's", t: win32.Triple{Substatus: substatus.New(500, 0), Code: 13, HasCode: true, Module: ancm, HasModule: true}, ids: []string{"500.0/ancm"}, module: ancm, known: true},
		{name: "502.5 without a code: ARR or ANCM", t: win32.Triple{Substatus: substatus.New(502, 5)}},
		{name: "502.5 on an ANCM page", t: page("502.5", ancm), ids: []string{"502.5/ancm"}, module: ancm, known: true},
		{name: "502 5 12030: WinHTTP says ARR", t: logged("502.5", 12030), module: arr, known: true},
		{name: "502 3 12002", t: logged("502.3", 12002), ids: []string{"502.3/arr/0x80072EE2"}, module: arr, known: true},
		{name: "502.3 0x80072EE2, the page form", t: logged("502.3", 0x80072EE2), ids: []string{"502.3/arr/0x80072EE2"}, module: arr, known: true},
		{name: "502 3 12029: no pair, still ARR", t: logged("502.3", 12029), module: arr, known: true},
		{name: "502 3 64: only ARR sets 502.3", t: logged("502.3", 64), module: arr, known: true},
		{name: "500 19 13: every row", t: logged("500.19", 13), ids: []string{"500.19/0x8007000D", "500.19/0x8007000D/aspnetcore"}, module: core, known: true},
		{name: "500.19 a page naming ARR", t: win32.Triple{Substatus: substatus.New(500, 19), Code: 13, HasCode: true, Module: arr, HasModule: true}, module: arr, known: true},
		{name: "500 19 12002: WinHTTP, but no ARR meaning", t: logged("500.19", 12002), module: core, known: true},
		{name: "404 0 2", t: logged("404.0", 2), ids: []string{"404.0/0x80070002"}, module: core, known: true},
		{name: "unknown substatus", t: logged("599.99", 13)},
		{name: "zero", t: win32.Triple{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.ids, ids(tc.t.Pairs()))
			m, ok := tc.t.SetBy()
			assert.Equal(t, tc.known, ok, "SetBy known")
			if tc.known {
				assert.Equal(t, tc.module, m)
			}
			if tc.t.HasCode && !tc.t.HasModule {
				assert.Equal(t, ids(tc.t.Pairs()), ids(win32.Explain(tc.t.Substatus, tc.t.Code)), "Explain is the short form")
			}
			for range tc.t.Pairs() {
				break
			}
		})
	}
}

// TestTripleRule checks the rule of Triple.Pairs over the whole table:
// every pair with a code explains its own substatus and code, first or
// after rows of the same combination; a pair without a code comes only
// when no pair has the code and only one add-on module sets the
// substatus, or the input names it.
func TestTripleRule(t *testing.T) {
	for p := range win32.Pairs() {
		s := p.Substatus()
		if p.HasCode() {
			got := slices.Collect(win32.Explain(s, p.Code()))
			assert.Contains(t, got, p, p.ID())
			assert.Equal(t, slices.Collect(win32.LookupPairs(s, p.Code())), got, "%s: the exact pairs, nothing else", p.ID())
			m, ok := win32.Triple{Substatus: s, Code: p.Code(), HasCode: true}.SetBy()
			require.True(t, ok, p.ID())
			assert.Equal(t, p.Module(), m, p.ID())
			continue
		}
		require.NotEqual(t, substatus.ModuleCore, p.Module(), "%s: a cause without a code belongs to an add-on module", p.ID())
		only := true
		for x := range s.Meanings() {
			only = only && x.Scope().Module == p.Module()
		}
		got := slices.Collect(win32.Explain(s, 0))
		if only {
			assert.Contains(t, got, p, "%s: only %s sets %s", p.ID(), p.Module(), s)
		} else {
			assert.NotContains(t, got, p, "%s: %s is not only %s's", p.ID(), s, p.Module())
		}
		assert.Contains(t, slices.Collect(win32.Triple{Substatus: s, Module: p.Module(), HasModule: true}.Pairs()), p, "%s: the module's page", p.ID())
	}
}
