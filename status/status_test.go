package status_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/status"
)

// Code implements the text interfaces of package encoding.
var (
	_ encoding.TextAppender    = status.Code(0)
	_ encoding.TextMarshaler   = status.Code(0)
	_ encoding.TextUnmarshaler = (*status.Code)(nil)
	_ fmt.Stringer             = status.Code(0)
	_ fmt.Stringer             = status.Class(0)
)

func TestTextAndString(t *testing.T) {
	tests := []struct {
		name       string
		code       status.Code
		text, str  string
		known      bool
		wantsClass status.Class
	}{
		{"OK", status.OK, "OK", "200 OK", true, status.Successful},
		{"NotFound", status.NotFound, "Not Found", "404 Not Found", true, status.ClientError},
		{"ContentTooLarge", status.ContentTooLarge, "Content Too Large", "413 Content Too Large", true, status.ClientError},
		{"306 unused", status.SwitchProxy, "(Unused)", "306 (Unused)", true, status.Redirection},
		{"418 unused", status.Teapot, "(Unused)", "418 (Unused)", true, status.ClientError},
		{"451 primary meaning", status.UnavailableForLegalReasons, "Unavailable For Legal Reasons", "451 Unavailable For Legal Reasons", true, status.ClientError},
		{"nginx 499", status.ClientClosedRequest, "Client Closed Request", "499 Client Closed Request", true, status.ClientError},
		{"IIS 440", status.LoginTimeout, "Login Time-out", "440 Login Time-out", true, status.ClientError},
		{"Cloudflare 520", status.WebServerUnknownError, "Web server is returning an unknown error", "520 Web server is returning an unknown error", true, status.ServerError},
		{"zero", 0, "", "0", false, status.UnknownClass},
		{"unknown 299", 299, "", "299", false, status.Successful},
		{"unknown 600", 600, "", "600", false, status.UnknownClass},
		{"unknown 999", 999, "", "999", false, status.UnknownClass},
		{"negative", -1, "", "-1", false, status.UnknownClass},
		{"four digits", 1000, "", "1000", false, status.UnknownClass},
		{"two digits", 99, "", "99", false, status.UnknownClass},
		{"min int", math.MinInt, "", strconv.Itoa(math.MinInt), false, status.UnknownClass},
		{"max int", math.MaxInt, "", strconv.Itoa(math.MaxInt), false, status.UnknownClass},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.text, tc.code.Text())
			assert.Equal(t, tc.str, tc.code.String())
			assert.Equal(t, tc.known, tc.code.IsKnown())
			assert.Equal(t, tc.wantsClass, tc.code.Class())
			_, ok := tc.code.Info()
			assert.Equal(t, tc.known, ok)
		})
	}
}

// netHTTPOwn lists net/http phrases that no specification ever used, so
// they are not former phrases.
var netHTTPOwn = map[int]string{414: "Request URI Too Long"}

func TestNetHTTPInterop(t *testing.T) {
	// Every phrase net/http knows must be ours; net/http still uses some
	// older phrases, which we must list as former phrases.
	for c := 100; c <= 599; c++ {
		want := http.StatusText(c)
		if want == "" {
			continue
		}
		code := status.Code(c)
		require.True(t, code.IsKnown(), "net/http knows %d", c)
		if code.Text() == want || netHTTPOwn[c] == want {
			continue
		}
		info, _ := code.Info()
		var former []string
		for p := range info.FormerPhrases() {
			former = append(former, p)
		}
		assert.Contains(t, former, want, "code %d: net/http says %q", c, want)
	}
	assert.Equal(t, http.StatusNotFound, int(status.NotFound))
	assert.Equal(t, status.TooManyRequests, status.Code(http.StatusTooManyRequests))
}

