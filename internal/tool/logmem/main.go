// Command logmem streams a large HTTP.sys error log or IIS access log
// through errlog.Reader or iislog.Reader and prints throughput and counts.
// It exists to measure the readers' peak memory on a 1 GiB input (to stay
// under 8 MiB) and their speed beside other tools on the same file
// (internal/bench/goaccess.sh), for example
//
//	go build -o /tmp/logmem ./internal/tool/logmem
//	/tmp/logmem -generate 1GiB /tmp/u_ex-1g.log          # write an access log, then read it
//	/usr/bin/time -v /tmp/logmem /tmp/u_ex-1g.log        # read only: see "Maximum resident set size"
//	/tmp/logmem -generate 1GiB /tmp/httperr-1g.log       # the same for an HTTP.sys error log
//
// The format is that of the file name: httperr*.log is an HTTP.sys error
// log (errlog), anything else an IIS access log (iislog); -format httperr
// or -format access says it instead.
//
// With -generate SIZE the program first writes a generated log of SIZE
// bytes (internal/fixture/httperrgen or accessgen, deterministic) to the
// path, streaming, then reads it. For an access log, -layout iis8 writes
// every directive block with the IIS 8 to 10 default layout only, the one
// GoAccess's W3C format reads; the default, mixed, cycles through three
// layouts. With -longline SIZE it writes a small log whose middle line is
// SIZE bytes long instead, to show that an over-long line is skipped with
// ErrLineTooLong without being buffered.
//
// Neither step holds the input: memory use is the reader's buffer plus the
// Go runtime.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
	"github.com/iisstatus/iisstatus/internal/tool/logfiles"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("logmem: ")
	formatName := flag.String("format", "", "the log `format`: httperr or access (default: by the file name)")
	gen := flag.String("generate", "", "write a generated log of this `size` (e.g. 1GiB, 100MB, 123456) to the path first")
	layout := flag.String("layout", "mixed", "layouts of a generated access log: `mixed` (three, in rotating blocks) or iis8 (the IIS 8+ default only)")
	long := flag.String("longline", "", "write a log with one line of this `size` to the path first")
	seed := flag.Uint64("seed", 0, "generator seed (0: the generator's default)")
	quiet := flag.Bool("q", false, "print only the reading line")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: logmem [-format httperr|access] [-generate size [-layout mixed|iis8] | -longline size] path\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	path := flag.Arg(0)
	f, err := formatOf(*formatName, path)
	if err != nil {
		log.Fatal(err)
	}

	switch {
	case *gen != "" && *long != "":
		log.Fatal("-generate and -longline exclude each other")
	case *gen != "":
		n, err := parseSize(*gen)
		if err != nil {
			log.Fatal(err)
		}
		if err := generate(path, func(w io.Writer) (string, error) { return f.generate(w, n, *seed, *layout) }); err != nil {
			log.Fatal(err)
		}
	case *long != "":
		n, err := parseSize(*long)
		if err != nil {
			log.Fatal(err)
		}
		if err := longLine(path, f, n); err != nil {
			log.Fatal(err)
		}
	}
	if err := read(path, f, *quiet); err != nil {
		log.Fatal(err)
	}
}

// A format is what logmem does differently for each kind of log.
type format struct {
	name string
	// generate writes a generated log of n bytes to w and describes it.
	generate func(w io.Writer, n int64, seed uint64, layout string) (string, error)
	// read reads the log r to the end.
	read func(r io.Reader, c *counts) (stats, int64, error)
	// For longLine: a #Fields list, a short record of that layout, and
	// the start of a record whose URI runs on.
	fields, record, request string
}

var (
	httperr = &format{
		name: "errlog",
		generate: func(w io.Writer, n int64, seed uint64, layout string) (string, error) {
			st, err := httperrgen.Write(w, httperrgen.Options{Seed: seed, Bytes: n})
			return fmt.Sprintf("%d bytes, %d records, %d directive blocks (%d records in the streamid layout), %d 503s",
				st.Bytes, st.Records, st.Blocks, st.StreamID, st.Status503), err
		},
		read: func(r io.Reader, c *counts) (stats, int64, error) {
			rd := errlog.NewReader(r)
			err := scan(rd.Read, c, isA[*errlog.ParseError], errlog.ErrLineTooLong, func(rec *errlog.Record) {
				c.record(int(rec.Status), rec.ClientIP)
				c.sink += uint64(rec.Time.Unix()) + uint64(rec.ClientPort) + uint64(rec.SiteID) + uint64(len(rec.URI))
			})
			return stats(rd.Stats()), rd.InputOffset(), err
		},
		fields:  httperrgen.Fields13,
		record:  "2026-03-02 00:00:00 192.0.2.7 50001 192.0.2.1 80 - - - - - Timer_ConnectionIdle -",
		request: "2026-03-02 00:00:01 192.0.2.8 50002 192.0.2.1 80 HTTP/1.1 GET /",
	}
	access = &format{
		name: "iislog",
		generate: func(w io.Writer, n int64, seed uint64, layout string) (string, error) {
			opts := accessgen.Options{Seed: seed, Bytes: n}
			switch layout {
			case "mixed":
			case "iis8":
				opts.Layouts = []string{accessgen.Fields15}
			default:
				return "", fmt.Errorf("unknown -layout %q", layout)
			}
			st, err := accessgen.Write(w, opts)
			return fmt.Sprintf("%d bytes, %d records, %d directive blocks, %d IPv6 clients (%d zoned)",
				st.Bytes, st.Records, st.Blocks, st.IPv6, st.Zoned), err
		},
		read: func(r io.Reader, c *counts) (stats, int64, error) {
			rd := iislog.NewReader(r)
			err := scan(rd.Read, c, isA[*iislog.ParseError], iislog.ErrLineTooLong, func(rec *iislog.Record) {
				c.record(int(rec.Status), rec.ClientIP)
				c.sink += uint64(rec.Time.Unix()) + uint64(rec.ServerPort) + uint64(rec.Win32()) + uint64(rec.Substatus().Sub) +
					uint64(rec.BytesSent) + uint64(rec.TimeTaken) + uint64(len(rec.URIStem)+len(rec.UserAgent))
			})
			return stats(rd.Stats()), rd.InputOffset(), err
		},
		fields:  accessgen.Fields15,
		record:  "2026-03-02 00:00:00 192.0.2.1 GET / - 443 - 192.0.2.7 - - 200 0 0 1",
		request: "2026-03-02 00:00:01 192.0.2.1 GET /",
	}
)

