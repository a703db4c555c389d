package iisreport

import (
	"bufio"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

// sample is the embedded sample: the logs of one server during one
// incident (see sample/README.md).
//
//go:embed sample
var sample embed.FS

// sampleRoot is the folder of the embedded sample inside sample.
const sampleRoot = "sample"

// Exit codes.
const (
	exitOK    = 0
	exitRead  = 1
	exitUsage = 2
)

// Run is the whole program: prog is its name in messages, args its
// arguments without the program name. It returns the exit status.
func Run(prog string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(prog, flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON (see SCHEMA.md)")
	htmlFile := fs.String("html", "", "write the report as a self-contained HTML page to `file` (\"-\": standard output)")
	lang := fs.String("lang", "en", "language of the library texts (BCP 47 tag)")
	top := fs.Int("top", 10, "length of the top-N lists")
	maxErrors := fs.Int("errors", 5, "number of parse problems listed")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "number of files read at the same time")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s [flags] [file|directory|-]...\n\nWith no arguments, reads an embedded sample.\n\nFlags:\n", prog)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, prog+": "+format+"\n", args...)
		return exitUsage
	}
	if *top < 1 || *maxErrors < 0 || *jobs < 1 {
		return fail("-top and -j must be at least 1 and -errors at least 0")
	}
	if *asJSON && *htmlFile == "-" {
		return fail("-json and -html - both write to standard output")
	}
	tx, err := newTexts(*lang)
	if err != nil {
		return fail("-lang: %v", err)
	}

	var inputs []logfiles.Input
	embedded := fs.NArg() == 0
	if embedded {
		inputs, err = logfiles.FS(sample, sampleRoot)
	} else {
		inputs, err = logfiles.ExpandTree(fs.Args())
	}
	if err != nil {
		return fail("%v", err)
	}
	stdins := 0
	for _, in := range inputs {
		if in.IsStdin() {
			stdins++
		}
	}
	if stdins > 1 {
		return fail("standard input (-) can be read only once")
	}

	cfg := config{top: *top, maxErrors: *maxErrors}
	prog2 := startProgress(stderr, len(inputs))
	total, code, openErr := readAll(inputs, stdin, embedded, cfg, *jobs, prog2, stderr, prog)
	prog2.finish()
	if openErr != nil {
		return fail("%v", openErr)
	}

	rep := total.report(tx)
	if *htmlFile != "" {
		if err := writeHTMLFile(*htmlFile, stdout, rep); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", prog, err)
			return exitRead
		}
	}
	switch {
	case *asJSON:
		err = writeJSON(stdout, rep)
	case *htmlFile == "":
		err = writeText(stdout, rep)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", prog, err)
		return exitRead
	}
	return code
}

// readAll reads the inputs, jobs at a time, one reader per file, and
// merges the per-file aggregates in input order: the result does not
// depend on jobs. An input that cannot be opened stops the program
// (openErr); one that fails while being read is reported on stderr, and
// the report covers what was read (code exitRead).
func readAll(inputs []logfiles.Input, stdin io.Reader, embedded bool, cfg config, jobs int, prog *progress, stderr io.Writer, name string) (total *agg, code int, openErr error) {
	type result struct {
		a       *agg
		openErr error
		readErr error
	}
	results := make([]chan result, len(inputs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// At most 2*jobs inputs are read or waiting to be merged, so that a
	// long first file does not let the aggregates of all the others pile
	// up in memory.
	window := make(chan struct{}, 2*jobs)
	quit := make(chan struct{})
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range inputs {
			select {
			case window <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case next <- i:
			case <-quit:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in := inputs[i]
				l, err := in.OpenLog(stdin)
				if err != nil {
					results[i] <- result{openErr: err}
					continue
				}
				label := in.Name
				if in.IsStdin() {
					label = "<stdin>"
				}
				a, err := readInput(l, label, embedded, cfg, prog)
				l.Close()
				prog.fileDone()
				results[i] <- result{a: a, readErr: err}
			}
		}()
	}
	defer wg.Wait()
	total = newAgg(cfg)
	for i := range inputs {
		r := <-results[i]
		<-window
		if r.openErr != nil {
			close(quit)
			return nil, exitUsage, r.openErr
		}
		if r.readErr != nil {
			fmt.Fprintf(stderr, "%s: %s: %v\n", name, r.a.inputs[0].Name, r.readErr)
			code = exitRead
		}
		total.merge(r.a)
	}
	close(quit)
	return total, code, nil
}

// writeJSON writes the report as indented JSON.
func writeJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeHTMLFile writes the HTML page to the named file, or to stdout for
// "-".
func writeHTMLFile(name string, stdout io.Writer, rep *Report) error {
	if name == "-" {
		return writeHTML(stdout, rep)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	if err := writeHTML(b, rep); err != nil {
		f.Close()
		return err
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
