package iislog_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

// readViews reads in completely and returns what Read said, as comparable
// values, and the final counts.
func readViews(t testing.TB, r *iislog.Reader) ([]string, iislog.Stats) {
	t.Helper()
	var out []string
	for i := 0; ; i++ {
		require.Less(t, i, 10_000_000)
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		s := fmt.Sprintf("line %d err %v", r.Line(), err)
		if rec != nil {
			s += fmt.Sprintf(" %+v", view(rec))
		}
		out = append(out, s)
		if err != nil && !isParseError(err) {
			break
		}
	}
	return out, r.Stats()
}

// assertSameReading reads in with the fused path and without it, in
// several chunkings, and checks that every result is the same.
func assertSameReading(t *testing.T, in []byte) {
	t.Helper()
	general := iislog.NewReader(bytes.NewReader(in))
	iislog.GeneralOnly(general)
	want, wantStats := readViews(t, general)
	assert.Equal(t, countLines(in), wantStats.Lines, "every line counted")
	for _, c := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", bytes.NewReader(in)},
		{"half", iotest.HalfReader(bytes.NewReader(in))},
		{"one-byte", iotest.OneByteReader(bytes.NewReader(in))},
	} {
		got, gotStats := readViews(t, iislog.NewReader(c.r))
		assert.Equal(t, wantStats, gotStats, "%s: stats", c.name)
		require.Equal(t, len(want), len(got), "%s: results", c.name)
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("%s: result %d:\nfused   %s\ngeneral %s", c.name, i, got[i], want[i])
			}
		}
	}
}

// TestFusedMatchesGeneral checks that the fused path of Read gives what
// the general path gives, on every test file, with LF and CRLF ends, and
// on generated input of every layout the generator writes.
func TestFusedMatchesGeneral(t *testing.T) {
	files, err := filepath.Glob("testdata/*.log")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		in, err := os.ReadFile(name)
		require.NoError(t, err)
		t.Run(filepath.Base(name), func(t *testing.T) {
			assertSameReading(t, in)
			assertSameReading(t, bytes.ReplaceAll(bytes.ReplaceAll(in, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n")))
			assertSameReading(t, bytes.ReplaceAll(in, []byte("\r\n"), []byte("\n")))
		})
	}
	t.Run("generated", func(t *testing.T) {
		var buf bytes.Buffer
		_, err := accessgen.Write(&buf, accessgen.Options{Lines: 6000, BlockEvery: 700})
		require.NoError(t, err)
		assertSameReading(t, buf.Bytes())
	})
}
