package logfiles

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "number by value", a: "httperr2.log", b: "httperr10.log", want: -1},
		{name: "number by value reversed", a: "httperr10.log", b: "httperr9.log", want: 1},
		{name: "equal", a: "httperr7.log", b: "httperr7.log", want: 0},
		{name: "case folded", a: "HTTPERR1.LOG", b: "httperr2.log", want: -1},
		{name: "leading zeros tie broken bytewise", a: "httperr02.log", b: "httperr2.log", want: -1},
		{name: "prefix shorter first", a: "httperr", b: "httperr1", want: -1},
		{name: "huge numbers", a: "httperr99999999999999999999.log", b: "httperr100000000000000000000.log", want: -1},
		{name: "text after number", a: "httperr1a.log", b: "httperr1b.log", want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Compare(tc.a, tc.b))
			assert.Equal(t, -tc.want, Compare(tc.b, tc.a))
		})
	}
}

func TestIsLogName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "numbered", in: "httperr12.log", want: true},
		{name: "upper case", in: "HTTPERR1.LOG", want: true},
		{name: "no number", in: "httperr.log", want: true},
		{name: "iis access log", in: "u_ex250314.log", want: false},
		{name: "compressed", in: "httperr1.log.gz", want: false},
		{name: "too short", in: "httperr.lo", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsLogName(tc.in))
		})
	}
}

func TestLogNames(t *testing.T) {
	fsys := fstest.MapFS{
		"httperr10.log":     {Data: []byte("x")},
		"httperr2.log":      {Data: []byte("x")},
		"httperr1.log":      {Data: []byte("x")},
		"notes.txt":         {Data: []byte("x")},
		"sub/httperr3.log":  {Data: []byte("x")},
		"httperr3.log.bak":  {Data: []byte("x")},
		"HTTPERR11.LOG":     {Data: []byte("x")},
		"u_ex250314.log":    {Data: []byte("x")},
		"httperr100.log":    {Data: []byte("x")},
		"httperr9.log":      {Data: []byte("x")},
		"httperr0009.log":   {Data: []byte("x")},
		"httperr.log":       {Data: []byte("x")},
		"httperr2-old.log":  {Data: []byte("x")},
		"httperr10-old.log": {Data: []byte("x")},
	}
	got, err := LogNames(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"httperr.log", "httperr1.log", "httperr2-old.log", "httperr2.log",
		"httperr0009.log", "httperr9.log", "httperr10-old.log", "httperr10.log",
		"HTTPERR11.LOG", "httperr100.log",
	}, got)
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"httperr10.log", "httperr2.log", "readme.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644))
	}
	empty := t.TempDir()
	single := filepath.Join(dir, "readme.txt")

	tests := []struct {
		name    string
		args    []string
		want    []Input
		wantErr error
	}{
		{name: "directory in rotation order", args: []string{dir}, want: []Input{
			{Name: filepath.Join(dir, "httperr2.log"), Path: filepath.Join(dir, "httperr2.log")},
			{Name: filepath.Join(dir, "httperr10.log"), Path: filepath.Join(dir, "httperr10.log")},
		}},
		{name: "file taken whatever its name", args: []string{single}, want: []Input{{Name: single, Path: single}}},
		{name: "stdin", args: []string{"-"}, want: []Input{{Name: "-"}}},
		{name: "order of arguments kept", args: []string{"-", single}, want: []Input{{Name: "-"}, {Name: single, Path: single}}},
		{name: "missing file", args: []string{filepath.Join(dir, "nope.log")}, wantErr: fs.ErrNotExist},
		{name: "directory without logs", args: []string{empty}, wantErr: ErrNoLogs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Expand(tc.args)
			if tc.wantErr != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.wantErr)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestOpen(t *testing.T) {
	t.Run("stdin is not closed", func(t *testing.T) {
		rc, err := Input{Name: Stdin}.Open(strings.NewReader("abc"))
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		assert.Equal(t, "abc", string(b))
		assert.NoError(t, rc.Close())
	})
	t.Run("file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "httperr1.log")
		require.NoError(t, os.WriteFile(p, []byte("line"), 0o644))
		rc, err := Input{Name: p, Path: p}.Open(nil)
		require.NoError(t, err)
		defer rc.Close()
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		assert.Equal(t, "line", string(b))
	})
}

func TestIsIISLogName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "httperr", in: "httperr12.log", want: true},
		{name: "httperr compressed", in: "httperr1.log.gz", want: true},
		{name: "access daily", in: "u_ex260309.log", want: true},
		{name: "access hourly with custom fields", in: "u_ex26030914_x.log", want: true},
		{name: "access by size", in: "u_extend12.log", want: true},
		{name: "iis 6", in: "ex260309.log", want: true},
		{name: "iis 6 by size", in: "extend1.log", want: true},
		{name: "upper case", in: "U_EX260309.LOG", want: true},
		{name: "rotated", in: "u_ex260309.log.1", want: true},
		{name: "rotated compressed", in: "u_ex260309.log.2.gz", want: true},
		{name: "example is not ex", in: "example.log", want: false},
		{name: "ncsa format", in: "u_nc260309.log", want: false},
		{name: "iis format", in: "u_in260309.log", want: false},
		{name: "backup", in: "u_ex260309.log.bak", want: false},
		{name: "no extension", in: "u_ex260309", want: false},
		{name: "just the extension", in: ".log", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsIISLogName(tc.in))
		})
	}
}

