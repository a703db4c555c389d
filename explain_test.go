package iisstatus_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

const seedPath = "../shared/seed.txt"

func TestExplain(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		kind   iisstatus.Kind
		status status.Code
		sub    string // substatus code for KindSubstatus
		reason httpsys.Reason
		known  bool
		title  string
	}{
		{name: "status", in: "404", kind: iisstatus.KindStatus, status: 404, known: true},
		{name: "status with spaces", in: "  503\t", kind: iisstatus.KindStatus, status: 503, known: true},
		{name: "unknown status", in: "299", kind: iisstatus.KindStatus, status: 299},
		{name: "unknown status 999", in: "999", kind: iisstatus.KindStatus, status: 999},
		{name: "status line", in: "HTTP/1.1 404 Not Found", kind: iisstatus.KindStatus, status: 404, known: true, title: "Not Found"},
		{name: "HTTP prefix", in: "HTTP 404", kind: iisstatus.KindStatus, status: 404, known: true},
		{name: "status with phrase", in: "404 Not Found", kind: iisstatus.KindStatus, status: 404, known: true, title: "Not Found"},
		{name: "IIS heading", in: "302-Object Moved", kind: iisstatus.KindStatus, status: 302, known: true, title: "Object Moved"},
		{name: "dot x", in: "401.x", kind: iisstatus.KindStatus, status: 401, known: true},
		{name: "dot x heading", in: "HTTP 500.x – Internal Server Error Codes", kind: iisstatus.KindStatus, status: 500, known: true, title: "Internal Server Error Codes"},
		{name: "dotted", in: "403.14", kind: iisstatus.KindSubstatus, status: 403, sub: "403.14", known: true},
		{name: "space", in: "403 14", kind: iisstatus.KindSubstatus, status: 403, sub: "403.14", known: true},
		{name: "spaces", in: "403   14", kind: iisstatus.KindSubstatus, status: 403, sub: "403.14", known: true},
		{name: "comma", in: "403,14", kind: iisstatus.KindSubstatus, status: 403, sub: "403.14", known: true},
		{name: "padded", in: " 500.19 ", kind: iisstatus.KindSubstatus, status: 500, sub: "500.19", known: true},
		{name: "zero sub", in: "404.0", kind: iisstatus.KindSubstatus, status: 404, sub: "404.0", known: true},
		{name: "IIS error title", in: "HTTP Error 403.14 - Forbidden", kind: iisstatus.KindSubstatus, status: 403, sub: "403.14", known: true, title: "Forbidden"},
		{name: "error title lower case", in: "http error 500.19 - Internal Server Error", kind: iisstatus.KindSubstatus, status: 500, sub: "500.19", known: true, title: "Internal Server Error"},
		{name: "unknown substatus", in: "403.999", kind: iisstatus.KindSubstatus, status: 403, sub: "403.999"},
		{name: "unknown both", in: "299.1", kind: iisstatus.KindSubstatus, status: 299, sub: "299.1"},
		{name: "max substatus", in: "500.65535", kind: iisstatus.KindSubstatus, status: 500, sub: "500.65535"},
		{name: "ConnLimit", in: "ConnLimit", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonConnLimit, known: true},
		{name: "timer", in: "Timer_ConnectionIdle", kind: iisstatus.KindReason, reason: httpsys.ReasonTimerConnectionIdle, known: true},
		{name: "N/A", in: "N/A", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonNA, known: true},
		{name: "Invalid_CR/LF", in: "Invalid_CR/LF", kind: iisstatus.KindReason, status: 400, reason: httpsys.ReasonInvalidCRLF, known: true},
		{name: "reason padded", in: " QueueFull\n", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonQueueFull, known: true},
		{name: "reason any case", in: "queuefull", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonQueueFull, known: true},
		{name: "N/I two statuses", in: "N/I", kind: iisstatus.KindReason, status: 501, reason: httpsys.ReasonNI, known: true},
		{name: "status and reason", in: "503 QueueFull", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonQueueFull, known: true},
		{name: "status, dash, reason", in: "400 - Hostname", kind: iisstatus.KindReason, status: 400, reason: httpsys.ReasonHostname, known: true},
		{name: "status and reason with slash", in: "503 N/A", kind: iisstatus.KindReason, status: 503, reason: httpsys.ReasonNA, known: true},
		{name: "phrase, not token", in: "403 Forbidden", kind: iisstatus.KindStatus, status: 403, known: true, title: "Forbidden"},
		{name: "status and NotFound token", in: "404 NotFound", kind: iisstatus.KindReason, status: 404, reason: httpsys.ReasonNotFound, known: true},
		{name: "given status kept", in: "400 QueueFull", kind: iisstatus.KindReason, status: 400, reason: httpsys.ReasonQueueFull, known: true},
		{name: "HTTP.sys sentence", in: "HTTP Error 503. The service is unavailable.", kind: iisstatus.KindStatus, status: 503, known: true, title: "The service is unavailable."},
		{name: "status beyond 599", in: "700", kind: iisstatus.KindStatus, status: 700},
		{name: "en dash title", in: "HTTP Error 500.19 – Internal Server Error", kind: iisstatus.KindSubstatus, status: 500, sub: "500.19", known: true, title: "Internal Server Error"},
		{name: "no-break spaces", in: "\u00a0404\u00a02\u00a0", kind: iisstatus.KindSubstatus, status: 404, sub: "404.2", known: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.in, e.Input)
			assert.Equal(t, tc.kind, e.Kind)
			assert.Equal(t, tc.status, e.Status.Code)
			assert.Equal(t, tc.known, e.Known())
			assert.Equal(t, tc.title, e.Title)
			assert.Equal(t, tc.reason, e.Reason.Reason)
			if tc.sub != "" {
				assert.Equal(t, tc.sub, e.Substatus.Code.String())
			} else {
				assert.Zero(t, e.Substatus.Code)
			}
			assert.NotEmpty(t, e.String())
		})
	}
}

func TestExplainErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
		off  int   // InputError.Offset
		also error // the package error behind want, if any
	}{
		{name: "empty", in: "", want: iisstatus.ErrEmpty, off: 0},
		{name: "blank", in: " \t\n", want: iisstatus.ErrEmpty, off: 3},
		{name: "unknown token", in: "Request_Too_Large", want: iisstatus.ErrUnrecognized},
		{name: "spaced token", in: "conn limit", want: iisstatus.ErrUnrecognized},
		{name: "dash", in: "-", want: iisstatus.ErrUnrecognized},
		{name: "word", in: "Forbidden!", want: iisstatus.ErrUnrecognized, off: 9},
		{name: "leading zero", in: "040", want: iisstatus.ErrStatusRange, also: status.ErrRange},
		{name: "negative beyond 32 bits", in: "-2147483649", want: iisstatus.ErrWin32Status, also: win32.ErrRange},
		{name: "float-like leading zero", in: "403.01", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrSyntax},
		{name: "substatus too big", in: "500.65536", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrRange},
		{name: "substatus six digits", in: "500.100000", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrRange},
		{name: "status beyond 599 with substatus", in: "700.5", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrRange},
		{name: "status beyond 599, log form", in: "700 5", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrRange},
		{name: "status beyond 599, comma", in: "999,1", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrRange},
		{name: "dot only", in: "403.", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrSyntax},
		{name: "comma only", in: "403, 14", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrSyntax},
		{name: "dot letter", in: "403.a", want: iisstatus.ErrSubstatus, off: 4},
		{name: "dot x then more", in: "403.x.1", want: iisstatus.ErrSubstatus, off: 4},
		{name: "glued letters", in: "404abc", want: iisstatus.ErrUnrecognized},
		{name: "glued punctuation", in: "403.14:", want: iisstatus.ErrUnrecognized, off: 6},
		{name: "four numbers", in: "404 2 1260 5", want: iisstatus.ErrUnrecognized, off: 11},
		{name: "triple then text", in: "404 2 1260 extra", want: iisstatus.ErrUnrecognized, off: 11},
		{name: "dotted substatus then number", in: "404.2 1260", want: iisstatus.ErrUnrecognized, off: 6},
		{name: "win32 over 32 bits", in: "404 2 4294967296", want: iisstatus.ErrWin32Status, off: 6, also: win32.ErrRange},
		{name: "win32 leading zero", in: "404 2 01260", want: iisstatus.ErrWin32Status, off: 6, also: win32.ErrSyntax},
		{name: "win32 glued letters", in: "404 0 2abc", want: iisstatus.ErrWin32Status, off: 6},
		{name: "HRESULT too long", in: "500.19 0x8007000d0", want: iisstatus.ErrWin32Status, off: 7, also: win32.ErrRange},
		{name: "HRESULT not hex", in: "500.19 0x8007000g", want: iisstatus.ErrWin32Status, off: 7, also: win32.ErrSyntax},
		{name: "HRESULT then text", in: "500.19 0x8007000d web.config", want: iisstatus.ErrUnrecognized, off: 18},
		{name: "hex alone not hex", in: "0xZZ", want: iisstatus.ErrWin32Status, also: win32.ErrSyntax},
		{name: "Windows code too big", in: "4294967296", want: iisstatus.ErrWin32Status, also: win32.ErrRange},
		{name: "Windows code then text", in: "1326 logon", want: iisstatus.ErrUnrecognized, off: 5},
		{name: "triple with bad substatus", in: "404 02 2", want: iisstatus.ErrSubstatus, off: 4, also: substatus.ErrSyntax},
		{name: "HTTP alone", in: "HTTP", want: iisstatus.ErrUnrecognized, off: 4},
		{name: "HTTP Error alone", in: "HTTP Error", want: iisstatus.ErrUnrecognized, off: 10},
		{name: "padded", in: "  conn limit", want: iisstatus.ErrUnrecognized, off: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			if tc.also != nil {
				assert.ErrorIs(t, err, tc.also)
			}
			var ie *iisstatus.InputError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, tc.in, ie.Input)
			assert.Equal(t, tc.off, ie.Offset, "offset")
			assert.Equal(t, "iisstatus: parse "+strconv.Quote(tc.in)+" at byte "+strconv.Itoa(tc.off)+": ", err.Error()[:len("iisstatus: parse ")+len(strconv.Quote(tc.in))+len(" at byte ")+len(strconv.Itoa(tc.off))+2])
			assert.Equal(t, iisstatus.KindUnknown, e.Kind)
			assert.Equal(t, tc.in, e.Input)
			assert.Empty(t, e.String())
		})
	}
	t.Run("package errors behind", func(t *testing.T) {
		_, err := iisstatus.Explain("700.5")
		var pe *substatus.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "700.5", pe.Input)
		_, err = iisstatus.Explain("040")
		var se *status.ParseError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, "040", se.Input)
		assert.EqualError(t, err, `iisstatus: parse "040" at byte 0: status code outside 100-999 (status: parse "040": out of range: want 100-999)`)
	})
	t.Run("long input quoted in part", func(t *testing.T) {
		in := strings.Repeat("é", 100) // 200 bytes, two per rune
		_, err := iisstatus.Explain(in)
		require.Error(t, err)
		assert.Equal(t, `iisstatus: parse "`+strings.Repeat("é", 32)+`"... (200 bytes) at byte 0: `+iisstatus.ErrUnrecognized.Error(), err.Error())
	})
}

