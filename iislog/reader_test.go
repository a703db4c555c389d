package iislog_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/substatus"
)

const (
	fields15  = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
	fieldsFTP = "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath"
	line15    = "2026-03-02 08:00:01 192.0.2.13 GET /robots.txt - 443 - 198.51.100.146 Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm) - 404 0 2 283"
)

func names(r *iislog.Record) string {
	var s []string
	for i := range r.NumField() {
		n, _ := r.Column(i)
		s = append(s, n)
	}
	return strings.Join(s, " ")
}

func TestReadTypedFields(t *testing.T) {
	eols(t, func(t *testing.T, eol string) {
		in := lines(eol, "#Software: Microsoft Internet Information Services 10.0", strings.TrimSuffix(strings.SplitN(allTyped, "\r\n", 3)[1], "\r"),
			strings.SplitN(allTyped, "\r\n", 4)[2])
		rs, r := readAll(t, in)
		require.Len(t, rs, 1)
		require.NoError(t, rs[0].err)
		rec := rs[0].rec
		assert.Equal(t, time.Date(2026, 1, 5, 9, 0, 1, 0, time.UTC), rec.Time)
		assert.Equal(t, "W3SVC1", string(rec.SiteName))
		assert.Equal(t, "WEB-01", string(rec.ComputerName))
		assert.Equal(t, netip.MustParseAddr("192.0.2.1"), rec.ServerIP)
		assert.Equal(t, "GET", string(rec.Method))
		assert.Equal(t, "/orders", string(rec.URIStem))
		assert.Equal(t, "id=7", string(rec.URIQuery))
		assert.EqualValues(t, 443, rec.ServerPort)
		assert.Equal(t, `CONTOSO\jdoe`, string(rec.Username))
		assert.Equal(t, netip.MustParseAddr("192.0.2.10"), rec.ClientIP)
		assert.Equal(t, "HTTP/1.1", string(rec.Version))
		assert.Equal(t, "Mozilla/5.0+(Windows+NT+10.0)", string(rec.UserAgent))
		assert.Equal(t, "a=1;+b=2", string(rec.Cookie))
		assert.Equal(t, "https://www.example.com/", string(rec.Referer))
		assert.Equal(t, "www.example.com", string(rec.Host))
		assert.EqualValues(t, 401, rec.Status)
		assert.Equal(t, substatus.MustParse("401.2"), rec.Substatus())
		assert.EqualValues(t, 2148074254, rec.Win32())
		assert.Equal(t, "401 2 2148074254", rec.Triple())
		assert.EqualValues(t, 1293, rec.BytesSent)
		assert.EqualValues(t, 442, rec.BytesReceived)
		assert.Equal(t, 15*time.Millisecond, rec.TimeTaken)
		assert.Equal(t, iislog.ServiceHTTP, rec.Service)
		assert.Equal(t, allFields|iislog.FieldUserAgent|iislog.FieldReferer, rec.Valid)
		assert.Equal(t, "203.0.113.7", field(t, rec, "X-Forwarded-For"))
		assert.Equal(t, 3, rec.Line)
		assert.False(t, rec.Inferred)
		assert.Equal(t, "Microsoft Internet Information Services 10.0", string(r.Software()))
	})
}

// An absent value ("-") is not a zero value: a substatus or Win32 status
// of 0 is set, "-" is not.
func TestAbsentIsNotZero(t *testing.T) {
	in := lines("\n", fields15,
		"2026-03-02 08:00:01 192.0.2.13 GET / - 80 - 198.51.100.1 - - 200 0 0 0",
		"2026-03-02 08:00:02 192.0.2.13 GET / - 80 - 198.51.100.1 - - 200 - - -")
	recs := records(must(readAll(t, in)))
	require.Len(t, recs, 2)
	a, b := recs[0], recs[1]
	for _, f := range []iislog.FieldSet{iislog.FieldSubstatus, iislog.FieldWin32, iislog.FieldTimeTaken} {
		assert.True(t, a.Valid.Has(f), "0 is a value")
		assert.False(t, b.Valid.Has(f), "- is absent")
	}
	assert.Equal(t, "200 0 0", a.Triple())
	assert.Equal(t, "200", b.Triple(), "no substatus: the status alone")
	assert.Nil(t, a.URIQuery)
	assert.Nil(t, a.Username)
	assert.False(t, a.Has("cs-uri-query"))
	assert.Equal(t, "-", field(t, a, "cs-uri-query"), "Field returns the dash as written")
}

