package logfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	httperrFields = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n"
	httperrLine   = "2026-03-09 10:11:12 192.0.2.1 50123 192.0.2.10 443 HTTP/1.1 GET /cart 503 2 QueueFull ShopPool\r\n"
	accessFields  = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
	accessLine    = "2026-03-09 10:11:12 192.0.2.10 GET /cart id=7 443 - 198.51.100.7 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 31\r\n"
	ftpLine       = "2023-12-29 06:27:23 10.211.55.53 - 10.211.55.52 21 USER anonymous 331 0 0 2cf9cd35-e364-4b1a-ab27-fe9050daa5ea -\r\n"
	iis10         = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-03-09 10:00:00\r\n"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		path string
		want Kind
		cut  bool // the input is a prefix cut short
	}{
		{name: "httperr fields", in: "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n" + httperrFields + httperrLine, want: KindHTTPErr},
		{name: "httperr fields without software", in: httperrFields + httperrLine, want: KindHTTPErr},
		{name: "httperr trimmed fields", in: "#Fields: date time cs-version cs-method cs-uri sc-status s-reason\n", want: KindHTTPErr},
		{name: "httperr software only", in: "#Software: Microsoft HTTP API 2.0\r\n", want: KindHTTPErr},
		{name: "httperr headerless", in: httperrLine + httperrLine, want: KindHTTPErr},
		{name: "httperr headerless old layout", in: "2002-06-27 19:11:28 172.30.92.88 3405 172.30.162.213 80 HTTP/1.0 GET /x 400 - URL\n", want: KindHTTPErr},
		{name: "access", in: iis10 + accessFields + accessLine, want: KindAccess},
		{name: "access with BOM and NUL padding", in: "\xef\xbb\xbf" + iis10 + accessFields + "\x00\x00\x00\r\n" + accessLine, want: KindAccess},
		{name: "access of the HTTP Server API", in: "#Software: Microsoft HTTP Server API 2.0\n#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)\n", want: KindAccess},
		{name: "access headerless default", in: strings.Repeat(accessLine, 3), want: KindAccess},
		{name: "access headerless all fields", in: "2019-08-14 00:09:32 W3SVC1 SE119654 ::1 GET /help/default.aspx area= 80 - ::1 HTTP/1.1 Mozilla/5.0 - - localhost 403 4 5 5279 160 15\n", want: KindAccess},
		{name: "access in a web site folder", in: iis10 + accessFields + accessLine, path: "LogFiles/W3SVC2/u_ex260309.log", want: KindAccess},
		{name: "ftp fields", in: iis10 + "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath\r\n" + ftpLine, want: KindFTP},
		{name: "ftp headerless", in: ftpLine + ftpLine, want: KindFTP},
		{name: "ftp of IIS 4", in: "#Software: Microsoft Internet Information Server 4.0\n#Fields: time c-ip cs-method cs-uri-stem sc-status\n16:44:49 1.1.1.1 [2]USER anonymous 331\n16:44:49 1.1.1.1 [2]PASS - 230\n", want: KindFTP},
		{name: "ftp folder", in: iis10 + accessFields + accessLine, path: `C:\inetpub\logs\LogFiles\FTPSVC2\u_ex260309.log`, want: KindFTP},
		{name: "smtp site names", in: "#Software: Microsoft Internet Information Services 6.0\n#Fields: date time c-ip cs-username s-sitename s-computername s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-win32-status sc-bytes cs-bytes time-taken cs-version cs-host cs(User-Agent) cs(Cookie) cs(Referer)\n" +
			"2006-10-09 05:00:15 24.118.118.106 36A42160 SMTPSVC1 MEE-PDC 192.168.1.2 0 HELO - +36A42160 250 0 48 13 0 SMTP - - - -\n", want: KindSMTP},
		{name: "smtp folder", in: iis10 + accessFields + accessLine, path: "SMTPSVC1/ex260309.log", want: KindSMTP},
		{name: "other software", in: "#Software: Netscaler Web Logging(NSWL)\n#Fields: date time c-ip cs-username sc-servicename s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs-bytes sc-bytes time-taken\n", want: KindUnknown},
		{name: "advanced logging", in: "#Software: IIS Advanced Logging Module\n#Fields:   date-local time-local   s-ip   cs-method cs-uri-stem cs-uri-query sc-status\n", want: KindUnknown},
		{name: "fields without request fields", in: "#Fields: date time c-ip x-thing\n", want: KindUnknown},
		{name: "text", in: "hello world\nthis is not a log\n", want: KindUnknown},
		{name: "utf-16 with a byte order mark", in: "\xff\xfe#\x00F\x00i\x00", want: KindUnknown},
		{name: "utf-16 without one", in: "#\x00F\x00i\x00e\x00", want: KindUnknown},
		{name: "mixed shapes", in: httperrLine + accessLine + "garbage line here\n", want: KindUnknown},
		{name: "empty", in: "", want: KindUnknown},
		{name: "blank lines", in: "\r\n\r\n  \r\n", want: KindUnknown},
		{name: "software without fields or data", in: iis10, want: KindUnknown},
		{name: "line cut by the prefix is not read", in: httperrLine + "2026-03-09 10:11:12 192.0.2.10 GET /cart", cut: true, want: KindHTTPErr},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Detect([]byte(tc.in), !tc.cut, tc.path)
			assert.Equal(t, tc.want, d.Kind, d.Why)
			assert.NotEmpty(t, d.Why)
		})
	}
	d := Detect([]byte("\xff\xfe#\x00"), true, "")
	assert.Contains(t, d.Why, "UTF-16")
	d = Detect(nil, true, "")
	assert.True(t, d.Empty)
	d = Detect([]byte(iis10+accessFields), true, "")
	assert.False(t, d.Empty)
	assert.Equal(t, "Microsoft Internet Information Services 10.0", d.Software)
	assert.Len(t, d.Fields, 15)
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindUnknown: "unknown", KindHTTPErr: "httperr", KindAccess: "access", KindFTP: "ftp", KindSMTP: "smtp", 200: "unknown"} {
		assert.Equal(t, want, k.String())
	}
}