// TestExplainWindowsCode covers a Windows code or HRESULT alone and after a
// code: numbers that no longer fit a status are read by win32.Parse.
func TestExplainWindowsCode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind iisstatus.Kind
		sub  string
		code win32.Code
	}{
		{name: "logon failure", in: "1326", kind: iisstatus.KindWin32, code: 1326},
		{name: "two digits", in: "64", kind: iisstatus.KindWin32, code: 64},
		{name: "four digits", in: "1000", kind: iisstatus.KindWin32, code: 1000},
		{name: "zero", in: "0", kind: iisstatus.KindWin32, code: 0},
		{name: "HRESULT decimal", in: "2148074254", kind: iisstatus.KindWin32, code: 0x8009030E},
		{name: "HRESULT hex", in: "0x80070021", kind: iisstatus.KindWin32, code: 0x80070021},
		{name: "hex upper case", in: " 0X8009030E ", kind: iisstatus.KindWin32, code: 0x8009030E},
		{name: "HRESULT negative decimal", in: "-2147024883", kind: iisstatus.KindWin32, code: 0x8007000D},
		{name: "substatus with negative HRESULT", in: "500.19 -2147024891", kind: iisstatus.KindSubstatus, sub: "500.19", code: 0x80070005},
		{name: "substatus with HRESULT", in: "500.19 0x8007000d", kind: iisstatus.KindSubstatus, sub: "500.19", code: 0x8007000D},
		{name: "title prefix with HRESULT", in: "HTTP Error 500.19 0x80070021", kind: iisstatus.KindSubstatus, sub: "500.19", code: 0x80070021},
		{name: "log form with HRESULT", in: "401 2 0x8009030E", kind: iisstatus.KindSubstatus, sub: "401.2", code: 0x8009030E},
		{name: "status with HRESULT", in: "503 0x80070005", kind: iisstatus.KindStatus, code: 0x80070005},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.kind, e.Kind)
			assert.Equal(t, tc.code, e.Win32.Code)
			assert.Equal(t, tc.code.IsKnown(), e.Win32.Known)
			if tc.sub != "" {
				assert.Equal(t, tc.sub, e.Substatus.Code.String())
			}
			if tc.kind == iisstatus.KindWin32 {
				assert.Zero(t, e.Status)
				assert.Equal(t, tc.code.IsKnown(), e.Known())
			}
			assert.NotEmpty(t, e.String())
			_, err = json.Marshal(e)
			require.NoError(t, err)
		})
	}
}

// TestExplainNoSubstatus covers sc-substatus 0 for statuses whose ".0" has
// no meaning of its own: IIS logs 0 when it has nothing to add.
func TestExplainNoSubstatus(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		none    bool // Substatus.None
		known   bool // Explanation.Known
		heading string
	}{
		{name: "success triple", in: "200 0 64", none: true, known: true, heading: "200.0: no IIS substatus (IIS logs 0 when it has no more specific reason)\n"},
		{name: "not modified", in: "304 0", none: true, known: true, heading: "304.0: no IIS substatus"},
		{name: "dotted", in: "302.0", none: true, known: true, heading: "302.0: no IIS substatus"},
		{name: "unknown status", in: "299 0", none: true, known: false, heading: "299.0: no IIS substatus"},
		{name: "documented .0", in: "404 0 2", none: false, known: true, heading: "404.0: IIS substatus code, known meanings: 2\n"},
		{name: "unknown nonzero", in: "200 1", none: false, known: false, heading: "200.1: unknown IIS substatus code"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			require.Equal(t, iisstatus.KindSubstatus, e.Kind)
			assert.Equal(t, tc.none, e.Substatus.None)
			assert.False(t, e.Substatus.None && e.Substatus.Known, "None and Known exclude each other")
			assert.Equal(t, tc.known, e.Known())
			assert.True(t, strings.HasPrefix(e.String(), tc.heading), e.String())
			b, err := json.Marshal(e)
			require.NoError(t, err)
			assert.Equal(t, tc.none, strings.Contains(string(b), `"none":true`), string(b))
		})
	}
}

