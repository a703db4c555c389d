package status_test

import (
	"testing"

	"github.com/iisstatus/iisstatus/status"
)

var (
	sinkString string
	sinkCode   status.Code
	sinkInfo   status.Info
	sinkBool   bool
)

func BenchmarkText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = status.NotFound.Text()
	}
}

func BenchmarkString(b *testing.B) {
	for _, bc := range []struct {
		name string
		code status.Code
	}{{"known", status.ServiceUnavailable}, {"unknown", 299}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = bc.code.String()
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{{"ok", "404"}, {"bad", "4o4"}, {"range", "1000"}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				sinkCode, _ = status.Parse(bc.in)
			}
		})
	}
}

func BenchmarkInfo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkInfo, sinkBool = status.ContentTooLarge.Info()
	}
}

func BenchmarkAppendText(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 8)
	for b.Loop() {
		buf, _ = status.NotFound.AppendText(buf[:0])
	}
}