func TestFindLogs(t *testing.T) {
	fsys := fstest.MapFS{
		"LogFiles/W3SVC10/u_ex260309.log":        {Data: []byte("x")},
		"LogFiles/W3SVC2/u_ex260309.log":         {Data: []byte("x")},
		"LogFiles/W3SVC2/u_ex260308.log.gz":      {Data: []byte("x")},
		"LogFiles/W3SVC2/u_ex260309.log.1":       {Data: []byte("x")},
		"LogFiles/W3SVC2/u_ex260309.log.2.gz":    {Data: []byte("x")},
		"LogFiles/W3SVC2/u_ex260309.log.10":      {Data: []byte("x")},
		"LogFiles/W3SVC2/notes.txt":              {Data: []byte("x")},
		"LogFiles/FTPSVC1/u_ex260309.log":        {Data: []byte("x")},
		"LogFiles/Firewall/pfirewall.log":        {Data: []byte("x")},
		"LogFiles/W3SVC2/old/u_ex250101.log":     {Data: []byte("x")},
		"HTTPERR/httperr2.log":                   {Data: []byte("x")},
		"HTTPERR/httperr10.log":                  {Data: []byte("x")},
		"httperr1.log":                           {Data: []byte("x")},
		"a/b/c/d/LogFiles/W3SVC1/u_ex260309.log": {Data: []byte("x")},
	}
	got, err := FindLogs(fsys, ".")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"httperr1.log",
		"HTTPERR/httperr2.log", "HTTPERR/httperr10.log",
		"LogFiles/FTPSVC1/u_ex260309.log",
		"LogFiles/W3SVC2/u_ex260308.log.gz",
		"LogFiles/W3SVC2/u_ex260309.log.10", "LogFiles/W3SVC2/u_ex260309.log.2.gz", "LogFiles/W3SVC2/u_ex260309.log.1", "LogFiles/W3SVC2/u_ex260309.log",
		"LogFiles/W3SVC10/u_ex260309.log",
	}, got)

	ins, err := FS(fsys, "LogFiles")
	require.NoError(t, err)
	require.Len(t, ins, 7)
	assert.Equal(t, "FTPSVC1/u_ex260309.log", ins[0].Name)
	assert.Equal(t, "", ins[0].Site(), "not a web site")
	assert.Equal(t, "2", ins[1].Site())
	assert.Equal(t, "10", ins[6].Site())
	rc, err := ins[6].Open(nil)
	require.NoError(t, err)
	rc.Close()

	_, err = FindLogs(fsys, "missing")
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestExpandTree(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"W3SVC1/u_ex260309.log", "HTTPERR/httperr1.log", "notes/u_ex1.log", "empty/readme.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(n))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	got, err := ExpandTree([]string{dir, "-"})
	require.NoError(t, err)
	assert.Equal(t, []Input{
		{Name: filepath.Join(dir, "HTTPERR", "httperr1.log"), Path: filepath.Join(dir, "HTTPERR", "httperr1.log")},
		{Name: filepath.Join(dir, "W3SVC1", "u_ex260309.log"), Path: filepath.Join(dir, "W3SVC1", "u_ex260309.log")},
		{Name: "-"},
	}, got)
	assert.Equal(t, "1", got[1].Site())

	got, err = ExpandTree([]string{filepath.Join(dir, "notes")})
	require.NoError(t, err)
	assert.Len(t, got, 1, "the named folder is read whatever its name")
	_, err = ExpandTree([]string{filepath.Join(dir, "empty")})
	assert.ErrorIs(t, err, ErrNoIISLogs)
	_, err = Expand([]string{dir})
	assert.ErrorIs(t, err, ErrNoLogs, "Expand does not descend")
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

func TestOpenLog(t *testing.T) {
	text := "#Software: Microsoft HTTP API 2.0\r\n" + httperrFields + httperrLine
	dir := t.TempDir()
	plain := filepath.Join(dir, "httperr1.log")
	require.NoError(t, os.WriteFile(plain, []byte(text), 0o644))
	comp := filepath.Join(dir, "httperr2.log.gz")
	z := gzipped(t, text)
	require.NoError(t, os.WriteFile(comp, z, 0o644))
	// Two gzip members, as appending to a .gz file writes them.
	multi := filepath.Join(dir, "u_ex260309.log")
	access := iis10 + accessFields + accessLine
	require.NoError(t, os.WriteFile(multi, append(gzipped(t, access), gzipped(t, accessLine)...), 0o644))

	tests := []struct {
		name       string
		in         Input
		stdin      string
		want       string
		kind       Kind
		compressed bool
		raw        int64
	}{
		{name: "plain", in: Input{Name: plain, Path: plain}, want: text, kind: KindHTTPErr, raw: int64(len(text))},
		{name: "gzip by content", in: Input{Name: comp, Path: comp}, want: text, kind: KindHTTPErr, compressed: true, raw: int64(len(z))},
		{name: "gzip members", in: Input{Name: multi, Path: multi}, want: access + accessLine, kind: KindAccess, compressed: true},
		{name: "stdin", in: Input{Name: Stdin}, stdin: text, want: text, kind: KindHTTPErr, raw: int64(len(text))},
		{name: "stdin compressed", in: Input{Name: Stdin}, stdin: string(z), want: text, kind: KindHTTPErr, compressed: true, raw: int64(len(z))},
		{name: "empty", in: Input{Name: Stdin}, kind: KindUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := tc.in.OpenLog(strings.NewReader(tc.stdin))
			require.NoError(t, err)
			defer l.Close()
			assert.Equal(t, tc.kind, l.Kind, l.Why)
			assert.Equal(t, tc.compressed, l.Compressed)
			b, err := io.ReadAll(l)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(b))
			if tc.raw > 0 {
				assert.Equal(t, tc.raw, l.RawOffset())
			}
			if tc.in.IsStdin() {
				assert.Equal(t, int64(-1), l.Size, "no size for a stream")
			} else {
				fi, err := os.Stat(tc.in.Path)
				require.NoError(t, err)
				assert.Equal(t, fi.Size(), l.Size)
			}
		})
	}
}

