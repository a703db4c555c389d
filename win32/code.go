package win32

import (
	"iter"
	"strconv"
)

// Code is a Windows status code as IIS logs it in sc-win32-status, or as an
// error page shows it after "Error Code": an unsigned 32-bit number that is
// either a Win32 error code (0–65535) or an HRESULT (0x80000000 and above,
// such as 0x8009030E). The zero value is 0, ERROR_SUCCESS (and S_OK), which
// is what IIS logs when nothing failed. Codes are comparable values; compare
// them with ==, or compare [Code.HRESULT] forms to treat 13 and 0x8007000D
// as the same error. Every uint32 is a valid Code, known or not.
type Code uint32

// hresultMin is the first value with the HRESULT severity (failure) bit
// set.
const hresultMin = 0x80000000

// win32Facility is the high half of an HRESULT that wraps a Win32 code:
// severity failure, FACILITY_WIN32.
const win32Facility = 0x8007 << 16

// IsHRESULT reports whether c has the severity bit of an HRESULT set, that
// is, whether c is 0x80000000 or above: a failure HRESULT such as
// 0x8007000D or 0x8009030E, as opposed to a Win32 code such as 13. (NTSTATUS
// error codes such as 0xC00000FD have that bit set too.)
func (c Code) IsHRESULT() bool { return c >= hresultMin }

// Facility returns the facility field of an HRESULT (bits 16–26): 7
// (FACILITY_WIN32) for 0x8007000D, 9 (FACILITY_SECURITY) for 0x8009030E,
// 11 (FACILITY_CERT) for 0x800B0109. It returns 0 for a code that is not an
// HRESULT.
func (c Code) Facility() uint16 {
	if !c.IsHRESULT() {
		return 0
	}
	return uint16(c>>16) & 0x7FF
}

// Win32 returns the Win32 error code c stands for. A code below 0x80000000
// is returned as it is. An HRESULT built from a Win32 code
// (HRESULT_FROM_WIN32: 0x8007xxxx) gives its low 16 bits: 0x8007000D gives
// 13. Any other HRESULT, such as 0x8009030E, has no Win32 form, and Win32
// returns 0 and false; so has 0x80070000, since HRESULT_FROM_WIN32 turns
// ERROR_SUCCESS into 0, not into 0x80070000.
func (c Code) Win32() (Code, bool) {
	switch {
	case !c.IsHRESULT():
		return c, true
	case c&0xFFFF0000 == win32Facility && c != win32Facility:
		return c & 0xFFFF, true
	}
	return 0, false
}

// HRESULT returns the HRESULT form of c, as IIS error pages and event logs
// show it: a Win32 code from 1 to 65535 becomes 0x8007xxxx
// (HRESULT_FROM_WIN32: 13 becomes 0x8007000D). 0 stays 0, which is S_OK,
// and an HRESULT is returned unchanged. A value from 65536 to 0x7FFFFFFF is
// neither a Win32 code nor a failure HRESULT and is returned unchanged too.
func (c Code) HRESULT() Code {
	if c == 0 || c > 0xFFFF {
		return c
	}
	return win32Facility | c
}

// Parse parses a status code in any of the forms people meet:
//
//   - unsigned decimal, as IIS logs sc-win32-status and as failed-request
//     traces write HRESULTs: "0", "64", "2148074254", "2147942413";
//   - hexadecimal with a "0x" or "0X" prefix and one to eight hex digits in
//     either case, as error pages, documentation and event logs show it:
//     "0xd", "0x8007000D", "0x8007000d";
//   - a negative decimal number, the signed 32-bit form .NET and PowerShell
//     print for HRESULTs: "-2147024883" is 0x8007000D.
//
// Decimal input has no sign (except the minus of the signed form), spaces or
// leading zeros. An unknown number is not an error. The error is a
// [*ParseError] that wraps [ErrSyntax] or [ErrRange]. Parse does not
// allocate unless it fails.
func Parse(s string) (Code, error) {
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		return parseHex(s)
	case len(s) > 0 && s[0] == '-':
		return parseNegative(s)
	}
	n, ok := parseDecimal(s)
	switch {
	case !ok:
		return 0, parseError(s, ErrSyntax)
	case n > 1<<32-1:
		return 0, parseError(s, ErrRange)
	}
	return Code(n), nil
}

// parseDecimal reads unsigned decimal digits without leading zeros and
// reports whether s had that syntax. A number too large for 32 bits is
// returned as 1<<33 once the rest has been checked for syntax, so that
// "99999999999x" is a syntax error and not a range error.
func parseDecimal(s string) (uint64, bool) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = min(n*10+uint64(d), 1<<33)
	}
	return n, true
}

// parseNegative reads the signed 32-bit form of an HRESULT: "-" and
// decimal digits, from -1 to -2147483648.
func parseNegative(s string) (Code, error) {
	n, ok := parseDecimal(s[1:])
	switch {
	case !ok || n == 0:
		return 0, parseError(s, ErrSyntax)
	case n > 1<<31:
		return 0, parseError(s, ErrRange)
	}
	return Code(uint32(-int64(n))), nil
}

