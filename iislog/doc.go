// Package iislog reads IIS W3C extended logs — the access logs of IIS web
// sites (u_ex*.log) and the W3C logs of the IIS FTP and SMTP services —
// fast and without allocating, whatever fields the server was told to log.
//
// IIS writes one line per request under
// %SystemDrive%\inetpub\logs\LogFiles\W3SVC<site id>: space-separated
// fields in the order of the last #Fields directive, "-" for an empty
// value, times in UTC. The three numbers sc-status sc-substatus
// sc-win32-status ("401 2 5", "500 19 13") say what went wrong; this
// package gives them as [status.Code], [substatus.Code] and [win32.Code],
// ready for the explanations of the rest of this module.
//
//	r := iislog.NewReader(f)
//	for {
//		rec, err := r.Read()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			var pe *iislog.ParseError
//			if !errors.As(err, &pe) {
//				return err // I/O error
//			}
//			log.Print(pe) // this line is doubtful or unusable; reading goes on
//		}
//		if rec == nil {
//			continue
//		}
//		fmt.Println(rec.Time, rec.ClientIP, rec.Method, rec.URIStem, rec.Substatus(), rec.Win32())
//	}
//
// Reading does not allocate for a line without error (what the loop does
// with the record, here fmt.Println, may). Keep the declaration of pe
// inside the test of err: errors.As makes its target escape to the heap,
// so declaring it for every record would cost an allocation per record.
//
// A reader who knows [github.com/iisstatus/iisstatus/errlog.Reader] knows
// [Reader]: the two share one W3C engine, and their contracts — lifetime,
// errors, recovery, statistics, offsets — are the same.
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
// directive block appears again mid-file whenever IIS reopens the log (a
// restart, a site idle for a while, a change of the logged fields), maybe
// with another layout. Column indexes are resolved once per directive. IIS
// writes the standard fields in a fixed order, whichever were chosen: the
// IIS 6 default (date time s-sitename s-ip cs-method cs-uri-stem
// cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status
// sc-substatus sc-win32-status), the IIS 7 default (without s-sitename,
// with time-taken), the IIS 8 to 10 default (adds cs(Referer)), the
// February 2026 default (adds sc-bytes and cs-bytes), all 22 fields, and
// custom fields of IIS 8.5 and later (X-Forwarded-For, crypt-protocol,
// request and response headers, server variables) after them. Any order
// and any name is followed, and a column without a typed field is read by
// name with [Record.Field].
//
// Data lines before any #Fields directive (excerpts, files whose header
// was cut off) are read with an assumed layout, chosen by the number of
// fields (see [InferredLayouts]): the IIS 8 to 10 default for 15 fields,
// and, for the other widths of the defaults and of selections seen in real
// logs, the first known layout of that width whose typed columns all hold
// valid values (14 fields are the IIS 7 default, or the IIS 6 default when
// the third field is not an address). Such records have [Record.Inferred]
// set and are counted in [Stats].Inferred.
//
// # Services
//
// The FTP and SMTP services of IIS write W3C logs of the same shape, with
// the same #Software line as a web site. They are read as the W3C logs
// they are, and [Record.Service] tells which service wrote them, from the
// fields of the layout (x-session, x-fullpath, x-debug) or else from the
// values of the first record read with the layout (an s-sitename of
// SMTPSVC1, MSFTPSVC1 or W3SVC1, a cs-version of SMTP or HTTP/1.1, an IIS 4
// or 5 FTP session number such as "[12]USER"). Their sc-status is a reply
// code of their own protocol (FTP 530, SMTP 250), which is never taken for
// an HTTP status: it goes to [Record.Reply], not to [Record.Status], and
// [Record.Substatus] is not a valid HTTP code.
//
// # Values
//
// Values are opaque bytes, except for the typed fields of [Record]: Time
// (date and time), ClientIP and ServerIP ([net/netip.Addr], zones such as
// "%3" kept), ClientPort and ServerPort, Status ([status.Code]), the
// substatus and Windows status ([Record.Substatus], [Record.Win32]),
// BytesSent and BytesReceived, and TimeTaken (IIS logs milliseconds). "-"
// means absent in every column: the typed field is then unset,
// [Record.Valid] says so, and [Record.Field] returns the "-" as written.
// Text fields (the URI stem and query, the method, the user agent, ...)
// are []byte views of the line.
//
// IIS writes a space inside a header value (cs(User-Agent), cs(Cookie),
// cs(Referer), custom header fields) as "+", and keeps a "+" of the
// original as it is, so that the two cannot be told apart; [AppendDecoded]
// undoes the first for display. The query keeps the client's own
// percent-encoding. Bytes that are not valid UTF-8 are kept as they are.
//
// Behind a load balancer, c-ip is the balancer's address; [Record.ForwardedFor]
// reads the client's from an X-Forwarded-For custom field, first or last
// hop, with the lists and ports that proxies write.
//
// # Time
//
// Time is the date and time columns in UTC, which IIS writes whatever the
// server's time zone: the localTimeRollover setting changes only when a
// file is closed and how it is named, never the timestamps, so one file
// may span two UTC dates. A layout without a date column (IIS 4 and 5 FTP,
// sites that do not log it) takes the date of the last #Date directive,
// and moves on to the next day when the time of day goes back by more than
// twelve hours. [Reader.Date] is the last #Date directive.
//
// # Recovery
//
// Reading never stops at a bad line; a [*ParseError] gives its line,
// 1-based byte column and W3C field name:
//
//   - A typed value that does not parse (an IP address
//     "[10.100.220.70](http://10.100.220.70)", port 70000, status "abc",
//     time "25:61:61", a win32 status above 4294967295) leaves that typed
//     field unset; the record is returned together with an error wrapping
//     [ErrBadValue] that points at the leftmost such value.
//   - A line with more fields than its layout, when the surplus is
//     explained by double quotes (the IIS Advanced Logging module and the
//     W3C draft quote values that hold spaces, doubling the quotes inside)
//     or by runs of spaces (empty fields, which IIS never writes), is read
//     with each quoted value as one field, quotes kept, and runs of spaces
//     as one separator; the record is returned together with an error
//     wrapping [ErrFieldCount] at the first such place.
//   - Any other line with fewer or more fields than its layout gives an
//     error wrapping [ErrFieldCount] and no record.
//   - A line longer than the limit ([DefaultMaxLineSize], see
//     [Reader.Buffer]) gives [ErrLineTooLong] and is skipped without being
//     buffered whole.
//   - A #Fields directive without names or with a duplicate name gives
//     [ErrBadDirective] and leaves the previous layout in force; so does a
//     #Date directive whose value is not a valid "YYYY-MM-DD hh:mm:ss".
//   - An input that starts like UTF-16 text gives [ErrUTF16], once, and
//     nothing else: convert such a file to UTF-8 first.
//
// CRLF and LF line ends, a missing final newline, a UTF-8 byte order mark,
// trailing spaces, blank lines and runs of NUL bytes (left in a file cut
// off by a crash) are all accepted. [Reader.Stats] accounts for every line.
//
// # Known limitations
//
//   - Fields are separated by single spaces, as IIS writes them; two
//     spaces in a row make an empty field.
//   - A headerless line is read with a layout chosen by its width and the
//     validity of its values; a line of a custom layout may be read with a
//     known layout of the same width whose typed columns happen to accept
//     it. With a #Fields directive present this cannot happen.
//   - The service is decided from a layout and the first record read with
//     it, and kept while the layout stays in force. A log that gives no
//     clue (for example an Exchange SMTP log with only "time c-ip
//     cs-method cs-uri-stem sc-status") is taken for HTTP; the folder name
//     (W3SVC, FTPSVC, MSFTPSVC, SMTPSVC) is the caller's to check.
//   - The date-local and time-local fields of the IIS Advanced Logging
//     module are local times of an unknown zone: they are read by name,
//     and give no Time.
//   - A tailer that resumes with [Reader.SetLayout] a log whose layout has
//     no date column gets no Time until the next #Date directive.
//   - Decoding "+" is lossy, see [AppendDecoded].
//   - Line numbers and offsets count from the start of the input given to
//     [NewReader]; after resuming at a [Reader.InputOffset], add the
//     offset yourself.
package iislog
