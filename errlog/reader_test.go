package errlog_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

const (
	fields13 = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename"
	fields14 = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename"
	fields16 = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport"
	fields18 = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code"
)

// lines joins lines with eol, each line terminated.
func lines(eol string, ls ...string) string {
	return strings.Join(ls, eol) + eol
}

// result is one return of Read, kept beyond the next call.
type result struct {
	rec *errlog.Record
	err error
}

// readAll reads in to the end and returns every non-EOF result.
func readAll(t testing.TB, in string) ([]result, *errlog.Reader) {
	t.Helper()
	r := errlog.NewReader(strings.NewReader(in))
	var out []result
	for i := 0; ; i++ {
		require.Less(t, i, 100000, "reader does not stop")
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var c *errlog.Record
		if rec != nil {
			c = rec.Clone()
		}
		out = append(out, result{c, err})
	}
	return out, r
}

// records returns the records of rs, with or without an error.
func records(rs []result) []*errlog.Record {
	var out []*errlog.Record
	for _, r := range rs {
		if r.rec != nil {
			out = append(out, r.rec)
		}
	}
	return out
}

// eols runs f with LF and with CRLF line ends.
func eols(t *testing.T, f func(t *testing.T, eol string)) {
	t.Helper()
	t.Run("LF", func(t *testing.T) { f(t, "\n") })
	t.Run("CRLF", func(t *testing.T) { f(t, "\r\n") })
}

func field(t testing.TB, rec *errlog.Record, name string) string {
	t.Helper()
	b, ok := rec.Field(name)
	require.True(t, ok, "field %q missing", name)
	return string(b)
}

func TestReadLayout13(t *testing.T) {
	eols(t, func(t *testing.T, eol string) {
		in := lines(eol,
			"#Software: Microsoft HTTP API 2.0",
			"#Version: 1.0",
			"#Date: 2026-01-05 09:00:00",
			fields13,
			"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /orders?id=7 503 3 QueueFull OrdersPool",
		)
		rs, r := readAll(t, in)
		require.Len(t, rs, 1)
		require.NoError(t, rs[0].err)
		rec := rs[0].rec
		assert.Equal(t, time.Date(2026, 1, 5, 9, 0, 1, 0, time.UTC), rec.Time)
		assert.Equal(t, time.UTC, rec.Time.Location())
		assert.Equal(t, netip.MustParseAddr("192.0.2.10"), rec.ClientIP)
		assert.Equal(t, uint16(50100), rec.ClientPort)
		assert.Equal(t, netip.MustParseAddr("192.0.2.1"), rec.ServerIP)
		assert.Equal(t, uint16(80), rec.ServerPort)
		assert.Equal(t, "HTTP/1.1", string(rec.Version))
		assert.Equal(t, "GET", string(rec.Method))
		assert.Equal(t, "/orders?id=7", string(rec.URI))
		assert.Equal(t, status.Code(503), rec.Status)
		assert.Equal(t, uint32(3), rec.SiteID)
		assert.Equal(t, httpsys.ReasonQueueFull, rec.Reason)
		assert.Equal(t, "QueueFull", string(rec.RawReason()))
		assert.Equal(t, "OrdersPool", string(rec.QueueName))
		assert.Equal(t, errlog.FieldSet(1<<12-1), rec.Valid, "every typed field set")
		assert.Equal(t, 5, rec.Line)
		assert.Equal(t, int64(strings.Index(in, "2026-01-05 09:00:01")), rec.Offset)
		assert.False(t, rec.Inferred)
		assert.Equal(t, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), r.Date())
		assert.Equal(t, int64(len(in)), r.InputOffset())
		assert.Equal(t, strings.TrimSuffix(in[rec.Offset:], "\n"), string(rec.Raw()), "Raw keeps a CR")
	})
}

func TestLayouts(t *testing.T) {
	tests := []struct {
		name   string
		fields string
		line   string
		check  func(t *testing.T, rec *errlog.Record)
	}{
		{"12 columns", "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason",
			"2026-02-01 08:00:00 192.0.2.60 3405 192.0.2.1 80 HTTP/1.0 GET /x 400 - URL",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, httpsys.ReasonURL, rec.Reason)
				assert.False(t, rec.Valid.Has(errlog.FieldQueueName))
				assert.False(t, rec.Has("s-queuename"))
				_, ok := rec.Field("s-queuename")
				assert.False(t, ok)
			}},
		{"14 columns", fields14,
			"2026-01-05 10:00:03 2001:db8::20 50200 2001:db8::1 443 HTTP/2.0 POST /upload 5 413 3 EntityTooLarge OrdersPool",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "5", field(t, rec, "streamid"))
				assert.Equal(t, status.Code(413), rec.Status)
				assert.Equal(t, "OrdersPool", string(rec.QueueName))
			}},
		{"16 columns", fields16,
			"2026-01-05 11:00:05 198.51.100.30 50300 198.51.100.1 443 HTTP/3 GET /status 9 - 503 4 AppOffline StatusPool QUIC",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "QUIC", field(t, rec, "transport"))
				assert.Equal(t, "-", field(t, rec, "streamid_ex"))
				assert.False(t, rec.Has("streamid_ex"))
				assert.Equal(t, "StatusPool", string(rec.QueueName), "transport is not the queue")
				assert.Equal(t, httpsys.ReasonAppOffline, rec.Reason)
			}},
		{"18 columns", fields18,
			"2026-01-05 12:00:08 203.0.113.41 50401 203.0.113.1 8443 HTTP/3 GET /c 11 - 503 4 QueueFull StatusPool QUIC 0x80070008 0x1",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "0x80070008", field(t, rec, "fault-code"))
				assert.Equal(t, "0x1", field(t, rec, "extended-fault-code"))
				assert.Equal(t, "QUIC", field(t, rec, "transport"))
				assert.Equal(t, uint16(8443), rec.ServerPort)
			}},
		{"custom order and unknown column", "#Fields: s-reason date time c-ip x-region sc-status",
			"Timer_HeaderWait 2026-01-05 13:00:09 203.0.113.50 eu-west -",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, httpsys.ReasonTimerHeaderWait, rec.Reason)
				assert.Equal(t, "eu-west", field(t, rec, "x-region"))
				assert.Equal(t, time.Date(2026, 1, 5, 13, 0, 9, 0, time.UTC), rec.Time)
				assert.False(t, rec.Valid.Has(errlog.FieldStatus))
				assert.Equal(t, 6, rec.NumField())
				name, v := rec.Column(4)
				assert.Equal(t, "x-region", name)
				assert.Equal(t, "eu-west", string(v))
			}},
		{"trailing space after #Fields", fields13 + " ",
			"2026-01-05 09:00:02 192.0.2.11 50101 192.0.2.1 80 - - - - - Timer_ConnectionIdle -",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, httpsys.ReasonTimerConnectionIdle, rec.Reason)
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eols(t, func(t *testing.T, eol string) {
				rs, _ := readAll(t, lines(eol, tc.fields, tc.line))
				require.Len(t, rs, 1)
				require.NoError(t, rs[0].err)
				tc.check(t, rs[0].rec)
			})
		})
	}
}

