// Command errlogmem streams a large HTTP.sys error log through
// errlog.Reader and prints throughput and counts. It exists to measure the
// reader's peak memory on a 1 GiB input (to stay under 8 MiB), for example
//
//	go build -o /tmp/errlogmem ./internal/tool/errlogmem
//	/tmp/errlogmem -generate 1GiB /tmp/httperr-1g.log   # write the file, then read it
//	/usr/bin/time -v /tmp/errlogmem /tmp/httperr-1g.log # read only: see "Maximum resident set size"
//
// With -generate SIZE the program first writes a generated log of SIZE
// bytes (internal/fixture/httperrgen, deterministic) to the path, streaming, then
// reads it. With -longline SIZE it writes a small log whose middle line is
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
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/internal/fixture/httperrgen"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("errlogmem: ")
	gen := flag.String("generate", "", "write a generated log of this `size` (e.g. 1GiB, 100MB, 123456) to the path first")
	long := flag.String("longline", "", "write a log with one line of this `size` to the path first")
	seed := flag.Uint64("seed", httperrgen.DefaultSeed, "generator seed")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: errlogmem [-generate size | -longline size] path\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	path := flag.Arg(0)

	switch {
	case *gen != "" && *long != "":
		log.Fatal("-generate and -longline exclude each other")
	case *gen != "":
		n, err := parseSize(*gen)
		if err != nil {
			log.Fatal(err)
		}
		if err := generate(path, n, *seed); err != nil {
			log.Fatal(err)
		}
	case *long != "":
		n, err := parseSize(*long)
		if err != nil {
			log.Fatal(err)
		}
		if err := longLine(path, n); err != nil {
			log.Fatal(err)
		}
	}
	if err := read(path); err != nil {
		log.Fatal(err)
	}
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

func generate(path string, n int64, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	start := time.Now()
	st, err := httperrgen.Write(f, httperrgen.Options{Seed: seed, Bytes: n})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("generated %s: %d bytes, %d records, %d directive blocks (%d records in the streamid layout), %d 503s, in %v (%.0f MB/s)\n",
		path, st.Bytes, st.Records, st.Blocks, st.StreamID, st.Status503, d.Round(time.Millisecond), float64(st.Bytes)/1e6/d.Seconds())
	return nil
}

// longLine writes a directive block, one record, a line of n bytes, and
// one more record. The long line is written in chunks, never held whole.
func longLine(path string, n int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-03-02 00:00:00\r\n#Fields: " + httperrgen.Fields13 + "\r\n" +
		"2026-03-02 00:00:00 192.0.2.7 50001 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\r\n"
	if _, err := io.WriteString(f, head); err != nil {
		return err
	}
	// A request line whose URI never ends: 2026-03-02 ... GET /aaaa....
	prefix := "2026-03-02 00:00:01 192.0.2.8 50002 192.0.2.1 80 HTTP/1.1 GET /"
	if _, err := io.WriteString(f, prefix); err != nil {
		return err
	}
	chunk := []byte(strings.Repeat("a", 64<<10))
	for left := n - int64(len(prefix)); left > 0; {
		c := chunk[:min(int64(len(chunk)), left)]
		if _, err := f.Write(c); err != nil {
			return err
		}
		left -= int64(len(c))
	}
	tail := "\r\n2026-03-02 00:00:02 192.0.2.9 50003 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\r\n"
	if _, err := io.WriteString(f, tail); err != nil {
		return err
	}
	fmt.Printf("wrote %s: a %d-byte line between two records\n", path, n)
	return f.Close()
}

func read(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	start := time.Now()
	r := errlog.NewReader(f)
	var (
		records, s400, s503, v6, zoned, bad int
		tooLong                             int
		pe                                  *errlog.ParseError
		sink                                uint64
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.As(err, &pe) {
				return err
			}
			bad++
			if errors.Is(err, errlog.ErrLineTooLong) {
				tooLong++
				fmt.Printf("  %v\n", err)
			}
		}
		if rec == nil {
			continue
		}
		records++
		switch rec.Status {
		case 400:
			s400++
		case 503:
			s503++
		}
		if rec.ClientIP.Is6() {
			v6++
			if rec.ClientIP.Zone() != "" {
				zoned++
			}
		}
		sink += uint64(rec.Time.Unix()) + uint64(rec.ClientPort) + uint64(rec.SiteID) + uint64(len(rec.URI))
	}
	d := time.Since(start)
	st := r.Stats()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("read %s: %d bytes in %v: %.0f MB/s, %.0f records/s\n",
		path, r.InputOffset(), d.Round(time.Millisecond), float64(r.InputOffset())/1e6/d.Seconds(), float64(records)/d.Seconds())
	fmt.Printf("  lines %d = records %d + directives %d + blank %d + malformed %d (too long %d)\n",
		st.Lines, st.Records, st.Directives, st.Blank, st.Malformed, st.TooLong)
	fmt.Printf("  400s %d, 503s %d, IPv6 clients %d (zoned %d), errors %d, check %d\n", s400, s503, v6, zoned, bad, sink%1000)
	fmt.Printf("  Go heap: HeapSys %.1f MiB, HeapAlloc %.1f MiB, Sys %.1f MiB, TotalAlloc %.1f MiB, NumGC %d\n",
		mib(ms.HeapSys), mib(ms.HeapAlloc), mib(ms.Sys), mib(ms.TotalAlloc), ms.NumGC)
	if tooLong != st.TooLong {
		return fmt.Errorf("saw %d ErrLineTooLong, Stats.TooLong says %d", tooLong, st.TooLong)
	}
	return nil
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
