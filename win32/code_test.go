package win32_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/gen/tsv"
	"github.com/iisstatus/iisstatus/win32"
)

const (
	statusDossier = "../../shared/reference/win32_status.tsv"
	commonDossier = "../../shared/reference/win32_common.tsv"
	dataDir       = "../internal/data/"
)

// readOrSkip reads a shared reference table, skipping the test when it is
// not there (a clone of the repository alone).
func readOrSkip(t *testing.T, path string) *tsv.Table {
	t.Helper()
	tab, err := tsv.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("reference table not present:", path)
	}
	require.NoError(t, err)
	return tab
}

var (
	// hexSuffix matches the " 0x8009030E" some reference rows append to
	// HRESULT symbols; the hex form is not part of the symbol.
	hexSuffix = regexp.MustCompile(` (0x[0-9A-Fa-f]{8})$`)
	// fromWin32 matches the HRESULT_FROM_WIN32(ERROR_X) spelling of an
	// HRESULT that has no name of its own.
	fromWin32 = regexp.MustCompile(`^HRESULT_FROM_WIN32\((\w+)\)$`)
)

// TestReference: every code of the reference tables (the 40 of
// win32_status.tsv and the 64 of win32_common.tsv) parses, has the
// reference's symbol byte-exact and round-trips through its text form.
func TestReference(t *testing.T) {
	for _, f := range []struct {
		path string
		rows int
	}{{statusDossier, 40}, {commonDossier, 64}} {
		tab := readOrSkip(t, f.path)
		require.Len(t, tab.Rows, f.rows, f.path)
		for _, row := range tab.Rows {
			num, sym := row.Get("code"), row.Get("symbol")
			t.Run(num, func(t *testing.T) {
				c, err := win32.Parse(num)
				require.NoError(t, err)
				want := sym
				if m := hexSuffix.FindStringSubmatch(sym); m != nil {
					want = strings.TrimSuffix(sym, m[0])
					assert.Equal(t, c, win32.MustParse(m[1]), "reference hex %s for %d", m[1], c)
				}
				if m := fromWin32.FindStringSubmatch(want); m != nil {
					w, ok := c.Win32()
					require.True(t, ok)
					assert.Equal(t, m[1], w.Symbol())
					want = m[1] // such an HRESULT takes its Win32 code's name
				}
				assert.True(t, c.IsKnown())
				assert.Equal(t, want, c.Symbol())
				assert.True(t, strings.HasPrefix(c.String(), num+" "), c.String())
				assert.True(t, strings.HasSuffix(c.String(), " "+want), c.String())
				text, err := c.MarshalText()
				require.NoError(t, err)
				assert.Equal(t, num, string(text))
			})
		}
	}
}

// TestDescribedTable: every row of internal/data/win32.tsv is found
// through the public API, with its symbol and description.
func TestDescribedTable(t *testing.T) {
	tab, err := tsv.ReadFile(dataDir + "win32.tsv")
	require.NoError(t, err)
	var codes []win32.Code
	for _, row := range tab.Rows {
		t.Run(row.Get("code"), func(t *testing.T) {
			c, err := win32.Parse(row.Get("code"))
			require.NoError(t, err)
			codes = append(codes, c)
			assert.Equal(t, row.Get("symbol"), c.Symbol())
			assert.Equal(t, row.Get("description"), c.Description())
			assert.True(t, c.IsKnown())
		})
	}
	assert.Equal(t, codes, slices.Collect(win32.Described()))
}

// TestWinHTTPTable: every row of internal/data/win32_winhttp.tsv names its
// code, in both forms.
func TestWinHTTPTable(t *testing.T) {
	tab, err := tsv.ReadFile(dataDir + "win32_winhttp.tsv")
	require.NoError(t, err)
	require.NotEmpty(t, tab.Rows)
	for _, row := range tab.Rows {
		t.Run(row.Get("symbol"), func(t *testing.T) {
			c, err := win32.Parse(row.Get("code"))
			require.NoError(t, err)
			assert.Equal(t, row.Get("symbol"), c.Symbol())
			assert.Equal(t, row.Get("symbol"), c.HRESULT().Symbol())
			assert.Equal(t, uint16(7), c.HRESULT().Facility(), "FACILITY_WIN32")
		})
	}
}

