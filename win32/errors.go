package win32

import (
	"errors"
	"strconv"
	"strings"
)

// Errors wrapped by the [*ParseError] that [Parse], [Code.UnmarshalText] and
// [Pair.UnmarshalText] return; test with [errors.Is].
var (
	// ErrSyntax: the text is not a decimal number, a 0x-prefixed
	// hexadecimal number or a negative signed 32-bit number.
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange: the number does not fit in 32 bits.
	ErrRange = errors.New("value out of range")
	// ErrUnknownPair: [Pair.UnmarshalText] got an ID that is not in the
	// table.
	ErrUnknownPair = errors.New("unknown pair ID")
)

// ParseError is the error of [Parse]: the text that is not a status code,
// and why. Its message reads
//
//	win32: parse "0x8007000G": invalid syntax
//
// with the input quoted as [strconv.Quote] does.
type ParseError struct {
	Input string // the text given to Parse
	Err   error  // [ErrSyntax] or [ErrRange]
}

// Error returns the message: "win32: parse", the quoted input and the reason.
func (e *ParseError) Error() string {
	return "win32: parse " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

// Unwrap returns e.Err, so that errors.Is(err, [ErrSyntax]) works.
func (e *ParseError) Unwrap() error { return e.Err }

// parseError returns a *ParseError for s. The input is copied, so that the
// error does not keep a large text it was cut from alive.
func parseError(s string, err error) error {
	return &ParseError{Input: strings.Clone(s), Err: err}
}