func must(rs []result, _ *iislog.Reader) []result { return rs }

func TestLayoutChangeMidFile(t *testing.T) {
	in := lines("\r\n",
		"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: 2026-03-03 14:23:29", fields15,
		"2026-03-03 14:23:29 192.0.2.1 GET /a - 80 - 198.51.100.1 - - 200 0 0 206",
		"#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: 2026-03-03 18:03:00",
		"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken",
		"2026-03-03 18:03:01 192.0.2.1 GET /b - 443 - 198.51.100.2 - - www.example.com 503 2 0 1")
	rs, r := readAll(t, in)
	recs := records(rs)
	require.Len(t, recs, 2)
	assert.Empty(t, errs(rs))
	assert.Equal(t, 15, recs[0].NumField())
	assert.False(t, recs[0].Has("cs-host"))
	assert.Equal(t, 16, recs[1].NumField())
	assert.Equal(t, "www.example.com", string(recs[1].Host))
	assert.Equal(t, "503 2 0", recs[1].Triple())
	assert.Equal(t, time.Date(2026, 3, 3, 18, 3, 0, 0, time.UTC), r.Date(), "the #Date of the last block")
	assert.Equal(t, 12, r.Index("sc-status"))
	assert.Equal(t, -1, r.Index("X-Forwarded-For"))
	assert.Len(t, r.Fields(), 16)
}

func TestHeaderless(t *testing.T) {
	rs, _ := readAll(t, lines("\n",
		line15,
		"2019-03-06 18:43:17 192.0.2.2 GET /health - 80 - 198.51.100.2 - 200 0 0 15",
		"2013-07-30 00:00:03 W3SVC1 192.0.2.3 GET /a.jpg - 80 - 198.51.100.3 - 304 0 0",
		"2023-02-22 12:51:14 192.0.2.4 POST /mapi/emsmdb/ - 444 Anonymous 192.0.2.5 - - 200 0 64 92255 198.51.100.177,198.51.100.46",
		"2023-05-05 18:03:01 192.0.2.4 GET /b - 443 - 198.51.100.2 - - www.example.com 503 2 0 1",
		"2022-10-05 10:43:56 198.51.100.30 user1 192.0.2.7 21 ControlChannelClosed - - 0 0 8124db49-68d2-461c-a95b-d92ad1e8af15 -",
		"2018-01-01 08:09:10 192.0.2.1 GET / q=100 80 -",
	))
	require.Len(t, rs, 7)
	want := []string{
		"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
		"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken",
		"date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status",
		"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken X-Forwarded-For",
		"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken",
		strings.TrimPrefix(fieldsFTP, "#Fields: "),
	}
	for i, w := range want {
		require.NoError(t, rs[i].err, "line %d", i+1)
		assert.Equal(t, w, names(rs[i].rec), "line %d", i+1)
		assert.True(t, rs[i].rec.Inferred)
	}
	assert.Equal(t, iislog.ServiceFTP, rs[5].rec.Service)
	// No known layout of 10 fields: the default, and the count reported.
	assert.Nil(t, rs[6].rec)
	assert.ErrorIs(t, rs[6].err, iislog.ErrFieldCount)
}

func TestInferredLayouts(t *testing.T) {
	widths := map[int]int{}
	first := true
	for l, source := range iislog.InferredLayouts() {
		assert.NotEmpty(t, source)
		p, err := iislog.ParseLayout(l.String())
		require.NoError(t, err)
		assert.Equal(t, l, p)
		if first {
			assert.Equal(t, strings.TrimPrefix(fields15, "#Fields: "), l.String(), "the IIS 8+ default comes first")
			first = false
		}
		widths[len(l.Fields())]++
	}
	assert.Equal(t, 1, widths[15], "one layout of 15 fields: the default is never second-guessed")
	assert.Equal(t, 2, widths[14], "IIS 6 and IIS 7 defaults")
}

