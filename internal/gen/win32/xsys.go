package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The symbol table is generated from golang.org/x/sys/windows, whose
// zerrors_windows.go names every Win32 error code (ERROR_*, WSA*, RPC_S_*…)
// as a syscall.Errno, thousands of HRESULTs as Handle and NTSTATUS codes as
// NTStatus. The version is pinned in win32.tsv ("# symbols:" and
// "# symbols-sum:"); the generator fetches it with `go mod download`
// through the module proxy, in a temporary directory, so that the module's
// own go.mod and go.sum do not change and importers of package win32 get no
// dependency.

// zerrorsFile is the file of golang.org/x/sys the symbols come from.
const zerrorsFile = "windows/zerrors_windows.go"

// constKind tells the Go type of a constant in zerrors_windows.go.
type constKind uint8

const (
	kindErrno    constKind = iota + 1 // syscall.Errno: a Win32 error code
	kindHRESULT                       // Handle: an HRESULT
	kindNTStatus                      // NTStatus
)

// xconst is one typed constant of zerrors_windows.go.
type xconst struct {
	name  string
	kind  constKind
	value uint32
}

var constLine = regexp.MustCompile(`^\t(\w+)\s+(syscall\.Errno|Handle|NTStatus)\s*=\s*(0x[0-9A-Fa-f]+|[0-9]+)\s*$`)

// parseZerrors returns the typed constants of zerrors_windows.go in file
// order. Untyped aliases (NO_ERROR = 0) and FACILITY_* constants are not
// typed and are skipped.
func parseZerrors(r io.Reader) ([]xconst, error) {
	var out []xconst
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		m := constLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		v, err := strconv.ParseUint(m[3], 0, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", zerrorsFile, m[1], err)
		}
		k := map[string]constKind{"syscall.Errno": kindErrno, "Handle": kindHRESULT, "NTStatus": kindNTStatus}[m[2]]
		out = append(out, xconst{name: m[1], kind: k, value: uint32(v)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no error constants found", zerrorsFile)
	}
	return out, nil
}

// hresultPrefixes are the HRESULT families the table names: the generic
// COM errors and the security and certificate errors IIS reports for
// authentication and client certificates.
var hresultPrefixes = []string{"E_", "SEC_E_", "CERT_E_", "TRUST_E_", "CRYPT_E_"}

// rangeMarker matches names that mark the bounds of a block of codes
// rather than an error: DRAGDROP_E_FIRST, DNS_ERROR_ZONE_BASE,
// SEVERITY_ERROR.
var rangeMarker = regexp.MustCompile(`_(FIRST|LAST)$|^SEVERITY_|^DNS_ERROR_(.*_)?(BASE|MASK)$`)

// selectSymbols picks the names the table gives: every Win32 error code
// (a syscall.Errno from 0 to 65535) and the failure HRESULTs of
// hresultPrefixes. Where several names share a value, the first in file
// order wins, as winerror.h lists the main name first.
func selectSymbols(cs []xconst) map[uint32]string {
	out := map[uint32]string{}
	for _, c := range cs {
		ok := false
		switch c.kind {
		case kindErrno:
			ok = c.value <= 0xFFFF && !rangeMarker.MatchString(c.name)
		case kindHRESULT:
			ok = c.value >= 0x80000000 && hasAnyPrefix(c.name, hresultPrefixes)
		}
		if _, dup := out[c.value]; ok && !dup {
			out[c.value] = c.name
		}
	}
	return out
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// fetchZerrors downloads module@version through the Go module proxy (or
// finds it in the module cache), checks its go.sum hash against sum and
// returns the content of zerrors_windows.go.
func fetchZerrors(module, version, sum string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "gen-win32-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command(goTool(), "mod", "download", "-json", module+"@"+version)
	// Outside any module, so that nothing can touch our go.mod or go.sum;
	// GOFLAGS cleared so that -mod or -modfile flags do not apply.
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GO111MODULE=on")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var info struct{ Dir, Sum, Error string }
	if err := json.Unmarshal(stdout.Bytes(), &info); err != nil || runErr != nil || info.Error != "" {
		msg := strings.TrimSpace(info.Error + " " + stderr.String())
		return nil, &fetchError{fmt.Sprintf("go mod download %s@%s: %v %s", module, version, runErr, msg)}
	}
	if info.Sum != sum {
		return nil, fmt.Errorf("%s@%s has hash %s, win32.tsv pins %s", module, version, info.Sum, sum)
	}
	return os.ReadFile(filepath.Join(info.Dir, filepath.FromSlash(zerrorsFile)))
}

// fetchError reports that the module could not be downloaded (no network,
// GOPROXY=off), as opposed to bad data.
type fetchError struct{ msg string }

func (e *fetchError) Error() string { return e.msg }

// isFetchError reports whether err is a download failure.
func isFetchError(err error) bool {
	var fe *fetchError
	return errors.As(err, &fe)
}

// goTool returns the go command: the one of the running toolchain if
// GOROOT is set (go generate and go test set it), else the one on PATH.
func goTool() string {
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if _, err := os.Stat(p + ".exe"); err == nil {
			return p + ".exe"
		}
	}
	return "go"
}
