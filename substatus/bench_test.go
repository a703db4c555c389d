package substatus

import "testing"

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ok", "403.14"}, {"ok/long", "400.601"}, {"bad", "403."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				sinkCode, _ = Parse(bc.in)
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    Code
	}{{"known", New(403, 14)}, {"unknown", New(299, 7)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = bc.c.String()
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    Code
		v    Version
		m    Module
	}{
		{"core", New(403, 14), IIS10, ModuleCore},
		{"module", New(502, 5), IIS10, ModuleANCM},
		{"fallback", New(500, 19), IIS10, ModuleARR},
		{"unknown", New(299, 7), IIS10, ModuleCore},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkMeaning, sinkBool = bc.c.Lookup(bc.v, bc.m)
			}
		})
	}
}

func BenchmarkDescribe(b *testing.B) {
	c := New(500, 19)
	b.ReportAllocs()
	for b.Loop() {
		sinkString, sinkBool = c.Describe(IIS6)
	}
}

func BenchmarkByID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMeaning, sinkBool = ByID("502.5/ancm")
	}
}
