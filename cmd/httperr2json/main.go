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
	"errors"
	"io"
	"os"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/tool/ecsjson"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its environment passed in for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return ecsjson.Main(ecsjson.Exporter[errlog.Record]{
		Name:    "httperr2json",
		Expand:  logfiles.Expand,
		Read:    func(r io.Reader) func() (*errlog.Record, error) { return errlog.NewReader(r).Read },
		Problem: problem,
		Convert: convert,
	}, args, stdin, stdout, stderr)
}

// problem returns the position of err, an *errlog.ParseError.
func problem(err error) (ecsjson.Problem, bool) {
	var pe *errlog.ParseError
	if !errors.As(err, &pe) {
		return ecsjson.Problem{}, false
	}
	return ecsjson.Problem{Line: pe.Line, Column: pe.Column, Field: pe.Field, Err: pe.Err}, true
}
