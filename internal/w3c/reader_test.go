package w3c

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests build a second reader on the engine, for IIS access logs, the
// way package iislog does: its own kinds, free-text column, default
// layout and error type.

const (
	kStem Kind = iota + 1
	kQuery
	kUserAgent
	kStatus
	kSubstatus
	kWin32
	kTimeTaken
	kDate
	kTime
	kClientIP
)

// testError is the ParseError of the test reader.
type testError struct {
	Line, Column int
	Field        string
	Problem      Problem
}

func (e *testError) Error() string {
	return fmt.Sprintf("access: line %d, column %d (%s): problem %d", e.Line, e.Column, e.Field, e.Problem)
}

// accessFields is the IIS 7.5+ default layout.
const accessFields = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"

var accessSchema = func() *Schema {
	s := &Schema{
		Name: "access",
		Kinds: map[string]Kind{
			"date": kDate, "time": kTime, "c-ip": kClientIP, "cs-uri-stem": kStem, "cs-uri-query": kQuery,
			"cs(User-Agent)": kUserAgent, "sc-status": kStatus, "sc-substatus": kSubstatus,
			"sc-win32-status": kWin32, "time-taken": kTimeTaken,
		},
		Free: []Kind{kUserAgent},
		Error: func(line, column int, field string, p Problem) error {
			return &testError{line, column, field, p}
		},
	}
	s.Known = []*Layout{s.NewLayout(strings.Fields(accessFields))}
	s.Default = s.Known[0]
	return s
}()

// accessRecord is the typed record of the test reader.
type accessRecord struct {
	Time               time.Time
	Status, Sub, Win32 uint32
	Taken              time.Duration
	Stem               []byte
	Row
}

