package ecsjson

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

// An Exporter is one of the ECS exporters of cmd/, reading records of type
// T, as [Main] runs it.
type Exporter[T any] struct {
	// Name is the program's name, for its usage and messages.
	Name string
	// Expand lists the inputs the arguments name ([logfiles.Expand],
	// [logfiles.ExpandAccess]).
	Expand func(args []string) ([]logfiles.Input, error)
	// Read returns the Read method of a new reader of r.
	Read func(r io.Reader) func() (*T, error)
	// Problem returns the position of err when err is a problem with one
	// line (the reader's *ParseError), or ok == false when it is an I/O
	// error.
	Problem func(err error) (p Problem, ok bool)
	// Convert writes the ECS object of rec into w, starting with
	// [Writer.Reset]; src tells where rec comes from.
	Convert func(w *Writer, rec *T, src *Source)
}

// A Problem is where and what a problem with one line of a log is: a
// reader's ParseError.
type Problem struct {
	Line, Column int // 1-based; Column 0 when no position applies
	Field        string
	Err          error
}

// A Source is where the records being converted come from.
type Source struct {
	Path     string // log.file.path: the input's file, "" for standard input
	Original bool   // write event.original, the log line as written
}

// Exit codes of Main.
const (
	ExitOK       = 0 // every line was converted
	ExitProblems = 1 // some lines had parse problems; the output holds the rest
	ExitFail     = 2 // a usage error, an input that cannot be opened or read, a failed write
)

// Main is the whole program of an exporter, with its environment passed
// in for tests: it parses the flags -original and -errors from args,
// converts the records of every input to JSON Lines on stdout, one object
// per record, reports parse problems on stderr as
// "name:line:column (field): message", and returns the exit code.
func Main[T any](e Exporter[T], args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(e.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	original := fs.Bool("original", false, "add event.original, the log line as written")
	maxErrors := fs.Int("errors", 100, "report at most `N` parse problems on stderr (negative: all)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s [flags] [file|directory|-]...\n\nWith no arguments, reads standard input.\n\nFlags:\n", e.Name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitFail
	}
	names := fs.Args()
	if len(names) == 0 {
		names = []string{logfiles.Stdin}
	}
	inputs, err := e.Expand(names)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", e.Name, err)
		return ExitFail
	}

	out := bufio.NewWriterSize(stdout, 64<<10)
	var w Writer
	src := Source{Original: *original}
	var problems int
	code := ExitOK
	for _, in := range inputs {
		name := in.Name
		if in.IsStdin() {
			name = "<stdin>"
		}
		rc, err := in.Open(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", e.Name, err)
			code = ExitFail
			break
		}
		src.Path = in.Path
		read := e.Read(rc)
		var ioErr error
		for {
			rec, err := read()
			if err == io.EOF {
				break
			}
			if err != nil {
				p, ok := e.Problem(err)
				if !ok {
					ioErr = err
					break
				}
				problems++
				if *maxErrors < 0 || problems <= *maxErrors {
					fmt.Fprintf(stderr, "%s:%s\n", name, p.position())
				}
			}
			if rec != nil {
				e.Convert(&w, rec, &src)
				if _, err := out.Write(w.Line()); err != nil {
					rc.Close()
					fmt.Fprintf(stderr, "%s: write: %v\n", e.Name, err)
					return ExitFail
				}
			}
		}
		rc.Close()
		if ioErr != nil {
			fmt.Fprintf(stderr, "%s: %s: %v\n", e.Name, name, ioErr)
			code = ExitFail
			break
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "%s: write: %v\n", e.Name, err)
		return ExitFail
	}
	if problems > 0 {
		if *maxErrors >= 0 && problems > *maxErrors {
			fmt.Fprintf(stderr, "%s: %d parse problems (%d shown)\n", e.Name, problems, *maxErrors)
		} else {
			fmt.Fprintf(stderr, "%s: %d parse problem(s)\n", e.Name, problems)
		}
		if code == ExitOK {
			code = ExitProblems
		}
	}
	return code
}

// position formats p as "line:column (field): message".
func (p Problem) position() string {
	b := strconv.AppendInt(nil, int64(p.Line), 10)
	if p.Column > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Column), 10)
	}
	if p.Field != "" {
		b = append(b, " ("...)
		b = appendPrintable(b, p.Field)
		b = append(b, ')')
	}
	b = append(b, ": "...)
	if p.Err != nil {
		b = append(b, p.Err.Error()...)
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
