package iislog_test

// The conformance test reads the team's shared corpus of real IIS W3C
// excerpts (../shared/corpus/access and ../shared/corpus/plaso-iis-*.log
// next to the repository, see corpus/access/SOURCES.md) and checks every
// record against the format facts of ../shared/reference/access_format.md,
// against the standard library's parsers (checkTyped) and against the
// peers' expected outputs (*-expected.json) where those are right. Where a
// peer is wrong, the facts win, and the deviation is noted next to the
// check.
//
// The corpus is not part of the module: when the folder is absent the test
// skips, so `go test ./...` passes for users.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/substatus"
)

// corpusDir is the shared corpus, relative to this package's directory.
const corpusDir = "../../shared/corpus"

type corpusErr struct {
	iislog.ParseError
	withRecord bool
}

type corpusResult struct {
	data  []byte
	recs  []*iislog.Record // clones
	errs  []corpusErr
	stats iislog.Stats
}

func readCorpus(t *testing.T, data []byte) *corpusResult {
	t.Helper()
	res := &corpusResult{data: data}
	r := iislog.NewReader(bytes.NewReader(data))
	for i := 0; ; i++ {
		require.Less(t, i, 100_000, "reader does not terminate")
		rec, err := r.Read()
		if err == io.EOF {
			require.Nil(t, rec)
			break
		}
		if err != nil {
			var pe *iislog.ParseError
			require.True(t, errors.As(err, &pe), "only ParseErrors on a bytes.Reader, got %v", err)
			res.errs = append(res.errs, corpusErr{*pe, rec != nil})
		}
		if rec != nil {
			res.recs = append(res.recs, rec.Clone())
		}
	}
	res.stats = r.Stats()
	return res
}

// wantErr is an expected ParseError.
type wantErr struct {
	line  int
	field string
	err   error
}

// corpusSpec is what the facts say about one corpus file.
type corpusSpec struct {
	records  int
	errs     []wantErr
	service  iislog.Service
	inferred bool // every record is read with an assumed layout
	check    func(t *testing.T, res *corpusResult)
}

func corpusFiles(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not available (%v): the conformance test runs only in the team checkout with ../shared/corpus", err)
	}
	access, err := filepath.Glob(filepath.Join(corpusDir, "access", "*.log"))
	require.NoError(t, err)
	plaso, err := filepath.Glob(filepath.Join(corpusDir, "plaso-iis-*.log"))
	require.NoError(t, err)
	return append(access, plaso...)
}

func TestConformance(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range corpusFiles(t) {
		name := filepath.Base(path)
		// The corpus root holds plaso's files again as plaso-iis-*.log.
		key := strings.Replace(name, "plaso-iis-", "plaso-", 1)
		t.Run(name, func(t *testing.T) {
			spec, ok := corpusSpecs[key]
			require.True(t, ok, "new corpus file: add what the facts say about it to corpusSpecs")
			seen[key] = true
			data, err := os.ReadFile(path)
			require.NoError(t, err)

			res := readCorpus(t, data)
			checkInvariants(t, res)
			assert.Len(t, res.recs, spec.records, "records")
			var got []wantErr
			for _, e := range res.errs {
				got = append(got, wantErr{e.Line, e.Field, sentinel(e.Err)})
			}
			assert.Equal(t, spec.errs, got, "errors")
			for _, r := range res.recs {
				assert.Equal(t, spec.service, r.Service, "line %d: service", r.Line)
				assert.Equal(t, spec.inferred, r.Inferred, "line %d: inferred", r.Line)
			}
			if spec.check != nil {
				spec.check(t, res)
			}

			// The same file with the other line ends reads the same.
			other := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
			if bytes.Equal(other, data) {
				other = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			}
			t.Run("other-line-ends", func(t *testing.T) {
				o := readCorpus(t, other)
				checkInvariants(t, o)
				require.Len(t, o.recs, len(res.recs))
				for i := range res.recs {
					a, b := view(res.recs[i]), view(o.recs[i])
					a.Offset, b.Offset, a.Raw, b.Raw = 0, 0, "", ""
					assert.Equal(t, a, b, "record %d", i)
				}
				assert.Equal(t, len(res.errs), len(o.errs))
				assert.Equal(t, res.stats, o.stats)
			})
		})
	}
	for k := range corpusSpecs {
		assert.True(t, seen[k], "spec %s names no corpus file", k)
	}
}

var sentinels = []error{iislog.ErrFieldCount, iislog.ErrBadDirective, iislog.ErrBadValue, iislog.ErrLineTooLong, iislog.ErrUTF16}

func sentinel(err error) error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