// readAccess reads in with the test reader, converting the typed columns
// the general way, and returns the records and errors.
func readAccess(t *testing.T, src io.Reader) (recs []accessRecord, errs []error, r *Reader) {
	t.Helper()
	r = new(Reader)
	r.Init(src, accessSchema)
	var dates DateCache
	for range 10000 {
		l, err := r.Next()
		if err == io.EOF {
			return recs, errs, r
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lay := r.Active()
		cols, recovered, err := r.Fit(l, r.Split(l), lay)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if recovered {
			errs = append(errs, r.Error(cols[lay.Free].Lo+1, lay.Names[lay.Free], FieldCount))
		}
		rec := accessRecord{Row: Row{Line: l.Raw, Cols: cols, Layout: lay}}
		var date, clock []byte
		for c, k := range lay.Kinds {
			v := rec.Value(c)
			if v == nil {
				continue
			}
			ok := true
			switch k {
			case kDate:
				date = v
			case kTime:
				clock = v
			case kStatus:
				rec.Status, ok = ParseUint32(v)
			case kSubstatus:
				rec.Sub, ok = ParseUint32(v)
			case kWin32:
				rec.Win32, ok = ParseUint32(v)
			case kTimeTaken:
				var ms uint64
				ms, ok = ParseUint(v, 10, 1<<32)
				rec.Taken = time.Duration(ms) * time.Millisecond
			case kStem:
				rec.Stem = v
			}
			if !ok {
				errs = append(errs, r.Error(cols[c].Lo+1, lay.Names[c], BadValue))
			}
		}
		rec.Time, _, _, _ = dates.Time(date, clock)
		r.Stats.Records++
		c := rec.Row.Clone()
		rec.Row, rec.Stem = c, c.Value(lay.Col(kStem))
		recs = append(recs, rec)
	}
	t.Fatal("the reader does not stop")
	return
}

func TestSecondReader(t *testing.T) {
	in := "#Software: Microsoft Internet Information Services 10.0\r\n" +
		"#Version: 1.0\r\n" +
		"#Date: 2021-04-01 00:00:21\r\n" +
		"#Fields: " + accessFields + "\r\n" +
		"2021-04-01 00:00:21 10.0.0.1 GET /a.asp - 80 - 192.0.2.1 Mozilla/5.0+(Windows) - 401 2 5 65\r\n" +
		"2021-04-01 00:00:22 10.0.0.1 GET /b q=1 80 - 192.0.2.1 bad agent with spaces - 500 19 13 7\r\n" +
		"#Fields: date time cs-uri-stem sc-status X-Forwarded-For\r\n" +
		"2021-04-01 00:00:23 /c 404 203.0.113.9,10.0.0.2\r\n" +
		"2021-04-01 00:00:24 /d x404 -\r\n" +
		"#Remark: custom fields follow\r\n"
	recs, errs, r := readAccess(t, strings.NewReader(in))
	require.Len(t, recs, 4)
	assert.Equal(t, uint32(401), recs[0].Status)
	assert.Equal(t, uint32(2), recs[0].Sub)
	assert.Equal(t, uint32(5), recs[0].Win32)
	assert.Equal(t, 65*time.Millisecond, recs[0].Taken)
	assert.Equal(t, "/a.asp", string(recs[0].Stem))
	assert.Equal(t, time.Date(2021, 4, 1, 0, 0, 21, 0, time.UTC), recs[0].Time)

	ua, ok := recs[1].Field("cs(User-Agent)")
	require.True(t, ok)
	assert.Equal(t, "bad agent with spaces", string(ua), "the free-text column took the surplus")
	assert.Equal(t, uint32(13), recs[1].Win32)

	xff, ok := recs[2].Field("X-Forwarded-For")
	require.True(t, ok)
	assert.Equal(t, "203.0.113.9,10.0.0.2", string(xff), "a custom field by name")
	assert.Equal(t, 5, recs[2].NumField())
	assert.Equal(t, -1, recs[2].Layout.Col(kUserAgent))

	require.Len(t, errs, 2)
	line6 := "2021-04-01 00:00:22 10.0.0.1 GET /b q=1 80 - 192.0.2.1 bad agent"
	assert.Equal(t, &testError{6, strings.Index(line6, "bad") + 1, "cs(User-Agent)", FieldCount}, errs[0])
	assert.Equal(t, &testError{9, len("2021-04-01 00:00:24 /d ") + 1, "sc-status", BadValue}, errs[1])

	assert.Equal(t, "Microsoft Internet Information Services 10.0", string(r.Software()))
	assert.Equal(t, time.Date(2021, 4, 1, 0, 0, 21, 0, time.UTC), r.Date())
	assert.Equal(t, "date time cs-uri-stem sc-status X-Forwarded-For", r.Layout().Text)
	assert.Equal(t, Stats{Lines: 10, Records: 4, Directives: 6, Recovered: 1}, r.Stats)
	assert.Equal(t, int64(len(in)), r.InputOffset())
}

func TestDirectives(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  *testError
		text string // the active layout afterwards
	}{
		{"known layout", "#Fields: " + accessFields + "\n", nil, accessFields},
		{"custom", "#Fields: date  time x-a \n", nil, "date time x-a"},
		{"empty", "#Fields:\n", &testError{1, 9, "#Fields", BadDirective}, accessFields},
		{"spaces only", "#Fields:   \n", &testError{1, 9, "#Fields", BadDirective}, accessFields},
		{"repeated name", "#Fields: date x-a date\n", &testError{1, 19, "#Fields", BadDirective}, accessFields},
		{"bad date", "#Date: 2021-02-29 00:00:00\n", &testError{1, 8, "#Date", BadDirective}, accessFields},
		{"harmless", "#Version: 1.0\n#Remark: x\n#Start-Date: 2021-04-01 00:00:00\n#End-Date: x\n#Whatever\n#\n", nil, accessFields},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, r := readAccess(t, strings.NewReader(tc.in))
			if tc.err == nil {
				assert.Empty(t, errs)
			} else {
				assert.Equal(t, []error{tc.err}, errs)
				assert.Equal(t, 1, r.Stats.BadDirectives)
			}
			assert.Equal(t, tc.text, r.Active().Text)
			assert.Equal(t, r.Stats.Lines, r.Stats.Directives)
		})
	}
	t.Run("a repeated block reuses the layout", func(t *testing.T) {
		var r Reader
		block := "#Software: x\r\n#Fields: date time x-custom\r\n"
		r.Init(strings.NewReader(block+block), accessSchema)
		_, err := r.Next()
		require.Equal(t, io.EOF, err)
		l := r.Active()
		assert.Equal(t, "date time x-custom", l.Text)
		l2, _ := accessSchema.ParseLayout([]byte("date time x-custom"), l)
		assert.Same(t, l, l2)
		l3, _ := accessSchema.ParseLayout([]byte(accessFields), nil)
		assert.Same(t, accessSchema.Default, l3)
	})
}

