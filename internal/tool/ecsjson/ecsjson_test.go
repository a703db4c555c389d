package ecsjson_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson/ecsjsontest"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
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
			if esc && string(ecsjsontest.Unescape(s)) != string(in) {
				t.Fatalf("escaped %q decodes to %q, unescaped %q", in, s, ecsjsontest.Unescape(s))
			}
		}
	})
}

func TestHelpers(t *testing.T) {
	a4, a6 := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("fe80::1%3")
	tests := []struct {
		name  string
		write func(w *ecsjson.Writer)
		want  string
	}{
		{"IPs both", func(w *ecsjson.Writer) { w.IPs("ip", a4, a6) }, `{"ip":["192.0.2.1","fe80::1"]}`},
		{"IPs second", func(w *ecsjson.Writer) { w.IPs("ip", netip.Addr{}, a6) }, `{"ip":["fe80::1"]}`},
		{"IPs none", func(w *ecsjson.Writer) { w.IPs("ip", netip.Addr{}, netip.Addr{}) }, `{}`},
		{"Endpoint", func(w *ecsjson.Writer) { w.Endpoint("source", []byte("fe80::1%3"), a6, 80, true) },
			`{"source":{"address":"fe80::1%3","ip":"fe80::1","port":80}}`},
		{"Endpoint, port 0 unset", func(w *ecsjson.Writer) { w.Endpoint("source", nil, netip.Addr{}, 0, false) }, `{}`},
		{"Endpoint, port 0 set", func(w *ecsjson.Writer) { w.Endpoint("source", nil, netip.Addr{}, 0, true) }, `{"source":{"port":0}}`},
		{"Log", func(w *ecsjson.Writer) { w.Log(`C:\logs\u_ex1.log`, 42) }, `{"log":{"file":{"path":"C:\\logs\\u_ex1.log"},"offset":42}}`},
		{"Log stdin", func(w *ecsjson.Writer) { w.Log("", 0) }, `{"log":{"offset":0}}`},
		{"Event", func(w *ecsjson.Writer) { w.Event("iis.access"); w.Const("outcome", "success") },
			`{"event":{"kind":"event","category":["web","network"],"type":["connection"],"module":"iis","dataset":"iis.access","outcome":"success"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w ecsjson.Writer
			w.Reset(false)
			tc.write(&w)
			assert.Equal(t, tc.want+"\n", string(w.Line()))
		})
	}
	var w ecsjson.Writer
	w.Reset(true)
	w.Str("k", []byte("a\xffb"))
	assert.Equal(t, `{"k":"a\\xFFb","tags":["escaped_bytes"]}`+"\n", string(w.Line()), "escape mode tags its object")

	assert.True(t, ecsjson.Escape([]byte("a\xff\r"), "", true))
	assert.True(t, ecsjson.Escape([]byte("a\r"), "\xff.log", true))
	assert.True(t, ecsjson.Escape([]byte("a\r"), "", false))
	assert.False(t, ecsjson.Escape([]byte("a €\r"), "x.log", true))
	assert.Equal(t, "a", string(ecsjson.TrimCR([]byte("a\r"))))
	assert.Equal(t, "a\r", string(ecsjson.TrimCR([]byte("a\r\r"))), "one CR only")
	assert.Equal(t, "", string(ecsjson.TrimCR(nil)))
	for in, want := range map[string]string{"HTTP/1.1": "1.1", "HTTP/2": "2", "HTTP/": "HTTP/", "SMTP": "SMTP"} {
		assert.Equal(t, want, string(ecsjson.HTTPVersion([]byte(in))), in)
	}
}

// lineError is the ParseError of the test exporter.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }

// numbers is a test exporter: one record per line, a number; "bad" lines
// are parse problems, with no record; "odd" ones give a record and a
// problem.
var numbers = ecsjson.Exporter[int]{
	Name:   "numbers2json",
	Expand: logfiles.Expand,
	Read: func(r io.Reader) func() (*int, error) {
		sc := bufio.NewScanner(r)
		line := 0
		return func() (*int, error) {
			if !sc.Scan() {
				if sc.Err() != nil {
					return nil, sc.Err()
				}
				return nil, io.EOF
			}
			line++
			switch t := sc.Text(); t {
			case "bad":
				return nil, &lineError{line, errors.New("bad line")}
			case "odd":
				n := -1
				return &n, &lineError{line, errors.New("odd\x01 line")}
			default:
				n, _ := strconv.Atoi(t)
				return &n, nil
			}
		}
	},
	Problem: func(err error) (ecsjson.Problem, bool) {
		var e *lineError
		if !errors.As(err, &e) {
			return ecsjson.Problem{}, false
		}
		return ecsjson.Problem{Line: e.line, Column: e.line % 2, Field: "n\xff", Err: e.err}, true
	},
	Convert: func(w *ecsjson.Writer, n *int, src *ecsjson.Source) {
		w.Reset(false)
		w.Int("n", int64(*n))
		if src.Original {
			w.Const("original", "yes")
		}
		w.Log(src.Path, 0)
	},
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestMainLoop(t *testing.T) {
	tests := []struct {
		name           string
		args           []string
		stdin          io.Reader
		stdout         io.Writer
		code           int
		out, errOut    string
		errOutContains string
	}{
		{name: "records", stdin: strings.NewReader("1\n2\n"), out: `{"n":1,"log":{"offset":0}}` + "\n" + `{"n":2,"log":{"offset":0}}` + "\n"},
		{name: "original", args: []string{"-original", "-"}, stdin: strings.NewReader("7\n"), out: `{"n":7,"original":"yes","log":{"offset":0}}` + "\n"},
		{name: "problems", stdin: strings.NewReader("bad\nodd\n3\n"), code: ecsjson.ExitProblems,
			out:    `{"n":-1,"log":{"offset":0}}` + "\n" + `{"n":3,"log":{"offset":0}}` + "\n",
			errOut: "<stdin>:1:1 (n\\xFF): bad line\n<stdin>:2 (n\\xFF): odd\x01 line\nnumbers2json: 2 parse problem(s)\n"},
		{name: "problems cut", args: []string{"-errors", "1"}, stdin: strings.NewReader("bad\nbad\n"), code: ecsjson.ExitProblems,
			errOut: "<stdin>:1:1 (n\\xFF): bad line\nnumbers2json: 2 parse problems (1 shown)\n"},
		{name: "read error", stdin: iotest.ErrReader(errors.New("broken pipe")), code: ecsjson.ExitFail, errOut: "numbers2json: <stdin>: broken pipe\n"},
		{name: "write error", stdin: strings.NewReader("1\n"), stdout: failWriter{}, code: ecsjson.ExitFail, errOut: "numbers2json: write: disk full\n"},
		{name: "missing file", args: []string{"nope.log"}, code: ecsjson.ExitFail, errOutContains: "nope.log"},
		{name: "help", args: []string{"-h"}, errOutContains: "usage: numbers2json [flags] [file|directory|-]..."},
		{name: "bad flag", args: []string{"-x"}, code: ecsjson.ExitFail, errOutContains: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			stdout := tc.stdout
			if stdout == nil {
				stdout = &out
			}
			stdin := tc.stdin
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			code := ecsjson.Main(numbers, tc.args, stdin, stdout, &errOut)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.out, out.String())
			if tc.errOutContains != "" {
				assert.Contains(t, errOut.String(), tc.errOutContains)
			} else {
				assert.Equal(t, tc.errOut, errOut.String())
			}
		})
	}
}
