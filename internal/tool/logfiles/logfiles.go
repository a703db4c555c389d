// Package logfiles turns command-line arguments into the ordered list of
// IIS and HTTP.sys logs the programs in cmd/ read, opens them (gzip
// included) and tells what each one holds.
//
// An argument is a file, a directory or "-" (standard input). For
// [Expand], a directory stands for the httperr*.log files directly inside
// it, in rotation order: HTTP.sys numbers its files httperr1.log,
// httperr2.log, … httperr10.log, so names are compared "naturally" (digit
// runs by value), not byte by byte. For [ExpandAccess], it stands for the
// access logs ex*.log and u_ex*.log in it. For [ExpandTree], a directory stands
// for every IIS log in it and in the service folders below it (see
// [FindLogs]), rotated and compressed copies included.
//
// [Input.OpenLog] opens an input for reading: it decompresses gzip
// (recognised by its first bytes, whatever the name) and runs [Detect] on
// the start of the text, so that a program reads each file with the reader
// its kind needs and never misreads one.
//
// The package is internal: it exists so that the programs in cmd/
// (iisreport, httperr2json, iislog2json) handle their inputs identically.
package logfiles

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
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

	fsys fs.FS // where Path is; nil for the operating system's files
}

// IsStdin reports whether the input is standard input.
func (in Input) IsStdin() bool { return in.Path == "" }

// Open opens the input as it is, without decompressing it (see
// [Input.OpenLog]). For standard input it returns stdin wrapped so that
// closing it does nothing.
func (in Input) Open(stdin io.Reader) (io.ReadCloser, error) {
	switch {
	case in.IsStdin():
		return io.NopCloser(stdin), nil
	case in.fsys != nil:
		return in.fsys.Open(in.Path)
	}
	return os.Open(in.Path)
}

// Site returns the IIS site id that the input's folder names, "2" for a
// file in W3SVC2, or "" when the folder is not a web site's log folder.
// IIS writes each site's access log to a folder named after the site id,
// and its default fields do not include s-sitename.
func (in Input) Site() string {
	dir := parentName(in.Path)
	if len(dir) > 5 && strings.EqualFold(dir[:5], "W3SVC") && isDigits([]byte(dir[5:])) {
		return dir[5:]
	}
	return ""
}

var (
	// ErrNoLogs is returned by [Expand] for a directory that holds no
	// httperr*.log file.
	ErrNoLogs = errors.New("no httperr*.log files")
	// ErrNoAccessLogs is returned by [ExpandAccess] for a directory that
	// holds no access log.
	ErrNoAccessLogs = errors.New("no ex*.log or u_ex*.log files")
	// ErrNoIISLogs is returned by [ExpandTree] for a directory that holds
	// no IIS log file (see [IsIISLogName]).
	ErrNoIISLogs = errors.New("no IIS log files (httperr*.log, u_ex*.log, ex*.log, rotated or .gz)")
)

// Expand resolves the arguments into inputs. Files are taken as they are
// (whatever their name), directories are replaced by their httperr*.log
// files in rotation order (see [Compare]), and "-" means standard input.
// Every file and directory is checked before anything is read, so a typo
// fails fast; the error names the argument.
func Expand(args []string) ([]Input, error) {
	return expand(args, func(fsys fs.FS) ([]string, error) { return LogNames(fsys) }, ErrNoLogs)
}

// ExpandAccess is [Expand] for IIS access logs: a directory stands for its
// files named as [IsAccessLogName] says, in the order of [Compare].
func ExpandAccess(args []string) ([]Input, error) {
	return expand(args, func(fsys fs.FS) ([]string, error) { return logNames(fsys, IsAccessLogName) }, ErrNoAccessLogs)
}

// ExpandTree resolves the arguments as [Expand] does, except that a
// directory stands for every IIS log that [FindLogs] finds in it.
func ExpandTree(args []string) ([]Input, error) {
	return expand(args, func(fsys fs.FS) ([]string, error) { return FindLogs(fsys, ".") }, ErrNoIISLogs)
}

func expand(args []string, list func(fs.FS) ([]string, error), none error) ([]Input, error) {
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
		names, err := list(os.DirFS(arg))
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: arg, Err: err}
		}
		if len(names) == 0 {
			return nil, &fs.PathError{Op: "read", Path: arg, Err: none}
		}
		for _, n := range names {
			p := filepath.Join(arg, filepath.FromSlash(n))
			out = append(out, Input{Name: p, Path: p})
		}
	}
	return out, nil
}

