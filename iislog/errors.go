package iislog

import (
	"errors"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// Sentinel errors wrapped by [ParseError]. Compare them with [errors.Is].
var (
	// ErrFieldCount reports a data line whose number of space-separated
	// tokens differs from the active layout. When the surplus tokens are
	// explained by double quotes or by doubled spaces, the record is
	// recovered and returned together with the error; otherwise no record
	// is returned.
	ErrFieldCount = errors.New("wrong number of fields")

	// ErrBadDirective reports a malformed directive line: a #Fields
	// directive with no names or a duplicated name, or a #Date directive
	// whose value is not "YYYY-MM-DD hh:mm:ss". A malformed #Fields
	// directive leaves the previous layout in force.
	ErrBadDirective = errors.New("malformed directive")

	// ErrBadValue reports a typed field (date, time, IP address, port,
	// status, substatus, Windows status, byte count, time taken) whose
	// text is not a valid value. The record is still returned; the typed
	// field is left unset and its raw bytes stay available through
	// [Record.Field]. [Record.ForwardedFor] reports an X-Forwarded-For
	// value it cannot read with it too.
	ErrBadValue = errors.New("invalid value")

	// ErrLineTooLong reports a line longer than the reader's limit (see
	// [DefaultMaxLineSize] and [Reader.Buffer]). The line is discarded
	// without being buffered whole, and reading continues with the next
	// line.
	ErrLineTooLong = errors.New("line too long")

	// ErrUTF16 reports an input that starts like UTF-16 text: with a
	// UTF-16 byte order mark (FF FE or FE FF, as PowerShell's Out-File
	// writes by default) or with ASCII interleaved with NUL bytes. IIS
	// writes UTF-8 (or, with logInUTF8 off, the system code page); convert
	// such a file to UTF-8 first. The error is reported at line 1, column
	// 1, as the only result of the input: the next call to Read returns
	// io.EOF.
	ErrUTF16 = errors.New("input is UTF-16 text, not UTF-8")
)

// sentinels maps the problems the engine reports to their sentinel error.
var sentinels = [...]error{
	w3c.FieldCount:   ErrFieldCount,
	w3c.BadDirective: ErrBadDirective,
	w3c.BadValue:     ErrBadValue,
	w3c.LineTooLong:  ErrLineTooLong,
	w3c.UTF16:        ErrUTF16,
}

// newParseError is the Schema.Error of the engine.
func newParseError(line, column int, field string, p w3c.Problem) error {
	return &ParseError{Line: line, Column: column, Field: field, Err: sentinels[p]}
}

// A ParseError describes a problem with one line of input. Every
// ParseError is recoverable: the next call to [Reader.Read] continues with
// the next line. Read returns a ParseError either alone (the line produced
// no record) or together with a record (the record is usable, but one of
// its fields is doubtful; see [Reader.Read]).
type ParseError struct {
	// Line is the 1-based line number in the input.
	Line int
	// Column is the 1-based byte offset, within the line, of the field or
	// byte at fault (the line's first byte is column 1, a leading byte
	// order mark included). It is 0 when no position applies.
	Column int
	// Field is the W3C name of the field at fault ("c-ip",
	// "sc-win32-status", "X-Forwarded-For"), or, for a directive error,
	// the directive ("#Fields", "#Date"). It is "" when no field applies.
	Field string
	// Err is the underlying error, one of the sentinel errors of this
	// package: ErrFieldCount, ErrBadDirective, ErrBadValue,
	// ErrLineTooLong or ErrUTF16.
	Err error
}

// Error returns a message of the form
// "iislog: line 42, column 17 (sc-status): invalid value".
func (e *ParseError) Error() string { return w3c.ErrorText("iislog", e.Line, e.Column, e.Field, e.Err) }

// Unwrap returns the underlying error, so that
// errors.Is(err, iislog.ErrBadValue) works.
func (e *ParseError) Unwrap() error { return e.Err }
