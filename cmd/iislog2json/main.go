// Iislog2json converts IIS W3C logs (u_ex*.log: the access logs of web
// sites, and the W3C logs of the IIS FTP and SMTP services) to JSON Lines
// with the Elastic Common Schema (ECS) field names that Elastic's IIS
// integration gives its iis.access data stream, so the output can be bulk
// loaded into Elasticsearch or OpenSearch without an ingest pipeline. It
// follows every #Fields directive, whatever the layout, where the
// integration's grok patterns know a fixed list of layouts.
//
// Usage:
//
//	iislog2json [flags] [file|directory|-]...
//
// Each argument is a log file (read whatever its name), a directory (its
// ex*.log and u_ex*.log files, u_ex260301_x.log included, in name order)
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
//	source.address, .ip, .port c-ip as logged (zone kept: "fe80::1%3"), the
//	                           address without zone, c-port (FTP)
//	destination.address, .ip, .port   the same for s-ip and s-port
//	destination.domain         cs-host
//	http.version               cs-version without "HTTP/" ("1.1", "2")
//	http.request.method        cs-method
//	http.request.referrer      cs(Referer)
//	http.request.body.bytes    cs-bytes
//	http.response.status_code  sc-status (a number)
//	http.response.body.bytes   sc-bytes
//	url.original, url.path     cs-uri-stem
//	url.query                  cs-uri-query
//	user_agent.original        cs(User-Agent), with "+" decoded to spaces
//	user.name, user.domain     cs-username, split at "\" (DOMAIN\user) or
//	                           "@" (user@domain)
//	network.forwarded_ip       the client address of an X-Forwarded-For
//	                           custom field (its first hop), when valid
//	event.duration             time-taken, in nanoseconds
//	iis.access.site_name       s-sitename
//	iis.access.server_name     s-computername
//	iis.access.cookie          cs(Cookie), as logged
//	iis.access.sub_status      sc-substatus (a number)
//	iis.access.win32_status    sc-win32-status (a number)
//	iis.access.session_id      x-session (FTP)
//	event.kind, .category, .type, .module, .dataset, .outcome
//	                           "event", ["web","network"], ["connection"],
//	                           "iis", "iis.access", and "success" or, for
//	                           a status or reply code of 400 or more,
//	                           "failure"
//	related.ip, related.user   the client and server addresses, user.name
//	log.file.path, log.offset  the input file (not for standard input) and
//	                           the byte offset of the line in it
//
// and what the integration's pipeline drops or misreads:
//
//	network.protocol           "http", "ftp" or "smtp"
//	iis.access.service         "FTP" or "SMTP" for those services' logs
//	iis.access.reply_code      sc-status of an FTP or SMTP log: a reply code
//	                           of that protocol, never written as an HTTP
//	                           status; such logs have no http.* and url.*
//	                           fields, their cs-method, cs-uri-stem and other
//	                           HTTP columns go to iis.access.fields, their
//	                           byte counts to source.bytes and
//	                           destination.bytes
//	iis.access.fields.<name>   any other column a #Fields directive declares
//	                           (X-Forwarded-For, crypt-protocol, x-fullpath…),
//	                           under its own name, as logged
//	iis.access.invalid.<name>  the text of a typed column whose value is not
//	                           valid, which is then left out of its ECS field
//
// A field whose value is "-" (absent) is left out, never written as 0 or
// "".
//
// # Bytes that are not UTF-8
//
// JSON text is UTF-8, and IIS may log raw bytes. Replacing such bytes with
// U+FFFD, as most shippers do, loses them; this program escapes them
// instead. When a line is not valid UTF-8, its object gets "tags":
// ["escaped_bytes"], and in that object every string is escaped: each byte
// that is not part of a valid UTF-8 sequence, and each backslash, is
// written as the four characters \xNN (two upper-case hex digits).
// Replacing every \xNN with the byte 0xNN gives back the exact bytes.
// Objects without the tag hold the log's text unchanged.
//
// # Errors and exit status
//
// Parse problems are reported on standard error as
// "file:line:column (field): message". A line that gives no record (wrong
// number of fields, too long) is skipped; a record with a doubtful field
// (an invalid value, a quoted value regrouped) is still written.
//
// Exit status: 0 when every line was converted; 1 when some lines had parse
// problems (the output holds everything else); 2 for a usage error, an
// input that cannot be opened or read, or a failed write.
//
// Examples:
//
//	iislog2json C:\inetpub\logs\LogFiles\W3SVC1 > access.ndjson
//	iislog2json -original u_ex260301.log | jq -c 'select(.iis.access.win32_status == 64)'
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

	"github.com/iisstatus/iisstatus/iislog"
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
	fs := flag.NewFlagSet("iislog2json", flag.ContinueOnError)
	fs.SetOutput(stderr)
	original := fs.Bool("original", false, "add event.original, the log line as written")
	maxErrors := fs.Int("errors", 100, "report at most `N` parse problems on stderr (negative: all)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: iislog2json [flags] [file|directory|-]...\n\nWith no arguments, reads standard input.\n\nFlags:\n")
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
	inputs, err := logfiles.ExpandAccess(names)
	if err != nil {
		fmt.Fprintf(stderr, "iislog2json: %v\n", err)
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
			fmt.Fprintf(stderr, "iislog2json: %v\n", err)
			code = exitFail
			break
		}
		c.path = in.Path
		r := iislog.NewReader(rc)
		var ioErr error
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				var pe *iislog.ParseError
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
					fmt.Fprintf(stderr, "iislog2json: write: %v\n", err)
					return exitFail
				}
			}
		}
		rc.Close()
		if ioErr != nil {
			fmt.Fprintf(stderr, "iislog2json: %s: %v\n", name, ioErr)
			code = exitFail
			break
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "iislog2json: write: %v\n", err)
		return exitFail
	}
	if problems > 0 {
		if *maxErrors >= 0 && problems > *maxErrors {
			fmt.Fprintf(stderr, "iislog2json: %d parse problems (%d shown)\n", problems, *maxErrors)
		} else {
			fmt.Fprintf(stderr, "iislog2json: %d parse problem(s)\n", problems)
		}
		if code == exitOK {
			code = exitProblems
		}
	}
	return code
}

// position formats a parse error as "line:column (field): message".
func position(pe *iislog.ParseError) string {
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
	const hex = "0123456789ABCDEF"
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