func TestServices(t *testing.T) {
	in := lines("\r\n",
		"#Software: Microsoft Internet Information Services 10.0", fieldsFTP,
		"2023-12-29 06:27:24 198.51.100.53 HOST1\\demo 192.0.2.52 21 PASS *** 530 1326 42 2cf9cd35-e364-4b1a-ab27-fe9050daa5ea -",
		"#Software: Microsoft Internet Information Services 6.0",
		"#Fields: date time c-ip cs-username s-sitename s-computername s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-win32-status sc-bytes cs-bytes time-taken cs-version cs-host cs(User-Agent) cs(Cookie) cs(Referer) ",
		"2006-10-09 05:00:15 198.51.100.106 mail.example.org SMTPSVC1 MAIL-01 192.0.2.2 0 HELO - +mail.example.org 250 0 48 13 0 SMTP - - - -",
		"#Fields: time c-ip cs-username s-port cs-method cs-uri-stem sc-status",
		"23:54:13 198.51.100.1 anonymous 21 [135]USER anonymous 331",
		fields15, line15)
	recs := records(must(readAll(t, in)))
	require.Len(t, recs, 4)
	ftp, smtp, old, web := recs[0], recs[1], recs[2], recs[3]
	assert.Equal(t, iislog.ServiceFTP, ftp.Service, "x-session")
	assert.Equal(t, iislog.ServiceSMTP, smtp.Service, "SMTPSVC1")
	assert.Equal(t, iislog.ServiceFTP, old.Service, "[135]USER")
	assert.Equal(t, iislog.ServiceHTTP, web.Service)
	for _, r := range recs[:3] {
		assert.False(t, r.Valid.Has(iislog.FieldStatus), "a reply code is not an HTTP status")
		assert.Zero(t, r.Status)
		assert.True(t, r.Valid.Has(iislog.FieldReply))
		assert.Empty(t, r.Triple())
		assert.False(t, r.Substatus().IsValid())
	}
	assert.EqualValues(t, 530, ftp.Reply)
	assert.Equal(t, substatus.Code{Sub: 42}, ftp.Substatus(), "FTP's substatus, with no HTTP status")
	assert.EqualValues(t, 1326, ftp.Win32(), "FTP logs win32 before substatus; #Fields says so")
	assert.EqualValues(t, 250, smtp.Reply)
	assert.EqualValues(t, 331, old.Reply)
	assert.EqualValues(t, 404, web.Status)
	assert.Equal(t, "404 0 2", web.Triple())
}

func TestServiceText(t *testing.T) {
	for _, s := range []iislog.Service{iislog.ServiceHTTP, iislog.ServiceFTP, iislog.ServiceSMTP} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s.String(), string(b))
		var back iislog.Service
		require.NoError(t, back.UnmarshalText([]byte(strings.ToLower(string(b)))))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, "Service(9)", iislog.Service(9).String())
	_, err := iislog.Service(9).MarshalText()
	assert.Error(t, err)
	_, err = iislog.ParseService("gopher")
	assert.Error(t, err)
	j, err := json.Marshal(map[string]iislog.Service{"s": iislog.ServiceFTP})
	require.NoError(t, err)
	assert.JSONEq(t, `{"s":"FTP"}`, string(j))
}

// A layout without a date column takes the day of #Date, and moves on to
// the next one when the time of day goes back by more than 12 hours.
func TestTimeWithoutDate(t *testing.T) {
	in := lines("\n",
		"#Fields: time c-ip cs-method sc-status",
		"10:00:00 192.0.2.1 GET 200", // no #Date yet: no day
		"#Date: 2004-11-16 23:54:13",
		"23:54:13 192.0.2.1 GET 200",
		"23:54:12 192.0.2.1 GET 200", // a second back: same day
		"00:00:04 192.0.2.1 GET 200", // midnight passed
		"12:00:00 192.0.2.1 GET 200",
		"01:00:00 192.0.2.1 GET 200", // eleven hours back: same day
		"#Date: 2004-11-20 00:00:00",
		"00:00:01 192.0.2.1 GET 200")
	recs := records(must(readAll(t, in)))
	require.Len(t, recs, 7)
	assert.False(t, recs[0].Valid.Has(iislog.FieldTime))
	want := []string{"2004-11-16 23:54:13", "2004-11-16 23:54:12", "2004-11-17 00:00:04", "2004-11-17 12:00:00", "2004-11-17 01:00:00", "2004-11-20 00:00:01"}
	for i, w := range want {
		assert.Equal(t, w, recs[i+1].Time.Format(time.DateTime), "record %d", i+1)
	}
}

