package iisstatus_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/iisstatus/iisstatus"
)

// BenchmarkExplain measures typical inputs.
func BenchmarkExplain(b *testing.B) {
	for _, in := range []string{"403.14", "503 QueueFull", "404 2 1260", "HTTP Error 500.19 - Internal Server Error", "500.19 0x8007000d", "0x80070021", "Conn Limit"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_, _ = iisstatus.Explain(in)
			}
		})
	}
}

// BenchmarkExplainLarge shows that Explain's cost grows linearly with the
// input: the throughput (MB/s) of each shape stays the same from 1 KB to
// 1 MB. The shapes are the worst cases of the tokenizer: one long word,
// many short tokens, a long title and a long run of white space.
func BenchmarkExplainLarge(b *testing.B) {
	shapes := []struct {
		name string
		unit string
	}{
		{"word", "abcdefgh"},
		{"tokens", "404 2 - "},
		{"title", "Forbidden "},
		{"space", " \t\u00a0"},
		{"digits", "12345678"},
		// Pages: a text page and an HTML page padded with list lines, and
		// the worst cases of the HTML reader.
		{"page", "The app started but threw an exception during startup\n"},
		{"html", "<li>The URL contains a typographical error.</li>\n"},
		{"fields", "Module\t   IIS Web Core\n"},
		{"runtogether", "ModuleXNotificationExecuteRequestHandlerHandlerY"},
		{"tags", "<a<b"},
		{"refs", "&amp;&#39;&nbsp"},
		{"lt", "a < b\n"},
	}
	for _, sh := range shapes {
		for _, size := range []int{1 << 10, 64 << 10, 1 << 20} {
			in := strings.Repeat(sh.unit, size/len(sh.unit))
			switch sh.name {
			case "title":
				in = "HTTP Error 403.14 - " + in
			case "page":
				in = "HTTP Error 500.30 - ASP.NET Core app failed to start\n" + in
			case "html":
				in = "<html><body><h3>HTTP Error 404.0 - Not Found</h3><ul>" + in + "</ul></body></html>"
			case "fields", "runtogether", "lt":
				in = "HTTP Error 500.19 - Internal Server Error\n" + in
			}
			b.Run(sh.name+"/"+strconv.Itoa(size>>10)+"KB", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					_, _ = iisstatus.Explain(in)
				}
			})
		}
	}
}