// checkInvariants checks every record against the input bytes and the
// standard library.
func checkInvariants(t *testing.T, res *corpusResult) {
	t.Helper()
	data := res.data
	st := res.stats
	assert.Equal(t, countLines(data), st.Lines, "Stats.Lines")
	assert.Equal(t, st.Lines, st.Records+st.Directives+st.Blank+st.Malformed, "stats account for every line: %+v", st)
	assert.Equal(t, len(res.recs), st.Records)
	recovered := map[int]bool{}
	for _, e := range res.errs {
		assert.GreaterOrEqual(t, e.Line, 1)
		assert.Contains(t, sentinels, sentinel(e.Err))
		if errors.Is(e.Err, iislog.ErrFieldCount) && e.withRecord {
			recovered[e.Line] = true
		}
	}
	for _, rec := range res.recs {
		name := fmt.Sprintf("line %d", rec.Line)
		raw := rec.Raw()
		require.LessOrEqual(t, rec.Offset+int64(len(raw)), int64(len(data)), name)
		assert.Equal(t, raw, data[rec.Offset:rec.Offset+int64(len(raw))], name)
		assert.Equal(t, rec.Line, 1+bytes.Count(data[:rec.Offset], []byte("\n")), "%s: Line", name)
		checkTyped(t, rec)
		cols := make([]string, rec.NumField())
		for i := range cols {
			n, v := rec.Column(i)
			f, ok := rec.Field(n)
			assert.True(t, ok)
			assert.Equal(t, v, f)
			cols[i] = string(v)
		}
		if !recovered[rec.Line] {
			content := bytes.TrimRight(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), "\r \x00")
			assert.Equal(t, string(content), strings.Join(cols, " "), "%s: columns rebuild the line", name)
		}
	}
	// Errors point at the bytes of the field they name.
	for _, e := range res.errs {
		if !errors.Is(e.Err, iislog.ErrBadValue) {
			continue
		}
		for _, rec := range res.recs {
			if rec.Line == e.Line {
				v, ok := rec.Field(e.Field)
				require.True(t, ok)
				line := bytes.TrimSuffix(rec.Raw(), []byte("\r"))
				require.LessOrEqual(t, e.Column, len(line))
				assert.True(t, bytes.HasPrefix(line[e.Column-1:], v), "%+v points at %q", e.ParseError, v)
			}
		}
	}
}

// Helpers for the per-file checks.

func col(t *testing.T, r *iislog.Record, name string) string {
	t.Helper()
	b, ok := r.Field(name)
	require.True(t, ok, "line %d has a %s column", r.Line, name)
	return string(b)
}

