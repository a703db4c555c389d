// Package ecsjsontest holds what the tests of the ECS exporters of cmd/
// share: running a program in memory, decoding its JSON Lines, and
// reading and building nested objects by dotted paths.
package ecsjsontest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A Program is an exporter's whole program (its run function).
type Program func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Run runs p with args and stdin (empty when nil), and returns its exit
// code, standard output and standard error.
func Run(t testing.TB, p Program, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code = p(args, stdin, &out, &errOut)
	return code, out.String(), errOut.String()
}

// Objects decodes out, JSON Lines, requiring every line to be a valid
// JSON object.
func Objects(t testing.TB, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		require.True(t, json.Valid(sc.Bytes()), "valid JSON: %s", sc.Text())
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m))
		objs = append(objs, m)
	}
	require.NoError(t, sc.Err())
	return objs
}

// Get returns the value at a dotted path ("source.ip") through nested
// objects, and whether it is there.
func Get(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// Set sets the value at a dotted path in m, making the nested objects on
// the way.
func Set(m map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		n, ok := m[k].(map[string]any)
		if !ok {
			n = map[string]any{}
			m[k] = n
		}
		m = n
	}
	m[keys[len(keys)-1]] = v
}

// Normalize returns m as encoding/json decodes it (numbers as float64,
// slices as []any), for comparing an object built with Set to a decoded
// one.
func Normalize(t testing.TB, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

var escaped = regexp.MustCompile(`\\x[0-9A-F]{2}`)

// Unescape undoes the escape mode of the exporters on a decoded JSON
// string: every \xNN becomes the byte 0xNN.
func Unescape(s string) []byte {
	return []byte(escaped.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 8)
		return string([]byte{byte(n)})
	}))
}
