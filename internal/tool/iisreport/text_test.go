package iisreport

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/win32"
)

func TestWrapExact(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{name: "fits", in: "a b", width: 5, want: []string{"a b"}},
		{name: "at a space", in: "aaa bbb ccc", width: 7, want: []string{"aaa bbb", "ccc"}},
		{name: "space at the limit", in: "aaa bbb", width: 3, want: []string{"aaa", "bbb"}},
		{name: "runs of spaces kept", in: "a  b  c", width: 4, want: []string{"a  b", " c"}},
		{name: "no space", in: "abcdefgh", width: 3, want: []string{"abc", "def", "gh"}},
		{name: "runes", in: "ééé ééé", width: 4, want: []string{"ééé", "ééé"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapExact(tc.in, tc.width)
			assert.Equal(t, tc.want, got)
			for _, l := range got {
				assert.LessOrEqual(t, len([]rune(l)), tc.width)
			}
			assert.Equal(t, len(tc.in)-strings.Count(tc.in, " "), len(strings.Join(got, ""))-strings.Count(strings.Join(got, ""), " "), "only break spaces are dropped")
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{name: "fits", in: "a b c", width: 5, want: []string{"a b c"}},
		{name: "at spaces", in: "aaa bbb ccc", width: 7, want: []string{"aaa bbb", "ccc"}},
		{name: "triple kept whole", in: "mostly 20 × 502 3 12002 (Bad Gateway)", width: 20, want: []string{"mostly 20 ×", "502 3 12002 (Bad", "Gateway)"}},
		{name: "triple before a colon", in: "see 401 1 2148074254: a challenge", width: 17, want: []string{"see", "401 1 2148074254:", "a challenge"}},
		{name: "triple in parentheses", in: "abc (500 19 13) def", width: 12, want: []string{"abc", "(500 19 13)", "def"}},
		{name: "code and name", in: "sc-win32-status 13 (ERROR_INVALID_DATA) from 10:44", width: 30, want: []string{"sc-win32-status", "13 (ERROR_INVALID_DATA) from", "10:44"}},
		{name: "HRESULT and its name", in: "status 2148074254 (0x8009030E, SEC_E_NO_CREDENTIALS) here", width: 46, want: []string{"status", "2148074254 (0x8009030E, SEC_E_NO_CREDENTIALS)", "here"}},
		{name: "a label in parentheses may break", in: "502 3 12002 (WinHTTP asynchronous failure)", width: 24, want: []string{"502 3 12002 (WinHTTP", "asynchronous failure)"}},
		{name: "numbers and words are not glued", in: "in 5 separate minutes at 10:05, 10:07", width: 12, want: []string{"in 5", "separate", "minutes at", "10:05, 10:07"}},
		{name: "longer than a line breaks", in: "a 1 2 3 4 5 6 7 8 9 b", width: 6, want: []string{"a 1 2", "3 4 5", "6 7 8", "9 b"}},
		{name: "runes", in: "ééé ééé", width: 4, want: []string{"ééé", "ééé"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.in, tc.width)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, strings.Fields(tc.in), strings.Fields(strings.Join(got, " ")), "no word lost")
		})
	}
}

// TestWrapKeepsTriples: at every width, wrapping a finding text never
// splits a status triple or a Windows code with its name when it fits on
// a line. The texts are those of the embedded sample and of every pair's
// triple, as the report writes them.
func TestWrapKeepsTriples(t *testing.T) {
	_, r, errOut := decode(t, "")
	require.Empty(t, errOut)
	var texts, spans []string
	for _, f := range r.Findings {
		texts = append(texts, clean(f.Text))
	}
	for _, tr := range r.Access.Triples {
		spans = append(spans, tr.Triple)
	}
	for p := range win32.Pairs() {
		c := p.Code()
		if w, ok := c.Win32(); ok {
			c = w
		}
		k := triple{status: p.Substatus().Status, sub: p.Substatus().Sub, win32: uint32(c)}
		spans = append(spans, tripleString(k), win32Text(c))
		texts = append(texts, fmt.Sprintf("A site answered 12 × %s (label) and sc-win32-status %s from 10:44 to 10:52.", tripleString(k), win32Text(c)))
	}
	slices.Sort(spans)
	spans = slices.Compact(spans)
	res := map[string]*regexp.Regexp{}
	for _, sp := range spans { // whole occurrences: "500 0 2" is not in "500 0 2147549183"
		res[sp] = regexp.MustCompile(`(^|[^0-9])` + regexp.QuoteMeta(sp) + `($|[^0-9])`)
	}
	count := func(s, sp string) int { return len(res[sp].FindAllStringIndex(s, -1)) }
	for _, text := range texts {
		var in []string
		for _, sp := range spans {
			if strings.Contains(text, sp) {
				in = append(in, sp)
			}
		}
		for width := 10; width <= 100; width++ {
			lines := wrap(text, width)
			for _, sp := range in {
				n := count(text, sp)
				if n == 0 || utf8.RuneCountInString(sp) > width {
					continue
				}
				found := 0
				for _, l := range lines {
					found += count(l, sp)
				}
				if !assert.Equal(t, n, found, "width %d splits %q:\n%s", width, sp, strings.Join(lines, "\n")) {
					return
				}
			}
		}
	}
}

// TestNowrapHTML: the HTML report keeps the same groups together, in
// nowrap spans, and escapes every word.
func TestNowrapHTML(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"triple", "mostly 20 × 502 3 12002 (Bad Gateway).", `mostly 20 × <span class="nb">502 3 12002</span> (Bad Gateway).`},
		{"code", "sc-win32-status 13 (ERROR_INVALID_DATA) from", `sc-win32-status <span class="nb">13 (ERROR_INVALID_DATA)</span> from`},
		{"hostile", "<script>alert(1)</script> 401 1 1326 \"x\" & 'y'\x1b[31m", `&lt;script&gt;alert(1)&lt;/script&gt; <span class="nb">401 1 1326</span> &#34;x&#34; &amp; &#39;y&#39;\x1B[31m`},
		{"plain", "nothing to keep", "nothing to keep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(nowrapHTML(tc.in)))
		})
	}
}