func utc(s string) time.Time {
	tm, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return tm
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "access", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

func flatten(prefix string, v any, out map[string]any) {
	if m, ok := v.(map[string]any); ok {
		for k, x := range m {
			if prefix != "" {
				k = prefix + "." + k
			}
			flatten(k, x, out)
		}
		return
	}
	out[prefix] = v
}

// decoded is AppendDecoded as a string.
func decoded(b []byte) string { return string(iislog.AppendDecoded(nil, b)) }

// ecsSkipped are keys of Elastic's documents that carry no field of the
// line: pipeline metadata, enrichment, values derived by Elastic.
func ecsSkipped(k string) bool {
	for _, p := range []string{"ecs.", "event.category", "event.kind", "event.outcome", "event.type", "event.dataset",
		"event.module", "fileset.", "input.", "service.", "tags", "user_agent.device", "user_agent.name", "user_agent.os",
		"user_agent.version", "url.extension", "related.", "user.domain", "source.geo", "source.as"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// checkECS compares records with Elastic's expected documents, key by key,
// the facts winning where Elastic deviates (noted below).
func checkECS(t *testing.T, recs []*iislog.Record, docs []any, skip ...string) {
	t.Helper()
	require.Len(t, recs, len(docs), "the peer's event count")
	skipped := map[string]bool{}
	for _, k := range skip {
		skipped[k] = true
	}
	for i, d := range docs {
		r := recs[i]
		m := map[string]any{}
		flatten("", d, m)
		num := func(k string) int64 {
			switch x := m[k].(type) {
			case float64:
				return int64(x)
			case string:
				n, err := strconv.ParseInt(x, 10, 64)
				require.NoError(t, err, k)
				return n
			}
			t.Fatalf("%s: %T", k, m[k])
			return 0
		}
		str := func(k string) string { s, _ := m[k].(string); return s }
		for k := range m {
			msg := fmt.Sprintf("event %d: %s", i, k)
			// absentOrDash: the older Elastic generation stored "-" as a
			// string; the facts say "-" is absent, and iislog gives nil.
			absentOrDash := func(got []byte) {
				if str(k) == "-" {
					assert.Nil(t, got, msg)
				} else {
					assert.Equal(t, str(k), string(got), msg)
				}
			}
			switch {
			case ecsSkipped(k), skipped[k]:
			case k == "@timestamp":
				assert.Equal(t, str(k), r.Time.Format("2006-01-02T15:04:05.000Z"), msg)
			case k == "source.address":
				assert.Equal(t, str(k), col(t, r, "c-ip"), msg)
			case k == "destination.address":
				assert.Equal(t, str(k), col(t, r, "s-ip"), msg)
			// Deviation: Elastic's .ip drops the IPv6 zone; iislog keeps it.
			case k == "source.ip":
				assert.Equal(t, str(k), r.ClientIP.WithZone("").String(), msg)
			case k == "destination.ip":
				assert.Equal(t, str(k), r.ServerIP.WithZone("").String(), msg)
			case k == "destination.port":
				assert.EqualValues(t, num(k), r.ServerPort, msg)
			case k == "destination.domain":
				assert.Equal(t, str(k), string(r.Host), msg)
			case k == "event.duration":
				assert.Equal(t, time.Duration(num(k)), r.TimeTaken, msg)
			case k == "event.original":
				assert.Equal(t, str(k), string(bytes.TrimSuffix(r.Raw(), []byte("\r"))), msg)
			case k == "http.request.body.bytes":
				assert.Equal(t, num(k), r.BytesReceived, msg)
			case k == "http.response.body.bytes":
				assert.Equal(t, num(k), r.BytesSent, msg)
			case k == "http.request.method":
				assert.Equal(t, str(k), string(r.Method), msg)
			case k == "http.request.referrer":
				absentOrDash(r.Referer)
			case k == "http.response.status_code":
				assert.EqualValues(t, num(k), r.Status, msg)
			case k == "http.version":
				assert.Equal(t, "HTTP/"+str(k), string(r.Version), msg)
			case k == "iis.access.cookie":
				absentOrDash(r.Cookie)
			case k == "iis.access.server_name":
				assert.Equal(t, str(k), string(r.ComputerName), msg)
			case k == "iis.access.site_name":
				assert.Equal(t, str(k), string(r.SiteName), msg)
			case k == "iis.access.sub_status":
				assert.True(t, r.Valid.Has(iislog.FieldSubstatus), msg)
				assert.EqualValues(t, num(k), r.Substatus().Sub, msg)
			case k == "iis.access.win32_status":
				assert.EqualValues(t, num(k), r.Win32(), msg)
			case k == "iis.access.session_id":
				assert.Equal(t, str(k), col(t, r, "x-session"), msg)
			case k == "log.offset":
				assert.Equal(t, num(k), r.Offset, msg)
			case k == "network.forwarded_ip":
				a, err := r.ForwardedFor(iislog.LastHop)
				require.NoError(t, err, msg)
				assert.Equal(t, str(k), a.String(), msg)
			case k == "url.original", k == "url.path":
				assert.Equal(t, str(k), string(r.URIStem), msg)
			case k == "url.query":
				absentOrDash(r.URIQuery)
			case k == "user.name":
				absentOrDash(r.Username)
			// Elastic decodes "+" in the user agent, as AppendDecoded does.
			case k == "user_agent.original":
				assert.Equal(t, str(k), decoded(r.UserAgent), msg)
			default:
				t.Errorf("event %d: unhandled expected key %q", i, k)
			}
		}
	}
}

func checkElastic(name string, skip ...string) func(*testing.T, *corpusResult) {
	return func(t *testing.T, res *corpusResult) {
		var raw json.RawMessage
		readJSON(t, name, &raw)
		var docs []any
		if err := json.Unmarshal(raw, &docs); err != nil {
			var doc struct{ Expected []any }
			require.NoError(t, json.Unmarshal(raw, &doc))
			docs = doc.Expected
		}
		checkECS(t, res.recs, docs, skip...)
	}
}

// names of the layouts the corpus shows.
const (
	iis6Fields   = "date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status"
	iis7Fields   = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken"
	iis8Fields   = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
	bytesFields  = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"
	allFieldsStd = "date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"
)

func allLayout(want string) func(*testing.T, *corpusResult) {
	return func(t *testing.T, res *corpusResult) {
		for _, r := range res.recs {
			assert.Equal(t, want, names(r), "line %d", r.Line)
		}
	}
}

func checks(fs ...func(*testing.T, *corpusResult)) func(*testing.T, *corpusResult) {
	return func(t *testing.T, res *corpusResult) {
		for _, f := range fs {
			f(t, res)
		}
	}
}

// unquote undoes the W3C draft's quoting ("a ""b""" is a "b"), as lnav
// does; iislog keeps the quotes.
func unquote(b []byte) any {
	s := string(b)
	if s == "-" {
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

func checkLnavAdvanced(t *testing.T, res *corpusResult) {
	t.Helper()
	var headers []struct {
		CSHeaders map[string]any `json:"cs_headers"`
	}
	readJSON(t, "lnav-logfile_w3c.3-cs_headers-expected.json", &headers)
	require.Len(t, res.recs, len(headers))
	for i, h := range headers {
		r := res.recs[i]
		assert.Equal(t, h.CSHeaders["User-Agent"], unquote(r.UserAgent), "record %d", i)
		ref, _ := r.Field("cs(Referer)")
		host, _ := r.Field("cs(Host)")
		assert.Equal(t, h.CSHeaders["Referer"], unquote(ref), "record %d", i)
		assert.Equal(t, h.CSHeaders["Host"], unquote(host), "record %d", i)
	}
	var subs []struct {
		Sub *float64 `json:"sc_substatus"`
	}
	readJSON(t, "lnav-logfile_w3c.3-sc_substatus-expected.json", &subs)
	for i, s := range subs {
		r := res.recs[i]
		if s.Sub == nil {
			assert.False(t, r.Valid.Has(iislog.FieldSubstatus), "record %d: garbage substatus", i)
		} else {
			assert.EqualValues(t, *s.Sub, r.Substatus().Sub, "record %d", i)
		}
	}
	// date-local and time-local are local times, not date and time: no
	// UTC Time is made up from them.
	for _, r := range res.recs {
		assert.False(t, r.Valid.Has(iislog.FieldTime))
		assert.Equal(t, "2012-08-15", col(t, r, "date-local"))
	}
}

// corpusSpecs holds the facts per corpus file (plaso-iis-*.log of the
// corpus root are checked with the spec of the same plaso-*.log of
// corpus/access: the same bytes). Line numbers are 1-based lines.
var corpusSpecs = map[string]corpusSpec{
	"elastic-beats-access-azure.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, "SITE-NAME", string(r.SiteName), "the site name, logged when logSiteId is off")
		assert.Equal(t, "localhost", string(r.Host))
		assert.Equal(t, 789*time.Millisecond, r.TimeTaken)
		assert.EqualValues(t, 123, r.BytesSent)
	}},
	"elastic-beats-access-full.log": {records: 1, check: allLayout(allFieldsStd)},
	"elastic-beats-access.log": {records: 1, check: checks(allLayout(iis8Fields), func(t *testing.T, res *corpusResult) {
		require.NotEqual(t, byte('\n'), res.data[len(res.data)-1], "no final newline")
		assert.Equal(t, utc("2018-01-01 09:10:11"), res.recs[0].Time)
	})},
	// cp1252 mojibake stored as UTF-8 (SOURCES.md): opaque bytes, kept.
	"elastic-beats-test-iis-7.2.log": {records: 5, inferred: true, check: checks(allLayout(iis8Fields), func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "/pbserver/..À¯..À¯..À¯..À¯..À¯../winnt/system32/cmd.exe", string(res.recs[0].URIStem))
		assert.Equal(t, `/c+dir+c:\+/OG`, string(res.recs[0].URIQuery))
		assert.Equal(t, "404 0 64", res.recs[0].Triple())
		assert.Equal(t, "401 0 0", res.recs[2].Triple())
	})},
	// The first record holds forum markdown where the addresses were
	// ([10.100.220.70](http://...)): not an address, reported, the record
	// kept. Elastic added a grok pattern to accept it.
	"elastic-beats-test-iis-7.5.log": {records: 4, errs: []wantErr{{5, "s-ip", iislog.ErrBadValue}}, check: checks(allLayout(iis7Fields), func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.False(t, r.Valid.Has(iislog.FieldServerIP))
		assert.False(t, r.Valid.Has(iislog.FieldClientIP))
		assert.Equal(t, "404 4 2", r.Triple())
		assert.Equal(t, netip.MustParseAddr("2001:cdba::3257:9652"), res.recs[3].ClientIP, "uncompressed IPv6")
	})},
	"elastic-beats-test-ipv6zone.log": {records: 1, check: checks(checkElastic("elastic-beats-test-ipv6zone.log-expected.json"), func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, netip.IPv6Loopback().WithZone("0"), r.ClientIP, "zone kept")
		assert.Equal(t, "0", r.ServerIP.Zone())
	})},
	"elastic-beats-test-x-forward-for-extended.log": {records: 6, inferred: true, check: func(t *testing.T, res *corpusResult) {
		for _, r := range res.recs {
			assert.Equal(t, allFieldsStd+" X-Forwarded-For", names(r))
		}
		a, err := res.recs[0].ForwardedFor(iislog.FirstHop)
		require.NoError(t, err)
		assert.Equal(t, netip.MustParseAddr("116.189.86.89"), a)
		assert.Equal(t, "404 0 2", res.recs[0].Triple())
	}},
	"elastic-beats-test-x-forward-for.log": {records: 9, inferred: true, check: func(t *testing.T, res *corpusResult) {
		for _, r := range res.recs {
			assert.Equal(t, iis8Fields+" X-Forwarded-For", names(r))
			a, err := r.ForwardedFor(iislog.LastHop)
			require.NoError(t, err)
			assert.True(t, a.Is4())
		}
		assert.Equal(t, "$filter=BatchId%20eq%20%27FY21HSNG0820%27&$orderby=Subsys,Ref&$skip=0&$top=20", string(res.recs[3].URIQuery))
	}},
	// Three directive blocks, then two records of the first layout after
	// the 22-field header: they do not match the active #Fields (Elastic
	// can write that only because it ignores headers), and are reported.
	"elastic-beats-test.log": {records: 3, errs: []wantErr{{16, "cs-host", iislog.ErrFieldCount}, {17, "cs-host", iislog.ErrFieldCount}}, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, 15, res.recs[0].NumField())
		assert.Equal(t, 19, res.recs[1].NumField())
		assert.Equal(t, 22, res.recs[2].NumField())
		assert.Equal(t, 12, res.stats.Directives)
	}},
	"elastic-integrations-test-iis-8.log": {records: 6, inferred: true, check: checks(allLayout(allFieldsStd), func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "403 4 5", res.recs[0].Triple(), "403.4 SSL required, win32 5")
		assert.Equal(t, substatus.MustParse("403.4"), res.recs[0].Substatus())
		assert.Equal(t, "area=", string(res.recs[0].URIQuery))
		assert.Equal(t, "HTTP/1.0", string(res.recs[3].Version))
	})},
	"elastic-integrations-test-iis-access-72.log": {records: 11, inferred: true, check: func(t *testing.T, res *corpusResult) {
		xff := map[string]string{}
		for _, r := range res.recs {
			if a, err := r.ForwardedFor(iislog.FirstHop); err == nil && a.IsValid() {
				xff[col(t, r, "X-Forwarded-For")] = a.String()
			}
		}
		assert.Equal(t, "216.160.83.61", xff["216.160.83.61,81.2.69.193"], "first hop of a list")
		assert.Equal(t, "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6", xff["2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6"])
		zoned := 0
		for _, r := range res.recs {
			if r.ClientIP.Zone() == "3" {
				zoned++
			}
		}
		assert.Positive(t, zoned, "fe81::…%3")
	}},
	"elastic-integrations-test-iis-access-75.log": {records: 4, inferred: true, errs: []wantErr{{1, "s-ip", iislog.ErrBadValue}}, check: allLayout(iis7Fields)},
	"elastic-integrations-test-iis-access-cookie-bytes-split.log": {records: 1, inferred: true,
		check: checkElastic("elastic-integrations-test-iis-access-cookie-bytes-split.log-expected.json", "url.query", "user.name")},
	// Six layouts in one headerless file: each line gets a layout of its
	// width whose typed columns accept it.
	"elastic-integrations-test-iis-access.log": {records: 8, inferred: true, check: func(t *testing.T, res *corpusResult) {
		var widths []int
		for _, r := range res.recs {
			widths = append(widths, r.NumField())
		}
		assert.Equal(t, []int{15, 19, 22, 15, 15, 20, 17, 18}, widths)
		assert.Equal(t, "webserver-01", string(res.recs[6].ComputerName))
		assert.Equal(t, "WILLOW", string(res.recs[7].ComputerName))
		assert.Equal(t, "W3SVC11", string(res.recs[7].SiteName))
		assert.Equal(t, "SERVER-STATUS=200", string(res.recs[5].URIQuery))
		assert.Contains(t, string(res.recs[4].URIStem), "@java.lang.Runtime@getRuntime()")
	}},
	// Deviation: Elastic maps the FTP record onto HTTP fields
	// (http.request.method ControlChannelClosed); iislog reads it as the
	// FTP service's, with no HTTP status.
	"elastic-integrations-test-iis-ftp.log": {records: 1, service: iislog.ServiceFTP, inferred: true,
		check: checkElastic("elastic-integrations-test-iis-ftp.log-expected.json")},
	// The Exchange lines (4–7) end with a field no known layout names; no
	// layout of 18 fields accepts them, and the mismatch is reported
	// rather than the columns guessed. Deviation: Elastic's expected
	// output (3 records) stores cs-host as the referrer; the layout of
	// these headerless lines is unknown, so only the unambiguous fields
	// are compared.
	"elastic-integrations-test-iis10-access.log": {records: 8, inferred: true,
		errs: []wantErr{{4, "s-ip", iislog.ErrBadValue}, {5, "s-ip", iislog.ErrBadValue}, {6, "s-ip", iislog.ErrBadValue}, {7, "s-ip", iislog.ErrBadValue}},
		check: func(t *testing.T, res *corpusResult) {
			checkElastic("elastic-integrations-test-iis10-access.log-expected.json", "http.request.referrer", "iis.access.cookie", "user_agent.original")(t,
				&corpusResult{recs: res.recs[:3]})
			assert.Equal(t, "itwebcert.acxiom.com", string(res.recs[1].Host), "cs-host, which Elastic took for the referer")
			assert.Equal(t, "/website/header_image@2x.png", string(res.recs[7].URIStem))
		}},
	"elastic-integrations-test-ipv6zone.log": {records: 1, inferred: true, check: allLayout(allFieldsStd)},
	"elastic-integrations-tst-iis10-access.log": {records: 3, inferred: true, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "itwebcert.acxiom.com", string(res.recs[1].Host))
		assert.Equal(t, "232ms", res.recs[1].TimeTaken.String())
	}},
	// Synthetic values above 2^31 and 2^32: byte counts are int64, the
	// time taken a Duration.
	"evotec-iisparser-large_values.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.EqualValues(t, 3_000_000_000, r.BytesSent)
		assert.EqualValues(t, 4_000_000_000, r.BytesReceived)
		assert.Equal(t, 5_000_000_000*time.Millisecond, r.TimeTaken)
	}},
	"evotec-iisparser-malformed_datetime.log": {records: 1, errs: []wantErr{{2, "time", iislog.ErrBadValue}}},
	"evotec-iisparser-missing_datetime.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		assert.False(t, res.recs[0].Valid.Has(iislog.FieldTime), "'-' date and time: no Time, no error")
	}},
	"evotec-iisparser-sample.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, "Value", col(t, r, "x(My-Field)"), "custom fields by name")
		a, err := r.ForwardedFor(iislog.FirstHop)
		require.NoError(t, err)
		assert.Equal(t, netip.MustParseAddr("192.168.0.1"), a)
	}},
	"evotec-iisparser-short_line.log": {records: 0, errs: []wantErr{{2, "X-Forwarded-For", iislog.ErrFieldCount}}},
	"issue-elastic-agent4626-ftp.log": {records: 1, service: iislog.ServiceFTP, inferred: true, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, "ControlChannelClosed", string(r.Method))
		assert.False(t, r.Valid.Has(iislog.FieldStatus))
		assert.Equal(t, "b8f0a5ed-6811-44f3-9d6a-9878243ab842", col(t, r, "x-session"))
	}},
	// "only one parsed" (beats#34642): both hops are there.
	"issue-elastic-beats34642-xff-list.log": {records: 1, inferred: true, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		first, err := r.ForwardedFor(iislog.FirstHop)
		require.NoError(t, err)
		last, err := r.ForwardedFor(iislog.LastHop)
		require.NoError(t, err)
		assert.Equal(t, netip.MustParseAddr("172.20.102.177"), first)
		assert.Equal(t, netip.MustParseAddr("172.20.97.46"), last)
		assert.Equal(t, "200 0 64", r.Triple())
		assert.EqualValues(t, 444, r.ServerPort)
	}},
	// A leading backslash is not an address: reported, never guessed.
	"issue-elastic-integrations5206-xff-backslash.log": {records: 1, inferred: true, check: func(t *testing.T, res *corpusResult) {
		_, err := res.recs[0].ForwardedFor(iislog.FirstHop)
		assert.ErrorIs(t, err, iislog.ErrBadValue)
		assert.Equal(t, "304 0 0", res.recs[0].Triple())
	}},
	"issue-goaccess1596-iis85-allfields-xff.log": {records: 3, check: func(t *testing.T, res *corpusResult) {
		for _, r := range res.recs {
			assert.Equal(t, allFieldsStd+" x-forwarded-for", names(r))
			assert.Equal(t, "500 19 1346", r.Triple())
			assert.Equal(t, substatus.MustParse("500.19"), r.Substatus())
			a, err := r.ForwardedFor(iislog.FirstHop)
			assert.NoError(t, err, "lower-case custom field name, '-' value")
			assert.False(t, a.IsValid())
		}
		assert.Equal(t, "W3SVC1261474369", string(res.recs[0].SiteName))
	}},
	// The reporter's record lacks cs-uri-query: 17 tokens for 18 fields.
	"issue-goaccess2735-xff-with-ports.log": {records: 0, errs: []wantErr{{2, "X-Forwarded-For", iislog.ErrFieldCount}}},
	"issue-ops-agent1382-http2-xff.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "HTTP/2", string(res.recs[0].Version))
		assert.Equal(t, "xxx.xxxxx.com", string(res.recs[0].Host))
	}},
	// Characters plaso's whitelist rejects are plain bytes here.
	"issue-plaso5029-attack-lines.log": {records: 2, inferred: true, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "/~login", string(res.recs[0].URIStem))
		assert.Equal(t, "/Page%'+AND+2*3*8=6*8+AND+'oLjH'!='oLjH%/CookiePolicy", string(res.recs[1].URIStem))
		assert.Equal(t, "User-Agent: Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; 360SE)", decoded(res.recs[1].UserAgent))
	}},
	// lnav's authors appended "// comments" to the directives: the #Date
	// is not a date.
	"lnav-logfile_w3c.0.log": {records: 1, errs: []wantErr{{3, "#Date", iislog.ErrBadDirective}}, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)", string(res.recs[0].UserAgent))
		assert.EqualValues(t, 200, res.recs[0].Status)
	}},
	// Oracle Web Cache, not IIS: runs of spaces and quoted values, both
	// regrouped and reported.
	"lnav-logfile_w3c.1.log": {records: 1, errs: []wantErr{{7, "c-dns", iislog.ErrFieldCount}}, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, `"Mozilla/4.5 [en] (WinNT; I)"`, string(r.UserAgent))
		assert.Equal(t, "client_joaz7", col(t, r, "c-dns"))
		assert.Equal(t, 370879*time.Millisecond, r.TimeTaken, "Oracle logs microseconds here; the unit is IIS's")
	}},
	// IIS 4 FTP: session numbers in the method, time only, two blocks.
	"lnav-logfile_w3c.2.log": {records: 14, service: iislog.ServiceFTP, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "[2]USER", string(res.recs[0].Method))
		assert.EqualValues(t, 331, res.recs[0].Reply)
		assert.Equal(t, utc("2000-10-09 16:44:49"), res.recs[0].Time, "the day from #Date")
	}},
	"lnav-logfile_w3c.3.log": {records: 3, errs: []wantErr{{8, "cs(User-Agent)", iislog.ErrFieldCount}, {9, "cs(User-Agent)", iislog.ErrFieldCount}, {10, "cs(User-Agent)", iislog.ErrFieldCount}},
		check: checkLnavAdvanced},
	// Incapsula, not IIS: every value quoted, a #Date of another form.
	"lnav-logfile_w3c.4.log": {records: 2, errs: []wantErr{{3, "#Date", iislog.ErrBadDirective}, {5, "cs(User-Agent)", iislog.ErrFieldCount}, {6, "cs(User-Agent)", iislog.ErrFieldCount}},
		check: func(t *testing.T, res *corpusResult) {
			assert.Equal(t, 41, res.recs[0].NumField())
			assert.Equal(t, `"GET"`, string(res.recs[0].Method))
		}},
	// The record does not match its header: lnav expects it flagged.
	"lnav-logfile_w3c.5.log": {records: 0, errs: []wantErr{{2, "cs-uri-query", iislog.ErrFieldCount}}},
	"lnav-logfile_w3c.6.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, `ÄÖÜäöü\ßßßMözillä/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)`, string(res.recs[0].UserAgent))
	}},
	"lnav-logfile_w3c_big.0.log": {records: 210, check: checks(allLayout(bytesFields), func(t *testing.T, res *corpusResult) {
		assert.Equal(t, 44, res.stats.Directives, "11 directive blocks")
	})},
	// A hand-made fixture with a quoted cookie holding spaces.
	"matomo-iis.log": {records: 1, errs: []wantErr{{5, "cs(Cookie)", iislog.ErrFieldCount}}, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.True(t, strings.HasPrefix(string(r.Cookie), `"ASP.NET_SessionId=sldfkjs; `))
		assert.Equal(t, "200 654 456", r.Triple())
		assert.EqualValues(t, 27028, r.BytesSent)
	}},
	"matomo-iis_custom.log": {records: 3, errs: []wantErr{{8, "cs(User-Agent)", iislog.ErrFieldCount}, {9, "cs(User-Agent)", iislog.ErrFieldCount}, {10, "cs(User-Agent)", iislog.ErrFieldCount}},
		check: func(t *testing.T, res *corpusResult) {
			assert.Equal(t, 3, res.stats.Blank, "blank and space-only lines between directives")
			assert.Equal(t, `" garbage w/ spaces "`, col(t, res.recs[2], "sc-substatus"))
		}},
	"matomo-netscaler.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		assert.EqualValues(t, 302, res.recs[0].Status)
		assert.EqualValues(t, 355, res.recs[0].BytesSent)
		assert.Equal(t, "HTTP", col(t, res.recs[0], "sc-servicename"))
	}},
	// FTP: sc-win32-status before sc-substatus, the failed logon 530 1326 42.
	"noptrace-ftp-iis10.log": {records: 25, service: iislog.ServiceFTP, check: func(t *testing.T, res *corpusResult) {
		n := 0
		for _, r := range res.recs {
			assert.False(t, r.Valid.Has(iislog.FieldStatus))
			if r.Reply == 530 {
				n++
				assert.EqualValues(t, 1326, r.Win32())
				assert.EqualValues(t, 42, r.Substatus().Sub)
				assert.False(t, r.Substatus().IsValid(), "no HTTP code for an FTP reply")
			}
		}
		assert.Positive(t, n)
	}},
	"ossec-docs-smtp-iis5.log": {records: 12, service: iislog.ServiceSMTP, check: func(t *testing.T, res *corpusResult) {
		r := res.recs[0]
		assert.Equal(t, "HELO", string(r.Method))
		assert.EqualValues(t, 250, r.Reply)
		assert.Equal(t, "SMTPSVC1", string(r.SiteName))
		assert.Equal(t, "+36A42160", string(r.URIQuery))
		assert.Equal(t, 21, r.NumField(), "the trailing space of #Fields is no field")
	}},
	// Directives in another order.
	"plaso-iis10.log": {records: 1, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, utc("2021-04-01 00:00:21"), res.recs[0].Time)
		assert.Equal(t, 65*time.Millisecond, res.recs[0].TimeTaken)
	}},
	"plaso-iis10_cookies.log": {records: 3, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, `OutlookSession="{AAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}"`, string(res.recs[0].Cookie))
		assert.Equal(t, `username=realm\user`, string(res.recs[1].Cookie))
	}},
	// Synthetic: doubled spaces (empty fields IIS never writes) are
	// regrouped and reported; win32 values wider than 32 bits reported.
	"plaso-iis10_edge_cases.log": {records: 15, errs: []wantErr{{5, "cs-username", iislog.ErrFieldCount}, {6, "cs-username", iislog.ErrFieldCount}, {7, "cs-username", iislog.ErrFieldCount}, {10, "sc-win32-status", iislog.ErrBadValue}, {12, "sc-win32-status", iislog.ErrBadValue}, {17, "cs-username", iislog.ErrFieldCount}, {18, "cs-username", iislog.ErrFieldCount}, {19, "cs-username", iislog.ErrFieldCount}},
		check: func(t *testing.T, res *corpusResult) {
			assert.Equal(t, `random\ranuser1`, string(res.recs[0].Username))
			assert.Equal(t, "RPC_IN_DATA", tripleOrMethod(res.recs, "RPC_IN_DATA"))
		}},
	"plaso-iis6.log": {records: 12, check: checks(allLayout(iis6Fields), func(t *testing.T, res *corpusResult) {
		assert.Equal(t, "SOME1234NAME", string(res.recs[0].SiteName))
		assert.Equal(t, "404 0 0", res.recs[1].Triple())
		assert.False(t, res.recs[0].Valid.Has(iislog.FieldTimeTaken), "IIS 6 default has no time-taken")
	})},
	// Out of date order, no #Version/#Date.
	"plaso-iis7_owa.log": {records: 3, check: checks(allLayout(iis7Fields), func(t *testing.T, res *corpusResult) {
		assert.Equal(t, utc("2015-01-01 22:16:03"), res.recs[2].Time)
	})},
	"plaso-iis7_sqli.log": {records: 2, check: func(t *testing.T, res *corpusResult) {
		assert.Contains(t, string(res.recs[0].URIQuery), "[Microsoft][ODBC_SQL_Server_Driver]")
		assert.EqualValues(t, 500, res.recs[0].Status)
		assert.Equal(t, "500", res.recs[0].Triple())
	}},
	// No date column: the day of #Date.
	"plaso-iis_without_date.log": {records: 11, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, utc("2013-07-30 00:00:00"), res.recs[0].Time)
		assert.Equal(t, "HTTP/1.1", string(res.recs[0].Version))
	}},
	// Four directive blocks, cs-host added in the fourth.
	"theodorejb-u_ex230505.log": {records: 78, check: func(t *testing.T, res *corpusResult) {
		assert.Equal(t, 16, res.stats.Directives)
		var w []int
		for _, r := range res.recs {
			if len(w) == 0 || w[len(w)-1] != r.NumField() {
				w = append(w, r.NumField())
			}
		}
		assert.Equal(t, []int{15, 16}, w, "the layout changes mid-file")
		assert.Equal(t, "200 0 64", tripleOrMethod(res.recs, "200 0 64"), "the client went away during the send")
	}},
}

// tripleOrMethod returns want if some record has that triple or method.
func tripleOrMethod(recs []*iislog.Record, want string) string {
	for _, r := range recs {
		if r.Triple() == want || string(r.Method) == want {
			return want
		}
	}
	return ""
}
