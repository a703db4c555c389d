package httpsys_test

import (
	"testing"

	"github.com/iisstatus/iisstatus/httpsys"
)

var (
	benchReason   httpsys.Reason
	benchString   string
	benchInfo     httpsys.Info
	benchSeverity httpsys.Severity
)

func BenchmarkParseReason(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ok/Timer_ConnectionIdle", "Timer_ConnectionIdle"},
		{"ok/N/A", "N/A"},
		{"ok/Connection_Abandoned_By_ReqQueue", "Connection_Abandoned_By_ReqQueue"},
		{"bad/Request_Too_Large", "Request_Too_Large"},
		{"bad/conn_limit", "conn limit"},
	} {
		in := []byte(bc.in)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				benchReason = httpsys.ParseReason(in)
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	r := httpsys.ReasonTimerConnectionIdle
	for b.Loop() {
		benchString = r.String()
	}
}

func BenchmarkInfo(b *testing.B) {
	// The whole Info is copied into a package-level variable (a
	// worst case: a typed copy of about 250 bytes).
	b.Run("copy", func(b *testing.B) {
		b.ReportAllocs()
		r := httpsys.ReasonQueueFull
		for b.Loop() {
			benchInfo = r.Info()
		}
	})
	// The usual use: look at a few fields.
	b.Run("fields", func(b *testing.B) {
		b.ReportAllocs()
		r := httpsys.ReasonQueueFull
		for b.Loop() {
			info := r.Info()
			benchString = info.ClientText
			benchSeverity = info.Severity
		}
	})
}
