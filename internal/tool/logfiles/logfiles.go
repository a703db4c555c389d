// Package logfiles turns command-line arguments into the ordered list of
// HTTP.sys error logs or IIS access logs the example programs read.
//
// An argument is a file, a directory or "-" (standard input). A directory
// stands for the httperr*.log files directly inside it ([Expand]), or the
// access logs ex*.log and u_ex*.log ([ExpandAccess]), in rotation order:
// HTTP.sys numbers its files httperr1.log, httperr2.log, … httperr10.log, so
// names are compared "naturally" (digit runs by value), not byte by byte;
// access logs are named by date (u_ex260301.log), hour or sequence number.
//
// The package is internal: it exists so that cmd/httperr-report,
// cmd/httperr2json and cmd/iislog2json handle their inputs identically.
package logfiles

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Stdin is the argument that names standard input.
const Stdin = "-"

// Input is one log to read, in the order the program must read it.
type Input struct {
	// Name is what messages show: the path as given or joined with its
	// directory, or "-" for standard input.
	Name string
	// Path is the file to open; empty for standard input.
	Path string
}

// IsStdin reports whether the input is standard input.
func (in Input) IsStdin() bool { return in.Path == "" }

// Open opens the input. For standard input it returns stdin wrapped so that
// closing it does nothing.
func (in Input) Open(stdin io.Reader) (io.ReadCloser, error) {
	if in.IsStdin() {
		return io.NopCloser(stdin), nil
	}
	return os.Open(in.Path)
}

// ErrNoLogs is returned by [Expand] for a directory that holds no
// httperr*.log file.
var ErrNoLogs = errors.New("no httperr*.log files")

// ErrNoAccessLogs is returned by [ExpandAccess] for a directory that holds
// no access log.
var ErrNoAccessLogs = errors.New("no ex*.log or u_ex*.log files")

// Expand resolves the arguments into inputs. Files are taken as they are
// (whatever their name), directories are replaced by their httperr*.log
// files in rotation order (see [Compare]), and "-" means standard input.
// Every file and directory is checked before anything is read, so a typo
// fails fast; the error names the argument.
func Expand(args []string) ([]Input, error) { return expand(args, IsLogName, ErrNoLogs) }

// ExpandAccess is [Expand] for IIS access logs: a directory stands for its
// files named as [IsAccessLogName] says, in the order of [Compare].
func ExpandAccess(args []string) ([]Input, error) {
	return expand(args, IsAccessLogName, ErrNoAccessLogs)
}

func expand(args []string, isLog func(string) bool, none error) ([]Input, error) {
	var out []Input
	for _, arg := range args {
		if arg == Stdin {
			out = append(out, Input{Name: Stdin})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, Input{Name: arg, Path: arg})
			continue
		}
		names, err := logNames(os.DirFS(arg), isLog)
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: arg, Err: err}
		}
		if len(names) == 0 {
			return nil, &fs.PathError{Op: "read", Path: arg, Err: none}
		}
		for _, n := range names {
			p := filepath.Join(arg, n)
			out = append(out, Input{Name: p, Path: p})
		}
	}
	return out, nil
}

// LogNames returns the names of the regular httperr*.log files at the top
// of fsys, sorted in rotation order.
func LogNames(fsys fs.FS) ([]string, error) { return logNames(fsys, IsLogName) }

func logNames(fsys fs.FS, isLog func(string) bool) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !isLog(e.Name()) {
			continue
		}
		names = append(names, e.Name())
	}
	slices.SortFunc(names, Compare)
	return names, nil
}

// IsLogName reports whether name looks like an HTTP.sys error log:
// "httperr", anything, ".log", compared without regard to case (Windows
// file names are case-insensitive).
func IsLogName(name string) bool {
	const prefix, suffix = "httperr", ".log"
	return len(name) >= len(prefix)+len(suffix) &&
		strings.EqualFold(name[:len(prefix)], prefix) &&
		strings.EqualFold(name[len(name)-len(suffix):], suffix)
}

// IsAccessLogName reports whether name looks like an IIS W3C log: "ex" or
// "u_ex" (IIS 7 and later), anything, ".log", without regard to case. This
// takes daily (u_ex260301.log), hourly, weekly, monthly and size-based
// (u_extend1.log) names, and those with the "_x" that custom fields add
// (u_ex260301_x.log).
func IsAccessLogName(name string) bool {
	const suffix = ".log"
	if len(name) < len(suffix) || !strings.EqualFold(name[len(name)-len(suffix):], suffix) {
		return false
	}
	stem := name[:len(name)-len(suffix)]
	for _, p := range []string{"u_ex", "ex"} {
		if len(stem) > len(p) && strings.EqualFold(stem[:len(p)], p) {
			return true
		}
	}
	return false
}

// Compare orders file names naturally: runs of ASCII digits compare by
// numeric value ("httperr2.log" < "httperr10.log"), everything else byte by
// byte after ASCII case folding. Equal values with different spellings
// ("httperr02" and "httperr2") fall back to a plain byte comparison so the
// order is total and stable.
func Compare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			if c := compareDigits(a[si:i], b[sj:j]); c != 0 {
				return c
			}
			continue
		}
		ca, cb = lower(ca), lower(cb)
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return strings.Compare(a, b)
}

// compareDigits compares two non-empty digit strings by value, without
// converting them (so any length works).
func compareDigits(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