// Local-time rollover changes file names, not timestamps: records keep
// their UTC times across the local midnight.
func TestLocalTimeRolloverKeepsUTC(t *testing.T) {
	in := lines("\r\n", "#Date: 2026-03-01 23:00:00", fields15,
		"2026-03-01 23:59:59 192.0.2.1 GET / - 80 - 198.51.100.1 - - 200 0 0 1",
		"2026-03-02 00:00:00 192.0.2.1 GET / - 80 - 198.51.100.1 - - 200 0 0 1")
	recs := records(must(readAll(t, in)))
	require.Len(t, recs, 2)
	assert.Equal(t, time.Date(2026, 3, 1, 23, 59, 59, 0, time.UTC), recs[0].Time)
	assert.Equal(t, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), recs[1].Time)
}

func TestBadValues(t *testing.T) {
	tests := []struct {
		name  string
		line  string // with § before the column at fault
		field string
		unset iislog.FieldSet
	}{
		{"markdown-ip", "2018-08-28 18:24:25 §[192.0.2.70](http://192.0.2.70) GET / - 80 - 198.51.100.31 - - 404 4 2 792", "s-ip", iislog.FieldServerIP},
		{"port", "2022-01-01 00:01:25 192.0.2.1 GET / - §70000 - 198.51.100.1 - - 200 0 0 1", "s-port", iislog.FieldServerPort},
		{"status", "2022-01-01 00:01:25 192.0.2.1 GET / - 80 - 198.51.100.1 - - §abc 0 0 1", "sc-status", iislog.FieldStatus},
		{"status-range", "2022-01-01 00:01:25 192.0.2.1 GET / - 80 - 198.51.100.1 - - §099 0 0 1", "sc-status", iislog.FieldStatus},
		{"substatus-wider-than-ushort", "2022-01-01 00:01:25 192.0.2.1 GET / - 80 - 198.51.100.1 - - 200 §65536 0 1", "sc-substatus", iislog.FieldSubstatus},
		{"win32-wider-than-32-bits", "2022-01-01 00:01:24 ::1 POST /ps a=1 444 - ::1 - - 200 0 §214784354254 15", "sc-win32-status", iislog.FieldWin32},
		{"time-taken", "2022-01-01 00:01:25 192.0.2.1 GET / - 80 - 198.51.100.1 - - 200 0 0 §1.5", "time-taken", iislog.FieldTimeTaken},
		{"clock", "2024-01-01 §25:61:61 192.0.2.1 GET /index.html - 80 - 198.51.100.1 - - 200 0 0 1", "time", iislog.FieldTime},
		{"date", "§2026-02-30 00:00:00 192.0.2.1 GET / - 80 - 198.51.100.1 - - 200 0 0 1", "date", iislog.FieldTime},
		{"leftmost", "2022-01-01 00:01:25 192.0.2.1 GET / - §x - 198.51.100.1 - - abc 0 0 1", "s-port", iislog.FieldServerPort | iislog.FieldStatus},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			col := strings.Index(tc.line, "§") + 1
			line := strings.Replace(tc.line, "§", "", 1)
			rs, r := readAll(t, lines("\r\n", fields15, line))
			require.Len(t, rs, 1)
			var pe *iislog.ParseError
			require.ErrorAs(t, rs[0].err, &pe)
			assert.ErrorIs(t, pe, iislog.ErrBadValue)
			assert.Equal(t, iislog.ParseError{Line: 2, Column: col, Field: tc.field, Err: iislog.ErrBadValue}, *pe)
			require.NotNil(t, rs[0].rec, "the record comes with the error")
			assert.Zero(t, rs[0].rec.Valid&tc.unset)
			assert.Equal(t, 1, r.Stats().BadValues)
		})
	}
}