func TestAll(t *testing.T) {
	var prev status.Code
	n := 0
	for c := range status.All() {
		n++
		t.Run(strconv.Itoa(int(c)), func(t *testing.T) {
			require.Greater(t, c, prev, "ascending, no duplicates")
			assert.True(t, c.IsKnown())
			assert.NotEmpty(t, c.Text())
			digits := strconv.Itoa(int(c))
			assert.Equal(t, digits+" "+c.Text(), c.String())

			p, err := status.Parse(digits)
			require.NoError(t, err)
			assert.Equal(t, c, p)

			text, err := c.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, digits, string(text))
			var back status.Code
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, c, back)

			info, ok := c.Info()
			require.True(t, ok)
			assert.Equal(t, c, info.Code)
			assert.Equal(t, c.Text(), info.Phrase)
			var first status.Info
			for m := range c.Meanings() {
				first = m
				break
			}
			assert.Equal(t, info, first, "Meanings starts with Info")
		})
		prev = c
	}
	assert.Equal(t, 76, n, "76 distinct codes: 64 registered, 440, 449, 10 vendor codes")
	for range status.All() {
		break // an early break must not panic
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want status.Code
		err  error
	}{
		{"known", "404", status.NotFound, nil},
		{"lowest", "100", status.Continue, nil},
		{"unknown in range", "299", 299, nil},
		{"highest", "999", 999, nil},
		{"empty", "", 0, status.ErrSyntax},
		{"plus sign", "+404", 0, status.ErrSyntax},
		{"minus sign", "-404", 0, status.ErrSyntax},
		{"leading space", " 404", 0, status.ErrSyntax},
		{"trailing space", "404 ", 0, status.ErrSyntax},
		{"with phrase", "404 Not Found", 0, status.ErrSyntax},
		{"substatus", "404.3", 0, status.ErrSyntax},
		{"hex", "0x1", 0, status.ErrSyntax},
		{"letters", "abc", 0, status.ErrSyntax},
		{"IIS dash", "-", 0, status.ErrSyntax},
		{"fullwidth digits", "４０４", 0, status.ErrSyntax},
		{"NUL byte", "40\x00", 0, status.ErrSyntax},
		{"zero", "0", 0, status.ErrRange},
		{"two digits", "99", 0, status.ErrRange},
		{"leading zero", "099", 0, status.ErrRange},
		{"padded", "0404", 0, status.ErrRange},
		{"four digits", "1000", 0, status.ErrRange},
		{"huge", "99999999999999999999999", 0, status.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := status.Parse(tc.in)
			assert.Equal(t, tc.want, got)
			assert.ErrorIs(t, err, tc.err)
			if tc.err == nil {
				require.NoError(t, err)
				return
			}
			var pe *status.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, status.ParseError{Input: tc.in, Err: tc.err}, *pe)
			assert.Equal(t, "status: parse "+strconv.Quote(tc.in)+": "+tc.err.Error(), err.Error())
			if tc.in == "" {
				return // the empty text unmarshals to the zero Code
			}
			var c status.Code = 42
			err = c.UnmarshalText([]byte(tc.in))
			assert.ErrorIs(t, err, tc.err)
			assert.ErrorAs(t, err, &pe)
			assert.Equal(t, status.Code(42), c, "unchanged on error")
		})
	}
}

func TestTextMarshaling(t *testing.T) {
	tests := []struct {
		name string
		code status.Code
		text string
		err  error
	}{
		{"known", status.NotFound, "404", nil},
		{"unknown in range", 299, "299", nil},
		{"zero is empty", 0, "", nil},
		{"negative", -1, "", status.ErrRange},
		{"too large", 1000, "", status.ErrRange},
		{"two digits", 42, "", status.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.code.AppendText([]byte("x="))
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				assert.Equal(t, "x=", string(b), "nothing appended on error")
				_, err = tc.code.MarshalText()
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "x="+tc.text, string(b))
			text, err := tc.code.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tc.text, string(text))
			back := status.Code(7)
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, tc.code, back)
		})
	}
}