// formatOf returns the format called name, or that of the file path.
func formatOf(name, path string) (*format, error) {
	switch name {
	case "httperr":
		return httperr, nil
	case "access":
		return access, nil
	case "":
		if logfiles.IsLogName(filepath.Base(path)) {
			return httperr, nil
		}
		return access, nil
	}
	return nil, fmt.Errorf("unknown -format %q", name)
}

// stats are the line counts of both readers, whose Stats types have these
// fields (a conversion to stats fails to compile if they part).
type stats struct {
	Lines, Records, Directives, Blank, Malformed                    int
	Recovered, BadValues, Inferred, BadDirectives, Padding, TooLong int
}

// counts are what read counts of the records, and a sink of their fields.
type counts struct {
	records, failures, v6, zoned, errors, tooLong int
	sink                                          uint64
}

func (c *counts) record(status int, client netip.Addr) {
	c.records++
	if status >= 400 {
		c.failures++
	}
	if client.Is6() {
		c.v6++
		if client.Zone() != "" {
			c.zoned++
		}
	}
}

// scan reads records with read (a reader's Read) to the end, counting the
// parse errors (those isParseError accepts) in c and handing each record
// to touch. It returns the I/O error, if any.
func scan[T any](read func() (*T, error), c *counts, isParseError func(error) bool, tooLong error, touch func(*T)) error {
	for {
		rec, err := read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if !isParseError(err) {
				return err
			}
			c.errors++
			if errors.Is(err, tooLong) {
				c.tooLong++
				fmt.Printf("  %v\n", err)
			}
		}
		if rec != nil {
			touch(rec)
		}
	}
}

// isA reports whether err is an E.
func isA[E error](err error) bool {
	var e E
	return errors.As(err, &e)
}

// parseSize reads "1GiB", "100MB", "64KiB" or a plain number of bytes.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mul    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	mul := int64(1)
	for _, u := range units {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mul = v, u.mul
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mul, nil
}

// generate writes the file path with write, and says how fast.
func generate(path string, write func(io.Writer) (string, error)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	start := time.Now()
	what, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	d := time.Since(start)
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Printf("generated %s: %s, in %v (%.0f MB/s)\n", path, what, d.Round(time.Millisecond), float64(fi.Size())/1e6/d.Seconds())
	return nil
}

// longLine writes a directive block, one record, a line of n bytes, and
// one more record. The long line is written in chunks, never held whole.
func longLine(path string, f *format, n int64) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	head := "#Version: 1.0\r\n#Date: 2026-03-02 00:00:00\r\n#Fields: " + f.fields + "\r\n" + f.record + "\r\n"
	if _, err := io.WriteString(out, head); err != nil {
		return err
	}
	// A request line whose URI never ends: 2026-03-02 ... GET /aaaa....
	if _, err := io.WriteString(out, f.request); err != nil {
		return err
	}
	chunk := []byte(strings.Repeat("a", 64<<10))
	for left := n - int64(len(f.request)); left > 0; {
		c := chunk[:min(int64(len(chunk)), left)]
		if _, err := out.Write(c); err != nil {
			return err
		}
		left -= int64(len(c))
	}
	if _, err := io.WriteString(out, "\r\n"+f.record+"\r\n"); err != nil {
		return err
	}
	fmt.Printf("wrote %s: a %d-byte line between two records\n", path, n)
	return out.Close()
}

func read(path string, f *format, quiet bool) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()

	start := time.Now()
	var c counts
	st, off, err := f.read(in, &c)
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("%s: %d lines in %v: %.0f lines/s, %.0f MB/s\n", f.name, st.Lines, d.Round(time.Millisecond), float64(st.Lines)/d.Seconds(), float64(off)/1e6/d.Seconds())
	if quiet {
		return nil
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("  lines %d = records %d + directives %d + blank %d + malformed %d (too long %d)\n",
		st.Lines, st.Records, st.Directives, st.Blank, st.Malformed, st.TooLong)
	fmt.Printf("  status >= 400: %d, IPv6 clients %d (zoned %d), errors %d, check %d\n", c.failures, c.v6, c.zoned, c.errors, c.sink%1000)
	fmt.Printf("  Go heap: HeapSys %.1f MiB, HeapAlloc %.1f MiB, Sys %.1f MiB, TotalAlloc %.1f MiB, NumGC %d\n",
		mib(ms.HeapSys), mib(ms.HeapAlloc), mib(ms.Sys), mib(ms.TotalAlloc), ms.NumGC)
	if c.tooLong != st.TooLong {
		return fmt.Errorf("saw %d ErrLineTooLong, Stats.TooLong says %d", c.tooLong, st.TooLong)
	}
	return nil
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