func TestSetLayout(t *testing.T) {
	custom := accessSchema.NewLayout([]string{"time", "x-a"})
	var r Reader
	r.Init(strings.NewReader("09:00:00 a\n"), accessSchema)
	assert.Nil(t, r.Layout())
	r.SetLayout(custom)
	assert.Same(t, custom, r.Layout())
	assert.True(t, r.SawFields())
	r.SetLayout(nil)
	assert.Nil(t, r.Layout())
	assert.Same(t, accessSchema.Default, r.Active())
	r.SetLayout(custom)
	l, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, "09:00:00 a", string(l.Raw))
	assert.PanicsWithValue(t, "access: SetLayout called after Read", func() { r.SetLayout(nil) })
	assert.PanicsWithValue(t, "access: Buffer called after Read", func() { r.Buffer(nil, 10) })
}

// TestLines checks line reading: ends, trimming, padding, limits and
// offsets, with every size of read.
func TestLines(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		in    string
		lines []string // Raw[Lo:Hi] of each data line; "!" for an error
		stats Stats
	}{
		{"empty", "", nil, Stats{}},
		{"LF, CRLF, no final newline", "a\nb\r\nc", []string{"a", "b", "c"}, Stats{Lines: 3}},
		{"BOM", "\xef\xbb\xbfa \r\n", []string{"a"}, Stats{Lines: 1}},
		{"blank and spaces", "\n \r\n  \n", nil, Stats{Lines: 3, Blank: 3}},
		{"NUL padding", "a\x00\x00\r\n\x00\x00b\n\x00\x00\n\x00", []string{"a", "b"}, Stats{Lines: 4, Blank: 2, Padding: 2}},
		{"long NUL padding", strings.Repeat("\x00", 1000) + "a\n" + strings.Repeat("\x00", 1000), []string{"a"}, Stats{Lines: 2, Blank: 1, Padding: 1}},
		{"too long", "a\n" + long + "\nb\n" + long, []string{"a", "!", "b", "!"}, Stats{Lines: 4, Malformed: 2, TooLong: 2}},
		{"just fits", strings.Repeat("y", 64) + "\r\n", []string{strings.Repeat("y", 64)}, Stats{Lines: 1}},
		{"UTF-16", "\xff\xfea\x00", []string{"!"}, Stats{Lines: 1, Malformed: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, size := range []int{1, 2, 3, 7, 64, 1 << 16} {
				var r Reader
				r.Init(&chunks{data: []byte(tc.in), size: size}, accessSchema)
				r.Buffer(make([]byte, 0, 8), 65) // the CR of "just fits" counts
				require.Equal(t, 65, r.Max())
				var got []string
				for {
					l, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						var te *testError
						require.True(t, errors.As(err, &te), "%v", err)
						got = append(got, "!")
						continue
					}
					got = append(got, string(l.Raw[l.Lo:l.Hi]))
					off := r.LineOffset()
					assert.Equal(t, tc.in[off:off+int64(len(l.Raw))], string(l.Raw), "size %d: Raw at LineOffset", size)
				}
				assert.Equal(t, tc.lines, got, "size %d", size)
				assert.Equal(t, tc.stats, r.Stats, "size %d", size)
				if tc.name != "UTF-16" {
					assert.Equal(t, int64(len(tc.in)), r.InputOffset(), "size %d", size)
				}
			}
		})
	}
}