func TestAll(t *testing.T) {
	codes := slices.Collect(win32.All())
	assert.Greater(t, len(codes), 3000, "every Win32 error code of x/sys")
	assert.True(t, slices.IsSorted(codes))
	assert.Len(t, slices.Compact(slices.Clone(codes)), len(codes), "duplicates")
	for _, c := range codes {
		if !c.IsKnown() {
			t.Errorf("All yields %v without a symbol", c)
		}
	}
	described := slices.Collect(win32.Described())
	assert.True(t, slices.IsSorted(described))
	for _, c := range described {
		assert.True(t, slices.Contains(codes, c), "described %d has no symbol", c)
		assert.NotEmpty(t, c.Description(), c)
	}
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, win32.DataVersion)
	assert.Regexp(t, `^golang\.org/x/sys@v\d+\.\d+\.\d+$`, win32.SymbolSource)
	// Stopping early must not panic.
	for range win32.All() {
		break
	}
	for range win32.Described() {
		break
	}
}

func TestSymbol(t *testing.T) {
	tests := []struct {
		name string
		code win32.Code
		want string
	}{
		{name: "success", code: 0, want: "ERROR_SUCCESS"},
		{name: "Win32 from x/sys", code: 1261, want: "ERROR_REG_NAT_CONSUMPTION"},
		{name: "RPC code", code: 1722, want: "RPC_S_SERVER_UNAVAILABLE"},
		{name: "Winsock", code: 10061, want: "WSAECONNREFUSED"},
		{name: "WinHTTP", code: 12175, want: "ERROR_WINHTTP_SECURE_FAILURE"},
		{name: "WinHTTP as HRESULT", code: 0x80072EE2, want: "ERROR_WINHTTP_TIMEOUT"},
		{name: "HRESULT of its own", code: 0x80070005, want: "E_ACCESSDENIED"},
		{name: "HRESULT without a name takes the Win32 one", code: 0x8007000D, want: "ERROR_INVALID_DATA"},
		{name: "SEC_E", code: 0x80090322, want: "SEC_E_WRONG_PRINCIPAL"},
		{name: "CERT_E", code: 0x800B0109, want: "CERT_E_UNTRUSTEDROOT"},
		{name: "CRYPT_E", code: 0x80092012, want: "CRYPT_E_NO_REVOCATION_CHECK"},
		{name: "E_FAIL", code: 0x80004005, want: "E_FAIL"},
		{name: "NTSTATUS described", code: 0xC00000FD, want: "STATUS_STACK_OVERFLOW"},
		{name: "range marker is no name", code: 9000, want: ""},
		{name: "unassigned Win32", code: 9999, want: ""},
		{name: "unassigned 0x8007 HRESULT", code: 0x8007FFFF, want: ""},
		{name: "FACILITY_WIN32 code 0 is not ERROR_SUCCESS", code: 0x80070000, want: ""},
		{name: "above Win32, below HRESULT", code: 0x10000, want: ""},
		{name: "HRESULT family not named", code: 0x88985001, want: ""},
		{name: "max", code: 0xFFFFFFFF, want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.code.Symbol())
			assert.Equal(t, tc.want != "", tc.code.IsKnown())
		})
	}
}

