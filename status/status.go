package status

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
)

// Code is an HTTP status code. It is a plain int, so values convert directly
// to and from the ints used by net/http: status.Code(http.StatusNotFound) is
// [NotFound], and int(status.NotFound) is 404.
//
// Any int is a valid Code value; codes this package does not know print as
// their decimal digits. The zero value is not a status code.
type Code int

// first and last bound the codes of the five classes; the generated lookup
// tables are indexed by c-first.
const (
	first Code = 100
	last  Code = 599
)

// lookup returns the position of c in the generated tables, and whether c is
// in their range.
func (c Code) lookup() (int, bool) {
	i := uint(c - first)
	return int(i), i <= uint(last-first)
}

// Text returns the reason phrase of a known code, byte-exact as the IANA
// registry spells it ("Not Found", "Content Too Large", "(Unused)" for 306
// and 418), or the vendor's label for the unofficial codes ("Client Closed
// Request" for nginx's 499). It returns "" for unknown codes, like
// [net/http.StatusText]. It does not allocate.
func (c Code) Text() string {
	if i, ok := c.lookup(); ok {
		return texts[i]
	}
	return ""
}

// String returns the code as in a status line: "404 Not Found". Unknown codes
// are returned as their decimal digits alone ("299"). It does not allocate
// for codes 100-999.
func (c Code) String() string {
	if i, ok := c.lookup(); ok && strs[i] != "" {
		return strs[i]
	}
	if c >= 100 && c <= 999 {
		return digitsOf(c)
	}
	return strconv.Itoa(int(c))
}

// digitsOf returns the three digits of a code in 100-999 without allocating.
func digitsOf(c Code) string {
	i := int(c-100) * 3
	return digits[i : i+3]
}

// IsKnown reports whether c is a code of this package's data (a named
// constant). Unknown codes are still valid values.
func (c Code) IsKnown() bool {
	i, ok := c.lookup()
	return ok && index[i] != 0
}

// IsInformational reports whether c is in 100-199 (see [Informational]).
func (c Code) IsInformational() bool { return c >= 100 && c <= 199 }

// IsSuccess reports whether c is in 200-299 (see [Successful]).
func (c Code) IsSuccess() bool { return c >= 200 && c <= 299 }

// IsRedirect reports whether c is in 300-399 (see [Redirection]). A
// redirection is not an error.
func (c Code) IsRedirect() bool { return c >= 300 && c <= 399 }

// IsClientError reports whether c is in 400-499 (see [ClientError]).
func (c Code) IsClientError() bool { return c >= 400 && c <= 499 }

// IsServerError reports whether c is in 500-599 (see [ServerError]).
func (c Code) IsServerError() bool { return c >= 500 && c <= 599 }

// IsError reports whether c is a client or server error, 400-599.
func (c Code) IsError() bool { return c >= 400 && c <= 599 }

// Errors wrapped by the *[ParseError] that [Parse] and [Code.UnmarshalText]
// return, after strconv's model; test with [errors.Is].
var (
	// ErrSyntax means the input is not made of ASCII digits only (it is
	// empty, or has a sign, space, dot or other byte).
	ErrSyntax = errors.New("invalid syntax: want three ASCII digits")
	// ErrRange means the input is all digits but not a code 100-999 (it has
	// fewer or more than three digits, or starts with 0). [Code.AppendText]
	// wraps it too, for a Code outside 0 and 100-999.
	ErrRange = errors.New("out of range: want 100-999")
)

// ParseError is the error [Parse] and [Code.UnmarshalText] return for text
// that is not a status code. Its message reads
// `status: parse "1000": out of range: want 100-999`.
type ParseError struct {
	Input string // the text as given
	Err   error  // ErrSyntax or ErrRange
}

// Error returns `status: parse <quoted input>: <reason>`.
func (e *ParseError) Error() string {
	return "status: parse " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

// Unwrap returns Err, so that errors.Is(err, ErrRange) works.
func (e *ParseError) Unwrap() error { return e.Err }

// Parse parses a status code as it appears in a status line or in an IIS or
// HTTP.sys log: exactly three ASCII digits, the first not 0, so 100-999.
// RFC 9110 defines a status code as three digits, and HTTP.sys refuses codes
// above 999. Parse accepts unknown codes ("299" gives Code(299)); use
// [Code.IsKnown] to test for them.
//
// Parse rejects the empty string, signs, spaces, non-ASCII digits and
// leading zeros: it returns 0 and a *[ParseError] wrapping [ErrSyntax] if the
// input holds any byte but '0'-'9', or [ErrRange] if it is all digits but
// not 100-999 ("99", "0404", "1000"). Parse does not allocate when it
// succeeds; the error allocates.
func Parse(s string) (Code, error) {
	c, err := parse(s)
	if err != nil {
		return 0, &ParseError{Input: s, Err: err}
	}
	return c, nil
}

// parse returns ErrSyntax or ErrRange unwrapped, without allocating.
func parse[T string | []byte](s T) (Code, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, ErrSyntax
		}
	}
	switch {
	case len(s) == 0:
		return 0, ErrSyntax
	case len(s) != 3 || s[0] == '0':
		return 0, ErrRange
	}
	return Code(s[0]-'0')*100 + Code(s[1]-'0')*10 + Code(s[2]-'0'), nil
}

// AppendText implements [encoding.TextAppender]. The text form of a code is
// its decimal digits ("404"), so a Code works as a JSON map key and JSON
// values are strings. The zero Code has the empty text form. Codes other than
// 0 and 100-999 cannot be parsed back, so AppendText returns an error
// wrapping [ErrRange] for them.
func (c Code) AppendText(b []byte) ([]byte, error) {
	switch {
	case c == 0:
		return b, nil
	case c >= 100 && c <= 999:
		return append(b, digitsOf(c)...), nil
	}
	return b, fmt.Errorf("status: cannot marshal code %d: %w", int(c), ErrRange)
}

// MarshalText implements [encoding.TextMarshaler]; see [Code.AppendText].
func (c Code) MarshalText() ([]byte, error) {
	return c.AppendText(make([]byte, 0, 3))
}

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts what
// [Parse] accepts, and the empty text, which gives the zero Code. On error,
// a *[ParseError], c is left unchanged.
func (c *Code) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = 0
		return nil
	}
	v, err := parse(text)
	if err != nil {
		return &ParseError{Input: string(text), Err: err}
	}
	*c = v
	return nil
}

// All returns an iterator over the known codes (those with a named constant)
// in ascending order. Each code is yielded once, even if it has several
// meanings; see [Code.Meanings].
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for _, c := range known {
			if !yield(c) {
				return
			}
		}
	}
}