// chunks returns data in reads of at most size bytes.
type chunks struct {
	data []byte
	size int
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.data)
	c.data = c.data[n:]
	return n, nil
}

// failing returns its data, then err.
type failing struct {
	data []byte
	err  error
}

func (f *failing) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestStickyErrors(t *testing.T) {
	boom := errors.New("boom")
	var r Reader
	r.Init(&failing{data: []byte("a\nb"), err: boom}, accessSchema)
	l, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, "a", string(l.Raw))
	for range 2 {
		_, err = r.Next()
		assert.Equal(t, boom, err)
	}
	assert.Equal(t, boom, r.Err())
	assert.Nil(t, r.Buffered())
	assert.Equal(t, int64(2), r.InputOffset(), "the cut line is not consumed")

	r.Init(&failing{err: nil}, accessSchema) // (0, nil) forever
	_, err = r.Next()
	assert.Equal(t, io.ErrNoProgress, err)

	r.Init(&failing{data: []byte(strings.Repeat("x", 200)), err: boom}, accessSchema)
	r.Buffer(nil, 50)
	_, err = r.Next()
	assert.Equal(t, boom, err, "an I/O error while skipping a long line")
}

// TestFusedPath consumes lines the way a fused path does, from Buffered.
func TestFusedPath(t *testing.T) {
	var r Reader
	r.Init(strings.NewReader("#Fields: a b\na1 b1\na2 b2\r\n"), accessSchema)
	assert.Empty(t, r.Buffered(), "nothing read yet")
	l, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, "a1 b1", string(l.Raw))
	buf := r.Buffered()
	n := bytes.IndexByte(buf, '\n')
	require.Positive(t, n)
	r.ConsumeLine(n)
	assert.Equal(t, 3, r.Line())
	assert.Equal(t, int64(19), r.LineOffset())
	assert.Equal(t, int64(26), r.InputOffset())
	assert.Empty(t, r.Buffered())
	assert.Len(t, r.Spans(40), 40)
	_, err = r.Next()
	assert.Equal(t, io.EOF, err)
	assert.Equal(t, Stats{Lines: 3, Directives: 1}, r.Stats)
}

func TestFit(t *testing.T) {
	lay := accessSchema.NewLayout(strings.Fields("date cs(User-Agent) sc-status"))
	noFree := accessSchema.NewLayout(strings.Fields("date sc-status"))
	tests := []struct {
		name      string
		lay       *Layout
		line      string
		cols      []string
		recovered bool
		err       error
	}{
		{"exact", lay, "d u 200", []string{"d", "u", "200"}, false, nil},
		{"surplus to the free column", lay, "d a b  c 200", []string{"d", "a b  c", "200"}, true, nil},
		{"too few", lay, "d u", nil, false, &testError{0, 4, "sc-status", FieldCount}},
		{"too many, no free column", noFree, "d 200 x", nil, false, &testError{0, 7, "sc-status", FieldCount}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r Reader
			r.Init(nil, accessSchema)
			l := Line{Raw: []byte(tc.line), Lo: 0, Hi: len(tc.line)}
			cols, recovered, err := r.Fit(l, r.Split(l), tc.lay)
			assert.Equal(t, tc.err, err)
			assert.Equal(t, tc.recovered, recovered)
			var got []string
			for _, c := range cols {
				got = append(got, tc.line[c.Lo:c.Hi])
			}
			assert.Equal(t, tc.cols, got)
		})
	}
}

func TestIsUTF16(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"\xff\xfe", true}, {"\xfe\xff", true}, {"#\x00F\x00", true}, {"\x00#\x00F", true}, {"2\x000\x00", true},
		{"", false}, {"\xff", false}, {"#Fie", false}, {"\x00\x00\x00\x00", false}, {"\x00#Fi", false},
		{"\xef\xbb\xbf#", false}, {"a\x00\x00\x00", false}, {"\x01\x00\x02\x00", false},
	} {
		assert.Equal(t, tc.want, isUTF16([]byte(tc.in)), "%q", tc.in)
	}
}