// TestExplainWin32 covers the IIS W3C log triple sc-status sc-substatus
// sc-win32-status.
func TestExplainWin32(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		sub      string
		subKnown bool
		code     win32.Code
		known    bool
		symbol   string
		line     string // expected Win32 line of String()
	}{
		{name: "file not found", in: "404 0 2", sub: "404.0", subKnown: true, code: 2, known: true, symbol: "ERROR_FILE_NOT_FOUND", line: "  Win32: 2 (0x80070002) ERROR_FILE_NOT_FOUND\n"},
		{name: "IIS 6 web service extension", in: "404 2 1260", sub: "404.2", subKnown: true, code: 1260, known: true, symbol: "ERROR_ACCESS_DISABLED_BY_POLICY", line: "  Win32: 1260 (0x800704EC) ERROR_ACCESS_DISABLED_BY_POLICY\n"},
		{name: "HRESULT", in: "401 2 2148074254", sub: "401.2", subKnown: true, code: 2148074254, known: true, symbol: "SEC_E_NO_CREDENTIALS", line: "  Win32: 2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS\n"},
		{name: "client disconnect", in: "200 0 64", sub: "200.0", subKnown: true, code: 64, known: true, symbol: "ERROR_NETNAME_DELETED", line: "  Win32: 64 (0x80070040) ERROR_NETNAME_DELETED\n"},
		{name: "ARR timeout", in: "502 3 12002", sub: "502.3", subKnown: true, code: 12002, known: true, symbol: "ERROR_WINHTTP_TIMEOUT", line: "  Win32: 12002 (0x80072EE2) ERROR_WINHTTP_TIMEOUT\n"},
		{name: "unknown win32", in: "404 0 9999", sub: "404.0", subKnown: true, code: 9999, line: "  Win32: 9999 (unknown Windows status code, win32 data " + win32.DataVersion + ")\n"},
		{name: "unknown HRESULT", in: "500 19 2148007935", sub: "500.19", subKnown: true, code: 0x8007FFFF, line: "  Win32: 2148007935 (0x8007FFFF) (unknown Windows status code"},
		{name: "max win32", in: "500 0 4294967295", sub: "500.0", subKnown: true, code: 0xFFFFFFFF, line: "4294967295 (0xFFFFFFFF) (unknown"},
		{name: "tabs and padding", in: " 404\t2\t1260 \n", sub: "404.2", subKnown: true, code: 1260, known: true, symbol: "ERROR_ACCESS_DISABLED_BY_POLICY", line: "1260 (0x800704EC) ERROR_ACCESS_DISABLED_BY_POLICY"},
		{name: "unknown substatus", in: "403 999 5", sub: "403.999", code: 5, known: true, symbol: "ERROR_ACCESS_DENIED", line: "5 (0x80070005) ERROR_ACCESS_DENIED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.in, e.Input)
			assert.Equal(t, iisstatus.KindSubstatus, e.Kind)
			assert.Equal(t, tc.sub, e.Substatus.Code.String())
			assert.Equal(t, e.Substatus.Code.Status, e.Status.Code)
			assert.Equal(t, tc.subKnown, e.Known())
			assert.Empty(t, e.Title)
			assert.Equal(t, tc.code, e.Win32.Code)
			assert.Equal(t, tc.known, e.Win32.Known)
			assert.Equal(t, tc.symbol, e.Win32.Symbol)
			assert.Equal(t, tc.code.Description(), e.Win32.Description)
			assert.Equal(t, tc.known, e.Win32.Description != "")
			assert.Contains(t, e.String(), tc.line)
			if tc.known {
				assert.Contains(t, e.String(), "    Description: "+tc.code.Description()+"\n")
			}
		})
	}
	t.Run("no win32 section without a third number", func(t *testing.T) {
		for _, in := range []string{"404 2", "404.2", "404", "QueueFull", "503 QueueFull"} {
			e, err := iisstatus.Explain(in)
			require.NoError(t, err, in)
			assert.Zero(t, e.Win32, in)
			assert.NotContains(t, e.String(), "Win32:", in)
		}
	})
	t.Run("json", func(t *testing.T) {
		e, err := iisstatus.Explain("401 2 2148074254")
		require.NoError(t, err)
		b, err := json.Marshal(e)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"win32":{"code":"2148074254","known":true,"symbol":"SEC_E_NO_CREDENTIALS","hresult":"0x8009030E","has_win32":false,"description":`)
		var back iisstatus.Explanation
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, e.Win32, back.Win32)

		e, err = iisstatus.Explain("404 0 9999")
		require.NoError(t, err)
		b, err = json.Marshal(e)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"win32":{"code":"9999","known":false,"hresult":"0x8007270F","win32_error":"9999","has_win32":true}`)

		e, err = iisstatus.Explain("404.2")
		require.NoError(t, err)
		b, err = json.Marshal(e)
		require.NoError(t, err)
		assert.NotContains(t, string(b), `"win32"`)
	})
}

func TestExplainDetails(t *testing.T) {
	t.Run("status 403 lists its substatus codes", func(t *testing.T) {
		e, err := iisstatus.Explain("403")
		require.NoError(t, err)
		assert.Equal(t, "Forbidden", e.Status.Phrase)
		assert.Equal(t, status.ClientError, e.Status.Class)
		var codes []string
		for _, s := range e.Substatuses {
			codes = append(codes, s.Code.String())
			assert.NotEmpty(t, s.Label, s.Code)
		}
		assert.Contains(t, codes, "403.14")
		assert.Contains(t, codes, "403.20")
		assert.True(t, slices.IsSortedFunc(e.Substatuses, func(a, b iisstatus.SubstatusSummary) int { return int(a.Code.Sub) - int(b.Code.Sub) }))
	})
	t.Run("502.5 keeps every scope", func(t *testing.T) {
		e, err := iisstatus.Explain("502.5")
		require.NoError(t, err)
		var modules []string
		for _, m := range e.Substatus.Meanings {
			modules = append(modules, m.Module)
			assert.NotEmpty(t, m.Scope)
			assert.NotEmpty(t, m.Label)
			assert.True(t, m.Meaning.IsValid())
		}
		assert.Contains(t, modules, "arr")
		assert.Contains(t, modules, "ancm")
	})
	t.Run("500.19 differs between IIS 6 and 7+", func(t *testing.T) {
		e, err := iisstatus.Explain("500.19")
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(e.Substatus.Meanings), 2)
	})
	t.Run("reason carries client text, setting and status", func(t *testing.T) {
		e, err := iisstatus.Explain("QueueFull")
		require.NoError(t, err)
		assert.Equal(t, "Application request queue full.", e.Reason.Info.ClientText)
		assert.Equal(t, "queueLength", e.Reason.Info.Setting.Name)
		assert.Equal(t, "Service Unavailable", e.Status.Phrase)
		assert.Contains(t, e.String(), `Client sees: "Application request queue full."`)
		assert.Contains(t, e.String(), "queueLength (default 1000)")
	})
	t.Run("N/A lists its causes", func(t *testing.T) {
		e, err := iisstatus.Explain("N/A")
		require.NoError(t, err)
		assert.Len(t, e.Reason.Causes, 5)
		assert.Contains(t, e.String(), "DemandStartThreshold")
	})
	t.Run("N/I has an alternative status", func(t *testing.T) {
		e, err := iisstatus.Explain("N/I")
		require.NoError(t, err)
		assert.Equal(t, status.Code(503), e.Reason.AltStatus.Code)
		assert.Contains(t, e.String(), "501 Not Implemented, or 503 Service Unavailable")
	})
	t.Run("unknown code prints digits", func(t *testing.T) {
		e, err := iisstatus.Explain("299")
		require.NoError(t, err)
		assert.Equal(t, "299 (unknown status code)\n  Class: Successful\n", e.String())
		e, err = iisstatus.Explain("403.999")
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(e.String(), "403.999: unknown IIS substatus code"))
	})
}

func TestExplanationJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]any // top-level keys and, for strings, values
		not  []string       // keys that must be absent
	}{
		{name: "status", in: "404", want: map[string]any{"input": "404", "kind": "status"}, not: []string{"reason", "substatus"}},
		{name: "substatus", in: "403.14", want: map[string]any{"kind": "substatus"}, not: []string{"reason", "substatuses"}},
		{name: "reason", in: "ConnLimit", want: map[string]any{"kind": "reason"}, not: []string{"substatus", "substatuses", "title"}},
		{name: "timer has no status", in: "Timer_ConnectionIdle", want: map[string]any{"kind": "reason"}, not: []string{"status", "substatus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var m map[string]any
			require.NoError(t, json.Unmarshal(b, &m))
			for k, v := range tc.want {
				assert.Equal(t, v, m[k], k)
			}
			for _, k := range tc.not {
				assert.NotContains(t, m, k)
			}
		})
	}
	t.Run("values", func(t *testing.T) {
		e, err := iisstatus.Explain("HTTP Error 403.14 - Forbidden")
		require.NoError(t, err)
		b, err := json.Marshal(e)
		require.NoError(t, err)
		s := string(b)
		assert.Contains(t, s, `"code":"403.14"`)
		assert.Contains(t, s, `"code":"403"`)
		assert.Contains(t, s, `"title":"Forbidden"`)
		assert.Contains(t, s, `"label":"Directory listing denied"`)
		var back iisstatus.Explanation
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, e.Substatus.Code, back.Substatus.Code)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, s, string(again), "the JSON form round-trips")
		assert.Equal(t, e.Status.Info.Code, back.Status.Code)
		assert.Equal(t, e.Status.IISWordings, back.Status.IISWordings)
		assert.Equal(t, e.Kind, back.Kind)
	})
}

// TestExplanationStatusInfo checks that the status section carries every
// field of the status table's entry, not a selection.
func TestExplanationStatusInfo(t *testing.T) {
	for _, in := range []string{"429", "503 QueueFull", "413.0"} {
		e, err := iisstatus.Explain(in)
		require.NoError(t, err, in)
		info, ok := e.Status.Code.Info()
		require.True(t, ok)
		assert.Equal(t, info, e.Status.Info, in)
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var m struct {
			Status map[string]any `json:"status"`
		}
		require.NoError(t, json.Unmarshal(b, &m))
		for _, k := range []string{"code", "phrase", "spec", "registry", "retry", "description", "source", "known", "class"} {
			assert.Contains(t, m.Status, k, in)
		}
	}
	e, err := iisstatus.Explain("429")
	require.NoError(t, err)
	assert.True(t, e.Status.NoStore, "429 must not be stored (RFC 6585)")
	assert.True(t, e.Status.RetryAfter)
	e, err = iisstatus.Explain("299")
	require.NoError(t, err)
	assert.Equal(t, status.Info{Code: 299}, e.Status.Info)
	assert.Equal(t, status.Successful, e.Status.Class)
}

func TestKindText(t *testing.T) {
	for _, k := range []iisstatus.Kind{iisstatus.KindUnknown, iisstatus.KindStatus, iisstatus.KindSubstatus, iisstatus.KindReason} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, k.String(), string(b))
		var back iisstatus.Kind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	assert.Equal(t, "Kind(9)", iisstatus.Kind(9).String())
	_, err := iisstatus.Kind(9).MarshalText()
	assert.Error(t, err)
	var k iisstatus.Kind
	assert.Error(t, k.UnmarshalText([]byte("code")))
}