// FS returns the inputs that [FindLogs] finds under root in fsys, named
// by their slash-separated paths relative to root. It is how a program
// reads a tree of logs embedded in it.
func FS(fsys fs.FS, root string) ([]Input, error) {
	names, err := FindLogs(fsys, root)
	if err != nil {
		return nil, err
	}
	out := make([]Input, 0, len(names))
	for _, n := range names {
		out = append(out, Input{Name: n, Path: path.Join(root, n), fsys: fsys})
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

// maxDepth bounds how far [FindLogs] descends: LogFiles/W3SVC1 is the
// deepest layout IIS writes below the folder a user names.
const maxDepth = 3

// FindLogs returns the slash-separated paths, relative to root, of the IIS
// logs in the directory root of fsys and in its service folders, to a
// depth of three: HTTPERR, W3SVCn (web sites), FTPSVCn and MSFTPSVCn (FTP),
// SMTPSVCn (SMTP) and LogFiles (the folder that holds them), compared
// without regard to case. Other folders are left alone, since the
// Windows LogFiles folder holds much besides IIS logs. A file is an IIS
// log when [IsIISLogName] says so.
//
// The order is that of the folders (naturally compared, see [Compare]),
// then of the files, rotated copies of one log before the log itself,
// oldest first (u_ex260301.log.2.gz, u_ex260301.log.1, u_ex260301.log).
func FindLogs(fsys fs.FS, root string) ([]string, error) {
	var out []string
	var walk func(dir, rel string, depth int) error
	walk = func(dir, rel string, depth int) error {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return err
		}
		var files, dirs []string
		for _, e := range entries {
			switch {
			case e.IsDir() && depth < maxDepth && IsServiceFolder(e.Name()):
				dirs = append(dirs, e.Name())
			case e.Type().IsRegular() && IsIISLogName(e.Name()):
				files = append(files, e.Name())
			}
		}
		slices.SortFunc(files, compareRotated)
		for _, f := range files {
			out = append(out, path.Join(rel, f))
		}
		slices.SortFunc(dirs, Compare)
		for _, d := range dirs {
			if err := walk(path.Join(dir, d), path.Join(rel, d), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, "", 0); err != nil {
		return nil, err
	}
	return out, nil
}

// IsServiceFolder reports whether name is a folder IIS writes logs to
// (HTTPERR, W3SVCn, FTPSVCn, MSFTPSVCn, SMTPSVCn) or their parent LogFiles.
func IsServiceFolder(name string) bool {
	switch strings.ToUpper(name) {
	case "HTTPERR", "LOGFILES":
		return true
	}
	for _, p := range []string{"W3SVC", "FTPSVC", "MSFTPSVC", "SMTPSVC"} {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) && isDigits([]byte(name[len(p):])) {
			return true
		}
	}
	return false
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

// IsAccessLogName reports whether name looks like an IIS W3C log, not
// rotated or compressed: "ex" (IIS 6 and earlier) or "u_ex" (IIS 7 and
// later), then digits or "tend" and digits, ".log", without regard to case.
// This takes daily (u_ex260301.log), hourly, weekly, monthly and size-based
// (u_extend1.log) names, and those with the "_x" that custom fields add
// (u_ex260301_x.log). See [IsIISLogName] for rotated and compressed copies.
func IsAccessLogName(name string) bool {
	base, n, ok := splitRotation(name)
	return ok && n == "" && base == name && !strings.HasPrefix(strings.ToLower(name), "httperr") && IsIISLogName(name)
}

// IsIISLogName reports whether name is that of an IIS or HTTP.sys log,
// compared without regard to case: httperr*.log; u_exN*.log (the W3C logs
// of IIS 7 and later, with "_x" when they have custom fields, and
// u_extendN.log when rolled over by size); exN*.log and extendN.log (IIS 6
// and earlier), N a digit. A rotation number (".1") and a ".gz" suffix may follow
// ".log", as log rotation tools write them.
func IsIISLogName(name string) bool {
	base, _, ok := splitRotation(name)
	if !ok {
		return false
	}
	stem := strings.ToLower(base[:len(base)-len(".log")])
	if strings.HasPrefix(stem, "httperr") {
		return true
	}
	stem = strings.TrimPrefix(stem, "u_")
	switch {
	case strings.HasPrefix(stem, "extend"):
		return len(stem) > 6 && isDigit(stem[6])
	case strings.HasPrefix(stem, "ex"):
		return len(stem) > 2 && isDigit(stem[2])
	}
	return false
}

// splitRotation splits a file name into the log's base name (ending in
// ".log") and its rotation number (0 for none); ok is false when the name
// does not have the form base[.N][.gz].
func splitRotation(name string) (base string, n string, ok bool) {
	s := name
	if len(s) > 3 && strings.EqualFold(s[len(s)-3:], ".gz") {
		s = s[:len(s)-3]
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 && isDigits([]byte(s[i+1:])) {
		n, s = s[i+1:], s[:i]
	}
	if len(s) <= len(".log") || !strings.EqualFold(s[len(s)-4:], ".log") {
		return "", "", false
	}
	return s, n, true
}

// compareRotated orders log file names by base name (naturally), then
// rotated copies by decreasing rotation number (logrotate gives the
// oldest copy the highest number), then the log itself.
func compareRotated(a, b string) int {
	ba, na, _ := splitRotation(a)
	bb, nb, _ := splitRotation(b)
	if c := Compare(ba, bb); c != 0 {
		return c
	}
	switch {
	case na == "" && nb != "":
		return 1
	case na != "" && nb == "":
		return -1
	}
	if c := compareDigits(na, nb); c != 0 {
		return -c
	}
	return Compare(a, b)
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
