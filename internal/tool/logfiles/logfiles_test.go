package logfiles

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

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
		{name: "prefix only", in: "u_ex.log", want: false},
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
