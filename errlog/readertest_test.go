package errlog_test

import (
	"errors"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
	"github.com/iisstatus/iisstatus/internal/w3c"
)

// under returns r as the tests shared with iislog (package readertest) see
// it.
func under(r *errlog.Reader) readertest.Reader[errlog.Record] {
	return readertest.Reader[errlog.Record]{
		Read:        r.Read,
		Line:        r.Line,
		InputOffset: r.InputOffset,
		Stats:       func() w3c.Stats { return w3c.Stats(r.Stats()) },
		Where:       func(rec *errlog.Record) (int, int64, []byte) { return rec.Line, rec.Offset, rec.Raw() },
		Problem:     problem,
		UTF16:       errlog.ErrUTF16,
	}
}

// problem returns the position of err, an *errlog.ParseError.
func problem(err error) (readertest.Problem, bool) {
	var pe *errlog.ParseError
	if !errors.As(err, &pe) {
		return readertest.Problem{}, false
	}
	return readertest.Problem{Line: pe.Line, Column: pe.Column, Field: pe.Field}, true
}