func TestFieldCount(t *testing.T) {
	tests := []struct {
		name      string
		fields    string
		line      string // with § at the reported column
		field     string
		recovered []string // the columns of the recovered record, or nil
	}{
		{"short", fields15, "2024-10-01 00:00:06 192.0.2.9 GET /api 443 - 192.0.2.68 curl/8.5.0 https://www.example.com/ 200 0 0 85§", "time-taken", nil},
		{"long", fields15, "2024-10-01 00:00:06 192.0.2.9 GET /api - 443 - 192.0.2.68 curl/8.5.0 - 200 0 0 85 §extra", "time-taken", nil},
		{"quoted", "#Fields: date time c-ip cs(User-Agent) sc-status",
			`2012-08-15 17:00:00 192.0.2.4 §"Mozilla/5.0 (Linux; Android 4.4.4)" 200`, "cs(User-Agent)",
			[]string{"2012-08-15", "17:00:00", "192.0.2.4", `"Mozilla/5.0 (Linux; Android 4.4.4)"`, "200"}},
		{"doubled-quotes", "#Fields: date time sc-substatus sc-status",
			`2012-08-15 17:00:01 §" ""garbage"" w/ spaces " 404`, "sc-substatus",
			[]string{"2012-08-15", "17:00:01", `" ""garbage"" w/ spaces "`, "404"}},
		{"doubled-spaces", fields15, "2022-01-01 00:01:24 ::1 POST /ps a=1 444 §random\\ranuser1 ::1 Microsoft+WinRM+Client - 200 0 0 15", "cs-username",
			[]string{"2022-01-01", "00:01:24", "::1", "POST", "/ps", "a=1", "444", `random\ranuser1`, "::1", "Microsoft+WinRM+Client", "-", "200", "0", "0", "15"}},
		{"unclosed-quote", "#Fields: date time c-ip cs(User-Agent) sc-status", `2012-08-15 17:00:00 192.0.2.4 "Mozilla 5.0 §200`, "sc-status", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			col := strings.Index(tc.line, "§") + 1
			line := strings.Replace(tc.line, "§", "", 1)
			if tc.name == "doubled-spaces" {
				line = strings.Replace(line, "444 ", "444  ", 1) // the empty field plaso's fixture has
				col++
			}
			rs, r := readAll(t, lines("\n", tc.fields, line))
			require.Len(t, rs, 1)
			var pe *iislog.ParseError
			require.ErrorAs(t, rs[0].err, &pe)
			assert.Equal(t, iislog.ParseError{Line: 2, Column: col, Field: tc.field, Err: iislog.ErrFieldCount}, *pe)
			st := r.Stats()
			if tc.recovered == nil {
				assert.Nil(t, rs[0].rec)
				assert.Equal(t, 1, st.Malformed)
				return
			}
			require.NotNil(t, rs[0].rec)
			var cols []string
			for i := range rs[0].rec.NumField() {
				_, v := rs[0].rec.Column(i)
				cols = append(cols, string(v))
			}
			assert.Equal(t, tc.recovered, cols)
			assert.Equal(t, 1, st.Recovered)
			assert.Equal(t, 1, st.Records)
		})
	}
}

func TestLineEnds(t *testing.T) {
	body := fields15 + "\r\n" + line15
	tests := []struct {
		name    string
		in      string
		blank   int
		padding int
	}{
		{"CRLF", body + "\r\n", 0, 0},
		{"LF", strings.ReplaceAll(body, "\r\n", "\n") + "\n", 0, 0},
		{"no-final-newline", body, 0, 0},
		{"BOM", "\xef\xbb\xbf" + body + "\r\n", 0, 0},
		{"trailing-spaces", body + "   \r\n", 0, 0},
		{"blank-lines", "\r\n" + body + "\r\n\r\n   \r\n", 3, 0},
		{"NUL-padding", body + "\r\n" + strings.Repeat("\x00", 4096), 1, 1},
		{"NUL-padding-then-more", body + "\r\n" + strings.Repeat("\x00", 300) + line15 + "\r\n", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, r := readAll(t, tc.in)
			assert.Empty(t, errs(rs))
			recs := records(rs)
			require.NotEmpty(t, recs)
			for _, rec := range recs {
				assert.Equal(t, "404 0 2", rec.Triple())
				assert.Equal(t, 283*time.Millisecond, rec.TimeTaken)
				assert.Equal(t, "/robots.txt", string(rec.URIStem))
			}
			st := r.Stats()
			assert.Equal(t, tc.blank, st.Blank)
			assert.Equal(t, tc.padding, st.Padding)
			assert.Equal(t, countLines([]byte(tc.in)), st.Lines)
			assert.Equal(t, int64(len(tc.in)), r.InputOffset())
		})
	}
}