func TestJSON(t *testing.T) {
	in := map[status.Code]status.Code{status.NotFound: status.OK, 299: 0}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"404":"200","299":""}`, string(b))
	var out map[status.Code]status.Code
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)

	var bad map[status.Code]int
	err = json.Unmarshal([]byte(`{"4o4":1}`), &bad)
	assert.ErrorIs(t, err, status.ErrSyntax)
}

func TestClass(t *testing.T) {
	tests := []struct {
		name  string
		code  status.Code
		class status.Class
		str   string
		is    [6]bool // informational, success, redirect, client error, server error, error
	}{
		{"100", status.Continue, status.Informational, "Informational", [6]bool{true, false, false, false, false, false}},
		{"199", 199, status.Informational, "Informational", [6]bool{true, false, false, false, false, false}},
		{"200", status.OK, status.Successful, "Successful", [6]bool{false, true, false, false, false, false}},
		{"302", status.Found, status.Redirection, "Redirection", [6]bool{false, false, true, false, false, false}},
		{"404", status.NotFound, status.ClientError, "Client Error", [6]bool{false, false, false, true, false, true}},
		{"499", status.ClientClosedRequest, status.ClientError, "Client Error", [6]bool{false, false, false, true, false, true}},
		{"503", status.ServiceUnavailable, status.ServerError, "Server Error", [6]bool{false, false, false, false, true, true}},
		{"599", 599, status.ServerError, "Server Error", [6]bool{false, false, false, false, true, true}},
		{"600", 600, status.UnknownClass, "Unknown", [6]bool{}},
		{"99", 99, status.UnknownClass, "Unknown", [6]bool{}},
		{"0", 0, status.UnknownClass, "Unknown", [6]bool{}},
		{"-404", -404, status.UnknownClass, "Unknown", [6]bool{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.code
			assert.Equal(t, tc.class, c.Class())
			assert.Equal(t, tc.str, c.Class().String())
			assert.NotEmpty(t, c.Class().Description())
			got := [6]bool{c.IsInformational(), c.IsSuccess(), c.IsRedirect(), c.IsClientError(), c.IsServerError(), c.IsError()}
			assert.Equal(t, tc.is, got)
		})
	}
	assert.Equal(t, "Class(9)", status.Class(9).String())
	assert.Empty(t, status.Class(9).Description())
}

func TestClassDescriptions(t *testing.T) {
	// What the seed document says about each class must be in the description.
	tests := []struct {
		name  string
		class status.Class
		words []string
	}{
		{"1xx", status.Informational, []string{"informational"}},
		{"2xx", status.Successful, []string{"succeeded"}},
		{"3xx", status.Redirection, []string{"redirection", "new request", "not an error", "not mean that a problem occurred"}},
		{"4xx", status.ClientError, []string{"client errors", "authentication", "malformed", "request comes from the client"}},
		{"5xx", status.ServerError, []string{"server side", "HTTP.sys"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range tc.words {
				assert.Contains(t, tc.class.Description(), w)
			}
		})
	}
}

func TestNeverPanics(t *testing.T) {
	// 1<<32 is a code that would look like 0 if truncated to 32 bits; it
	// is converted at run time because the constant overflows int on
	// 32-bit platforms (where it becomes 0 itself).
	wide := int64(1) << 32
	codes := []status.Code{math.MinInt, math.MinInt + 1, -1000, math.MaxInt, math.MaxInt - 1, status.Code(wide)}
	for c := status.Code(-10); c <= 1100; c++ {
		codes = append(codes, c)
	}
	for _, c := range codes {
		require.NotPanics(t, func() {
			_ = c.Text()
			s := c.String()
			require.NotEmpty(t, s)
			if !c.IsKnown() {
				require.Equal(t, strconv.Itoa(int(c)), s, "unknown codes print as digits")
			}
			_ = c.Class().String()
			_, _ = c.Info()
			for range c.Meanings() {
			}
			_, _ = c.AppendText(nil)
		}, "code %d", int(c))
	}
}

func TestNoAllocs(t *testing.T) {
	buf := make([]byte, 0, 16)
	var sink status.Code
	tests := []struct {
		name string
		f    func()
	}{
		{"Text", func() { _ = status.NotFound.Text() }},
		{"String known", func() { _ = status.NotFound.String() }},
		{"String unknown 3-digit", func() { _ = status.Code(299).String() }},
		{"Parse", func() { sink, _ = status.Parse("404") }},
		{"UnmarshalText", func() { _ = sink.UnmarshalText([]byte("503")) }},
		{"AppendText", func() { buf, _ = status.ServiceUnavailable.AppendText(buf[:0]) }},
		{"Class", func() { _ = status.BadGateway.Class().String() }},
		{"Info", func() { _, _ = status.ContentTooLarge.Info() }},
		{"FormerPhrases", func() {
			info, _ := status.ContentTooLarge.Info()
			for range info.FormerPhrases() {
			}
		}},
		{"Meanings", func() {
			for range status.UnavailableForLegalReasons.Meanings() {
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.f))
		})
	}
}

func TestParseError(t *testing.T) {
	_, err := status.Parse("")
	assert.True(t, errors.Is(err, status.ErrSyntax))
	assert.False(t, errors.Is(err, status.ErrRange))
	assert.Equal(t, `status: parse "": invalid syntax: want three ASCII digits`, err.Error())
	wrapped := fmt.Errorf("sc-status: %w", err)
	var pe *status.ParseError
	require.ErrorAs(t, wrapped, &pe)
	assert.Equal(t, "", pe.Input)
	_, err = status.Code(1000).MarshalText()
	assert.EqualError(t, err, "status: cannot marshal code 1000: out of range: want 100-999")
}

// TestParseErrorAllocs pins the cost of a failure: the *ParseError is the
// only allocation; success allocates nothing (TestNoAllocs).
func TestParseErrorAllocs(t *testing.T) {
	var err error
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _, err = status.Parse("4o4") }))
	assert.Error(t, err)
}
