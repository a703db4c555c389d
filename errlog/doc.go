// Package errlog reads HTTP.sys error logs (HTTPERR), fast and without
// allocating, whatever layout Windows wrote them in.
//
// HTTP.sys, the kernel HTTP driver under IIS and every Windows HTTP server,
// logs what never reaches an application to
// %SystemRoot%\System32\LogFiles\HTTPERR\httperrN.log: rejected requests
// (400 Hostname, 503 QueueFull...), timeouts (Timer_ConnectionIdle),
// dropped connections and orphaned requests. Each line is one event: space
// separated fields in the order of the last #Fields directive, "-" for an
// empty value, times in UTC.
//
//	r := errlog.NewReader(f)
//	for {
//		rec, err := r.Read()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			var pe *errlog.ParseError
//			if !errors.As(err, &pe) {
//				return err // I/O error
//			}
//			log.Print(pe) // this line is doubtful or unusable; reading goes on
//		}
//		if rec == nil {
//			continue
//		}
//		fmt.Println(rec.Time, rec.ClientIP, rec.Status, rec.Reason)
//	}
//
// Reading does not allocate for a line without error (what the loop does
// with the record, here fmt.Println, may). Keep the declaration of pe
// inside the test of err: errors.As makes its target escape to the heap,
// so declaring it for every record would cost an allocation per record.
//
// # Lifetime of records
//
// [Reader.Read] returns a *[Record] owned by the Reader. The Record and
// every []byte it holds or returns point into the Reader's buffer and are
// valid until the next call to Read; reading does not allocate in steady
// state. Call [Record.Clone] to keep a record.
//
// # Layouts
//
// The layout of the data lines is taken from each #Fields directive, and a
// directive block may appear again mid-file (HTTP.sys writes one each time
// the service starts logging) with another layout. Column indexes are
// resolved once per directive. Known layouts have 12 columns (early HTTP.sys,
// no s-queuename), 13 (the classic one: date time c-ip c-port s-ip s-port
// cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename), 14
// (adds streamid after cs-uri), 16 (adds streamid_ex, and transport at the
// end) and 18 (adds fault-code and extended-fault-code). Any other order or
// column is followed too; columns without a typed field, including ones
// this package has never heard of, are read with [Record.Field].
//
// Data lines before any #Fields directive (headerless files, excerpts) are
// read with the 13-column layout, except that a line of exactly 12, 14, 16
// or 18 fields is read with the known layout of that width. Such records
// have [Record.Inferred] set and are counted in [Stats].Inferred.
//
// # Values
//
// Values are opaque bytes, except for the typed fields of [Record]: Time
// (date and time), ClientIP and ServerIP ([net/netip.Addr], zones such as
// "%0" kept), ClientPort and ServerPort, Status ([status.Code]), SiteID and
// Reason ([httpsys.Reason]). "-" means absent in every column: the typed
// field is then unset, [Record.Valid] says so, and [Record.Field] returns
// the "-" as written. A reason token unknown to package httpsys is data:
// Reason is [httpsys.ReasonUnknown] and [Record.RawReason] has the token.
//
// # Recovery
//
// Reading never stops at a bad line; a [*ParseError] gives its line,
// 1-based byte column and W3C field name:
//
//   - A typed value that does not parse (an IP address "293.217.138.127",
//     port 70000, status "abc", date "2018-13-45") leaves that typed field
//     unset; the record is returned together with an error wrapping
//     [ErrBadValue] that points at the leftmost such value.
//   - A line with more fields than its layout, when the layout has a
//     free-text field, is taken to hold raw spaces in that field: HTTP.sys
//     logs an unknown verb as received, spaces included, while it escapes
//     spaces in the URL. The fields before cs-method are taken from the
//     left, those after it from the right, and cs-method spans the surplus
//     tokens (cs-uri does when the layout has no cs-method). The record is
//     returned together with an error wrapping [ErrFieldCount].
//   - A line with fewer fields than its layout, or with more and no
//     free-text field, gives an error wrapping [ErrFieldCount] and no
//     record.
//   - A line longer than the limit ([DefaultMaxLineSize], see
//     [Reader.Buffer]) gives [ErrLineTooLong] and is skipped without being
//     buffered whole.
//   - A date or a time that does not parse is reported even when the
//     other column is "-" or absent (Time is then unset either way).
//   - A #Fields directive without names or with a duplicate name gives
//     [ErrBadDirective] and leaves the previous layout in force; so does a
//     #Date directive whose value is not a valid "YYYY-MM-DD hh:mm:ss". The
//     error's Field is the directive, "#Fields" or "#Date", and its Column
//     points at the fault (a repeated name, a bad date).
//   - An input that starts like UTF-16 text (a UTF-16 byte order mark, as
//     PowerShell's Out-File writes, or ASCII interleaved with NUL bytes)
//     gives [ErrUTF16] at line 1 and nothing else: the next Read returns
//     io.EOF. Convert such a file to UTF-8 first.
//
// CRLF and LF line ends, a missing final newline, a UTF-8 byte order mark,
// trailing spaces and blank lines are all accepted, and so is NUL padding:
// the runs of NUL bytes a crash leaves in a file, before the block HTTP.sys
// writes when it starts again. A run of NUL bytes that starts a line is
// skipped as it is read, whatever its length, and is not part of the line
// that follows it (its Raw, Offset and error columns start after the
// padding); NUL bytes that end a line are trimmed like spaces.
// [Reader.Stats] accounts for every line.
//
// # Resuming
//
// A tailer that stops and later resumes reading a growing file saves two
// things after the last record it handled: [Reader.InputOffset], where to
// seek to, and [Reader.Layout], the layout in force there, which a new
// Reader started past the #Fields directive could not know. Layout is a
// comparable value with a text form, to be saved with the offset:
//
//	offset, layout := r.InputOffset(), r.Layout() // save both
//	...
//	f.Seek(offset, io.SeekStart)
//	r = errlog.NewReader(f)
//	r.SetLayout(layout)
//
// The new Reader's line numbers, record offsets and [Reader.InputOffset]
// count from the resume point: add the saved offset to get positions in the
// file. See the example of [Reader] (resume).
//
// # Known limitations
//
//   - Fields are separated by single spaces, as HTTP.sys writes them; two
//     spaces in a row make an empty field, and a line starting with a space
//     has an empty first field.
//   - A headerless line of 14 fields is read with the streamid layout, even
//     if it really is a 13-field line with a raw space in its verb: the two
//     cannot be told apart. The same holds for 16 and 18 fields.
//   - A headerless line of 13 fields is read with the 13-column layout. A
//     line from a newer layout that lost some of its columns (for example
//     one ending in a "TCP" transport) therefore yields that last value as
//     s-queuename; with a #Fields directive present this cannot happen.
//   - Recovery assumes that surplus tokens belong to the verb. A line cut
//     or garbled elsewhere is recovered wrongly, but never silently: it is
//     reported with [ErrFieldCount].
//   - Time needs both a date and a time column; IIS access logs without a
//     date column (which rely on #Date) get no Time.
//   - Line numbers and offsets count from the start of the input given to
//     [NewReader]; after resuming at a [Reader.InputOffset], add the
//     offset yourself (see Resuming).
//   - Text is not decoded: bytes that are not valid UTF-8 are kept as they
//     are, and UTF-16 input is refused rather than decoded, since offsets
//     into decoded text would not be offsets into the file.
//   - NUL padding is skipped when it starts a line. A line cut off by a
//     crash and followed on the same line by padding and then by the next
//     block keeps the padding in that line, which is then reported as
//     malformed (or as too long, if the padding is).
package errlog