func TestLineTooLong(t *testing.T) {
	long := "2026-03-02 08:00:01 192.0.2.13 GET /" + strings.Repeat("a", 5000) + " - 443 - 198.51.100.146 - - 200 0 0 1"
	in := lines("\r\n", fields15, line15, long, line15)
	r := iislog.NewReader(strings.NewReader(in))
	r.Buffer(make([]byte, 0, 1024), 1024)
	rs, _ := readWith(t, r)
	require.Len(t, rs, 3)
	assert.NoError(t, rs[0].err)
	var pe *iislog.ParseError
	require.ErrorAs(t, rs[1].err, &pe)
	assert.Equal(t, iislog.ParseError{Line: 3, Column: 1025, Err: iislog.ErrLineTooLong}, *pe)
	assert.Nil(t, rs[1].rec)
	assert.NoError(t, rs[2].err)
	assert.Equal(t, 4, rs[2].rec.Line)
	assert.Equal(t, 1, r.Stats().TooLong)
	assert.Panics(t, func() { r.Buffer(nil, 10) }, "Buffer after Read")
}

func TestUTF16(t *testing.T) {
	in := "\xff\xfe#\x00F\x00"
	rs, r := readAll(t, in)
	require.Len(t, rs, 1)
	assert.ErrorIs(t, rs[0].err, iislog.ErrUTF16)
	_, err := r.Read()
	assert.Equal(t, io.EOF, err)
}

func TestStickyIOError(t *testing.T) {
	boom := errors.New("boom")
	in := lines("\r\n", fields15, line15, line15)
	r := iislog.NewReader(io.MultiReader(strings.NewReader(in[:len(in)-20]), iotest.ErrReader(boom)))
	n, last := 0, error(nil)
	for rec, err := range r.All() {
		if rec != nil {
			n++
		}
		last = err
	}
	assert.Equal(t, 1, n, "the line cut short by the error is not returned")
	assert.Equal(t, boom, last)
	_, err := r.Read()
	assert.Equal(t, boom, err, "sticky")
}

// A tailer saves InputOffset and Layout, and resumes with a new Reader.
func TestResume(t *testing.T) {
	in := lines("\r\n", "#Software: Microsoft Internet Information Services 10.0", fields15, line15,
		"2026-03-02 08:00:02 192.0.2.13 GET /b - 443 - 198.51.100.147 - - 200 0 0 1",
		"2026-03-02 08:00:03 192.0.2.13 GET /c - 443 - 198.51.100.148 - - 500 19 13 2")
	r := iislog.NewReader(strings.NewReader(in))
	_, err := r.Read()
	require.NoError(t, err)
	off, lay := r.InputOffset(), r.Layout()
	text, err := lay.MarshalText()
	require.NoError(t, err)

	var saved iislog.Layout
	require.NoError(t, saved.UnmarshalText(text))
	r2 := iislog.NewReader(strings.NewReader(in[off:]))
	r2.SetLayout(saved)
	recs := records(must(readWith(t, r2)))
	require.Len(t, recs, 2)
	assert.Equal(t, "/b", string(recs[0].URIStem))
	assert.False(t, recs[0].Inferred)
	assert.Equal(t, "500 19 13", recs[1].Triple())
	assert.Equal(t, 2, recs[1].Line, "line numbers restart at 1")
	assert.Panics(t, func() { r2.SetLayout(saved) })

	assert.Equal(t, iislog.Layout{}, iislog.NewReader(strings.NewReader(line15)).Layout())
	_, err = iislog.ParseLayout("date date")
	assert.ErrorIs(t, err, iislog.ErrBadDirective)
	empty, err := iislog.ParseLayout("  ")
	assert.NoError(t, err)
	assert.Equal(t, iislog.Layout{}, empty)
}

