package iislog_test

import (
	"bytes"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
)

// result is one return of Read, kept beyond the next call.
type result struct {
	rec *iislog.Record
	err error
}

// readAll reads in to the end and returns every non-EOF result, with
// records cloned.
func readAll(t testing.TB, in string) ([]result, *iislog.Reader) {
	t.Helper()
	return readWith(t, iislog.NewReader(strings.NewReader(in)))
}

func readWith(t testing.TB, r *iislog.Reader) ([]result, *iislog.Reader) {
	t.Helper()
	var out []result
	for i := 0; ; i++ {
		require.Less(t, i, 1_000_000, "reader does not stop")
		rec, err := r.Read()
		if err == io.EOF {
			require.Nil(t, rec)
			break
		}
		var c *iislog.Record
		if rec != nil {
			c = rec.Clone()
		}
		out = append(out, result{c, err})
		if err != nil && rec == nil && !isParseError(err) {
			break // sticky
		}
	}
	return out, r
}

func isParseError(err error) bool {
	_, ok := err.(*iislog.ParseError)
	return ok
}

// records returns the records of rs, with or without an error.
func records(rs []result) []*iislog.Record {
	var out []*iislog.Record
	for _, r := range rs {
		if r.rec != nil {
			out = append(out, r.rec)
		}
	}
	return out
}

// errs returns the errors of rs.
func errs(rs []result) []error {
	var out []error
	for _, r := range rs {
		if r.err != nil {
			out = append(out, r.err)
		}
	}
	return out
}

// lines joins lines with eol, each line terminated.
func lines(eol string, ls ...string) string {
	return strings.Join(ls, eol) + eol
}

// eols runs f with LF and with CRLF line ends.
func eols(t *testing.T, f func(t *testing.T, eol string)) {
	t.Helper()
	t.Run("LF", func(t *testing.T) { f(t, "\n") })
	t.Run("CRLF", func(t *testing.T) { f(t, "\r\n") })
}

func field(t testing.TB, rec *iislog.Record, name string) string {
	t.Helper()
	b, ok := rec.Field(name)
	require.True(t, ok, "field %q missing", name)
	return string(b)
}

// recView is everything a Record says, as comparable values.
type recView struct {
	Time                     time.Time
	ClientIP, ServerIP       netip.Addr
	ClientPort, ServerPort   uint16
	Status                   int
	Reply                    uint16
	Sub                      string
	Win32                    uint32
	Triple                   string
	BytesSent, BytesReceived int64
	TimeTaken                time.Duration
	Text                     [11]string
	Nil                      [11]bool
	Service                  iislog.Service
	Valid                    iislog.FieldSet
	Line                     int
	Offset                   int64
	Inferred                 bool
	Raw                      string
	Columns                  []string
}

func view(r *iislog.Record) recView {
	v := recView{
		Time: r.Time, ClientIP: r.ClientIP, ServerIP: r.ServerIP, ClientPort: r.ClientPort, ServerPort: r.ServerPort,
		Status: int(r.Status), Reply: r.Reply, Sub: r.Substatus().String(), Win32: uint32(r.Win32()), Triple: r.Triple(),
		BytesSent: r.BytesSent, BytesReceived: r.BytesReceived, TimeTaken: r.TimeTaken,
		Service: r.Service, Valid: r.Valid, Line: r.Line, Offset: r.Offset, Inferred: r.Inferred, Raw: string(r.Raw()),
	}
	for i, b := range [...][]byte{r.SiteName, r.ComputerName, r.Method, r.URIStem, r.URIQuery, r.Username, r.Version,
		r.UserAgent, r.Cookie, r.Referer, r.Host} {
		v.Text[i], v.Nil[i] = string(b), b == nil
	}
	for i := range r.NumField() {
		n, b := r.Column(i)
		v.Columns = append(v.Columns, n+"="+string(b))
	}
	return v
}

// countLines counts lines the way Stats does: runs of bytes ended by "\n",
// plus an unterminated remainder.
func countLines(b []byte) int {
	n := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// cycle is an io.Reader that repeats data forever, in reads of odd sizes
// so that lines straddle buffer refills.
type cycle struct {
	data []byte
	off  int
	n    int
}

func (c *cycle) Read(p []byte) (int, error) {
	c.n++
	want := min(len(p), 1000+c.n%3001)
	n := 0
	for n < want {
		k := copy(p[n:want], c.data[c.off:])
		n += k
		c.off = (c.off + k) % len(c.data)
	}
	return n, nil
}

// oneByte is an io.Reader that returns one byte per call.
type oneByte struct{ b []byte }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(o.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = o.b[0]
	o.b = o.b[1:]
	return 1, nil
}
