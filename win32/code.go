package win32

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
)

// Code is a Windows status code as IIS logs it in sc-win32-status: an
// unsigned 32-bit number. The zero value is 0, ERROR_SUCCESS, which is what
// IIS logs when nothing failed. Codes are comparable values; compare them
// with ==. Every uint32 is a valid Code, known or not.
type Code uint32

// hresultMin is the first value with the HRESULT severity (failure) bit
// set; String shows such codes in hexadecimal too.
const hresultMin = 0x80000000

// entry is one row of the generated table.
type entry struct {
	code        Code
	symbol      string
	description string
}

// Errors wrapped by the errors that [Parse] and [Code.UnmarshalText]
// return; test with [errors.Is].
var (
	// ErrSyntax: the text is not an unsigned decimal number (or 0x-prefixed
	// hexadecimal number).
	ErrSyntax = errors.New("win32: invalid status code syntax")
	// ErrRange: the number does not fit in 32 bits.
	ErrRange = errors.New("win32: status code out of 32-bit range")
)

// Parse parses a status code as IIS writes it in sc-win32-status: unsigned
// decimal digits without sign, spaces or leading zeros ("0", "64",
// "2148074254"). It also accepts hexadecimal with a "0x" or "0X" prefix and
// one to eight hex digits in either case ("0x8009030E"), the form used by
// documentation, FREB traces and event logs. An unknown number is not an
// error. The error wraps [ErrSyntax] or [ErrRange] and quotes the input.
// Parse does not allocate unless it fails.
func Parse(s string) (Code, error) {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return parseHex(s)
	}
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, syntaxError(s)
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, syntaxError(s)
		}
		n = n*10 + uint64(d)
		if n > 1<<32-1 {
			// Keep scanning so that "99999999999x" is a syntax error.
			for _, c := range []byte(s[i+1:]) {
				if c < '0' || c > '9' {
					return 0, syntaxError(s)
				}
			}
			return 0, fmt.Errorf("%w: %q", ErrRange, s)
		}
	}
	return Code(n), nil
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
			return 0, syntaxError(s)
		}
		if i >= 8 {
			continue // checked for syntax, reported as a range error below
		}
		n = n<<4 | uint32(d)
	}
	if len(h) > 8 {
		return 0, fmt.Errorf("%w: %q", ErrRange, s)
	}
	return Code(n), nil
}

func syntaxError(s string) error { return fmt.Errorf("%w: %q", ErrSyntax, s) }

// MustParse is like [Parse] but panics on error. It is meant for tests and
// package-level variables.
func MustParse(s string) Code {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// All yields every code in the table in ascending order.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for i := range table {
			if !yield(table[i].code) {
				return
			}
		}
	}
}

// lookup returns the table entry for c without allocating.
func lookup(c Code) (*entry, bool) {
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
		return &table[lo], true
	}
	return nil, false
}

// IsKnown reports whether c is in the table.
func (c Code) IsKnown() bool {
	_, ok := lookup(c)
	return ok
}

// Symbol returns the upstream name of c, byte-exact as in the Windows SDK
// headers ("ERROR_FILE_NOT_FOUND", "WSAECONNRESET",
// "SEC_E_NO_CREDENTIALS"), or "" for an unknown code. It does not allocate.
func (c Code) Symbol() string {
	if e, ok := lookup(c); ok {
		return e.symbol
	}
	return ""
}

// Description says in our words what c means in an IIS log, or returns ""
// for an unknown code. It does not allocate.
func (c Code) Description() string {
	if e, ok := lookup(c); ok {
		return e.description
	}
	return ""
}

// String returns the decimal number, then for values of 0x80000000 and
// above (HRESULTs) the hexadecimal form in parentheses, then the symbol of
// a known code: "64 ERROR_NETNAME_DELETED",
// "2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS", "1261",
// "2147942403 (0x80070003)". It never panics.
func (c Code) String() string {
	b := make([]byte, 0, 64)
	b = strconv.AppendUint(b, uint64(c), 10)
	if c >= hresultMin {
		b = append(b, " (0x"...)
		const hex = "0123456789ABCDEF"
		for shift := 28; shift >= 0; shift -= 4 {
			b = append(b, hex[uint32(c)>>uint(shift)&0xF])
		}
		b = append(b, ')')
	}
	if s := c.Symbol(); s != "" {
		b = append(b, ' ')
		b = append(b, s...)
	}
	return string(b)
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
// decimal number, or hexadecimal with a 0x prefix. Unknown numbers are
// accepted.
func (c *Code) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