func TestDirectives(t *testing.T) {
	in := lines("\n", "#Software: Microsoft Internet Information Services 8.5", "#Version: 1.0",
		"#Date: 2026-02-30 00:00:00", "#Date: 2018-10-04 14:09:23", "#Fields:", "#Fields: date time date",
		"#Remark: anything", fields15, line15)
	rs, r := readAll(t, in)
	require.Len(t, rs, 4)
	for i, f := range []string{"#Date", "#Fields", "#Fields"} {
		var pe *iislog.ParseError
		require.ErrorAs(t, rs[i].err, &pe)
		assert.ErrorIs(t, pe, iislog.ErrBadDirective)
		assert.Equal(t, f, pe.Field)
	}
	assert.Equal(t, time.Date(2018, 10, 4, 14, 9, 23, 0, time.UTC), r.Date())
	assert.Equal(t, "Microsoft Internet Information Services 8.5", string(r.Software()))
	st := r.Stats()
	assert.Equal(t, 8, st.Directives)
	assert.Equal(t, 3, st.BadDirectives)
}

func TestFieldPosAndClone(t *testing.T) {
	in := lines("\r\n", fields15, line15, "2026-03-02 08:00:02 192.0.2.13 GET /other q=1 443 bob 198.51.100.147 curl - 200 0 0 1")
	r := iislog.NewReader(strings.NewReader(in))
	rec, err := r.Read()
	require.NoError(t, err)
	line, col := r.FieldPos(4)
	assert.Equal(t, 2, line)
	assert.Equal(t, strings.Index(line15, "/robots.txt")+1, col)
	assert.Panics(t, func() { r.FieldPos(15) })
	c := rec.Clone()
	_, err = r.Read()
	require.NoError(t, err)
	assert.Equal(t, "/robots.txt", string(c.URIStem), "a clone survives the next Read")
	assert.Equal(t, "/robots.txt", field(t, c, "cs-uri-stem"))
	assert.Equal(t, "/other", string(rec.URIStem), "the Record itself is reused")
	assert.Equal(t, line15+"\r", string(c.Raw()), "Raw keeps the '\\r'")
}

func TestLogValue(t *testing.T) {
	rec := records(must(readAll(t, lines("\n", fields15, line15))))[0]
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})).Info("hit", "rec", rec)
	out := buf.String()
	for _, want := range []string{"rec.line=2", "rec.service=HTTP", "rec.sc-status=404", "rec.sc-substatus=0", "rec.sc-win32-status=2",
		"rec.time-taken=283ms", "rec.c-ip=198.51.100.146", "rec.cs-uri-stem=/robots.txt"} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "cs-uri-query", "absent fields are left out")
}

func TestForwardedFor(t *testing.T) {
	tests := []struct {
		name        string
		value       string
		first, last string // "" for none; "!" for an error
		errAt       int    // 1-based byte in the value of the entry at fault (for FirstHop's error, else LastHop's)
	}{
		{"absent", "-", "", "", 0},
		{"one", "203.0.113.189", "203.0.113.189", "203.0.113.189", 0},
		{"list", "203.0.113.177,198.51.100.46", "203.0.113.177", "198.51.100.46", 0},
		{"list-plus-space", "203.0.113.123:33453,+172.16.0.1:49770", "203.0.113.123", "172.16.0.1", 0},
		{"list-raw-space-quoted", "203.0.113.7,+10.0.0.1", "203.0.113.7", "10.0.0.1", 0},
		{"ipv6", "2001:db8:cf40:add::6fc6", "2001:db8:cf40:add::6fc6", "2001:db8:cf40:add::6fc6", 0},
		{"ipv6-port", "[2001:db8::1]:443,+198.51.100.9", "2001:db8::1", "198.51.100.9", 0},
		{"ipv6-brackets", "[2001:db8::1]", "2001:db8::1", "2001:db8::1", 0},
		{"zone", "fe80::1%3", "fe80::1%3", "fe80::1%3", 0},
		{"backslash", `\203.0.113.1`, "!", "!", 1},
		{"unknown", "unknown,+198.51.100.9", "!", "198.51.100.9", 1},
		{"three-octets", "123.123.123:33453", "!", "!", 1},
		{"trailing-comma", "203.0.113.123,", "203.0.113.123", "!", 15},
		{"bad-port", "203.0.113.1:99999", "!", "!", 1},
		{"ipv4-in-brackets", "[203.0.113.1]:80", "!", "!", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prefix := "2026-03-05 00:00:01 192.0.2.1 GET /a "
			in := lines("\n", "#Fields: date time s-ip cs-method cs-uri-stem x-forwarded-for", prefix+tc.value)
			rec := records(must(readAll(t, in)))[0]
			for _, h := range []struct {
				hop  iislog.Hop
				want string
			}{{iislog.FirstHop, tc.first}, {iislog.LastHop, tc.last}} {
				a, err := rec.ForwardedFor(h.hop)
				switch h.want {
				case "":
					assert.NoError(t, err)
					assert.False(t, a.IsValid())
				case "!":
					var pe *iislog.ParseError
					require.ErrorAs(t, err, &pe, "hop %d", h.hop)
					assert.ErrorIs(t, err, iislog.ErrBadValue)
					assert.Equal(t, "x-forwarded-for", pe.Field)
					assert.Equal(t, 2, pe.Line)
					if h.hop == iislog.FirstHop || tc.first != "!" {
						assert.Equal(t, len(prefix)+tc.errAt, pe.Column)
					}
					assert.False(t, a.IsValid())
				default:
					require.NoError(t, err)
					assert.Equal(t, netip.MustParseAddr(h.want), a)
				}
			}
		})
	}
	rec := records(must(readAll(t, lines("\n", fields15, line15))))[0]
	a, err := rec.ForwardedFor(iislog.LastHop)
	assert.NoError(t, err, "no X-Forwarded-For column")
	assert.False(t, a.IsValid())
}