// The seed's items, kept here so that the tests bite without ../shared;
// TestSeedFile checks these lists against the file when it is present.
var (
	// seedHeadings are the status headings and list lines of the seed,
	// verbatim but for the "### " prefix.
	seedHeadings = map[string]status.Code{
		"500 -Internal Server Error":                                  500,
		"501 -Not Implemented":                                        501,
		"502 -Bad Gateway":                                            502,
		"503 -Service Unavailable":                                    503,
		"HTTP 500.x – Internal Server Error Codes":                    500,
		"503-Service Unavailable":                                     503,
		"301-Permanent Redirect":                                      301,
		"302-Object Moved":                                            302,
		"304-Not Modified":                                            304,
		"307-Temporary Redirect":                                      307,
		"HTTP 400-Cannot Resolve the Request":                         400,
		"HTTP 401.x-Unauthorized":                                     401,
		"HTTP 403.x-Forbidden":                                        403,
		"HTTP 404.x-File or Directory Not Found":                      404,
		"405-HTTP Verb Used to Access This Page Is Not Allowed":       405,
		"407-Initial Proxy Authentication Required by the Web Server": 407,
		"413-Request Entity Is Too Large":                             413,
		"414-Request URL Is Too Large and Therefore Unacceptable on the Web Server": 414,
	}
	// seedSubstatus maps each substatus of the seed's tables to its labels.
	seedSubstatus = map[string][]string{
		"500.0": {"Internal Server Error"}, "500.11": {"Application is shutting down on the Web server."},
		"500.12": {"Application restarting"}, "500.13": {"Server too busy"},
		"500.14": {"Invalid application configuration on the server."}, "500.15": {"Direct requests for GLOBAL.ASA forbidden"},
		"500.16": {"UNC authorization credentials are incorrect."}, "500.17": {"URL authorization store not found"},
		"500.18": {"URL authorization store cannot be opened"}, "500.19": {"Bad file metadata"}, "500.100": {"ASP error"},
		"401.1": {"Unauthorized – Logon failed", "Access is denied due to invalid credentials."},
		"401.2": {"Access is denied due to server configuration favoring an alternate authentication method"},
		"401.3": {"Access is denied due to an ACL set on the requested resource."},
		"401.4": {"Authorization failed by a filter installed on the Web server."},
		"401.5": {"Authorization failed by an ISAPI/CGI application."},
		"401.7": {"Access denied by URL authorization policy on the Web server."},
		"403.1": {"Forbidden – Execute access denied"}, "403.2": {"Read access denied"}, "403.3": {"Write access denied"},
		"403.4": {"SSL required"}, "403.5": {"SSL 128 required"}, "403.6": {"IP address rejected"},
		"403.7": {"Client certificate required"}, "403.8": {"Site access denied"}, "403.9": {"Too many users"},
		"403.10": {"Invalid configuration"}, "403.11": {"Password change"}, "403.12": {"Mapper access denied"},
		"403.13": {"Client certificate revoked"}, "403.14": {"Directory listing denied"},
		"403.15": {"Client Access Licenses exceeded"}, "403.16": {"Client certificate untrusted or ill-formed"},
		"403.17": {"Client certificate has expired or is not yet valid"},
		"403.18": {"Cannot execute request from this application pool"}, "403.19": {"CGI access denied"},
		"403.20": {"Passport login failed"},
		"404.0":  {"Not Found"}, "404.2": {"Not Found – Denied due to Lockdown Policy"},
		"404.3": {"Not Found – Denied due to MIMEMAP Policy"},
	}
	// seedReasons are the reason tokens of the seed's 400 and 503 tables.
	seedReasons = []string{"BadRequest", "Verb", "URL", "Header", "Hostname", "Invalid_CR/LF", "Number",
		"FieldLength", "RequestLength", "N/A", "ConnLimit", "AppOffline", "QueueFull", "Disabled", "AppShutdown", "AppPoolTimer"}
)

func TestSeedReachable(t *testing.T) {
	for h, code := range seedHeadings {
		t.Run("heading/"+h, func(t *testing.T) { checkHeading(t, h, code) })
	}
	for id, labels := range seedSubstatus {
		t.Run("substatus/"+id, func(t *testing.T) { checkSubstatus(t, id, labels) })
	}
	for _, tok := range seedReasons {
		t.Run("reason/"+tok, func(t *testing.T) { checkReason(t, tok) })
	}
}

func checkHeading(t *testing.T, heading string, code status.Code) {
	t.Helper()
	for _, in := range []string{heading, strconv.Itoa(int(code))} {
		e, err := iisstatus.Explain(in)
		require.NoError(t, err, in)
		assert.Equal(t, iisstatus.KindStatus, e.Kind, in)
		assert.Equal(t, code, e.Status.Code, in)
		assert.True(t, e.Known(), in)
		assert.NotEmpty(t, e.Status.Description, in)
	}
}

func checkSubstatus(t *testing.T, id string, labels []string) {
	t.Helper()
	for _, in := range []string{id, strings.Replace(id, ".", " ", 1)} {
		e, err := iisstatus.Explain(in)
		require.NoError(t, err, in)
		require.Equal(t, iisstatus.KindSubstatus, e.Kind, in)
		assert.Equal(t, id, e.Substatus.Code.String(), in)
		require.True(t, e.Known(), in)
		for _, l := range labels {
			found := slices.ContainsFunc(e.Substatus.Meanings, func(m iisstatus.SubstatusMeaning) bool {
				return m.Label == l || slices.Contains(m.AltLabels, l)
			})
			assert.True(t, found, "%s: label %q not among the meanings", in, l)
		}
	}
}

func checkReason(t *testing.T, tok string) {
	t.Helper()
	e, err := iisstatus.Explain(tok)
	require.NoError(t, err)
	require.Equal(t, iisstatus.KindReason, e.Kind)
	assert.Equal(t, tok, e.Reason.Reason.String())
	assert.Equal(t, tok, e.Reason.Info.Token)
	assert.True(t, e.Status.Known, "seed reasons all carry a status")
	assert.Contains(t, e.String(), tok)
}

var (
	seedHeadRE = regexp.MustCompile(`^([1-5][0-9][0-9])\t(none|[0-9]+)\t(.*)$`)
	seedContRE = regexp.MustCompile(`^\t([0-9]+)\t(.*)$`)
	seedListRE = regexp.MustCompile(`^[1-5][0-9][0-9] -\S`)
)

