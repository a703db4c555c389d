package iislog_test

import (
	"errors"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
	"github.com/iisstatus/iisstatus/internal/w3c"
)

// under returns r as the tests shared with errlog (package readertest) see
// it.
func under(r *iislog.Reader) readertest.Reader[iislog.Record] {
	return readertest.Reader[iislog.Record]{
		Read:        r.Read,
		Line:        r.Line,
		InputOffset: r.InputOffset,
		Stats:       func() w3c.Stats { return w3c.Stats(r.Stats()) },
		Where:       func(rec *iislog.Record) (int, int64, []byte) { return rec.Line, rec.Offset, rec.Raw() },
		Problem:     problem,
		UTF16:       iislog.ErrUTF16,
	}
}

// problem returns the position of err, an *iislog.ParseError.
func problem(err error) (readertest.Problem, bool) {
	var pe *iislog.ParseError
	if !errors.As(err, &pe) {
		return readertest.Problem{}, false
	}
	return readertest.Problem{Line: pe.Line, Column: pe.Column, Field: pe.Field}, true
}
