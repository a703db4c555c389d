package httpsys

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
)

// Reason is an HTTP.sys error-log reason token. The zero value is
// [ReasonUnknown]. Reasons are small comparable values; compare them with
// ==. Every known reason has a constant (ReasonConnLimit,
// ReasonTimerConnectionIdle, ReasonInvalidCRLF, ReasonNA, …) whose Go name
// is derived from the token and whose [Reason.String] is the token itself.
type Reason uint8

// ErrUnknownReason is the Err of the *[ParseError] that [ParseReasonString]
// and [Reason.UnmarshalText] return for a token that is not in the table.
var ErrUnknownReason = errors.New("unknown reason token")

// ParseError is the error [ParseReasonString] and [Reason.UnmarshalText]
// return for text that is not a known reason token, after strconv's model.
// Its message reads `httpsys: parse "Brand_New": unknown reason token`.
type ParseError struct {
	Input string // the text as given
	Err   error  // ErrUnknownReason
}

// Error returns `httpsys: parse <quoted input>: <reason>`.
func (e *ParseError) Error() string {
	return "httpsys: parse " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

// Unwrap returns Err, so that errors.Is(err, ErrUnknownReason) works.
func (e *ParseError) Unwrap() error { return e.Err }

// ParseReason returns the Reason for the token b, as found in the s-reason
// field of an HTTP.sys error log. The match is exact and case-sensitive.
// Unknown tokens, including "" and "-", give [ReasonUnknown]; the raw token
// stays with the caller. ParseReason does not allocate and does not retain
// b.
func ParseReason(b []byte) Reason {
	return lookupBytes(b)
}

// ParseReasonString is like [ParseReason] for a string, but reports an
// unknown token as a *[ParseError] wrapping [ErrUnknownReason] (the error
// allocates; a known token does not).
func ParseReasonString(s string) (Reason, error) {
	if r := lookupString(s); r != ReasonUnknown {
		return r, nil
	}
	return ReasonUnknown, &ParseError{Input: s, Err: ErrUnknownReason}
}

// All yields every known Reason (not ReasonUnknown) in ascending order,
// which is also the byte order of the tokens.
func All() iter.Seq[Reason] {
	return func(yield func(Reason) bool) {
		for r := ReasonUnknown + 1; r < numReasons; r++ {
			if !yield(r) {
				return
			}
		}
	}
}

// IsKnown reports whether r is one of the reasons in the table (not
// ReasonUnknown and not an out-of-range value).
func (r Reason) IsKnown() bool {
	return r > ReasonUnknown && r < numReasons
}

// String returns the exact HTTP.sys token ("Timer_ConnectionIdle",
// "Invalid_CR/LF", "N/A"), "-" for ReasonUnknown, and "Reason(n)" for a
// value outside the table. It does not allocate for known reasons.
func (r Reason) String() string {
	if r < numReasons {
		return tokens[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// AppendText implements [encoding.TextAppender]. It appends the token, or
// nothing for ReasonUnknown, so that the text form round-trips through
// [Reason.UnmarshalText]. A value outside the table is an error.
func (r Reason) AppendText(b []byte) ([]byte, error) {
	switch {
	case r == ReasonUnknown:
		return b, nil
	case r < numReasons:
		return append(b, tokens[r]...), nil
	}
	return b, fmt.Errorf("httpsys: invalid Reason value %d", uint8(r))
}

// MarshalText implements [encoding.TextMarshaler] via [Reason.AppendText]:
// the token, or an empty text for ReasonUnknown.
func (r Reason) MarshalText() ([]byte, error) {
	return r.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler]. An empty text or "-"
// sets ReasonUnknown. An unknown token also sets ReasonUnknown but returns
// a *[ParseError] wrapping [ErrUnknownReason]: decoding is strict, so data written
// by a newer table is not silently lost. Decode into a string when unknown
// tokens must be kept.
func (r *Reason) UnmarshalText(text []byte) error {
	if len(text) == 0 || string(text) == "-" {
		*r = ReasonUnknown
		return nil
	}
	*r = lookupBytes(text)
	if *r == ReasonUnknown {
		return &ParseError{Input: string(text), Err: ErrUnknownReason}
	}
	return nil
}

// Info returns what is known about r. For ReasonUnknown and values outside
// the table it returns the zero Info. It does not allocate.
func (r Reason) Info() Info {
	if r.IsKnown() {
		return infos[r]
	}
	return Info{}
}

// Causes yields the distinct causes HTTP.sys logs r for, in our words. Most
// reasons have one cause, equal to [Info.Cause]; N/A has several (worker
// processes could not start, a bandwidth-throttling filter failed, an
// inactive control channel or URL group, a failed send from the response
// cache under low memory, and newer internal failures). It yields nothing
// for unknown reasons.
func (r Reason) Causes() iter.Seq[string] {
	return r.list(&causes)
}

// Sources yields the references (mostly URLs) the data for r is based on.
// It yields nothing for unknown reasons.
func (r Reason) Sources() iter.Seq[string] {
	return r.list(&sources)
}

func (r Reason) list(tab *[numReasons][]string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if !r.IsKnown() {
			return
		}
		for _, s := range tab[r] {
			if !yield(s) {
				return
			}
		}
	}
}
