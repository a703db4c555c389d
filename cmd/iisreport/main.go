// Iisreport reports on a server's IIS logs: the access logs of its web
// sites (u_ex*.log) and the HTTP.sys error log (httperr*.log) together, on
// one time axis, with what the codes in them mean and what to look at.
//
// Usage:
//
//	iisreport [flags] [file|directory|-]...
//
// With no arguments it reads a sample embedded in the program: the logs of
// one server during an incident (a shop whose requests slow down until
// its application pool crashes and Rapid Fail Protection stops it, a
// deploy with a broken web.config, a burst of failed logons on an API), so
//
//	go run ./cmd/iisreport
//
// shows what the report is for. Otherwise each argument is a log file
// (read whatever its name; gzip-compressed files are decompressed), a
// directory, or "-" for standard input. A directory stands for the IIS logs
// in it and in its service folders: HTTPERR, W3SVCn, FTPSVCn, MSFTPSVCn,
// SMTPSVCn and LogFiles, with rotated and compressed copies
// (u_ex260309.log.1, httperr2.log.gz), so that
//
//	iisreport C:\inetpub\logs\LogFiles C:\Windows\System32\LogFiles\HTTPERR
//
// reads a whole server. Each file's kind is told from its directives and
// its lines, not its name; FTP and SMTP logs, W3C logs of other software
// and anything else are listed and not read.
//
// The report gives the inputs and their line counts; "what to look at":
// findings of rules that read the data (Rapid Fail Protection after the
// crashes that caused it, a full request queue after the site slowed
// down, 500.19 after a deploy, a burst of 401.1 from one client, a site's
// server errors, the HTTP.sys reasons worth a look), each with the log
// lines that show it (file:line); requests, errors and error rate over
// time (per minute to per day, chosen from the span) with the HTTP.sys
// reasons and the error triples on the same axis; per site; the top
// "status substatus win32" triples with the cause and fix of their
// (substatus, error code) pair where package win32 documents one ("500 19
// 13": a malformed web.config or a missing module), else their meaning and
// what to check; time-taken percentiles, the slowest URIs and requests; the top clients,
// user agents and referers; bytes sent and received; and parse problems
// with their positions.
//
// Flags:
//
//	-json       print the report as JSON instead of text (a stable schema:
//	            internal/tool/iisreport/SCHEMA.md)
//	-html file  write the report as one self-contained HTML page (inline CSS
//	            and SVG, no script, nothing loaded from elsewhere); "-" for
//	            standard output. The text report is then not printed.
//	-lang tag   language of the library's explanations: en, de, fr, es or ja
//	            (default "en"); headings, advice and status phrases stay in
//	            English, and a language without texts is an error
//	-top N      length of the top-N lists (default 10)
//	-errors N   number of parse problems listed (default 5)
//	-j N        number of files read at the same time (default: the number
//	            of CPUs); the report is the same for any N
//
// Memory stays flat on large logs: each file is read by one reader and
// folded into counters as it is read; the per-key tables are bounded, and
// when a log has more distinct values than are tracked, the lists say they
// are approximate. When standard error is a terminal, a progress line
// (files, bytes, lines per second) is shown there for runs longer than a
// second.
//
// Exit status: 0 when the report was printed, 1 when an input failed while
// being read (the report covers what was read), 2 for a usage error or an
// input that cannot be opened (nothing is printed). Malformed lines do not
// change the exit status: they are part of the report.
package main

import (
	"os"

	"github.com/iisstatus/iisstatus/internal/tool/iisreport"
)

func main() {
	os.Exit(iisreport.Run("iisreport", os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
