// Httperr2json converts HTTP.sys error logs (httperr*.log) to JSON Lines
// with the Elastic Common Schema (ECS) field names that Elastic's IIS
// integration gives its iis.error data stream, so the output can be bulk
// loaded into Elasticsearch or OpenSearch without an ingest pipeline.
//
// Usage:
//
//	httperr2json [flags] [file|directory|-]...
//
// Each argument is a log file (read whatever its name), a directory (its
// httperr*.log files in rotation order: httperr2.log before httperr10.log)
// or "-" for standard input; with no arguments it reads standard input.
// One JSON object is written per record, on one line, in input order.
//
// Flags:
//
//	-original   add event.original, the log line as written
//	-errors N   report at most N parse problems on standard error (default
//	            100; a negative N reports all); the total is always given
//
// # Fields
//
// Objects are nested, as the Elastic integration stores them ("source":
// {"ip": ...}), not dotted keys. The ECS fields the integration fills:
//
//	@timestamp                 date and time, RFC 3339 in UTC with milliseconds
//	source.address, .ip, .port c-ip as logged (zone kept: "fe80::1%12"), the
//	                           address without zone, c-port
//	destination.address, .ip, .port   the same for s-ip and s-port
//	http.version               cs-version without "HTTP/" ("1.1", "2.0", "3")
//	http.request.method        cs-method
//	url.original               cs-uri
//	http.response.status_code  sc-status (a number)
//	iis.error.reason_phrase    s-reason, any token, known or not
//	iis.error.queue_name       s-queuename
//	event.kind, .category, .type, .module, .dataset, .outcome
//	                           "event", ["web","network"], ["connection"],
//	                           "iis", "iis.error", and "failure" for a
//	                           status of 400 or more
//	related.ip                 the client and server addresses
//	log.file.path, log.offset  the input file (not for standard input) and
//	                           the byte offset of the line in it
//
// and what the integration's pipeline drops:
//
//	iis.error.site_id              s-siteid (a number)
//	iis.error.stream_id            streamid (HTTP/2 and HTTP/3 stream id)
//	iis.error.stream_id_ex         streamid_ex
//	iis.error.transport            transport ("TCP", "QUIC")
//	iis.error.fault_code           fault-code
//	iis.error.extended_fault_code  extended-fault-code
//	iis.error.fields.<name>        any other column a #Fields directive declares
//	iis.error.invalid.<name>       the text of a typed column (date, time,
//	                               c-ip, c-port, s-ip, s-port, sc-status,
//	                               s-siteid) whose value is not valid, which
//	                               is then left out of its ECS field
//
// A field whose value is "-" (absent) is left out, never written as 0 or
// "". Stream ids, transport and fault codes are strings, as logged.
//
// # Bytes that are not UTF-8
//
// JSON text is UTF-8, and HTTP.sys may log raw bytes (an unparsed URL is
// copied as it came). Replacing such bytes with U+FFFD, as most shippers
// do, loses them; this program escapes them instead. When a line is not
// valid UTF-8, its object gets "tags": ["escaped_bytes"], and in that object
// every string is escaped: each byte that is not part of a valid UTF-8
// sequence, and each backslash, is written as the four characters \xNN
// (two upper-case hex digits). Replacing every \xNN with the byte 0xNN
// gives back the exact bytes. Objects without the tag hold the log's text
// unchanged.
//
// # Errors and exit status
//
// Parse problems are reported on standard error as
// "file:line:column (field): message". A line that gives no record (wrong
// number of fields, too long) is skipped; a record with a doubtful field
// (an invalid value, a raw space in the method) is still written.
//
// Exit status: 0 when every line was converted; 1 when some lines had parse
// problems (the output holds everything else); 2 for a usage error, an
// input that cannot be opened or read, or a failed write.
//
// Examples:
//
//	httperr2json C:\Windows\System32\LogFiles\HTTPERR > httperr.ndjson
//	httperr2json -original httperr7.log | jq -c 'select(.iis.error.reason_phrase == "QueueFull")'
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK       = 0
	exitProblems = 1
	exitFail     = 2
)

// run is the whole program, with its environment passed in for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("httperr2json", flag.ContinueOnError)
	fs.SetOutput(stderr)
	original := fs.Bool("original", false, "add event.original, the log line as written")
	maxErrors := fs.Int("errors", 100, "report at most `N` parse problems on stderr (negative: all)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: httperr2json [flags] [file|directory|-]...\n\nWith no arguments, reads standard input.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitFail
	}
	names := fs.Args()
	if len(names) == 0 {
		names = []string{logfiles.Stdin}
	}
	inputs, err := logfiles.Expand(names)
	if err != nil {
		fmt.Fprintf(stderr, "httperr2json: %v\n", err)
		return exitFail
	}

	out := bufio.NewWriterSize(stdout, 64<<10)
	c := &converter{w: out, original: *original}
	var problems int
	code := exitOK
	for _, in := range inputs {
		name := in.Name
		if in.IsStdin() {
			name = "<stdin>"
		}
		rc, err := in.Open(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "httperr2json: %v\n", err)
			code = exitFail
			break
		}
		c.path = in.Path
		r := errlog.NewReader(rc)
		var ioErr error
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				var pe *errlog.ParseError
				if !errors.As(err, &pe) {
					ioErr = err
					break
				}
				problems++
				if *maxErrors < 0 || problems <= *maxErrors {
					fmt.Fprintf(stderr, "%s:%s\n", name, position(pe))
				}
			}
			if rec != nil {
				if err := c.write(rec); err != nil {
					rc.Close()
					fmt.Fprintf(stderr, "httperr2json: write: %v\n", err)
					return exitFail
				}
			}
		}
		rc.Close()
		if ioErr != nil {
			fmt.Fprintf(stderr, "httperr2json: %s: %v\n", name, ioErr)
			code = exitFail
			break
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "httperr2json: write: %v\n", err)
		return exitFail
	}
	if problems > 0 {
		if *maxErrors >= 0 && problems > *maxErrors {
			fmt.Fprintf(stderr, "httperr2json: %d parse problems (%d shown)\n", problems, *maxErrors)
		} else {
			fmt.Fprintf(stderr, "httperr2json: %d parse problem(s)\n", problems)
		}
		if code == exitOK {
			code = exitProblems
		}
	}
	return code
}

// position formats a parse error as "line:column (field): message".
func position(pe *errlog.ParseError) string {
	b := strconv.AppendInt(nil, int64(pe.Line), 10)
	if pe.Column > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(pe.Column), 10)
	}
	if pe.Field != "" {
		b = append(b, " ("...)
		b = appendPrintable(b, pe.Field)
		b = append(b, ')')
	}
	b = append(b, ": "...)
	if pe.Err != nil {
		b = append(b, pe.Err.Error()...)
	}
	return string(b)
}

// appendPrintable appends s with invalid UTF-8 and control bytes as \xNN,
// for messages on a terminal.
func appendPrintable(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0x20 || r == 0x7f {
			b = append(b, '\\', 'x', hex[s[i]>>4], hex[s[i]&0xF])
			i++
			continue
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return b
}

const hex = "0123456789ABCDEF"
