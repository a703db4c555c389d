package win32_test

import (
	"testing"

	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// benchInputs are codes as IIS logs them and as error pages and .NET print
// them: common known codes, HRESULTs in three notations, an unknown number
// and a bad one.
var benchInputs = []struct{ name, in string }{
	{"ok", "0"}, {"known", "64"}, {"hresult", "2148074254"}, {"hex", "0x8009030E"}, {"signed", "-2147024883"},
	{"unknown", "9999"}, {"bad", "12x"},
}

func BenchmarkParse(b *testing.B) {
	for _, bi := range benchInputs {
		b.Run(bi.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bi.in)))
			for b.Loop() {
				_, _ = win32.Parse(bi.in)
			}
		})
	}
}

// symbolCodes spread over the packed table: its first entry, a Win32 code
// in the middle, the last entry, an HRESULT named after its Win32 code and
// an unknown code.
var symbolCodes = []struct {
	name string
	code win32.Code
}{{"first", 0}, {"middle", 1260}, {"last", 0xC00000FD}, {"via-win32", 0x8007000D}, {"unknown", 9999}}

func BenchmarkSymbol(b *testing.B) {
	for _, bc := range symbolCodes {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.code.Symbol()
			}
		})
	}
}

func BenchmarkDescription(b *testing.B) {
	for _, bc := range symbolCodes {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.code.Description()
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	for _, bc := range []struct {
		name string
		code win32.Code
	}{{"known", 1260}, {"hresult", 2148074254}, {"unknown", 9999}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.code.String()
			}
		})
	}
}

// BenchmarkLookupPairs looks up pairs as an explainer does for a pasted
// page: a substatus with many pairs (500.19), one with a single pair, and
// a combination the table does not have.
func BenchmarkLookupPairs(b *testing.B) {
	for _, bc := range []struct {
		name string
		sub  substatus.Code
		code win32.Code
	}{
		{"500.19-two-rows", substatus.MustParse("500.19"), 0x8007000D},
		{"500.19-log-form", substatus.MustParse("500.19"), 33},
		{"404.3", substatus.MustParse("404.3"), 50},
		{"none", substatus.MustParse("404.0"), 5},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for p := range win32.LookupPairs(bc.sub, bc.code) {
					_ = p.Cause()
				}
			}
		})
	}
}

func BenchmarkCodePairs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for p := range win32.Code(0x80070032).Pairs() {
			_ = p.Substatus()
		}
	}
}

// BenchmarkExplain chooses the pairs of log triples as a report does for
// each line: an exact pair, the fallback to a module's cause without a
// code, and a triple no pair explains.
func BenchmarkExplain(b *testing.B) {
	for _, bc := range []struct {
		name string
		sub  substatus.Code
		code win32.Code
	}{
		{"500.19-exact", substatus.New(500, 19), 13},
		{"500.30-module", substatus.New(500, 30), 0},
		{"500.0-none", substatus.New(500, 0), 0},
		{"502.3-winhttp", substatus.New(502, 3), 12029},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for p := range win32.Explain(bc.sub, bc.code) {
					_ = p.Cause()
				}
			}
		})
	}
}
