package httperrgen_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/httperrgen"
)

func generate(t *testing.T, opts httperrgen.Options) ([]byte, httperrgen.Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := httperrgen.Write(&buf, opts)
	require.NoError(t, err)
	return buf.Bytes(), st
}

func TestDeterministic(t *testing.T) {
	opts := httperrgen.Options{Seed: 7, Lines: 5000, BlockEvery: 1000}
	a, sa := generate(t, opts)
	b, sb := generate(t, opts)
	assert.Equal(t, sha256.Sum256(a), sha256.Sum256(b), "same options, same bytes")
	assert.Equal(t, sa, sb)

	opts.Seed = 8
	c, _ := generate(t, opts)
	assert.NotEqual(t, sha256.Sum256(a), sha256.Sum256(c), "another seed, other bytes")
}

func TestReaderContract(t *testing.T) {
	opts := httperrgen.Options{Lines: 3000, BlockEvery: 500}
	want, _ := generate(t, opts)
	// iotest.TestReader reads in odd-sized chunks and checks io.Reader rules.
	require.NoError(t, iotest.TestReader(httperrgen.NewReader(opts), want))
	got, err := io.ReadAll(iotest.OneByteReader(httperrgen.NewReader(opts)))
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name string
		opts httperrgen.Options
	}{
		{"lines", httperrgen.Options{Lines: 1234}},
		{"bytes", httperrgen.Options{Bytes: 256 << 10}},
		{"bytes-LF", httperrgen.Options{Bytes: 256 << 10, LF: true}},
		{"both-lines-first", httperrgen.Options{Lines: 10, Bytes: 1 << 20}},
		{"nothing", httperrgen.Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, st := generate(t, tc.opts)
			assert.Equal(t, int64(len(out)), st.Bytes)
			if tc.opts.Lines > 0 && (tc.opts.Bytes == 0 || st.Bytes < tc.opts.Bytes) {
				assert.Equal(t, tc.opts.Lines, st.Records)
			}
			if tc.opts.Bytes > 0 && st.Records != tc.opts.Lines {
				assert.GreaterOrEqual(t, st.Bytes, tc.opts.Bytes)
				assert.Less(t, st.Bytes, tc.opts.Bytes+int64(st.MaxLineBytes))
			}
			if tc.opts.Lines == 0 && tc.opts.Bytes == 0 {
				assert.Empty(t, out)
			}
		})
	}
}

// TestProfile checks the output against the profile of issue 3 by parsing it
// independently (strings.Fields, netip.ParseAddr, time.Parse).
func TestProfile(t *testing.T) {
	tests := []struct {
		name string
		opts httperrgen.Options
	}{
		{"CRLF", httperrgen.Options{Lines: 15_000, BlockEvery: 1500}},
		{"LF", httperrgen.Options{Seed: 3, Lines: 5000, BlockEvery: 500, LF: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, st := generate(t, tc.opts)
			checkProfile(t, out, st, tc.opts.LF)
		})
	}
}