func TestDescription(t *testing.T) {
	assert.Equal(t, win32.Code(13).Description(), win32.Code(0x8007000D).Description(), "an HRESULT takes its Win32 code's description")
	assert.NotEqual(t, win32.Code(5).Description(), win32.Code(0x80070005).Description(), "E_ACCESSDENIED has its own")
	assert.Empty(t, win32.Code(1261).Description(), "named but not described")
	assert.Empty(t, win32.Code(0x80090322).Description())
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    win32.Code
		wantErr error
	}{
		{name: "zero", in: "0", want: 0},
		{name: "file not found", in: "2", want: 2},
		{name: "invalid data", in: "13", want: 13},
		{name: "client disconnect", in: "64", want: 64},
		{name: "winhttp timeout", in: "12002", want: 12002},
		{name: "HRESULT decimal", in: "2148074254", want: 0x8009030E},
		{name: "HRESULT_FROM_WIN32 decimal", in: "2147942413", want: 0x8007000D},
		{name: "max", in: "4294967295", want: 0xFFFFFFFF},
		{name: "unknown", in: "9999", want: 9999},
		{name: "hex short", in: "0xd", want: 13},
		{name: "hex upper", in: "0x8007000D", want: 0x8007000D},
		{name: "hex lower", in: "0x8007000d", want: 0x8007000D},
		{name: "hex upper prefix", in: "0X80070005", want: 2147942405},
		{name: "hex padded", in: "0x00000040", want: 64},
		{name: "hex max", in: "0xffffffff", want: 0xFFFFFFFF},
		{name: "hex zero", in: "0x0", want: 0},
		{name: "signed HRESULT", in: "-2147024883", want: 0x8007000D},
		{name: "signed SEC_E", in: "-2146893042", want: 0x8009030E},
		{name: "signed minus one", in: "-1", want: 0xFFFFFFFF},
		{name: "signed min int32", in: "-2147483648", want: 0x80000000},
		{name: "empty", in: "", wantErr: win32.ErrSyntax},
		{name: "leading zero", in: "064", wantErr: win32.ErrSyntax},
		{name: "double zero", in: "00", wantErr: win32.ErrSyntax},
		{name: "plus sign", in: "+64", wantErr: win32.ErrSyntax},
		{name: "minus alone", in: "-", wantErr: win32.ErrSyntax},
		{name: "minus zero", in: "-0", wantErr: win32.ErrSyntax},
		{name: "minus leading zero", in: "-02", wantErr: win32.ErrSyntax},
		{name: "minus hex", in: "-0x5", wantErr: win32.ErrSyntax},
		{name: "double minus", in: "--5", wantErr: win32.ErrSyntax},
		{name: "below min int32", in: "-2147483649", wantErr: win32.ErrRange},
		{name: "far below", in: "-99999999999999999999", wantErr: win32.ErrRange},
		{name: "far below then letter", in: "-99999999999x", wantErr: win32.ErrSyntax},
		{name: "space", in: " 64", wantErr: win32.ErrSyntax},
		{name: "trailing space", in: "64 ", wantErr: win32.ErrSyntax},
		{name: "letters", in: "64a", wantErr: win32.ErrSyntax},
		{name: "bare hex digits", in: "8007000D", wantErr: win32.ErrSyntax},
		{name: "symbol", in: "ERROR_FILE_NOT_FOUND", wantErr: win32.ErrSyntax},
		{name: "too big", in: "4294967296", wantErr: win32.ErrRange},
		{name: "very long", in: "123456789012345678901234567890", wantErr: win32.ErrRange},
		{name: "too big then letter", in: "99999999999x", wantErr: win32.ErrSyntax},
		{name: "hex prefix only", in: "0x", wantErr: win32.ErrSyntax},
		{name: "hex bad digit", in: "0x8009030G", wantErr: win32.ErrSyntax},
		{name: "hex nine digits", in: "0x100000000", wantErr: win32.ErrRange},
		{name: "hex too long, bad digit", in: "0x100000000z", wantErr: win32.ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := win32.Parse(tc.in)
			if tc.wantErr != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.wantErr)
				var pe *win32.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, tc.in, pe.Input)
				assert.Equal(t, tc.wantErr, pe.Err)
				assert.Equal(t, "win32: parse "+strconv.Quote(tc.in)+": "+tc.wantErr.Error(), err.Error())
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := win32.Parse("0x8007000G")
	assert.EqualError(t, err, `win32: parse "0x8007000G": invalid syntax`)
	_, err = win32.Parse("4294967296")
	assert.EqualError(t, err, `win32: parse "4294967296": value out of range`)
	_, err = win32.Parse("a\tb\"")
	assert.EqualError(t, err, `win32: parse "a\tb\"": invalid syntax`)
}

func TestMustParse(t *testing.T) {
	assert.Equal(t, win32.Code(1260), win32.MustParse("1260"))
	assert.Panics(t, func() { win32.MustParse("x") })
}

