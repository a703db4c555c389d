package errlog_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/iisstatus/iisstatus/errlog"
)

// BenchmarkRead reads testdata/bench.log (CRLF; mostly Timer_ConnectionIdle,
// then 400s and 503s; a fifth IPv6, some zoned; a directive block switching
// to the streamid layout), repeated to about 4 MB, through an io.Reader.
func BenchmarkRead(b *testing.B) {
	one, err := os.ReadFile("testdata/bench.log")
	if err != nil {
		b.Fatal(err)
	}
	in := bytes.Repeat(one, 4<<20/len(one))
	lines := bytes.Count(in, []byte("\n"))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var br bytes.Reader
	for b.Loop() {
		br.Reset(in)
		r := errlog.NewReader(&br)
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
}

// BenchmarkReadFloor is the structural floor for BenchmarkRead, over the
// same input: lines and fields split with bytes.IndexByte, every field
// touched, nothing converted.
func BenchmarkReadFloor(b *testing.B) {
	one, err := os.ReadFile("testdata/bench.log")
	if err != nil {
		b.Fatal(err)
	}
	in := bytes.Repeat(one, 4<<20/len(one))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	sink := 0
	for b.Loop() {
		for rest := in; len(rest) > 0; {
			line := rest
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				line, rest = rest[:i], rest[i+1:]
			} else {
				rest = nil
			}
			for {
				j := bytes.IndexByte(line, ' ')
				if j < 0 {
					sink += len(line)
					break
				}
				sink += j + int(line[0])
				line = line[j+1:]
			}
		}
	}
	if sink == 0 {
		b.Fatal("nothing read")
	}
}