// TestDetectCorpus checks Detect against the real logs collected in
// ../shared/corpus: HTTPERR excerpts at the top, access logs (and a few FTP
// and SMTP logs, and W3C logs of other software) in access/.
func TestDetectCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("no corpus at %s: %v", root, err)
	}
	exceptions := map[string]Kind{
		"access/elastic-integrations-test-iis-ftp.log": KindFTP,
		"access/issue-elastic-agent4626-ftp.log":       KindFTP,
		"access/noptrace-ftp-iis10.log":                KindFTP,
		"access/lnav-logfile_w3c.2.log":                KindFTP, // IIS 4 FTP
		"access/ossec-docs-smtp-iis5.log":              KindSMTP,
		"access/lnav-logfile_w3c.1.log":                KindUnknown, // Oracle9iAS Web Cache
		"access/lnav-logfile_w3c.3.log":                KindUnknown, // IIS Advanced Logging Module
		"access/lnav-logfile_w3c.4.log":                KindUnknown, // Incapsula
		"access/matomo-iis_custom.log":                 KindUnknown, // IIS Advanced Logging Module
		"access/matomo-netscaler.log":                  KindUnknown, // Netscaler
		"access/evotec-iisparser-large_values.log":     KindUnknown, // only bytes and time-taken
	}
	var n int
	for _, pattern := range []string{"*.log", "access/*.log"} {
		files, err := filepath.Glob(filepath.Join(root, pattern))
		require.NoError(t, err)
		for _, f := range files {
			rel, _ := filepath.Rel(root, f)
			rel = filepath.ToSlash(rel)
			want := KindHTTPErr
			if strings.HasPrefix(rel, "access/") || strings.HasPrefix(rel, "plaso-iis-") {
				want = KindAccess
			}
			if k, ok := exceptions[rel]; ok {
				want = k
			}
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			if len(data) > SniffSize {
				data = data[:SniffSize]
			}
			d := Detect(data, len(data) < SniffSize, rel)
			assert.Equal(t, want, d.Kind, "%s: %s", rel, d.Why)
			n++
		}
	}
	assert.Greater(t, n, 50, "corpus files checked")
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte(httperrFields+httperrLine), "httperr1.log")
	f.Add([]byte(iis10+accessFields+accessLine), `W3SVC1\u_ex260309.log`)
	f.Add([]byte(ftpLine), "FTPSVC1/u_ex1.log")
	f.Add([]byte("#Fields:\n2026-01-01 00:00:00 [ ]\n"), "")
	f.Fuzz(func(t *testing.T, in []byte, path string) {
		for _, atEOF := range []bool{true, false} {
			d := Detect(in, atEOF, path)
			if d.Kind > KindSMTP || d.Why == "" {
				t.Fatalf("bad detection %+v", d)
			}
		}
	})
}