func TestConversion(t *testing.T) {
	tests := []struct {
		name      string
		code      win32.Code
		isHRESULT bool
		win32     win32.Code
		hasWin32  bool
		hresult   win32.Code
		facility  uint16
	}{
		{name: "success", code: 0, win32: 0, hasWin32: true, hresult: 0},
		{name: "Win32", code: 13, win32: 13, hasWin32: true, hresult: 0x8007000D},
		{name: "largest Win32", code: 0xFFFF, win32: 0xFFFF, hasWin32: true, hresult: 0x8007FFFF},
		{name: "WinHTTP", code: 12002, win32: 12002, hasWin32: true, hresult: 0x80072EE2},
		{name: "HRESULT_FROM_WIN32", code: 0x8007000D, isHRESULT: true, win32: 13, hasWin32: true, hresult: 0x8007000D, facility: 7},
		{name: "E_ACCESSDENIED", code: 0x80070005, isHRESULT: true, win32: 5, hasWin32: true, hresult: 0x80070005, facility: 7},
		{name: "WinHTTP HRESULT", code: 0x80072EFE, isHRESULT: true, win32: 12030, hasWin32: true, hresult: 0x80072EFE, facility: 7},
		{name: "security HRESULT", code: 0x8009030E, isHRESULT: true, hresult: 0x8009030E, facility: 9},
		{name: "certificate HRESULT", code: 0x800B0109, isHRESULT: true, hresult: 0x800B0109, facility: 11},
		{name: "E_FAIL", code: 0x80004005, isHRESULT: true, hresult: 0x80004005, facility: 0},
		{name: "NTSTATUS", code: 0xC00000FD, isHRESULT: true, hresult: 0xC00000FD, facility: 0},
		{name: "FACILITY_WIN32 without a code", code: 0x80070000, isHRESULT: true, hresult: 0x80070000, facility: 7},
		{name: "FACILITY_WIN32 with more bits", code: 0x90070005, isHRESULT: true, hresult: 0x90070005, facility: 7},
		{name: "neither", code: 0x10000, win32: 0x10000, hasWin32: true, hresult: 0x10000},
		{name: "max", code: 0xFFFFFFFF, isHRESULT: true, hresult: 0xFFFFFFFF, facility: 0x7FF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.isHRESULT, tc.code.IsHRESULT())
			w, ok := tc.code.Win32()
			assert.Equal(t, tc.hasWin32, ok)
			assert.Equal(t, tc.win32, w)
			assert.Equal(t, tc.hresult, tc.code.HRESULT())
			assert.Equal(t, tc.facility, tc.code.Facility())
		})
	}
	t.Run("round trip", func(t *testing.T) {
		for c := win32.Code(0); c <= 0xFFFF; c++ {
			w, ok := c.HRESULT().Win32()
			if !ok || w != c {
				t.Fatalf("%d: HRESULT %v gives back %v, %v", c, c.HRESULT(), w, ok)
			}
		}
	})
}

func TestString(t *testing.T) {
	tests := []struct {
		name string
		code win32.Code
		want string
	}{
		{name: "success", code: 0, want: "0 ERROR_SUCCESS"},
		{name: "Win32 shows its HRESULT form", code: 13, want: "13 (0x8007000D) ERROR_INVALID_DATA"},
		{name: "and the HRESULT the same", code: 0x8007000D, want: "2147942413 (0x8007000D) ERROR_INVALID_DATA"},
		{name: "known", code: 1260, want: "1260 (0x800704EC) ERROR_ACCESS_DISABLED_BY_POLICY"},
		{name: "winsock", code: 10054, want: "10054 (0x80072746) WSAECONNRESET"},
		{name: "winhttp", code: 12002, want: "12002 (0x80072EE2) ERROR_WINHTTP_TIMEOUT"},
		{name: "unknown Win32 prints digits", code: 9999, want: "9999"},
		{name: "HRESULT known", code: 2148074254, want: "2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS"},
		{name: "HRESULT own name", code: 0x80070005, want: "2147942405 (0x80070005) E_ACCESSDENIED"},
		{name: "HRESULT unknown", code: 0x8007FFFF, want: "2148007935 (0x8007FFFF)"},
		{name: "first HRESULT", code: 0x80000000, want: "2147483648 (0x80000000)"},
		{name: "neither", code: 0x7FFFFFFF, want: "2147483647"},
		{name: "max", code: 0xFFFFFFFF, want: "4294967295 (0xFFFFFFFF)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.code.String())
			assert.Equal(t, tc.want, fmt.Sprint(tc.code))
		})
	}
}

