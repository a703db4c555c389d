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

const dossierPath = "../../shared/reference/win32_status.tsv"

// hexSuffix matches the " 0x8009030E" the dossier appends to HRESULT
// symbols; the hex form is not part of the symbol.
var hexSuffix = regexp.MustCompile(` (0x[0-9A-Fa-f]{8})$`)

// TestDossier: every row of the reference dossier round-trips through
// Parse, String and the text form, with the symbol byte-exact.
func TestDossier(t *testing.T) {
	tab, err := tsv.ReadFile(dossierPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("dossier not present:", dossierPath)
	}
	require.NoError(t, err)
	require.Len(t, tab.Rows, 40)
	seen := map[win32.Code]bool{}
	for _, row := range tab.Rows {
		num, sym := row.Get("code"), row.Get("symbol")
		t.Run(num, func(t *testing.T) {
			c, err := win32.Parse(num)
			require.NoError(t, err)
			seen[c] = true
			want := sym
			if m := hexSuffix.FindStringSubmatch(sym); m != nil {
				want = strings.TrimSuffix(sym, m[0])
				assert.True(t, strings.EqualFold(fmt.Sprintf("0x%08X", uint32(c)), m[1]), "dossier hex %s for %d", m[1], c)
				hc, err := win32.Parse(m[1])
				require.NoError(t, err)
				assert.Equal(t, c, hc)
			}
			assert.True(t, c.IsKnown())
			assert.Equal(t, want, c.Symbol())
			assert.NotEmpty(t, c.Description())
			assert.True(t, strings.HasPrefix(c.String(), num+" "), c.String())
			assert.True(t, strings.HasSuffix(c.String(), " "+want), c.String())
			text, err := c.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, num, string(text))
			var back win32.Code
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, c, back)
		})
	}
	for c := range win32.All() {
		assert.True(t, seen[c], "code %v is not in the dossier", c)
	}
}

func TestTable(t *testing.T) {
	codes := slices.Collect(win32.All())
	assert.Len(t, codes, 40)
	assert.True(t, slices.IsSorted(codes))
	assert.Len(t, slices.Compact(slices.Clone(codes)), len(codes), "duplicates")
	symbols := map[string]bool{}
	for _, c := range codes {
		assert.NotEmpty(t, c.Symbol(), c)
		assert.False(t, symbols[c.Symbol()], "duplicate symbol %s", c.Symbol())
		symbols[c.Symbol()] = true
	}
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, win32.DataVersion)
	// Stopping early must not panic.
	for range win32.All() {
		break
	}
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
		{name: "client disconnect", in: "64", want: 64},
		{name: "winhttp timeout", in: "12002", want: 12002},
		{name: "HRESULT decimal", in: "2148074254", want: 0x8009030E},
		{name: "max", in: "4294967295", want: 0xFFFFFFFF},
		{name: "unknown", in: "1261", want: 1261},
		{name: "hex upper", in: "0x8009030E", want: 2148074254},
		{name: "hex lower", in: "0X80070005", want: 2147942405},
		{name: "hex mixed case", in: "0x8009030e", want: 2148074254},
		{name: "hex short", in: "0x40", want: 64},
		{name: "hex padded", in: "0x00000040", want: 64},
		{name: "hex max", in: "0xffffffff", want: 0xFFFFFFFF},
		{name: "empty", in: "", wantErr: win32.ErrSyntax},
		{name: "leading zero", in: "064", wantErr: win32.ErrSyntax},
		{name: "double zero", in: "00", wantErr: win32.ErrSyntax},
		{name: "sign", in: "+64", wantErr: win32.ErrSyntax},
		{name: "negative", in: "-2147024894", wantErr: win32.ErrSyntax},
		{name: "space", in: " 64", wantErr: win32.ErrSyntax},
		{name: "trailing space", in: "64 ", wantErr: win32.ErrSyntax},
		{name: "letters", in: "64a", wantErr: win32.ErrSyntax},
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
				assert.Contains(t, err.Error(), strconv.Quote(tc.in))
				assert.True(t, strings.HasPrefix(err.Error(), "win32: "))
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestMustParse(t *testing.T) {
	assert.Equal(t, win32.Code(1260), win32.MustParse("1260"))
	assert.Panics(t, func() { win32.MustParse("x") })
}

func TestString(t *testing.T) {
	tests := []struct {
		name string
		code win32.Code
		want string
	}{
		{name: "success", code: 0, want: "0 ERROR_SUCCESS"},
		{name: "known", code: 1260, want: "1260 ERROR_ACCESS_DISABLED_BY_POLICY"},
		{name: "winsock", code: 10054, want: "10054 WSAECONNRESET"},
		{name: "unknown", code: 1261, want: "1261"},
		{name: "HRESULT known", code: 2148074254, want: "2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS"},
		{name: "HRESULT_FROM_WIN32", code: 2147942402, want: "2147942402 (0x80070002) HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)"},
		{name: "HRESULT unknown", code: 0x80070003, want: "2147942403 (0x80070003)"},
		{name: "first HRESULT", code: 0x80000000, want: "2147483648 (0x80000000)"},
		{name: "last non-HRESULT", code: 0x7FFFFFFF, want: "2147483647"},
		{name: "max", code: 0xFFFFFFFF, want: "4294967295 (0xFFFFFFFF)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.code.String())
		})
	}
}

func TestUnknown(t *testing.T) {
	for _, c := range []win32.Code{4, 1261, 0x7FFFFFFF, 0x80070003, 0xFFFFFFFF} {
		t.Run(strconv.FormatUint(uint64(c), 10), func(t *testing.T) {
			assert.False(t, c.IsKnown())
			assert.Empty(t, c.Symbol())
			assert.Empty(t, c.Description())
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
		{name: "unknown", code: 1261, text: "1261"},
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
	t.Run("hex accepted", func(t *testing.T) {
		var c win32.Code
		require.NoError(t, c.UnmarshalText([]byte("0x8009030E")))
		assert.Equal(t, win32.Code(2148074254), c)
	})
	t.Run("bad text keeps value", func(t *testing.T) {
		c := win32.Code(64)
		err := c.UnmarshalText([]byte("sixty-four"))
		assert.ErrorIs(t, err, win32.ErrSyntax)
		assert.Equal(t, win32.Code(64), c)
	})
}

func TestNoAllocs(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{name: "Symbol known", fn: func() { _ = win32.Code(2148074254).Symbol() }},
		{name: "Symbol unknown", fn: func() { _ = win32.Code(1261).Symbol() }},
		{name: "Description", fn: func() { _ = win32.Code(64).Description() }},
		{name: "IsKnown", fn: func() { _ = win32.Code(12002).IsKnown() }},
		{name: "Parse decimal", fn: func() { _, _ = win32.Parse("2148074254") }},
		{name: "Parse hex", fn: func() { _, _ = win32.Parse("0x8009030E") }},
		{name: "Parse unknown", fn: func() { _, _ = win32.Parse("1261") }},
		{name: "AppendText", fn: func() { _, _ = win32.Code(1260).AppendText(buf[:0]) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.fn))
		})
	}
}

var buf = make([]byte, 0, 32)
