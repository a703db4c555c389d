// Command iislogmem streams a large IIS access log through iislog.Reader
// and prints throughput and counts. It exists to measure the reader's peak
// memory on a 1 GiB input (issue 7: at most 8 MiB) and its speed beside
// other tools on the same file (internal/bench/goaccess.sh), for example
//
//	go build -o /tmp/iislogmem ./internal/tool/iislogmem
//	/tmp/iislogmem -generate 1GiB /tmp/u_ex-1g.log       # write the file, then read it
//	/usr/bin/time -v /tmp/iislogmem /tmp/u_ex-1g.log     # read only: see "Maximum resident set size"
//
// With -generate SIZE the program first writes a generated log of SIZE
// bytes (internal/fixture/accessgen, deterministic) to the path, streaming,
// then reads it. -layout iis8 writes every directive block with the IIS 8
// to 10 default layout only, the one GoAccess's W3C format reads; the
// default, mixed, cycles through three layouts.
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

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("iislogmem: ")
	gen := flag.String("generate", "", "write a generated log of this `size` (e.g. 1GiB, 100MB, 123456) to the path first")
	layout := flag.String("layout", "mixed", "layouts of the generated log: `mixed` (three, in rotating blocks) or iis8 (the IIS 8+ default only)")
	seed := flag.Uint64("seed", accessgen.DefaultSeed, "generator seed")
	quiet := flag.Bool("q", false, "print only the reading line")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: iislogmem [-generate size [-layout mixed|iis8]] path\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	path := flag.Arg(0)
	if *gen != "" {
		n, err := parseSize(*gen)
		if err != nil {
			log.Fatal(err)
		}
		opts := accessgen.Options{Seed: *seed, Bytes: n}
		switch *layout {
		case "mixed":
		case "iis8":
			opts.Layouts = []string{accessgen.Fields15}
		default:
			log.Fatalf("unknown -layout %q", *layout)
		}
		if err := generate(path, opts); err != nil {
			log.Fatal(err)
		}
	}
	if err := read(path, *quiet); err != nil {
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

func generate(path string, opts accessgen.Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	start := time.Now()
	st, err := accessgen.Write(f, opts)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("generated %s: %d bytes, %d records, %d directive blocks, %d IPv6 clients (%d zoned), in %v (%.0f MB/s)\n",
		path, st.Bytes, st.Records, st.Blocks, st.IPv6, st.Zoned, d.Round(time.Millisecond), float64(st.Bytes)/1e6/d.Seconds())
	return nil
}

func read(path string, quiet bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	start := time.Now()
	r := iislog.NewReader(f)
	var (
		records, failures, v6, zoned, bad int
		pe                                *iislog.ParseError
		sink                              uint64
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
		}
		if rec == nil {
			continue
		}
		records++
		if rec.Status >= 400 {
			failures++
		}
		if rec.ClientIP.Is6() {
			v6++
			if rec.ClientIP.Zone() != "" {
				zoned++
			}
		}
		sink += uint64(rec.Time.Unix()) + uint64(rec.ServerPort) + uint64(rec.Win32()) + uint64(rec.Substatus().Sub) +
			uint64(rec.BytesSent) + uint64(rec.TimeTaken) + uint64(len(rec.URIStem)+len(rec.UserAgent))
	}
	d := time.Since(start)
	st := r.Stats()
	fmt.Printf("iislog: %d lines in %v: %.0f lines/s, %.0f MB/s\n", st.Lines, d.Round(time.Millisecond), float64(st.Lines)/d.Seconds(), float64(r.InputOffset())/1e6/d.Seconds())
	if quiet {
		return nil
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("  lines %d = records %d + directives %d + blank %d + malformed %d\n", st.Lines, st.Records, st.Directives, st.Blank, st.Malformed)
	fmt.Printf("  status >= 400: %d, IPv6 clients %d (zoned %d), errors %d, check %d\n", failures, v6, zoned, bad, sink%1000)
	fmt.Printf("  Go heap: HeapSys %.1f MiB, HeapAlloc %.1f MiB, Sys %.1f MiB, TotalAlloc %.1f MiB, NumGC %d\n",
		mib(ms.HeapSys), mib(ms.HeapAlloc), mib(ms.Sys), mib(ms.TotalAlloc), ms.NumGC)
	return nil
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
