package win32_test

import (
	"testing"

	"github.com/iisstatus/iisstatus/win32"
)

// benchInputs are sc-win32-status values as IIS logs them: common known
// codes, an HRESULT and an unknown number.
var benchInputs = []struct{ name, in string }{
	{"ok", "0"}, {"known", "64"}, {"hresult", "2148074254"}, {"hex", "0x8009030E"}, {"unknown", "1261"}, {"bad", "12x"},
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

func BenchmarkSymbol(b *testing.B) {
	for _, bc := range []struct {
		name string
		code win32.Code
	}{{"first", 0}, {"middle", 1260}, {"last", 2148074254}, {"unknown", 1261}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.code.Symbol()
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	for _, bc := range []struct {
		name string
		code win32.Code
	}{{"known", 1260}, {"hresult", 2148074254}, {"unknown", 1261}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = bc.code.String()
			}
		})
	}
}