// TestSeedFile reads ../shared/seed.txt, when present, and checks that
// every status heading, substatus and reason token in it is reachable
// through Explain and appears in the in-repo lists above.
func TestSeedFile(t *testing.T) {
	f, err := os.Open(seedPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("seed not present:", seedPath)
	}
	require.NoError(t, err)
	defer f.Close()

	var headings, subs, tokens int
	st, table := 0, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \r")
		switch {
		case strings.HasPrefix(line, "### "):
			h := strings.TrimPrefix(line, "### ")
			if strings.ContainsAny(h, "0123456789") {
				headings++
				code, ok := seedHeadings[h]
				if assert.True(t, ok, "heading %q missing from the in-repo list", h) {
					t.Run("heading/"+h, func(t *testing.T) { checkHeading(t, h, code) })
				}
			}
			st, table = 0, ""
			continue
		case seedListRE.MatchString(line):
			headings++
			code, ok := seedHeadings[line]
			if assert.True(t, ok, "list line %q missing from the in-repo list", line) {
				t.Run("heading/"+line, func(t *testing.T) { checkHeading(t, line, code) })
			}
			continue
		case strings.HasPrefix(line, "Reason Code\t"), strings.HasPrefix(line, "Reason String\t"):
			table = line
			continue
		case line == "":
			st, table = 0, ""
			continue
		}
		if table != "" {
			cols := strings.Split(line, "\t")
			tok := cols[0]
			if strings.HasPrefix(table, "Reason String") && len(cols) > 1 {
				tok = cols[1]
			}
			tokens++
			assert.Contains(t, seedReasons, tok, "token missing from the in-repo list")
			t.Run("reason/"+tok, func(t *testing.T) { checkReason(t, tok) })
			continue
		}
		var subText, rest string
		if m := seedHeadRE.FindStringSubmatch(line); m != nil {
			st, _ = strconv.Atoi(m[1])
			subText, rest = m[2], m[3]
		} else if m := seedContRE.FindStringSubmatch(line); m != nil && st != 0 {
			subText, rest = m[1], m[2]
		} else {
			st = 0
			continue
		}
		if subText == "none" {
			subText = "0"
		}
		id := fmt.Sprintf("%d.%s", st, subText)
		var labels []string
		for _, l := range strings.Split(rest, "\t") {
			if l = strings.TrimSpace(l); l != "" {
				labels = append(labels, l)
			}
		}
		subs++
		assert.Equal(t, seedSubstatus[id], labels, "in-repo copy of %s", id)
		t.Run("substatus/"+id, func(t *testing.T) { checkSubstatus(t, id, labels) })
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, len(seedHeadings), headings, "headings")
	assert.Equal(t, len(seedSubstatus), subs, "substatus rows")
	assert.Equal(t, len(seedReasons), tokens, "reason tokens")
}

func TestExplainNoPanicOnOddInput(t *testing.T) {
	for _, in := range []string{"\x00", "\xff\xfe", "HTTP/", "HTTP/1.1", "HTTP/9.9.9.9 200", "403.x.1", "403.X", "403.xyz", "–", "404 –", "404 - ", "4\u00a004"} {
		t.Run(strconv.Quote(in), func(t *testing.T) {
			assert.NotPanics(t, func() { _, _ = iisstatus.Explain(in) })
		})
	}
}

// FuzzExplain checks Explain's invariants: it never panics, errors are
// *InputError for the input with an offset inside it, and successful
// results are consistent and encode to JSON.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{"404", "403.14", "403 14", "403,14", " 500.19 ", "ConnLimit", "Timer_ConnectionIdle",
		"N/A", "Invalid_CR/LF", "HTTP Error 403.14 - Forbidden", "401.x", "299", "1000", "403.01", "",
		"404 2 1260", "401 2 2148074254", "200 0 64", "404 2 1260 5", "404 2 4294967296",
		"700.5", "700 5 0", "999", "0x80070021", "500.19 0x8007000d", "-2147024883", "403.", "HTTP Error 503. The service is unavailable.",
		"HTTP Error 500.19 - x\nModule\tA\nError Code\t0x1", "<html><h3>HTTP Error 404.0 - Not Found</h3><tr><th>Module</th><td>&nbsp;X</td></tr>",
		"<a<b<c", "&#x110000;&#0;&amp", "ModuleANotificationBHandlerC\nRequested URLx", "Config Source:\n-1:\n 0:\n1a:"} {
		f.Add(s)
	}
	pages, _ := filepath.Glob("testdata/pages/*")
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := iisstatus.Explain(s)
		if err != nil {
			var ie *iisstatus.InputError
			if !errors.As(err, &ie) || ie.Input != s || ie.Offset < 0 || ie.Offset > len(s) || ie.Err == nil {
				t.Fatalf("Explain(%q): error %v is not an *InputError for the input", s, err)
			}
			return
		}
		if e.Input != s || e.String() == "" {
			t.Fatalf("Explain(%q): Input %q, String %q", s, e.Input, e.String())
		}
		if _, err := json.Marshal(e); err != nil {
			t.Fatalf("Explain(%q): the Explanation does not encode to JSON: %v", s, err)
		}
		switch e.Kind {
		case iisstatus.KindStatus, iisstatus.KindSubstatus:
			if e.Status.Code < 100 || e.Status.Code > 999 {
				t.Fatalf("Explain(%q): status %d out of range", s, e.Status.Code)
			}
			if e.Kind == iisstatus.KindSubstatus && e.Substatus.Code.Status != e.Status.Code {
				t.Fatalf("Explain(%q): substatus %v under status %v", s, e.Substatus.Code, e.Status.Code)
			}
			if e.Win32 != (iisstatus.Win32Detail{}) && e.Win32.Known != e.Win32.Code.IsKnown() {
				t.Fatalf("Explain(%q): win32 %+v", s, e.Win32)
			}
		case iisstatus.KindWin32:
			if e.Status.Code != 0 && e.Page.Kind == iisstatus.PageUnknown || e.Win32.Known != e.Win32.Code.IsKnown() || e.Known() != e.Win32.Known {
				t.Fatalf("Explain(%q): win32 %+v, status %+v", s, e.Win32, e.Status)
			}
		case iisstatus.KindReason:
			if !e.Reason.Reason.IsKnown() || !e.Known() {
				t.Fatalf("Explain(%q): unknown reason %v", s, e.Reason.Reason)
			}
		default:
			t.Fatalf("Explain(%q): kind %v without error", s, e.Kind)
		}
	})
}

