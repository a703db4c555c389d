package iislog_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/readertest"
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
	for _, x := range readertest.ReadAll(t, under(r), 1_000_000, (*iislog.Record).Clone) {
		out = append(out, result{x.Rec, x.Err})
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