func TestAppendDecoded(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"user-agent", "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"},
		{"literal-plus-is-lost", "(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)", "(compatible; bingbot/2.0;  http://www.bing.com/bingbot.htm)"},
		{"no-plus", "curl/8.5.0", "curl/8.5.0"},
		{"empty", "", ""},
		{"non-utf8-kept", "a+\xc0\xaf+b", "a \xc0\xaf b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(iislog.AppendDecoded(nil, []byte(tc.in))))
			assert.Equal(t, "x:"+tc.want, string(iislog.AppendDecoded([]byte("x:"), []byte(tc.in))), "appends")
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  iislog.ParseError
		want string
	}{
		{"full", iislog.ParseError{Line: 42, Column: 17, Field: "sc-status", Err: iislog.ErrBadValue}, "iislog: line 42, column 17 (sc-status): invalid value"},
		{"no-column", iislog.ParseError{Line: 1, Err: iislog.ErrUTF16}, "iislog: line 1: input is UTF-16 text, not UTF-8"},
		{"no-err", iislog.ParseError{Line: 3}, "iislog: line 3: unknown error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
			if tc.err.Err != nil {
				assert.ErrorIs(t, &tc.err, tc.err.Err)
			}
		})
	}
}

func TestFieldSetHas(t *testing.T) {
	s := iislog.FieldStatus | iislog.FieldWin32
	assert.True(t, s.Has(iislog.FieldStatus))
	assert.True(t, s.Has(iislog.FieldStatus|iislog.FieldWin32))
	assert.False(t, s.Has(iislog.FieldStatus|iislog.FieldSubstatus))
}

func TestFieldOfAndColumn(t *testing.T) {
	tests := []struct {
		name string
		want iislog.FieldSet
	}{
		{"date", iislog.FieldTime}, {"time", iislog.FieldTime}, {"c-ip", iislog.FieldClientIP},
		{"cs(User-Agent)", iislog.FieldUserAgent}, {"sc-status", iislog.FieldStatus | iislog.FieldReply},
		{"sc-win32-status", iislog.FieldWin32}, {"time-taken", iislog.FieldTimeTaken},
		{"X-Forwarded-For", 0}, {"x-session", 0}, {"cs(Referrer)", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, iislog.FieldOf(tc.name))
		})
	}
	for _, f := range fieldNames {
		c := f.set.Column()
		require.NotEmpty(t, c, "%s", f.name)
		if f.set == iislog.FieldTime {
			assert.Equal(t, "date time", c)
			continue
		}
		assert.True(t, iislog.FieldOf(c).Has(f.set), "%s: FieldOf(%q)", f.name, c)
	}
	assert.Empty(t, (iislog.FieldStatus | iislog.FieldWin32).Column(), "not a single field")

	rec := records(must(readAll(t, allTyped)))[0]
	for i := range rec.NumField() {
		n, _ := rec.Column(i)
		assert.Equal(t, iislog.FieldOf(n), rec.ColumnField(i), "column %d %s", i, n)
	}
}