func TestLayoutChangeMidFile(t *testing.T) {
	eols(t, func(t *testing.T, eol string) {
		in := lines(eol,
			fields13,
			"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET / 503 3 QueueFull Pool",
			fields16,
			"2026-01-05 11:00:05 198.51.100.30 50300 198.51.100.1 443 HTTP/3 GET /s 9 - 503 4 AppOffline Pool2 QUIC",
			fields13,
			"2026-01-05 12:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET / 400 - Hostname -",
		)
		r := errlog.NewReader(strings.NewReader(in))
		assert.Equal(t, 12, r.Index("s-queuename"), "13-column layout before any #Fields")
		rec, err := r.Read()
		require.NoError(t, err)
		assert.Equal(t, "Pool", string(rec.QueueName))
		assert.Equal(t, -1, r.Index("transport"))
		_, ok := rec.Field("transport")
		assert.False(t, ok)

		rec, err = r.Read()
		require.NoError(t, err)
		assert.Equal(t, "Pool2", string(rec.QueueName))
		assert.Equal(t, "QUIC", field(t, rec, "transport"))
		assert.Equal(t, 15, r.Index("transport"))
		assert.Equal(t, 11, r.Index("sc-status"))
		line, col := r.FieldPos(15)
		assert.Equal(t, 4, line)
		assert.Equal(t, strings.Index(string(rec.Raw()), "QUIC")+1, col)
		assert.Len(t, r.Fields(), 16)

		rec, err = r.Read()
		require.NoError(t, err)
		assert.Equal(t, status.Code(400), rec.Status)
		assert.Equal(t, -1, r.Index("transport"))
		_, err = r.Read()
		assert.Equal(t, io.EOF, err)
		assert.Equal(t, errlog.Stats{Lines: 6, Records: 3, Directives: 3}, r.Stats())
	})
}

func TestHeaderless(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		fields  int
		check   func(t *testing.T, rec *errlog.Record)
		wantErr error
	}{
		{"12 fields: early format", "2026-02-01 08:00:00 192.0.2.60 3405 192.0.2.1 80 HTTP/1.0 GET /x 400 - URL", 12,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, httpsys.ReasonURL, rec.Reason)
			}, nil},
		{"13 fields: default", "2026-02-01 08:00:01 192.0.2.61 3406 192.0.2.1 80 HTTP/1.1 GET /i 404 - NotFound -", 13,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, httpsys.ReasonNotFound, rec.Reason)
			}, nil},
		{"14 fields: streamid", "2026-02-01 08:00:02 192.0.2.62 3407 192.0.2.1 443 HTTP/1.1 BASELINE-CONTROL /d - 404 - NotFound -", 14,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "BASELINE-CONTROL", string(rec.Method))
				assert.Equal(t, "-", field(t, rec, "streamid"))
			}, nil},
		{"16 fields: transport", "2026-02-01 08:00:03 192.0.2.63 3408 192.0.2.1 443 HTTP/1.1 GET / - - 503 1 N/A DefaultAppPool TCP", 16,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "DefaultAppPool", string(rec.QueueName))
				assert.Equal(t, "TCP", field(t, rec, "transport"))
				assert.Equal(t, httpsys.ReasonNA, rec.Reason)
			}, nil},
		{"18 fields: fault codes", "2026-02-01 08:00:04 192.0.2.64 3409 192.0.2.1 443 HTTP/1.1 GET /x - - 400 - Verb - TCP - -", 18,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "-", field(t, rec, "fault-code"))
				assert.Equal(t, httpsys.ReasonVerb, rec.Reason)
			}, nil},
		{"15 fields: recovered against 13", "2026-02-01 08:00:05 192.0.2.65 3410 192.0.2.1 80 - HELLO|x|Win 10 Pro - 400 - BadRequest -", 13,
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "HELLO|x|Win 10 Pro", string(rec.Method))
				assert.Nil(t, rec.URI)
			}, errlog.ErrFieldCount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eols(t, func(t *testing.T, eol string) {
				rs, r := readAll(t, tc.line+eol)
				require.Len(t, rs, 1)
				if tc.wantErr != nil {
					assert.ErrorIs(t, rs[0].err, tc.wantErr)
				} else {
					require.NoError(t, rs[0].err)
				}
				rec := rs[0].rec
				require.NotNil(t, rec)
				assert.True(t, rec.Inferred)
				assert.Equal(t, tc.fields, rec.NumField())
				assert.Equal(t, 1, r.Stats().Inferred)
				tc.check(t, rec)
			})
		})
	}
	t.Run("layout follows #Fields once seen", func(t *testing.T) {
		rs, r := readAll(t, lines("\n", fields13,
			"2026-02-01 08:00:03 192.0.2.63 3408 192.0.2.1 443 HTTP/1.1 GET / - - 503 1 N/A DefaultAppPool TCP"))
		require.Len(t, rs, 1)
		assert.ErrorIs(t, rs[0].err, errlog.ErrFieldCount, "16 fields against a declared 13-column layout")
		assert.False(t, rs[0].rec.Inferred)
		assert.Equal(t, 0, r.Stats().Inferred)
	})
}