func TestUnknown(t *testing.T) {
	for _, c := range []win32.Code{9999, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x8007FFFF, 0xFFFFFFFF} {
		t.Run(strconv.FormatUint(uint64(c), 10), func(t *testing.T) {
			assert.False(t, c.IsKnown())
			assert.Empty(t, c.Symbol())
			assert.Empty(t, c.Description())
			assert.Empty(t, slices.Collect(c.Pairs()))
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		code win32.Code
		text string
	}{
		{name: "zero", code: 0, text: "0"},
		{name: "known", code: 64, text: "64"},
		{name: "unknown", code: 9999, text: "9999"},
		{name: "HRESULT", code: 2148074254, text: "2148074254"},
		{name: "max", code: 0xFFFFFFFF, text: "4294967295"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.code.AppendText([]byte("x="))
			require.NoError(t, err)
			assert.Equal(t, "x="+tc.text, string(b))
			b, err = tc.code.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tc.text, string(b))
			var back win32.Code
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, tc.code, back)
		})
	}
	t.Run("json", func(t *testing.T) {
		b, err := json.Marshal(map[win32.Code]win32.Code{1260: 2148074254})
		require.NoError(t, err)
		assert.JSONEq(t, `{"1260":"2148074254"}`, string(b))
		var back map[win32.Code]win32.Code
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, win32.Code(2148074254), back[1260])
	})
	t.Run("hex and signed accepted", func(t *testing.T) {
		var c win32.Code
		require.NoError(t, c.UnmarshalText([]byte("0x8009030E")))
		assert.Equal(t, win32.Code(2148074254), c)
		require.NoError(t, c.UnmarshalText([]byte("-2147024883")))
		assert.Equal(t, win32.Code(0x8007000D), c)
	})
	t.Run("bad text keeps value", func(t *testing.T) {
		c := win32.Code(64)
		err := c.UnmarshalText([]byte("sixty-four"))
		assert.ErrorIs(t, err, win32.ErrSyntax)
		assert.Equal(t, win32.Code(64), c)
	})
}

func TestNoAllocs(t *testing.T) {
	s, s30, s502 := statusCode(t, "500.19"), statusCode(t, "500.30"), statusCode(t, "502.3")
	tests := []struct {
		name string
		fn   func()
	}{
		{name: "Symbol known", fn: func() { _ = win32.Code(2148074254).Symbol() }},
		{name: "Symbol from Win32", fn: func() { _ = win32.Code(0x8007000D).Symbol() }},
		{name: "Symbol unknown", fn: func() { _ = win32.Code(9999).Symbol() }},
		{name: "Description", fn: func() { _ = win32.Code(64).Description() }},
		{name: "IsKnown", fn: func() { _ = win32.Code(12002).IsKnown() }},
		{name: "Win32", fn: func() { _, _ = win32.Code(0x8007000D).Win32() }},
		{name: "HRESULT", fn: func() { _ = win32.Code(13).HRESULT() }},
		{name: "Parse decimal", fn: func() { _, _ = win32.Parse("2148074254") }},
		{name: "Parse hex", fn: func() { _, _ = win32.Parse("0x8009030E") }},
		{name: "Parse signed", fn: func() { _, _ = win32.Parse("-2147024883") }},
		{name: "Parse unknown", fn: func() { _, _ = win32.Parse("9999") }},
		{name: "AppendText", fn: func() { _, _ = win32.Code(1260).AppendText(buf[:0]) }},
		{name: "LookupPairs", fn: func() {
			for p := range win32.LookupPairs(s, 13) {
				_ = p.Cause()
			}
		}},
		{name: "PairsFor", fn: func() {
			for p := range win32.PairsFor(s) {
				_ = p.Fix()
			}
		}},
		{name: "Explain", fn: func() {
			for p := range win32.Explain(s30, 0) {
				_ = p.Cause()
			}
		}},
		{name: "Triple.SetBy", fn: func() {
			_, _ = win32.Triple{Substatus: s502, Code: 12002, HasCode: true}.SetBy()
		}},
		{name: "Code.Pairs", fn: func() {
			for p := range win32.Code(0x80070021).Pairs() {
				_ = p.Substatus()
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.fn))
		})
	}
}

var buf = make([]byte, 0, 32)
