package substatus

import (
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"strconv"

	"github.com/iisstatus/iisstatus/status"
)

// Code is an IIS status code with its substatus, such as 403.14: the pair
// IIS W3C logs write as sc-status and sc-substatus. It is a small
// comparable value, usable as a map key; 403.1 and 403.10 are different
// codes.
//
// The zero value is not a valid code (see [Code.IsValid]).
type Code struct {
	Status status.Code // the HTTP status, 100–599 for a valid code
	Sub    uint16      // the IIS substatus; 0 when IIS sets none
}

// New returns the code for an HTTP status and substatus, as found in the
// sc-status and sc-substatus fields of an IIS log. It does not check its
// arguments; use [Code.IsValid] and [Code.IsKnown].
func New(s status.Code, sub uint16) Code { return Code{Status: s, Sub: sub} }

// IsValid reports whether c has an HTTP status in the range 100–599. Any
// substatus is valid. The zero Code is not valid.
func (c Code) IsValid() bool { return c.Status >= 100 && c.Status <= 599 }

// IsKnown reports whether the data has at least one [Meaning] for c.
func (c Code) IsKnown() bool {
	_, ok := c.index()
	return ok
}

// key packs c for the sorted code table.
func (c Code) key() uint32 {
	if c.Status < 0 || c.Status > 0xffff {
		return 0
	}
	return uint32(c.Status)<<16 | uint32(c.Sub)
}

// index returns the position of c in codeTable. Substatus values below 64
// are found through the generated smallSubs table; larger ones by binary
// search.
func (c Code) index() (int, bool) {
	if c.Sub < 64 {
		slot := statusSlot(c.Status)
		if slot < 0 {
			return 0, false
		}
		x := smallSubs[slot][c.Sub]
		return int(x) - 1, x != 0
	}
	k := c.key()
	lo, hi := 0, len(codeKeys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if codeKeys[m] < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(codeKeys) && codeKeys[lo] == k && k != 0
}

// String returns the code in IIS's dotted form, "403.14", with substatus 0
// written out ("404.0"). It does not allocate for known codes; other codes,
// including invalid ones such as the zero value ("0.0"), are printed as
// their digits.
func (c Code) String() string {
	if i, ok := c.index(); ok {
		return codeTable[i].str
	}
	return string(c.appendTo(make([]byte, 0, 16)))
}

func (c Code) appendTo(b []byte) []byte {
	b = strconv.AppendInt(b, int64(c.Status), 10)
	b = append(b, '.')
	return strconv.AppendUint(b, uint64(c.Sub), 10)
}

// AppendText appends the text form of c, as returned by [Code.String], to
// b. The zero Code appends nothing, so that it round-trips through
// [Code.UnmarshalText]; any other invalid code is an error. It implements
// [encoding.TextAppender].
func (c Code) AppendText(b []byte) ([]byte, error) {
	if c == (Code{}) {
		return b, nil
	}
	if !c.IsValid() {
		return b, fmt.Errorf("substatus: cannot marshal invalid code %s", c.appendTo(nil))
	}
	return c.appendTo(b), nil
}

// MarshalText implements [encoding.TextMarshaler] using [Code.AppendText].
func (c Code) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. Empty text gives
// the zero Code; any other text must be accepted by [Parse].
func (c *Code) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = Code{}
		return nil
	}
	p, err := parse(text)
	if err != nil {
		return err
	}
	*c = p
	return nil
}

// LogValue implements [slog.LogValuer]: a code logs as its string form,
// "403.14".
func (c Code) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Errors wrapped by the *[ParseError] that [Parse] and [Code.UnmarshalText]
// return, after strconv's model; test with [errors.Is].
var (
	// ErrSyntax means the text does not have the form "SSS.N": it is empty,
	// lacks the dot or the substatus, has a byte that is not a digit where
	// one is needed, or a substatus with a leading zero ("403.01").
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange means the text has the form but a number is out of range:
	// a status outside 100-599 or a substatus above 65535.
	ErrRange = errors.New("out of range")
)

