// Package w3c is the engine shared by the readers of W3C extended log files
// (HTTP.sys error logs in package errlog, IIS access logs in package
// iislog): everything about the format that does not depend on which
// columns a log has or what a record holds.
//
// A reader embeds a [Reader] and describes its format once, in a [Schema];
// the engine reads lines, handles directives and keeps the layout, and the
// reader turns data lines into its own typed record:
//
//	var schema = &w3c.Schema{Name: "iislog", Kinds: ..., Error: newParseError, Default: ...}
//
//	func (r *Reader) Read() (*Record, error) {
//		l, err := r.eng.Next() // a data line, or the reader's *ParseError, or io.EOF
//		if err != nil {
//			return nil, err
//		}
//		lay := r.eng.Active()
//		cols, errCol, err := r.eng.Fit(l, r.eng.Split(l), lay)
//		if err != nil {
//			return nil, err
//		}
//		date, clock, badCol := w3c.Fill(l.Raw, cols, lay, r.setColumn)
//		...combine date and clock, badCol = lay.Leftmost(badCol, dateOK, clockOK)...
//		return rec, r.eng.Finish(&rec.row, inferred, errCol, badCol)
//	}
//
// # What the engine does
//
//   - Line reading and limits: one buffer, grown up to the limit
//     ([DefaultMaxLineSize] or [Reader.Buffer]); an over-long line is
//     reported as [LineTooLong] and skipped to its '\n' without being
//     buffered whole; LF and CRLF ends, a missing final newline, a UTF-8 byte
//     order mark, trailing spaces, blank lines and NUL padding (a run of NUL
//     bytes starting a line is skipped as it is read, whatever its length,
//     so that it never takes room in the buffer); I/O errors and
//     io.ErrNoProgress are sticky ([Reader.Err]); [Reader.Line],
//     [Reader.InputOffset] and [Reader.LineOffset] keep count, and
//     [Reader.Stats] counts every line once.
//   - UTF-16 input (a UTF-16 byte order mark, or ASCII interleaved with NUL
//     bytes at the start) is reported as [UTF16] at line 1, after which the
//     Reader reports io.EOF: such a file must be converted first, and
//     decoding it on the fly would make offsets lie about the file.
//   - Directives: #Fields sets the layout ([Schema.ParseLayout], resolved
//     once per directive; a repeated directive block reuses the layout and
//     costs nothing), #Date is parsed ([Reader.Date]), #Software is kept
//     ([Reader.Software]); #Version, #Remark, #Start-Date, #End-Date and
//     unknown directives are harmless. A malformed #Fields or #Date is
//     reported as [BadDirective], with the field "#Fields" or "#Date", and
//     leaves the previous state in force.
//   - The layout: a [Layout] maps names to columns and each column to its
//     [Kind], once per #Fields directive. [Reader.SetLayout] starts a Reader
//     with a layout (to resume reading at an offset past the directive).
//   - Splitting on single spaces ([Reader.Split]), and fitting the fields
//     to the layout ([Reader.Fit]): a line with surplus fields is recovered
//     when the layout has a free-text column ([Schema.Free]) or when the
//     reader's [Schema.Regroup] explains the surplus, otherwise a wrong
//     count is reported as [FieldCount].
//   - The round of a record: [Fill] hands each typed column's value to the
//     reader, but date and time ([KindDate], [KindTime]), which it returns
//     to be combined; [Layout.Leftmost] finds the leftmost invalid column;
//     [Reader.Finish] counts the record and builds the error of its line.
//   - What every reader's API says the same way: [All], the iterator of
//     their All methods; [Reader.FieldColumn] for FieldPos;
//     [Schema.LayoutText], [Schema.Resolve] and [Reader.LayoutText] for
//     their Layout values; [ErrorText], the message of their ParseError;
//     [Row.Field], [Row.Has], [Row.Column] and [Row.Clone] for their
//     records.
//   - Typed parsers from bytes, with no allocation: [ParseDate],
//     [ParseClock] and [DateCache] (one-entry date cache, times in UTC),
//     [AddrParser] (IPv4, IPv6, zones interned in a bounded map) and
//     [AddrCache], [ParsePort], [ParseStatus], [ParseUint], and the in-place
//     helpers of fused paths ([FieldEnd], [SpaceEnd], [Space8], [IPv4At],
//     [UintAt], [VarUintAt], [UintTo], [ClockAt]).
//
// # What a reader provides
//
//   - A [Schema]: its name, the Kind of each typed column name (date and
//     time numbered [KindDate] and [KindTime]), the free-text columns or a
//     Regroup function, the known layouts and the default one, the
//     reader's own data about a layout ([Schema.Fast], [Schema.Info]), and
//     [Schema.Error], which builds the reader's own *ParseError (line,
//     1-based byte column, W3C field name, the reader's sentinel error) for
//     a [Problem]. Every error the engine returns for a line is built by
//     it; any other error is the sticky one.
//   - Its record type, holding a [Row] (the line, the span of each column,
//     the layout) for access by name and position, and the conversion of
//     each Kind into its typed field. Readers find invalid values
//     themselves, and [Reader.Finish] reports them ([BadValue]) and counts
//     Records, BadValues and Inferred in [Reader.Stats].
//   - Optionally a fused path for a layout it knows well: [Schema.Fast]
//     marks such layouts, and the reader parses a line straight from
//     [Reader.Buffered], consuming it with [Reader.ConsumeLine], or gives up
//     and calls [Reader.Next].
//
// # Lifetime of slices
//
// [Line.Raw], the spans of [Reader.Split], [Reader.Fit] and
// [Reader.Spans], [Reader.Buffered] and [Reader.Software] point into the
// engine's storage and are valid until the next call that reads (Next,
// ConsumeLine) or splits. A reader's records, which hold them, are
// therefore valid until its next Read, and [Row.Clone] copies them.
// Layouts are immutable and may be kept.
//
// # Errors
//
// Every problem with a line carries the line number ([Reader.Line] at the
// time of the call), a 1-based byte column within the line as the reader
// returns it (the first byte of [Line.Raw] is column 1: a leading byte
// order mark counts, leading NUL padding does not) or 0 when no position
// applies, and the W3C field name of the column at fault, or the directive
// ("#Fields", "#Date"), or "" when none applies.
//
// The engine is not safe for concurrent use, like the readers built on it.
package w3c
