package w3c

import "strconv"

// ErrorText returns the message of a reader's ParseError, of the form
// "errlog: line 42, column 17 (s-reason): invalid value": the reader's
// name, the 1-based line, the column when it is positive, the field when
// it is not empty, and err (or "unknown error" when it is nil).
func ErrorText(name string, line, column int, field string, err error) string {
	b := make([]byte, 0, 64)
	b = append(b, name...)
	b = append(b, ": line "...)
	b = strconv.AppendInt(b, int64(line), 10)
	if column > 0 {
		b = append(b, ", column "...)
		b = strconv.AppendInt(b, int64(column), 10)
	}
	if field != "" {
		b = append(b, " ("...)
		b = append(b, field...)
		b = append(b, ')')
	}
	b = append(b, ": "...)
	if err != nil {
		b = append(b, err.Error()...)
	} else {
		b = append(b, "unknown error"...)
	}
	return string(b)
}