func parseHex(s string) (Code, error) {
	h := s[2:]
	var n uint32
	for i := 0; i < len(h); i++ {
		var d byte
		c, lower := h[i], h[i]|0x20 // lower: ASCII letter in lower case
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= lower && lower <= 'f':
			d = lower - 'a' + 10
		default:
			return 0, parseError(s, ErrSyntax)
		}
		if i >= 8 {
			continue // checked for syntax, reported as a range error below
		}
		n = n<<4 | uint32(d)
	}
	if len(h) > 8 {
		return 0, parseError(s, ErrRange)
	}
	return Code(n), nil
}

// MustParse is like [Parse] but panics on error. It is meant for tests and
// package-level variables.
func MustParse(s string) Code {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// All yields every code that has a symbol (see [Code.Symbol]), in
// ascending order: the Win32 error codes, the HRESULTs and the WinHTTP
// codes the tables know. HRESULTs that wrap a Win32 code without a name of
// their own are not listed; they take the name of their Win32 code.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for _, c := range symbolCodes {
			if !yield(Code(c)) {
				return
			}
		}
	}
}

// Described yields every code that has a [Code.Description], in ascending
// order: the codes IIS users meet, with what they mean in an IIS log.
func Described() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for i := range table {
			if !yield(table[i].code) {
				return
			}
		}
	}
}

// IsKnown reports whether c has a symbol (see [Code.Symbol]).
func (c Code) IsKnown() bool { return c.Symbol() != "" }

// Symbol returns the upstream name of c, byte-exact as in the Windows SDK
// headers: "ERROR_FILE_NOT_FOUND" for 2, "WSAECONNRESET" for 10054,
// "ERROR_WINHTTP_TIMEOUT" for 12002, "SEC_E_NO_CREDENTIALS" for
// 0x8009030E, "E_ACCESSDENIED" for 0x80070005. An HRESULT that wraps a
// Win32 code (0x8007xxxx) and has no name of its own takes the name of that
// Win32 code: "ERROR_INVALID_DATA" for 0x8007000D. Symbol returns "" for an
// unknown code. It does not allocate.
//
// The names of Win32 codes and of the E_, SEC_E_, CERT_E_, TRUST_E_ and
// CRYPT_E_ HRESULTs come from golang.org/x/sys/windows (see
// [SymbolSource]); the WinHTTP names from winhttp.h.
func (c Code) Symbol() string {
	if s := symbol(c); s != "" {
		return s
	}
	if c.IsHRESULT() {
		if w, ok := c.Win32(); ok {
			return symbol(w)
		}
	}
	return ""
}

// symbol looks c up in the packed symbol table without allocating.
func symbol(c Code) string {
	lo, hi := 0, len(symbolCodes)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if Code(symbolCodes[m]) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(symbolCodes) || Code(symbolCodes[lo]) != c {
		return ""
	}
	start := uint32(0)
	if lo > 0 {
		start = symbolEnds[lo-1]
	}
	return symbolNames[start:symbolEnds[lo]]
}

// entry is one row of the generated table of described codes.
type entry struct {
	code        Code
	description string
}

// description looks c up in the table of described codes.
func description(c Code) string {
	lo, hi := 0, len(table)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if table[m].code < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(table) && table[lo].code == c {
		return table[lo].description
	}
	return ""
}

// Description says in our words what c means in an IIS log, or returns ""
// for a code the table does not describe. An HRESULT that wraps a Win32
// code and has no description of its own takes that of its Win32 code. It
// does not allocate.
func (c Code) Description() string {
	if d := description(c); d != "" {
		return d
	}
	if c.IsHRESULT() {
		if w, ok := c.Win32(); ok {
			return description(w)
		}
	}
	return ""
}

// String returns the code for people: the number as IIS logs it (decimal),
// the HRESULT form in parentheses, then the symbol:
//
//	13 (0x8007000D) ERROR_INVALID_DATA
//	2147942413 (0x8007000D) ERROR_INVALID_DATA
//	2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS
//	0 ERROR_SUCCESS
//	9999
//
// A Win32 code and the HRESULT that wraps it therefore print the same hex
// form and symbol; only the first number, the form that was given, differs.
// The HRESULT form is left out for 0 and for a Win32 code without a
// symbol, so an unknown code prints as its digits; an HRESULT always shows
// its hex form. String never panics.
func (c Code) String() string {
	var buf [96]byte
	return string(c.appendString(buf[:0]))
}

func (c Code) appendString(b []byte) []byte {
	b = strconv.AppendUint(b, uint64(c), 10)
	sym := c.Symbol()
	if c.IsHRESULT() || (c != 0 && c <= 0xFFFF && sym != "") {
		b = append(b, " (0x"...)
		b = appendHex(b, c.HRESULT())
		b = append(b, ')')
	}
	if sym != "" {
		b = append(b, ' ')
		b = append(b, sym...)
	}
	return b
}

// appendHex appends c as eight upper-case hex digits.
func appendHex(b []byte, c Code) []byte {
	const hex = "0123456789ABCDEF"
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, hex[uint32(c)>>uint(shift)&0xF])
	}
	return b
}

// AppendText implements [encoding.TextAppender]: it appends the decimal
// number, as IIS logs it. It never fails.
func (c Code) AppendText(b []byte) ([]byte, error) {
	return strconv.AppendUint(b, uint64(c), 10), nil
}

// MarshalText implements [encoding.TextMarshaler] via [Code.AppendText]:
// the decimal number. In JSON a Code is therefore a string ("1260").
func (c Code) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [Parse]: the
// decimal number, hexadecimal with a 0x prefix, or the negative signed
// form. Unknown numbers are accepted.
func (c *Code) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