// TestParseErrors checks the position and kind of every error. In each
// input, '§' marks the expected error column; the marker is removed before
// parsing, and the line holding it is the expected line.
func TestParseErrors(t *testing.T) {
	const ok13 = "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET /ok 404 - NotFound -"
	tests := []struct {
		name    string
		in      []string
		err     error
		field   string
		withRec bool
	}{
		{"invalid IPv4 (msdocs)", []string{fields14, "2018-08-13 03:25:22 §293.217.138.127 12052 10.1.2.5 80 HTTP/1.1 GET / - 503 - N/A -"}, errlog.ErrBadValue, "c-ip", true},
		{"IPv4 leading zero", []string{"2026-03-09 06:00:01 §192.0.2.07 50000 192.0.2.1 80 - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "c-ip", true},
		{"IPv4 with zone", []string{"2026-03-09 06:00:01 192.0.2.7 50000 §192.0.2.1%1 80 - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "s-ip", true},
		{"IPv6 empty zone", []string{"2026-03-09 06:00:01 ::1 50000 §::1% 80 - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "s-ip", true},
		{"IP joined with port", []string{"2026-03-09 06:00:01 §[::1]:80 50000 ::1 80 - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "c-ip", true},
		{"port 70000", []string{"2026-03-09 06:00:03 192.0.2.71 §70000 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "c-port", true},
		{"negative port", []string{"2026-03-09 06:00:03 192.0.2.71 5 192.0.2.1 §-80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "s-port", true},
		{"status abc", []string{"2026-03-09 06:00:03 192.0.2.71 5 192.0.2.1 80 HTTP/1.1 GET / §abc - BadRequest -"}, errlog.ErrBadValue, "sc-status", true},
		{"status 4 digits", []string{"2026-03-09 06:00:03 192.0.2.71 5 192.0.2.1 80 HTTP/1.1 GET / §4000 - BadRequest -"}, errlog.ErrBadValue, "sc-status", true},
		{"date 2018-13-45", []string{"§2018-13-45 06:00:04 192.0.2.72 50003 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "date", true},
		{"date Feb 29 of 2025", []string{"§2025-02-29 06:00:04 192.0.2.72 50003 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "date", true},
		{"time 24:00:00", []string{"2026-03-09 §24:00:00 192.0.2.72 50003 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "time", true},
		{"site id en dash", []string{"2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 §\u2013 ConnLimit -"}, errlog.ErrBadValue, "s-siteid", true},
		{"site id too large", []string{"2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /q 503 §4294967296 ConnLimit -"}, errlog.ErrBadValue, "s-siteid", true},
		{"leftmost of two bad values", []string{"2026-03-09 06:00:03 192.0.2.71 §70000 192.0.2.1 80 HTTP/1.1 GET / abc - BadRequest -"}, errlog.ErrBadValue, "c-port", true},
		{"bad date and time", []string{"§2026-02-30 25:00:00 192.0.2.71 1 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "date", true},
		{"good date, bad time, bad IP", []string{"2026-02-28 §2:00:00 192.0.2.300 1 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, errlog.ErrBadValue, "time", true},
		{"raw space in verb", []string{fields13, "2026-03-09 06:00:05 192.0.2.73 50004 192.0.2.1 80 - §145.ll|'|'|SGVsbG8=|'|'|Win 7 - 400 - BadRequest -"}, errlog.ErrFieldCount, "cs-method", true},
		{"raw spaces in verb, 18 columns", []string{fields18, "2026-01-05 12:00:07 203.0.113.40 50400 203.0.113.1 8443 HTTP/1.1 §A B C /b - - 400 - Header - TCP - -"}, errlog.ErrFieldCount, "cs-method", true},
		{"field count reported before bad value", []string{"2026-03-09 06:00:05 192.0.2.73 70000 192.0.2.1 80 - §A B C - 400 - BadRequest -"}, errlog.ErrFieldCount, "cs-method", true},
		{"too few fields", []string{ok13, "2026-03-09 06:00:06 192.0.2.74 50005 192.0.2.1 80 HTTP/1.1 GET§"}, errlog.ErrFieldCount, "cs-uri", false},
		{"too few fields, CR", []string{fields13, "2026-03-09 06:00:06 192.0.2.74 50005 192.0.2.1 80 HTTP/1.1 GET /x 400 - URL§\r"}, errlog.ErrFieldCount, "s-queuename", false},
		{"too many fields, no free-text column", []string{"#Fields: date time s-reason", "2026-03-09 06:00:06 Timer_ConnectionIdle §extra"}, errlog.ErrFieldCount, "s-reason", false},
		{"empty #Fields", []string{"#Fields:§"}, errlog.ErrBadDirective, "#Fields", false},
		{"blank #Fields", []string{"#Fields:§   "}, errlog.ErrBadDirective, "#Fields", false},
		{"duplicate in #Fields", []string{"#Fields: date time c-ip §date"}, errlog.ErrBadDirective, "#Fields", false},
		{"bad #Date", []string{"#Date: §YYYY-MM-DD HH:MM:SS"}, errlog.ErrBadDirective, "#Date", false},
		{"error after BOM", []string{"\xef\xbb\xbf2026-03-09 06:00:01 §192.0.2.700 50000 192.0.2.1 80 - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "c-ip", true},
		{"error after NUL padding", []string{"\x00\x00\x00", "2026-03-09 06:00:01 192.0.2.7 50000 192.0.2.1 §x - - - - - Timer_ConnectionIdle -"}, errlog.ErrBadValue, "s-port", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eols(t, func(t *testing.T, eol string) {
				wantLine, wantCol := 0, 0
				var clean []string
				for i, l := range tc.in {
					if j := strings.Index(l, "§"); j >= 0 {
						wantLine, wantCol = i+1, j+1
						l = l[:j] + l[j+len("§"):]
					}
					clean = append(clean, l)
				}
				require.NotZero(t, wantLine, "test case has no § marker")
				rs, r := readAll(t, lines(eol, clean...))
				var got *result
				for i := range rs {
					if rs[i].err != nil {
						require.Nil(t, got, "more than one error: %v", rs[i].err)
						got = &rs[i]
					}
				}
				require.NotNil(t, got, "no error")
				var pe *errlog.ParseError
				require.ErrorAs(t, got.err, &pe)
				assert.ErrorIs(t, got.err, tc.err)
				assert.Equal(t, wantLine, pe.Line, "line")
				assert.Equal(t, wantCol, pe.Column, "column")
				assert.Equal(t, tc.field, pe.Field, "field")
				assert.Equal(t, tc.withRec, got.rec != nil, "record returned")
				st := r.Stats()
				assert.Equal(t, st.Lines, st.Records+st.Directives+st.Blank+st.Malformed)
				assert.Equal(t, len(tc.in), st.Lines)
			})
		})
	}
}

func TestBadValueKeepsRecord(t *testing.T) {
	// The msdocs case: an obfuscated client address that is not IPv4.
	in := lines("\r\n", "#Software: Microsoft HTTP API 2.0", fields14,
		"2018-08-13 03:25:22 293.217.138.127 12052 10.1.2.5 80 HTTP/1.1 GET /favicon.ico - 503 - N/A -")
	rs, r := readAll(t, in)
	require.Len(t, rs, 1)
	rec := rs[0].rec
	require.NotNil(t, rec, "a record must come back")
	assert.ErrorIs(t, rs[0].err, errlog.ErrBadValue)
	assert.False(t, rec.Valid.Has(errlog.FieldClientIP))
	assert.False(t, rec.ClientIP.IsValid())
	assert.Equal(t, "293.217.138.127", field(t, rec, "c-ip"))
	assert.True(t, rec.Has("c-ip"))
	assert.Equal(t, netip.MustParseAddr("10.1.2.5"), rec.ServerIP)
	assert.Equal(t, status.ServiceUnavailable, rec.Status)
	assert.Equal(t, httpsys.ReasonNA, rec.Reason)
	assert.Equal(t, "/favicon.ico", string(rec.URI))
	assert.Equal(t, errlog.Stats{Lines: 3, Records: 1, Directives: 2, BadValues: 1}, r.Stats())
	assert.Equal(t, "errlog: line 3, column 21 (c-ip): invalid value", rs[0].err.Error())
}

func TestRecovery(t *testing.T) {
	tests := []struct {
		name   string
		fields string
		line   string
		column string // the column that absorbs the surplus
		want   string
		check  func(t *testing.T, rec *errlog.Record)
	}{
		{"verb with a space", fields13,
			"2020-09-07 15:03:39 198.51.100.34 34104 192.0.2.48 80 - 145.ll|'|'|SGVsbG8=|'|'|Win 7 - 400 - BadRequest -",
			"cs-method", "145.ll|'|'|SGVsbG8=|'|'|Win 7",
			func(t *testing.T, rec *errlog.Record) {
				assert.Nil(t, rec.Version)
				assert.Nil(t, rec.URI)
				assert.Equal(t, status.BadRequest, rec.Status)
				assert.Equal(t, httpsys.ReasonBadRequest, rec.Reason)
			}},
		{"verb with three spaces, streamid layout", fields14,
			"2020-09-07 15:03:39 198.51.100.34 34104 192.0.2.48 80 HTTP/1.1 A B C D /x - 400 - BadRequest Pool",
			"cs-method", "A B C D",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "/x", string(rec.URI))
				assert.Equal(t, "-", field(t, rec, "streamid"))
				assert.Equal(t, "Pool", string(rec.QueueName))
				assert.Equal(t, uint16(34104), rec.ClientPort)
			}},
		{"URI absorbs without a verb column", "#Fields: date time c-ip cs-uri sc-status s-reason",
			"2026-03-09 06:00:05 192.0.2.73 /a b c 400 URL",
			"cs-uri", "/a b c",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, status.BadRequest, rec.Status)
				assert.Equal(t, httpsys.ReasonURL, rec.Reason)
			}},
		{"empty fields from double spaces", fields13,
			"2026-03-09 06:00:05 192.0.2.73 50004 192.0.2.1 80 HTTP/1.1 X  Y /p 400 - Verb -",
			"cs-method", "X  Y",
			func(t *testing.T, rec *errlog.Record) {
				assert.Equal(t, "/p", string(rec.URI))
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eols(t, func(t *testing.T, eol string) {
				rs, r := readAll(t, lines(eol, tc.fields, tc.line))
				require.Len(t, rs, 1)
				rec := rs[0].rec
				require.NotNil(t, rec)
				var pe *errlog.ParseError
				require.ErrorAs(t, rs[0].err, &pe)
				assert.ErrorIs(t, pe, errlog.ErrFieldCount)
				assert.Equal(t, tc.column, pe.Field)
				assert.Equal(t, strings.Index(tc.line, tc.want)+1, pe.Column)
				assert.Equal(t, tc.want, field(t, rec, tc.column))
				assert.Equal(t, 1, r.Stats().Recovered)
				tc.check(t, rec)
			})
		})
	}
}

func TestAbsentIsNotZero(t *testing.T) {
	in := lines("\n", fields14,
		"2026-03-09 06:00:01 192.0.2.70 0 192.0.2.1 80 - - - - - 0 Timer_ConnectionIdle -",
		"- - - - - - - - - - - - - -")
	rs, _ := readAll(t, in)
	require.Len(t, rs, 2)
	rec := rs[0].rec
	assert.True(t, rec.Valid.Has(errlog.FieldClientPort), "port 0 is a value")
	assert.Equal(t, uint16(0), rec.ClientPort)
	assert.True(t, rec.Valid.Has(errlog.FieldSiteID))
	assert.False(t, rec.Valid.Has(errlog.FieldStatus), "status - is absent")
	assert.Equal(t, status.Code(0), rec.Status)
	assert.Equal(t, "-", field(t, rec, "sc-status"))
	assert.False(t, rec.Has("sc-status"))
	assert.True(t, rec.Has("c-port"))
	assert.Nil(t, rec.Method)
	assert.Nil(t, rec.QueueName)
	assert.True(t, rec.Valid.Has(errlog.FieldTime|errlog.FieldClientIP|errlog.FieldReason))

	rec = rs[1].rec
	require.NoError(t, rs[1].err)
	assert.Equal(t, errlog.FieldSet(0), rec.Valid, "every field absent")
	assert.True(t, rec.Time.IsZero())
	assert.Equal(t, httpsys.ReasonUnknown, rec.Reason)
	assert.Equal(t, "-", string(rec.RawReason()))
}

func TestAddresses(t *testing.T) {
	tests := []struct{ name, ip string }{
		{"IPv4", "192.0.2.10"},
		{"IPv6", "2001:db8::20"},
		{"loopback with zone", "::1%0"},
		{"zone 12", "2001:db8::5%12"},
		{"ISATAP with embedded IPv4 and zone", "2001:4898:0:fff:0:5efe:10.164.167.30%0"},
		{"IPv4-mapped", "::ffff:192.0.2.1"},
		{"full form, upper case", "2001:0DB8:0000:0000:0000:0000:0000:0001"},
		{"named zone", "fe80::1%eth0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := "2026-03-09 06:00:01 " + tc.ip + " 50000 " + tc.ip + " 443 - - - - - Timer_ConnectionIdle -"
			rs, _ := readAll(t, line+"\r\n")
			require.Len(t, rs, 1)
			require.NoError(t, rs[0].err)
			want := netip.MustParseAddr(tc.ip)
			assert.Equal(t, want, rs[0].rec.ClientIP)
			assert.Equal(t, want, rs[0].rec.ServerIP)
			assert.Equal(t, want.Zone(), rs[0].rec.ClientIP.Zone())
			assert.Equal(t, uint16(443), rs[0].rec.ServerPort, "port stays separate")
		})
	}
}

func TestUnknownReason(t *testing.T) {
	rs, _ := readAll(t, "2026-03-09 06:00:01 192.0.2.1 1 192.0.2.2 80 HTTP/1.1 GET / 503 1 Brand_New_Reason Pool\n")
	require.Len(t, rs, 1)
	rec := rs[0].rec
	require.NoError(t, rs[0].err, "an unknown token is data, not an error")
	assert.Equal(t, httpsys.ReasonUnknown, rec.Reason)
	assert.True(t, rec.Valid.Has(errlog.FieldReason))
	assert.Equal(t, "Brand_New_Reason", string(rec.RawReason()))
	assert.Equal(t, "Brand_New_Reason", field(t, rec, "s-reason"))
}

func TestLineEndsAndPadding(t *testing.T) {
	const rec1 = "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET /ok 404 - NotFound -"
	tests := []struct {
		name  string
		in    string
		stats errlog.Stats
	}{
		{"empty input", "", errlog.Stats{}},
		{"LF", rec1 + "\n", errlog.Stats{Lines: 1, Records: 1, Inferred: 1}},
		{"CRLF", rec1 + "\r\n", errlog.Stats{Lines: 1, Records: 1, Inferred: 1}},
		{"no final newline", rec1, errlog.Stats{Lines: 1, Records: 1, Inferred: 1}},
		{"BOM", "\xef\xbb\xbf" + rec1 + "\r\n", errlog.Stats{Lines: 1, Records: 1, Inferred: 1}},
		{"BOM only", "\xef\xbb\xbf", errlog.Stats{Lines: 1, Blank: 1}},
		{"BOM then directive", "\xef\xbb\xbf#Version: 1.0\r\n" + rec1, errlog.Stats{Lines: 2, Records: 1, Directives: 1, Inferred: 1}},
		{"blank lines", "\n\r\n" + rec1 + "\n\n", errlog.Stats{Lines: 4, Records: 1, Blank: 3, Inferred: 1}},
		{"spaces only", "   \r\n" + rec1 + " \r\n", errlog.Stats{Lines: 2, Records: 1, Blank: 1, Inferred: 1}},
		{"lone CR", "\r", errlog.Stats{Lines: 1, Blank: 1}},
		{"NUL padding at the end", rec1 + "\r\n" + strings.Repeat("\x00", 5000), errlog.Stats{Lines: 2, Records: 1, Blank: 1, Padding: 1, Inferred: 1}},
		{"NUL padding then a new block", rec1 + "\r\n" + strings.Repeat("\x00", 700) + "#Software: Microsoft HTTP API 2.0\r\n" + rec1 + "\r\n",
			errlog.Stats{Lines: 3, Records: 2, Directives: 1, Inferred: 2}},
		{"NUL lines", "\x00\x00\n\x00\r\n", errlog.Stats{Lines: 2, Blank: 2, Padding: 2}},
		{"other directives", "#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Remark: restarted\n#Start-Date: x\n", errlog.Stats{Lines: 4, Directives: 4}},
		{"junk directive", "#\n#Fields\n", errlog.Stats{Lines: 2, Directives: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, r := readAll(t, tc.in)
			for _, x := range rs {
				require.NoError(t, x.err)
			}
			assert.Len(t, records(rs), tc.stats.Records)
			for _, rec := range records(rs) {
				assert.Equal(t, httpsys.ReasonNotFound, rec.Reason)
				assert.Equal(t, "-", field(t, rec, "s-queuename"), "no CR or space left in the last field")
				assert.Equal(t, netip.MustParseAddr("192.0.2.70"), rec.ClientIP)
			}
			assert.Equal(t, tc.stats, r.Stats())
			assert.Equal(t, int64(len(tc.in)), r.InputOffset())
			assert.Equal(t, tc.stats.Lines, r.Line())
		})
	}
}

func TestOffsetsAndResume(t *testing.T) {
	in := lines("\r\n", fields13,
		"2026-01-05 09:00:01 192.0.2.10 1 192.0.2.1 80 HTTP/1.1 GET /a 503 3 QueueFull Pool",
		"",
		"2026-01-05 09:00:02 192.0.2.10 2 192.0.2.1 80 HTTP/1.1 GET /b 503 3 QueueFull Pool",
		"2026-01-05 09:00:03 192.0.2.10 3 192.0.2.1 80 HTTP/1.1 GET /c 503 3 QueueFull Pool")
	r := errlog.NewReader(strings.NewReader(in))
	assert.Equal(t, int64(0), r.InputOffset())
	var offsets []int64
	last := int64(0)
	for rec, err := range r.All() {
		require.NoError(t, err)
		assert.Equal(t, in[rec.Offset:rec.Offset+int64(len(rec.Raw()))], string(rec.Raw()))
		assert.GreaterOrEqual(t, r.InputOffset(), last)
		last = r.InputOffset()
		offsets = append(offsets, r.InputOffset())
	}
	require.Len(t, offsets, 3)

	// Resume after the first record: the rest reads the same with the
	// last #Fields given again.
	r2 := errlog.NewReader(io.MultiReader(strings.NewReader(fields13+"\r\n"), strings.NewReader(in[offsets[0]:])))
	var uris []string
	for rec, err := range r2.All() {
		require.NoError(t, err)
		uris = append(uris, string(rec.URI))
	}
	assert.Equal(t, []string{"/b", "/c"}, uris)
}

func TestClone(t *testing.T) {
	in := lines("\n", fields16,
		"2026-01-05 11:00:05 2001:db8::5%3 50300 198.51.100.1 443 HTTP/3 GET /first 9 - 503 4 AppOffline PoolA QUIC",
		"2026-01-05 11:00:06 198.51.100.31 50301 198.51.100.1 443 HTTP/1.1 PUT /second - - 400 - Hostname PoolB TCP")
	r := errlog.NewReader(strings.NewReader(in))
	rec, err := r.Read()
	require.NoError(t, err)
	c := rec.Clone()
	_, err = r.Read()
	require.NoError(t, err)
	assert.Equal(t, "/first", string(c.URI))
	assert.Equal(t, "GET", string(c.Method))
	assert.Equal(t, "HTTP/3", string(c.Version))
	assert.Equal(t, "PoolA", string(c.QueueName))
	assert.Equal(t, "QUIC", field(t, c, "transport"))
	assert.Equal(t, "AppOffline", string(c.RawReason()))
	assert.Equal(t, "3", c.ClientIP.Zone())
	assert.Equal(t, 2, c.Line)
	assert.Equal(t, "/second", string(rec.URI), "the reader's record moved on")
	assert.Equal(t, "-", field(t, c, "streamid_ex"))
}

func TestZeroRecord(t *testing.T) {
	var rec errlog.Record
	_, ok := rec.Field("date")
	assert.False(t, ok)
	assert.False(t, rec.Has("date"))
	assert.Nil(t, rec.RawReason())
	assert.Equal(t, 0, rec.NumField())
	assert.NotNil(t, rec.Clone())
	assert.Equal(t, slog.KindGroup, rec.LogValue().Kind())
}

func TestLogValue(t *testing.T) {
	rs, _ := readAll(t, "2026-01-05 09:00:01 ::1%0 50100 192.0.2.1 80 - - - - 7 Timer_ConnectionIdle -\n")
	require.Len(t, rs, 1)
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})).Info("httperr", "rec", rs[0].rec)
	assert.Equal(t, "level=INFO msg=httperr rec.line=1 rec.time=2026-01-05T09:00:01.000Z rec.c-ip=::1%0 rec.c-port=50100 rec.s-ip=192.0.2.1 rec.s-port=80 rec.s-siteid=7 rec.s-reason=Timer_ConnectionIdle\n", buf.String())
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *errlog.ParseError
		want string
	}{
		{"full", &errlog.ParseError{Line: 42, Column: 17, Field: "s-reason", Err: errlog.ErrBadValue}, "errlog: line 42, column 17 (s-reason): invalid value"},
		{"no field", &errlog.ParseError{Line: 3, Column: 65537, Err: errlog.ErrLineTooLong}, "errlog: line 3, column 65537: line too long"},
		{"no column", &errlog.ParseError{Line: 1, Err: errlog.ErrFieldCount}, "errlog: line 1: wrong number of fields"},
		{"nil Err", &errlog.ParseError{Line: 1}, "errlog: line 1: unknown error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
			assert.Equal(t, tc.err.Err, errors.Unwrap(tc.err))
		})
	}
}

func TestLineTooLong(t *testing.T) {
	const good = "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET /ok 404 - NotFound -"
	tests := []struct {
		name  string
		long  string // the over-long line, without its end
		after string // what follows it
	}{
		{"LF", strings.Repeat("x", 300), "\n" + good + "\n"},
		{"CRLF", "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET /" + strings.Repeat("a", 300), "\r\n" + good + "\r\n"},
		{"at the end", strings.Repeat("x", 1000), ""},
		{"just over", good + strings.Repeat("y", 128-len(good)+1), "\n" + good},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := good + "\n" + tc.long + tc.after
			r := errlog.NewReader(strings.NewReader(in))
			r.Buffer(make([]byte, 0, 16), 128)
			rec, err := r.Read()
			require.NoError(t, err)
			require.NotNil(t, rec)
			rec, err = r.Read()
			assert.Nil(t, rec)
			var pe *errlog.ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, errlog.ErrLineTooLong)
			assert.Equal(t, 2, pe.Line)
			assert.Equal(t, 129, pe.Column)
			for {
				rec, err = r.Read()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				assert.Equal(t, httpsys.ReasonNotFound, rec.Reason)
				assert.Equal(t, 3, rec.Line)
			}
			st := r.Stats()
			assert.Equal(t, 1, st.TooLong)
			assert.Equal(t, 1, st.Malformed)
			assert.Equal(t, st.Lines, st.Records+st.Directives+st.Blank+st.Malformed)
			assert.Equal(t, int64(len(in)), r.InputOffset())
		})
	}
	t.Run("exactly the limit", func(t *testing.T) {
		r := errlog.NewReader(strings.NewReader(good + "\r\n"))
		r.Buffer(nil, len(good)+1) // the CR counts
		rec, err := r.Read()
		require.NoError(t, err)
		assert.Equal(t, httpsys.ReasonNotFound, rec.Reason)
	})
}

// endless yields an endless line of 'x' without a newline, then (when n is
// reached) a newline and a valid record.
type endless struct{ n, done int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.done >= e.n {
		const tail = "\n2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\n"
		if e.done >= e.n+int64(len(tail)) {
			return 0, io.EOF
		}
		n := copy(p, tail[e.done-e.n:])
		e.done += int64(n)
		return n, nil
	}
	n := int(min(int64(len(p)), e.n-e.done))
	for i := range n {
		p[i] = 'x'
	}
	e.done += int64(n)
	return n, nil
}

func TestLineTooLongMemoryFlat(t *testing.T) {
	src := &endless{n: 64 << 20} // a 64 MiB line
	r := errlog.NewReader(src)
	var ms0, ms1 runtimeMem
	ms0.read()
	_, err := r.Read()
	ms1.read()
	assert.ErrorIs(t, err, errlog.ErrLineTooLong)
	assert.Less(t, ms1.total-ms0.total, uint64(1<<20), "the long line was buffered")
	rec, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, httpsys.ReasonTimerConnectionIdle, rec.Reason)
	assert.Equal(t, 2, rec.Line)
	assert.Equal(t, int64(64<<20+1), rec.Offset)
}

func TestBufferPanicsAfterRead(t *testing.T) {
	r := errlog.NewReader(strings.NewReader("#Version: 1.0\n"))
	_, err := r.Read()
	assert.Equal(t, io.EOF, err)
	assert.Panics(t, func() { r.Buffer(nil, 100) })
}

// failing returns its data, then err forever.
type failing struct {
	data  string
	err   error
	calls int
}

func (f *failing) Read(p []byte) (int, error) {
	f.calls++
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestStickyIOError(t *testing.T) {
	boom := errors.New("disk on fire")
	src := &failing{data: "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\r\n2026-03-09 06:00:02 192.0", err: boom}
	r := errlog.NewReader(src)
	rec, err := r.Read()
	require.NoError(t, err)
	require.NotNil(t, rec)
	off := r.InputOffset()
	for range 3 {
		rec, err = r.Read()
		assert.Nil(t, rec, "a line cut by an I/O error is not returned")
		assert.Equal(t, boom, err)
	}
	assert.Equal(t, off, r.InputOffset())
	calls := src.calls
	_, _ = r.Read()
	assert.Equal(t, calls, src.calls, "no more reads after a sticky error")

	var errs []error
	for _, err := range errlog.NewReader(&failing{data: "#Version: 1.0\n", err: boom}).All() {
		errs = append(errs, err)
	}
	assert.Equal(t, []error{boom}, errs, "All yields the I/O error once, then stops")
}

type stalled struct{}

func (stalled) Read([]byte) (int, error) { return 0, nil }

func TestNoProgress(t *testing.T) {
	_, err := errlog.NewReader(stalled{}).Read()
	assert.Equal(t, io.ErrNoProgress, err)
}

func TestAll(t *testing.T) {
	in := lines("\n", fields13,
		"2026-01-05 09:00:01 192.0.2.10 1 192.0.2.1 80 HTTP/1.1 GET /a 503 3 QueueFull Pool",
		"2026-01-05 09:00:02 192.0.2.10 2 192.0.2.1 80 HTTP/1.1 GET",
		"2026-01-05 09:00:03 192.0.2.10 3 192.0.2.1 80 HTTP/1.1 GET /c 503 3 QueueFull Pool")
	var got []string
	for rec, err := range errlog.NewReader(strings.NewReader(in)).All() {
		switch {
		case err != nil && rec == nil:
			got = append(got, "error")
		case err == nil:
			got = append(got, string(rec.URI))
		}
	}
	assert.Equal(t, []string{"/a", "error", "/c"}, got)

	r := errlog.NewReader(strings.NewReader(in))
	for range r.All() {
		break
	}
	rec, err := r.Read()
	assert.Nil(t, rec)
	assert.ErrorIs(t, err, errlog.ErrFieldCount, "breaking out leaves the reader where it stopped")
}

func TestBadFieldsKeepsLayout(t *testing.T) {
	in := lines("\r\n", fields14,
		"#Fields: date time c-ip date",
		"2026-01-05 10:00:03 2001:db8::20 50200 2001:db8::1 443 HTTP/2.0 POST /upload 5 413 3 EntityTooLarge Pool",
		"#Fields:",
		"2026-01-05 10:00:04 2001:db8::20 50200 2001:db8::1 443 HTTP/2.0 POST /upload 6 413 3 EntityTooLarge Pool")
	rs, r := readAll(t, in)
	require.Len(t, rs, 4)
	assert.ErrorIs(t, rs[0].err, errlog.ErrBadDirective)
	assert.ErrorIs(t, rs[2].err, errlog.ErrBadDirective)
	for _, rec := range records(rs) {
		assert.Equal(t, status.Code(413), rec.Status)
		assert.Equal(t, 14, rec.NumField())
	}
	assert.Equal(t, errlog.Stats{Lines: 5, Records: 2, Directives: 3, BadDirectives: 2}, r.Stats())
}

func TestDirectiveReuse(t *testing.T) {
	// The same block again (a service restart) costs no allocation.
	block := "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-01-05 09:00:00\r\n" +
		"#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason x-custom\r\n" +
		"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /a 503 3 QueueFull extra\r\n"
	r := errlog.NewReader(&cycle{data: []byte(block)})
	for range 10 {
		_, err := r.Read()
		require.NoError(t, err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		rec, err := r.Read()
		if b, _ := rec.Field("x-custom"); err != nil || !bytes.Equal(b, []byte("extra")) {
			t.Fatal(rec, err)
		}
	})
	assert.Zero(t, allocs)
}

// TestUnsetFieldsAreZero checks that a typed field not in Valid is the zero
// value, whatever the line before held.
func TestUnsetFieldsAreZero(t *testing.T) {
	in := lines("\n", fields13,
		"2026-01-05 09:00:01 2001:db8::1%4 50100 192.0.2.1 80 HTTP/1.1 GET /a 503 3 QueueFull Pool",
		"2026-01-05 24:00:01 293.1.1.1 70000 x 99999 - - - 5000 4294967296 - -",
		"2026-01-05 09:00:01 2001:db8::1%4 50100 192.0.2.1 80 HTTP/1.1 GET /a 503 3 QueueFull Pool",
		"- - - - - - - - - - - - -")
	r := errlog.NewReader(strings.NewReader(in))
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if i%2 == 0 {
			require.NoError(t, err)
			continue
		}
		assert.Equal(t, errlog.FieldSet(0), rec.Valid, "line %d", rec.Line)
		assert.Equal(t, errlog.Record{}.Time, rec.Time)
		assert.Equal(t, netip.Addr{}, rec.ClientIP)
		assert.Equal(t, netip.Addr{}, rec.ServerIP)
		assert.Zero(t, rec.ClientPort)
		assert.Zero(t, rec.ServerPort)
		assert.Zero(t, rec.Status)
		assert.Zero(t, rec.SiteID)
		assert.Zero(t, rec.Reason)
		assert.Nil(t, rec.Version)
		assert.Nil(t, rec.Method)
		assert.Nil(t, rec.URI)
		assert.Nil(t, rec.QueueName)
	}
}

// TestNULPaddingAnyLength checks that NUL padding starting a line (the
// zeros a crash leaves in a file, before the next block HTTP.sys writes) is
// skipped whatever its length, without being buffered: the line after it is
// read, with positions counted from its first byte. Padding longer than
// the line limit used to be reported as ErrLineTooLong, and the line after
// it lost.
func TestNULPaddingAnyLength(t *testing.T) {
	const (
		rec1 = "2026-03-09 06:00:01 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET /ok 404 - NotFound -"
		bad  = "2026-03-09 06:00:02 192.0.2.7 50000 192.0.2.1 x - - - - - Timer_ConnectionIdle -"
	)
	for _, n := range []int{1, 700, 64 << 10, 3 << 20} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			pad := strings.Repeat("\x00", n)
			in := rec1 + "\r\n" + pad + "#Software: Microsoft HTTP API 2.0\r\n" + fields13 + "\r\n" +
				pad + bad + "\r\n" + pad
			var ms0, ms1 runtimeMem
			ms0.read()
			rs, r := readAll(t, in)
			ms1.read()
			require.Len(t, rs, 2)
			require.NoError(t, rs[0].err)
			assert.Equal(t, httpsys.ReasonNotFound, rs[0].rec.Reason)

			rec := rs[1].rec
			require.NotNil(t, rec)
			var pe *errlog.ParseError
			require.ErrorAs(t, rs[1].err, &pe)
			assert.ErrorIs(t, pe, errlog.ErrBadValue)
			assert.Equal(t, "s-port", pe.Field)
			assert.Equal(t, 4, pe.Line)
			assert.Equal(t, strings.Index(bad, " x ")+2, pe.Column, "column counted after the padding")
			assert.Equal(t, bad+"\r", string(rec.Raw()))
			assert.Equal(t, int64(strings.LastIndex(in, bad)), rec.Offset)
			assert.Equal(t, httpsys.ReasonTimerConnectionIdle, rec.Reason)
			assert.False(t, rec.Inferred, "the #Fields directive after the padding was read")

			assert.Equal(t, errlog.Stats{Lines: 5, Records: 2, Directives: 2, Blank: 1, Padding: 1, BadValues: 1, Inferred: 1}, r.Stats())
			assert.Equal(t, int64(len(in)), r.InputOffset())
			assert.Less(t, ms1.total-ms0.total, uint64(len(in))/2+1<<20, "the padding was buffered")
		})
	}
}

// TestBadDateOrTimeAlone checks that an invalid date is reported when the
// time is "-" (or absent), and an invalid time when the date is, on the
// fused path (the standard layouts) and the general one. Only pairs of
// present columns used to be checked.
func TestBadDateOrTimeAlone(t *testing.T) {
	const rest = " 192.0.2.70 50000 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"
	tests := []struct {
		name  string
		in    []string
		field string
	}{
		{"bad date, time -", []string{fields13, "§2026-13-45 -" + rest}, "date"},
		{"date -, bad time", []string{fields13, "- §24:00:00" + rest}, "time"},
		{"bad date, time - (general path)", []string{"#Fields: time date c-ip", "- §2026-02-30 192.0.2.1"}, "date"},
		{"date -, bad time (general path)", []string{"#Fields: time date c-ip", "§9:00:01 - 192.0.2.1"}, "time"},
		{"bad date, no time column", []string{"#Fields: date c-ip", "§2026-1-5 192.0.2.1"}, "date"},
		{"bad time, no date column", []string{"#Fields: time c-ip", "§09:00:61 192.0.2.1"}, "time"},
		{"bad date before bad IP, time -", []string{fields13, "§2026-02-29 - 192.0.2.700 50000 192.0.2.1 80 HTTP/1.1 GET / 400 - BadRequest -"}, "date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var clean []string
			wantLine, wantCol := 0, 0
			for i, l := range tc.in {
				if j := strings.Index(l, "§"); j >= 0 {
					wantLine, wantCol = i+1, j+1
					l = l[:j] + l[j+len("§"):]
				}
				clean = append(clean, l)
			}
			rs, _ := readAll(t, lines("\r\n", clean...))
			require.Len(t, rs, 1)
			require.NotNil(t, rs[0].rec, "the record is kept")
			var pe *errlog.ParseError
			require.ErrorAs(t, rs[0].err, &pe)
			assert.ErrorIs(t, pe, errlog.ErrBadValue)
			assert.Equal(t, tc.field, pe.Field)
			assert.Equal(t, wantLine, pe.Line)
			assert.Equal(t, wantCol, pe.Column)
			assert.False(t, rs[0].rec.Valid.Has(errlog.FieldTime))
		})
	}
	t.Run("valid date, time -", func(t *testing.T) {
		rs, _ := readAll(t, lines("\n", fields13, "2026-01-05 -"+rest))
		require.Len(t, rs, 1)
		require.NoError(t, rs[0].err, "an absent time is not an error")
		assert.False(t, rs[0].rec.Valid.Has(errlog.FieldTime))
	})
}

// TestDirectiveErrorField checks that every directive error names the
// directive in ParseError.Field, as its documentation says: a #Fields
// directive repeating a name used to report the repeated name instead.
func TestDirectiveErrorField(t *testing.T) {
	tests := []struct{ name, line, field string }{
		{"empty #Fields", "#Fields:", "#Fields"},
		{"repeated name", "#Fields: date time c-ip date", "#Fields"},
		{"repeated unknown name", "#Fields: x-a x-b x-a", "#Fields"},
		{"bad #Date", "#Date: 2026-13-01 00:00:00", "#Date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := errlog.NewReader(strings.NewReader(tc.line + "\n")).Read()
			var pe *errlog.ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, errlog.ErrBadDirective)
			assert.Equal(t, tc.field, pe.Field)
		})
	}
}

// TestUTF16 checks that UTF-16 input (PowerShell's Out-File writes UTF-16LE
// with a byte order mark) is refused with ErrUTF16 at line 1 instead of
// being read as garbage records, and that reading then stops.
func TestUTF16(t *testing.T) {
	const text = "#Software: Microsoft HTTP API 2.0\r\n" + fields13 + "\r\n" +
		"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET / 503 3 QueueFull Pool\r\n"
	le := func(s string, bom bool) string {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, c := range []byte(s) {
			b = append(b, c, 0)
		}
		return string(b)
	}
	be := func(s string, bom bool) string {
		var b []byte
		if bom {
			b = append(b, 0xFE, 0xFF)
		}
		for _, c := range []byte(s) {
			b = append(b, 0, c)
		}
		return string(b)
	}
	tests := []struct{ name, in string }{
		{"UTF-16LE with BOM", le(text, true)},
		{"UTF-16BE with BOM", be(text, true)},
		{"UTF-16LE without BOM", le(text, false)},
		{"UTF-16BE without BOM", be(text, false)},
		{"headerless UTF-16LE", le("2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\r\n", false)},
		{"BOM only", "\xff\xfe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, src := range []io.Reader{strings.NewReader(tc.in), &oneByte{b: []byte(tc.in)}} {
				r := errlog.NewReader(src)
				rec, err := r.Read()
				assert.Nil(t, rec)
				var pe *errlog.ParseError
				require.ErrorAs(t, err, &pe)
				assert.ErrorIs(t, err, errlog.ErrUTF16)
				assert.Equal(t, 1, pe.Line)
				assert.Equal(t, 1, pe.Column)
				assert.Equal(t, "errlog: line 1, column 1: input is UTF-16 text, not UTF-8", err.Error())
				for range 2 {
					rec, err = r.Read()
					assert.Nil(t, rec)
					assert.Equal(t, io.EOF, err, "reading stops")
				}
				assert.Equal(t, errlog.Stats{Lines: 1, Malformed: 1}, r.Stats())
			}
			var errs []error
			for _, err := range errlog.NewReader(strings.NewReader(tc.in)).All() {
				errs = append(errs, err)
			}
			require.Len(t, errs, 1, "All yields the error once, then stops")
			assert.ErrorIs(t, errs[0], errlog.ErrUTF16)
		})
	}
	t.Run("UTF-8 is not UTF-16", func(t *testing.T) {
		for _, in := range []string{text, "\xef\xbb\xbf" + text, "\x00\x00\x00\x00" + text, "\x00" + text, "a\r\n"} {
			for _, x := range func() []result { rs, _ := readAll(t, in); return rs }() {
				assert.NotErrorIs(t, x.err, errlog.ErrUTF16, "%q", in)
			}
		}
	})
}

// TestResumeWithLayout checks the resume recipe of the package
// documentation: after any record, a new Reader started at InputOffset
// with the old Reader's Layout reads the rest as the old one would have.
// Without the Layout, a custom #Fields layout before the offset was lost.
func TestResumeWithLayout(t *testing.T) {
	in := lines("\r\n", "#Software: Microsoft HTTP API 2.0",
		"#Fields: date time c-ip s-reason x-region cs-uri",
		"2026-01-05 09:00:01 192.0.2.10 Timer_ConnectionIdle eu-west /a",
		"2026-01-05 09:00:02 192.0.2.11 QueueFull eu-north /b",
		"",
		"2026-01-05 09:00:03 192.0.2.12 Hostname us-east /c d",
		fields14,
		"2026-01-05 10:00:03 2001:db8::20 50200 2001:db8::1 443 HTTP/2.0 POST /upload 5 413 3 EntityTooLarge Pool",
		"2026-01-05 10:00:04 2001:db8::21 50201 2001:db8::1 443 HTTP/2.0 POST /upload 6 413 3 EntityTooLarge Pool")
	whole, _ := readAll(t, in)
	require.Len(t, whole, 5)

	r := errlog.NewReader(strings.NewReader(in))
	assert.Equal(t, errlog.Layout{}, r.Layout(), "no #Fields read yet")
	for i := range whole {
		_, _ = r.Read()
		layout, off := r.Layout(), r.InputOffset()
		text, err := layout.MarshalText()
		require.NoError(t, err)
		var saved errlog.Layout
		require.NoError(t, saved.UnmarshalText(text))
		require.Equal(t, layout, saved, "the text form round-trips")

		r2 := errlog.NewReader(strings.NewReader(in[off:]))
		r2.SetLayout(saved)
		rest, _ := readAll(t, in[off:])
		var got []result
		for {
			rec, err := r2.Read()
			if err == io.EOF {
				break
			}
			if rec != nil {
				rec = rec.Clone()
			}
			got = append(got, result{rec, err})
		}
		want := whole[i+1:]
		require.Len(t, got, len(want), "after result %d", i)
		for j := range want {
			assert.Equal(t, want[j].err != nil, got[j].err != nil, "after result %d: %d", i, j)
			if want[j].rec == nil {
				continue
			}
			w, g := view(want[j].rec), view(got[j].rec)
			w.Line, g.Line = 0, 0
			assert.Equal(t, w, g, "after result %d: record %d", i, j)
			assert.Equal(t, want[j].rec.Offset, off+got[j].rec.Offset, "offsets count from the resume point")
		}
		if i == 0 {
			// Without the layout, the custom columns are lost.
			assert.NotEqual(t, view(want[0].rec).Columns, view(records(rest)[0]).Columns)
		}
	}
}

func TestLayout(t *testing.T) {
	r := errlog.NewReader(strings.NewReader(lines("\n", fields16, "#Fields: date time x-a")))
	_, err := r.Read()
	require.Equal(t, io.EOF, err)
	l := r.Layout()
	assert.Equal(t, "date time x-a", l.String())
	assert.Zero(t, testing.AllocsPerRun(100, func() { l = r.Layout() }))
	b, err := l.AppendText([]byte("#Fields: "))
	require.NoError(t, err)
	assert.Equal(t, "#Fields: date time x-a", string(b))
	assert.Panics(t, func() { r.SetLayout(l) }, "SetLayout after Read")

	var u errlog.Layout
	require.NoError(t, u.UnmarshalText([]byte("  date time x-a ")))
	assert.Equal(t, l, u, "layouts compare by their names")
	require.NoError(t, u.UnmarshalText(nil))
	assert.Equal(t, errlog.Layout{}, u)
	err = u.UnmarshalText([]byte("date time date"))
	assert.ErrorIs(t, err, errlog.ErrBadDirective)
	assert.Equal(t, errlog.Layout{}, u, "unchanged on error")

	// The zero Layout keeps the inference of headerless lines.
	r = errlog.NewReader(strings.NewReader("2026-02-01 08:00:00 192.0.2.60 3405 192.0.2.1 80 HTTP/1.0 GET /x 400 - URL\n"))
	r.SetLayout(errlog.Layout{})
	rec, err := r.Read()
	require.NoError(t, err)
	assert.True(t, rec.Inferred)
	assert.Equal(t, 12, rec.NumField())
}
