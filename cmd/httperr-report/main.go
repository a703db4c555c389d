// Httperr-report summarizes HTTP.sys error logs (httperr*.log): what
// HTTP.sys rejected, timed out or dropped, when, for which site and
// application pool, and what to look at.
//
// Usage:
//
//	httperr-report [flags] [file|directory|-]...
//
// With no arguments it reads a sample log embedded in the program (written
// for this project: three directive blocks with the 13-, 14- and 16-column
// layouts, CRLF line endings, IPv4 and IPv6 with zones, an incident on one
// application pool, a token the library does not know and two damaged
// lines), so that
//
//	go run ./cmd/httperr-report
//
// shows what the report looks like. Otherwise each argument is a log file
// (read whatever its name), a directory (its httperr*.log files, in
// rotation order: httperr2.log before httperr10.log), or "-" for standard
// input. HTTP.sys writes its logs to %SystemRoot%\System32\LogFiles\HTTPERR
// by default.
//
// The report lists the inputs with their line counts (records, directives,
// blank and malformed lines) and the first parse problems with their
// positions (file:line:column and the W3C field), the time range, the
// counts by reason token with its category, implied status, severity and a
// one-line explanation from package httpsys, the counts by status, site
// and queue, the top client addresses, the top URIs among 4xx responses, a
// histogram of records per hour (per day for logs spanning more than a
// week) and a short "what to look at" section built from the reasons'
// severity and advice.
//
// Flags:
//
//	-json       print the report as JSON (stable field names) instead of text
//	-lang tag   language of the reasons' explanations: en, de, fr, es or ja
//	            (default "en"); headings, advice and status phrases stay in
//	            English, and a language without texts is an error
//	-top N      length of the top-N lists (default 10)
//	-errors N   number of parse problems listed (default 5)
//
// Memory stays flat on large logs: records are folded into counters as
// they are read, and the per-key tables (client addresses, URIs) are
// bounded; when a log has more distinct values than are tracked, the lists
// say they are approximate and give each entry's possible overcount. When
// standard error is a terminal, progress is shown there while reading.
//
// Exit status: 0 when the report was printed, 1 when an input failed while
// being read (the report covers what was read), 2 for a usage error or an
// input that cannot be opened (nothing is printed). Malformed lines do not
// change the exit status: they are part of the report.
//
// Examples:
//
//	httperr-report C:\Windows\System32\LogFiles\HTTPERR
//	httperr-report -top 20 httperr41.log httperr42.log
//	type httperr1.log | httperr-report -json -
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

// sampleName is how the embedded sample appears in the report.
const sampleName = "httperr1.log"

//go:embed sample/httperr1.log
var sampleLog []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitRead  = 1
	exitUsage = 2
)

// run is the whole program, with its environment passed in for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("httperr-report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	lang := fs.String("lang", "en", "language of the library texts (BCP 47 tag)")
	top := fs.Int("top", 10, "length of the top-N lists")
	maxErrors := fs.Int("errors", 5, "number of parse problems listed")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: httperr-report [flags] [file|directory|-]...\n\nWith no arguments, reads an embedded sample log.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *top < 1 || *maxErrors < 0 {
		fmt.Fprintln(stderr, "httperr-report: -top must be at least 1 and -errors at least 0")
		return exitUsage
	}
	tx, err := newTexts(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "httperr-report: -lang: %v\n", err)
		return exitUsage
	}

	type source struct {
		name     string
		embedded bool
		open     func() (io.ReadCloser, error)
	}
	var sources []source
	if fs.NArg() == 0 {
		sources = append(sources, source{sampleName, true, func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(sampleLog)), nil
		}})
	} else {
		inputs, err := logfiles.Expand(fs.Args())
		if err != nil {
			fmt.Fprintf(stderr, "httperr-report: %v\n", err)
			return exitUsage
		}
		for _, in := range inputs {
			name := in.Name
			if in.IsStdin() {
				name = "<stdin>"
			}
			sources = append(sources, source{name, false, func() (io.ReadCloser, error) { return in.Open(stdin) }})
		}
	}

	agg := newAggregator(*top, *maxErrors)
	prog := newProgress(stderr)
	code := exitOK
	for _, src := range sources {
		rc, err := src.open()
		if err != nil {
			fmt.Fprintf(stderr, "httperr-report: %v\n", err)
			return exitUsage
		}
		if err := agg.read(src.name, src.embedded, rc, prog); err != nil {
			fmt.Fprintf(stderr, "httperr-report: %s: %v\n", src.name, err)
			code = exitRead
		}
		rc.Close()
	}
	prog.done()

	rep := agg.report(tx)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = writeText(stdout, rep)
	}
	if err != nil {
		fmt.Fprintf(stderr, "httperr-report: %v\n", err)
		return exitRead
	}
	return code
}

// read folds one input into the aggregator. It returns the I/O error that
// stopped reading, if any; parse errors are recorded, not returned.
func (a *aggregator) read(name string, embedded bool, rd io.Reader, prog *progress) error {
	cr := &countingReader{r: rd}
	r := errlog.NewReader(cr)
	var ioErr error
	var problems int64
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			pe, ok := isParseError(err)
			if !ok {
				ioErr = err
				break
			}
			problems++
			a.problem(name, pe, rec)
		}
		if rec != nil {
			a.record(rec)
		}
		prog.update(name, cr.n, r.Line())
	}
	st := r.Stats()
	in := InputStats{
		Name:     name,
		Embedded: embedded,
		Bytes:    cr.n,
		LineCounts: LineCounts{
			Lines:      int64(st.Lines),
			Records:    int64(st.Records),
			Directives: int64(st.Directives),
			Blank:      int64(st.Blank),
			Malformed:  int64(st.Malformed),
			Problems:   problems,
		},
	}
	if ioErr != nil {
		in.ReadError = ioErr.Error()
	}
	a.inputs = append(a.inputs, in)
	return ioErr
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// progress shows a status line on stderr while reading, only when stderr
// is a terminal, at most a few times a second, and only once reading has
// taken long enough for it to matter.
type progress struct {
	w       io.Writer
	start   time.Time
	last    time.Time
	calls   int
	printed bool
}

const (
	progressDelay    = time.Second
	progressInterval = 250 * time.Millisecond
	progressEvery    = 4096 // records between clock checks
	progressWidth    = 79   // characters of the status line
)

// newProgress returns a progress display, or nil (which does nothing) when
// w is not a terminal.
func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	now := time.Now()
	return &progress{w: w, start: now, last: now}
}

func (p *progress) update(name string, bytes int64, lines int) {
	if p == nil {
		return
	}
	if p.calls++; p.calls%progressEvery != 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressInterval {
		return
	}
	p.last = now
	p.printed = true
	// Plain carriage returns and padding rather than ANSI escapes, which
	// older Windows consoles print literally.
	fmt.Fprintf(p.w, "\r%-*.*s", progressWidth, progressWidth,
		fmt.Sprintf("reading %s: %s, %d lines", clean(name), bytesText(bytes), lines))
}

func (p *progress) done() {
	if p == nil || !p.printed {
		return
	}
	fmt.Fprintf(p.w, "\r%*s\r", progressWidth, "")
}