func checkProfile(t *testing.T, out []byte, st httperrgen.Stats, lf bool) {
	t.Helper()
	var (
		got       httperrgen.Stats
		fields    []string
		last      time.Time
		layouts   = map[int]int{}
		reasons   = map[string]int{}
		isatap    int
		maxURI    int
		directive int
	)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		// Keep the terminator so it can be checked.
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return i + 1, data[:i+1], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		raw := sc.Text()
		got.MaxLineBytes = max(got.MaxLineBytes, len(raw))
		// Plain ifs per line: testify per line is slow under -race.
		line, ok := strings.CutSuffix(raw, "\n")
		if !ok {
			t.Fatalf("line without newline: %q", raw)
		}
		if !lf {
			if line, ok = strings.CutSuffix(line, "\r"); !ok {
				t.Fatalf("line without CRLF: %q", raw)
			}
		}
		if strings.Contains(line, "\r") {
			t.Fatalf("stray CR: %q", raw)
		}
		if strings.HasPrefix(line, "#") {
			got.Directives++
			switch directive % 4 {
			case 0:
				assert.Equal(t, "#Software: Microsoft HTTP API 2.0", line)
			case 1:
				assert.Equal(t, "#Version: 1.0", line)
			case 2:
				_, err := time.Parse("#Date: 2006-01-02 15:04:05", line)
				assert.NoError(t, err, line)
			case 3:
				f, ok := strings.CutPrefix(line, "#Fields: ")
				require.True(t, ok, line)
				require.Contains(t, []string{httperrgen.Fields13, httperrgen.Fields14}, f)
				fields = strings.Fields(f)
				got.Blocks++
			}
			directive++
			continue
		}
		if fields == nil {
			t.Fatalf("data before #Fields: %q", line)
		}
		tok := strings.Fields(line)
		if len(tok) != len(fields) || strings.Join(tok, " ") != line {
			t.Fatalf("want %d fields separated by single spaces: %q", len(fields), line)
		}
		got.Records++
		layouts[len(fields)]++
		if len(fields) == 14 {
			got.StreamID++
		}
		rec := func(name string) string { return tok[slices.Index(fields, name)] }
		ts, err := time.Parse(time.DateTime, rec("date")+" "+rec("time"))
		if err != nil || ts.Before(last) {
			t.Fatalf("bad or decreasing time (%v): %q", err, line)
		}
		last = ts
		c, err := netip.ParseAddr(rec("c-ip"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err = netip.ParseAddr(rec("s-ip")); err != nil {
			t.Fatal(err)
		}
		if c.Is6() {
			got.IPv6++
		}
		if c.Zone() != "" {
			got.Zoned++
		}
		if strings.Contains(rec("c-ip"), ":5efe:10.") {
			isatap++
		}
		switch rec("sc-status") {
		case "400":
			got.Status400++
		case "503":
			got.Status503++
		case "-":
			got.NoStatus++
		}
		if rec("s-siteid") != "-" {
			got.SiteID++
		}
		reasons[rec("s-reason")]++
		if rec("s-reason") == "Timer_ConnectionIdle" {
			got.Idle++
			for _, f := range []string{"cs-version", "cs-method", "cs-uri", "sc-status", "s-siteid", "s-queuename"} {
				if rec(f) != "-" {
					t.Fatalf("idle lines carry no request: %q", line)
				}
			}
		}
		maxURI = max(maxURI, len(rec("cs-uri")))
	}
	require.NoError(t, sc.Err())
	got.Bytes = int64(len(out))
	assert.Equal(t, st, got, "Stats agree with an independent parse")

	share := func(n int) float64 { return float64(n) / float64(got.Records) }
	assert.InDelta(t, 0.70, share(got.Idle), 0.03, "mostly idle timeouts")
	assert.InDelta(t, 0.20, share(got.IPv6), 0.03, "about 20% IPv6")
	assert.Greater(t, got.Zoned, 0)
	assert.Greater(t, isatap, 0, "ISATAP addresses")
	assert.Greater(t, got.Status400, got.Status503)
	assert.Greater(t, got.Status503, 0)
	assert.Greater(t, got.SiteID, 0)
	assert.Greater(t, layouts[13], 0)
	assert.Greater(t, layouts[14], 0)
	assert.InDelta(t, 1.0/3, share(layouts[14]), 0.1, "a third of the blocks use streamid")
	assert.Greater(t, maxURI, 1500, "long URIs")
	assert.LessOrEqual(t, maxURI, 2300, "URIs up to ~2 KB")
	for _, r := range []string{"BadRequest", "Hostname", "Verb", "URL", "Header", "FieldLength", "RequestLength",
		"QueueFull", "AppOffline", "ConnLimit", "N/A", "Disabled",
		"Connection_Dropped", "Connection_Abandoned_By_ReqQueue", "Timer_MinBytesPerSecond", "Client_Reset"} {
		assert.Greater(t, reasons[r], 0, "reason %s present", r)
	}
}

func TestDirectiveBlocks(t *testing.T) {
	// The second block starts after 45k to 55k lines, the third after 90k.
	out, st := generate(t, httperrgen.Options{Lines: 56_000})
	assert.Equal(t, 4*st.Blocks, st.Directives)
	assert.Equal(t, 2, st.Blocks, "a block about every 50k lines")
	assert.True(t, bytes.HasSuffix(out, []byte("\r\n")))
	assert.True(t, bytes.HasPrefix(out, []byte("#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-03-02 00:00:00\r\n#Fields: "+httperrgen.Fields13+"\r\n")))
	// Blocks 2, 5, 8, ... use the streamid layout.
	assert.Equal(t, (st.Blocks+1)/3, bytes.Count(out, []byte("#Fields: "+httperrgen.Fields14+"\r\n")), "every third block switches to streamid")
	assert.Equal(t, 1, bytes.Count(out, []byte("#Fields: "+httperrgen.Fields13+"\r\n")))
}

func TestNoAllocs(t *testing.T) {
	r := httperrgen.NewReader(httperrgen.Options{Bytes: 1 << 40})
	buf := make([]byte, 64<<10)
	_, err := io.ReadFull(r, buf) // warm up the stamp buffer
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := io.ReadFull(r, buf); err != nil {
			panic(err)
		}
	})
	assert.Zero(t, allocs, "streaming does not allocate: memory stays flat")
}