func TestOpenLogErrors(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		_, err := Input{Name: "nope", Path: filepath.Join(t.TempDir(), "nope")}.OpenLog(nil)
		assert.ErrorIs(t, err, fs.ErrNotExist)
	})
	t.Run("bad gzip header", func(t *testing.T) {
		_, err := Input{Name: Stdin}.OpenLog(strings.NewReader("\x1f\x8b garbage"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "-: gzip")
	})
	t.Run("cut gzip gives a read error after the text", func(t *testing.T) {
		z := gzipped(t, strings.Repeat(httperrLine, 1000))
		l, err := Input{Name: Stdin}.OpenLog(bytes.NewReader(z[:len(z)/2]))
		require.NoError(t, err)
		assert.Equal(t, KindHTTPErr, l.Kind)
		b, err := io.ReadAll(l)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.True(t, strings.HasPrefix(strings.Repeat(httperrLine, 1000), string(b)))
	})
	t.Run("read error while sniffing is kept", func(t *testing.T) {
		r := iotest.TimeoutReader(strings.NewReader(httperrFields + httperrLine))
		l, err := Input{Name: Stdin}.OpenLog(r)
		require.NoError(t, err)
		b, err := io.ReadAll(l)
		assert.ErrorIs(t, err, iotest.ErrTimeout)
		assert.Equal(t, httperrFields+httperrLine, string(b), "what came before the error")
		_, err = l.Read(make([]byte, 10))
		assert.ErrorIs(t, err, iotest.ErrTimeout, "sticky")
		assert.ErrorIs(t, l.Err, iotest.ErrTimeout)
	})
}

func TestIsAccessLogName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "daily", in: "u_ex260301.log", want: true},
		{name: "hourly", in: "u_ex26030114.log", want: true},
		{name: "custom fields", in: "u_ex260301_x.log", want: true},
		{name: "size based", in: "u_extend12.log", want: true},
		{name: "iis 6", in: "ex130730.log", want: true},
		{name: "upper case", in: "U_EX260301.LOG", want: true},
		{name: "httperr", in: "httperr1.log", want: false},
		{name: "compressed", in: "u_ex260301.log.gz", want: false},
		{name: "rotated", in: "u_ex260301.log.1", want: false},
		{name: "prefix only", in: "u_ex.log", want: false},
		{name: "example is not ex", in: "example.log", want: false},
		{name: "other", in: "example.txt", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsAccessLogName(tc.in))
		})
	}
}

func TestExpandAccess(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"u_ex260302.log", "u_ex260301.log", "u_ex260301_x.log", "httperr1.log", "readme.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644))
	}
	got, err := ExpandAccess([]string{dir})
	require.NoError(t, err)
	var names []string
	for _, in := range got {
		names = append(names, filepath.Base(in.Path))
	}
	assert.Equal(t, []string{"u_ex260301.log", "u_ex260301_x.log", "u_ex260302.log"}, names)
	_, err = ExpandAccess([]string{t.TempDir()})
	assert.ErrorIs(t, err, ErrNoAccessLogs)
}
