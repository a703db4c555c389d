package ecsjson_test

import (
	"encoding/json"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
)

func TestWriter(t *testing.T) {
	var w ecsjson.Writer
	w.Reset(false)
	w.Time("@timestamp", time.Date(2026, 3, 2, 8, 0, 1, 0, time.UTC))
	w.Begin("source")
	w.Str("address", []byte("fe80::1%3"))
	w.Addr("ip", netip.MustParseAddr("fe80::1%3"))
	w.Uint("port", 443)
	w.End()
	w.Begin("empty") // never written: never opened
	w.Begin("deeper")
	w.End()
	w.End()
	w.Begin("http")
	w.Begin("response")
	w.Int("status_code", 404)
	w.End()
	w.End()
	w.Raw("category", `["web","network"]`)
	w.Const("kind", "event")
	w.Array("ip")
	w.ElemAddr(netip.MustParseAddr("192.0.2.1"), true)
	w.ElemAddr(netip.MustParseAddr("::1%0"), false)
	w.EndArray()
	w.Array("user")
	w.Elem([]byte(`a"b`), true)
	w.EndArray()
	w.Begin("iis")
	w.Begin("fields")
	w.Str("X-Forwarded-For", []byte("203.0.113.7,+10.0.0.1"))
	// Line closes what is left open.
	got := string(w.Line())
	want := `{"@timestamp":"2026-03-02T08:00:01.000Z","source":{"address":"fe80::1%3","ip":"fe80::1","port":443},` +
		`"http":{"response":{"status_code":404}},"category":["web","network"],"kind":"event","ip":["192.0.2.1","::1"],` +
		`"user":["a\"b"],"iis":{"fields":{"X-Forwarded-For":"203.0.113.7,+10.0.0.1"}}}` + "\n"
	assert.Equal(t, want, got)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(got), &v))
	assert.False(t, w.Escaping())
}

func TestAppendString(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		plain     string
		escapedAs string
	}{
		{"ascii", "GET /a", `"GET /a"`, `"GET /a"`},
		{"quote-backslash", `a"b\c`, `"a\"b\\c"`, `"a\"b\\x5Cc"`},
		{"controls", "a\tb\r\n\x01", `"a\tb\r\n\u0001"`, `"a\tb\r\n\u0001"`},
		{"utf8", "ÄÖÜß", `"ÄÖÜß"`, `"ÄÖÜß"`},
		{"invalid", "..\xc0\xaf..", `"..\ufffd\ufffd.."`, `"..\\xC0\\xAF.."`},
		{"truncated-rune-at-end", "a\xe2\x82", `"a\ufffd\ufffd"`, `"a\\xE2\\x82"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.plain, string(ecsjson.AppendString(nil, tc.in, false)))
			assert.Equal(t, tc.escapedAs, string(ecsjson.AppendString(nil, []byte(tc.in), true)))
		})
	}
}

func TestWriterNoAllocs(t *testing.T) {
	var w ecsjson.Writer
	v := []byte("Mozilla/5.0+(Windows+NT+10.0)")
	a := netip.MustParseAddr("2001:db8::1%12")
	ts := time.Date(2026, 3, 2, 8, 0, 1, 0, time.UTC)
	long := strings.Repeat("x-a-long-custom-field-name", 3)
	write := func() {
		w.Reset(true)
		w.Time("@timestamp", ts)
		w.Begin("source")
		w.Addr("ip", a)
		w.End()
		w.Begin("iis")
		w.Begin("fields")
		w.Str(long, v)
		w.End()
		w.End()
		w.Int("n", 42)
		_ = w.Line()
	}
	write()
	assert.Zero(t, testing.AllocsPerRun(1000, write))
}

var unescapeRE = regexp.MustCompile(`\\x[0-9A-F]{2}`)

// unescape undoes escape mode on a decoded JSON string.
func unescape(s string) []byte {
	return []byte(unescapeRE.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 8)
		return string([]byte{byte(n)})
	}))
}

// FuzzAppendString checks that both modes give valid JSON, that the plain
// mode round-trips valid UTF-8 through encoding/json, and that escape mode
// round-trips any bytes.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `a"b\c`, "..\xc0\xaf..", "\x00\x1f\x7f", `\x41`, "ÄÖÜ\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, esc := range []bool{false, true} {
			out := ecsjson.AppendString(nil, in, esc)
			var s string
			if err := json.Unmarshal(out, &s); err != nil {
				t.Fatalf("esc %v: %q gives invalid JSON %q: %v", esc, in, out, err)
			}
			if !esc && utf8.Valid(in) && s != string(in) {
				t.Fatalf("plain %q decodes to %q", in, s)
			}
			if esc && string(unescape(s)) != string(in) {
				t.Fatalf("escaped %q decodes to %q, unescaped %q", in, s, unescape(s))
			}
		}
	})
}