// TestExplainPairs checks that the (substatus, error code) pairs of the
// win32 data come with the input that names them, and first in the text.
func TestExplainPairs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ids  []string // the pair IDs, in order
	}{
		{name: "code and HRESULT", in: "500.19 0x8007000d", ids: []string{"500.19/0x8007000D", "500.19/0x8007000D/aspnetcore"}},
		{name: "log triple with the Win32 form", in: "500 19 13", ids: []string{"500.19/0x8007000D", "500.19/0x8007000D/aspnetcore"}},
		{name: "log triple 401 1 1326", in: "401 1 1326", ids: []string{"401.1/0x8007052E"}},
		{name: "locked section alone", in: "0x80070021", ids: []string{"500.19/0x80070021"}},
		{name: "Win32 form alone", in: "33", ids: []string{"500.19/0x80070021"}},
		{name: "negative HRESULT alone", in: "-2147024863", ids: []string{"500.19/0x80070021"}},
		{name: "status and HRESULT", in: "503 0x80070005", ids: []string{"503.0/0x80070005"}},
		{name: "ANCM substatus without code", in: "500.30", ids: []string{"500.30/ancm"}},
		{name: "log triple of a substatus only ANCM sets", in: "500 30 0", ids: []string{"500.30/ancm"}},
		{name: "log triple with ANCM's event-log code", in: "500 30 574", ids: []string{"500.30/ancm/0x8007023E"}},
		{name: "500.0 is IIS's too", in: "500 0 0"},
		{name: "500.0 alone", in: "500.0"},
		{name: "500.0 with a code of ANCM's", in: "500 0 2147549183", ids: []string{"500.0/ancm/0x8000FFFF"}},
		{name: "502.5 alone: ARR or ANCM", in: "502.5"},
		{name: "ARR timeout", in: "502 3 12002", ids: []string{"502.3/arr/0x80072EE2"}},
		{name: "ANCM page title", in: "HTTP Error 500.30 - ASP.NET Core app failed to start", ids: []string{"500.30/ancm"}},
		{name: "substatus with codes only", in: "500.19"},
		{name: "unknown pair", in: "404.0 0x80070005"},
		{name: "status", in: "404"},
		{name: "reason", in: "QueueFull"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			var ids []string
			for _, p := range e.Pairs {
				ids = append(ids, p.ID)
				assert.True(t, p.Pair.IsValid())
				assert.NotEmpty(t, p.Cause, p.ID)
				assert.NotEmpty(t, p.Fix, p.ID)
			}
			assert.Equal(t, tc.ids, ids)
			out := e.String()
			if len(tc.ids) > 0 {
				i := strings.Index(out, "  Cause and fix: ")
				require.Positive(t, i, out)
				assert.Equal(t, 1, strings.Count(out[:i], "\n"), "the pairs come right after the heading:\n%s", out)
				assert.Contains(t, out, "    Cause: "+e.Pairs[0].Cause+"\n")
				assert.Contains(t, out, "    Fix: "+e.Pairs[0].Fix+"\n")
			} else {
				assert.NotContains(t, out, "Cause and fix")
			}
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back iisstatus.Explanation
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Len(t, back.Pairs, len(tc.ids))
		})
	}
	t.Run("both forms of the code", func(t *testing.T) {
		e, err := iisstatus.Explain("0x8007000D")
		require.NoError(t, err)
		assert.Equal(t, "0x8007000D", e.Win32.HRESULT)
		assert.Equal(t, win32.Code(13), e.Win32.Win32Error)
		assert.True(t, e.Win32.HasWin32)
		assert.Contains(t, e.String(), "  Win32 error code: 13\n")
		e, err = iisstatus.Explain("13")
		require.NoError(t, err)
		assert.Equal(t, "0x8007000D", e.Win32.HRESULT)
		assert.Equal(t, win32.Code(13), e.Win32.Win32Error)
		assert.NotContains(t, e.String(), "Win32 error code", "13 is the Win32 code itself")
	})
}

// TestExplainSelected: the meaning a one-line input selects, when the
// code names the module of a substatus that several modules set.
func TestExplainSelected(t *testing.T) {
	for _, tc := range []struct{ in, selected string }{
		{"502 5 12030", "502.5/arr"},
		{"502.5 0x80072EFE", "502.5/arr"},
		{"500 0 2147549183", "500.0/ancm"},
		{"500 0 13", "500.0"},
		{"500 0 0", ""},
		{"502.5", ""},
		{"502 3 12002", ""}, // every meaning is ARR's: all are shown
		{"500 19 13", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			e, err := iisstatus.Explain(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.selected, e.Substatus.Selected)
		})
	}
}

func TestExplainWithModule(t *testing.T) {
	e, err := iisstatus.Explain("502.5")
	require.NoError(t, err)
	require.Empty(t, e.Pairs)
	ancm := e.WithModule(substatus.ModuleANCM)
	require.Len(t, ancm.Pairs, 1)
	assert.Equal(t, "502.5/ancm", ancm.Pairs[0].ID)
	assert.Equal(t, "502.5/ancm", ancm.Substatus.Selected)
	arr := e.WithModule(substatus.ModuleARR)
	assert.Empty(t, arr.Pairs)
	assert.Equal(t, "502.5/arr", arr.Substatus.Selected)
	assert.Empty(t, e.Pairs, "e itself is unchanged")

	e, err = iisstatus.Explain("500 19 13")
	require.NoError(t, err)
	require.Len(t, e.Pairs, 2)
	assert.Empty(t, e.WithModule(substatus.ModuleARR).Pairs, "IIS's pairs do not explain ARR's 500.19")
	assert.Len(t, e.WithModule(substatus.ModuleCore).Pairs, 2)

	e, err = iisstatus.Explain("0x80070021")
	require.NoError(t, err)
	assert.Equal(t, e, e.WithModule(substatus.ModuleANCM), "not a substatus")
}