// ParseError is the error [Parse], [Code.UnmarshalText], [ParseVersion] and
// [ParseModule] return for text that is not a value. Its message reads
// `substatus: parse "403": missing "." and substatus (write "403.0" for
// substatus 0)`.
type ParseError struct {
	Input string // the text as given
	// Err says what is wrong. For codes it wraps [ErrSyntax] or [ErrRange]
	// and its message is the detail ("substatus has a leading zero"); for
	// versions and modules it is [ErrUnknownVersion] or [ErrUnknownModule].
	Err error
}

// Error returns `substatus: parse <quoted input>: <reason>`.
func (e *ParseError) Error() string {
	return "substatus: parse " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

// Unwrap returns Err, so that errors.Is(err, ErrSyntax) works.
func (e *ParseError) Unwrap() error { return e.Err }

// detail is the Err of a code's ParseError: a message that wraps
// ErrSyntax or ErrRange.
type detail struct {
	kind error
	msg  string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }

// Parse parses a code in IIS's dotted form, "403.14" or "404.0": exactly
// three digits for a status in 100–599, a dot, and one to five digits for a
// substatus up to 65535, without a leading zero ("403.01" is rejected, so
// that nobody mistakes it for 403.1 or 403.10). Nothing else is accepted: no
// spaces, signs or suffixes, and a bare status such as "403" is an error
// (write "403.0" for substatus 0, or use [New] with log fields). The error is
// a *[ParseError] wrapping [ErrSyntax] or [ErrRange]. Parse does not
// allocate when it succeeds.
func Parse(s string) (Code, error) { return parse(s) }

// MustParse is like [Parse] but panics on error. It is meant for tests and
// package-level variables holding constant codes.
func MustParse(s string) Code {
	c, err := parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

func parse[T string | []byte](s T) (Code, error) {
	// Fast path: "SSS.N" to "SSS.NNNNN" with digits only and no leading
	// zero in the substatus. Everything else goes to syntaxError, which
	// explains the failure.
	if n := len(s); n >= 5 && n <= 9 && s[3] == '.' && s[0] >= '1' && s[0] <= '5' &&
		s[1]-'0' <= 9 && s[2]-'0' <= 9 && (s[4] != '0' || n == 5) {
		sub := 0
		for i := 4; i < n; i++ {
			d := s[i] - '0'
			if d > 9 {
				sub = -1
				break
			}
			sub = sub*10 + int(d)
		}
		if sub >= 0 && sub <= 0xffff {
			st := int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0')
			return Code{Status: status.Code(st), Sub: uint16(sub)}, nil
		}
	}
	return Code{}, &ParseError{Input: string(s), Err: syntaxError(s)}
}

// syntaxError returns why s is not a code, or nil if it is one.
func syntaxError[T string | []byte](s T) error {
	syntax := func(msg string) error { return &detail{ErrSyntax, msg} }
	n := len(s)
	if n == 0 {
		return syntax("empty string")
	}
	for i := 0; i < 3; i++ {
		if i >= n || s[i] < '0' || s[i] > '9' {
			return syntax("want a three-digit status")
		}
	}
	if n == 3 {
		return syntax(`missing "." and substatus (write "` + string(s) + `.0" for substatus 0)`)
	}
	if s[3] != '.' {
		return syntax(`want "." after the three-digit status`)
	}
	if n == 4 {
		return syntax(`missing substatus after "."`)
	}
	for i := 4; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return syntax("substatus must be decimal digits")
		}
	}
	if s[4] == '0' && n > 5 {
		return syntax("substatus has a leading zero")
	}
	if s[0] < '1' || s[0] > '5' {
		return &detail{ErrRange, "status out of range 100-599"}
	}
	if n > 9 {
		return &detail{ErrRange, "substatus too long"}
	}
	v := 0
	for i := 4; i < n; i++ {
		v = v*10 + int(s[i]-'0')
	}
	if v > 0xffff {
		return &detail{ErrRange, "substatus out of range 0-65535"}
	}
	return nil
}

// All returns an iterator over every code the data knows, in ascending
// order (by status, then substatus; 403.2 before 403.10). Each code is
// yielded once, however many meanings it has.
func All() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for _, k := range codeKeys {
			if !yield(Code{Status: status.Code(k >> 16), Sub: uint16(k)}) {
				return
			}
		}
	}
}
