package iislog_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

// TestCrossCheck reads generated mixed-layout input (three layouts in
// rotating directive blocks, IPv6 with zones, CRLF) with Reader and with
// the independent slow reader, and compares every record, field by field.
func TestCrossCheck(t *testing.T) {
	for _, opts := range []accessgen.Options{
		{Lines: 20_000, BlockEvery: 1500},
		{Seed: 11, Lines: 5000, BlockEvery: 400, LF: true},
	} {
		var buf bytes.Buffer
		st, err := accessgen.Write(&buf, opts)
		require.NoError(t, err)
		in := buf.Bytes()

		slow, lines, bad, err := slowRead(in)
		require.NoError(t, err)
		require.Zero(t, bad)
		require.Len(t, slow, st.Records)

		r := iislog.NewReader(bytes.NewReader(in))
		i := 0
		for rec, err := range r.All() {
			require.NoError(t, err)
			require.Less(t, i, len(slow))
			compareSlow(t, &slow[i], rec)
			i++
		}
		assert.Equal(t, len(slow), i)
		assert.Equal(t, lines, r.Stats().Lines)
		assert.Equal(t, st.Records, r.Stats().Records)
	}
}

// compareSlow checks a record against the slow reader's reading of the
// same line. It uses plain comparisons: testify per field is slow.
func compareSlow(t *testing.T, want *slowRecord, got *iislog.Record) {
	t.Helper()
	fail := func(what string, w, g any) {
		t.Fatalf("line %d: %s %v, slow reader %v", want.Line, what, g, w)
	}
	if got.Line != want.Line {
		fail("line", want.Line, got.Line)
	}
	if !got.Time.Equal(want.Time) || got.Valid.Has(iislog.FieldTime) != want.Valid["time"] {
		fail("time", want.Time, got.Time)
	}
	if got.ClientIP != want.ClientIP || got.ServerIP != want.ServerIP {
		fail("addresses", []any{want.ClientIP, want.ServerIP}, []any{got.ClientIP, got.ServerIP})
	}
	if got.ServerPort != want.ServerPort || int(got.Status) != want.Status || got.Substatus().Sub != want.Sub ||
		uint32(got.Win32()) != want.Win32 {
		fail("numbers", []any{want.ServerPort, want.Status, want.Sub, want.Win32},
			[]any{got.ServerPort, got.Status, got.Substatus().Sub, got.Win32()})
	}
	if got.BytesSent != want.BytesSent || got.BytesReceived != want.BytesReceived || got.TimeTaken != want.TimeTaken {
		fail("sizes", []any{want.BytesSent, want.BytesReceived, want.TimeTaken}, []any{got.BytesSent, got.BytesReceived, got.TimeTaken})
	}
	for _, c := range []struct {
		set  iislog.FieldSet
		name string
	}{
		{iislog.FieldServerPort, "s-port"}, {iislog.FieldStatus, "sc-status"}, {iislog.FieldSubstatus, "sc-substatus"},
		{iislog.FieldWin32, "sc-win32-status"}, {iislog.FieldBytesSent, "sc-bytes"}, {iislog.FieldBytesReceived, "cs-bytes"},
		{iislog.FieldTimeTaken, "time-taken"}, {iislog.FieldClientIP, "c-ip"}, {iislog.FieldServerIP, "s-ip"},
	} {
		if got.Valid.Has(c.set) != want.Valid[c.name] {
			fail(c.name+" valid", want.Valid[c.name], got.Valid.Has(c.set))
		}
	}
	text := map[string][]byte{
		"s-sitename": got.SiteName, "s-computername": got.ComputerName, "cs-method": got.Method, "cs-uri-stem": got.URIStem,
		"cs-uri-query": got.URIQuery, "cs-username": got.Username, "cs-version": got.Version, "cs(User-Agent)": got.UserAgent,
		"cs(Cookie)": got.Cookie, "cs(Referer)": got.Referer, "cs-host": got.Host,
	}
	for name, b := range text {
		w, ok := want.Text[name]
		if !ok || w == "-" {
			if b != nil {
				fail(name, nil, string(b))
			}
		} else if string(b) != w {
			fail(name, w, string(b))
		}
	}
	if got.NumField() != len(want.Text) {
		fail("columns", len(want.Text), got.NumField())
	}
	for i := range got.NumField() {
		n, v := got.Column(i)
		if want.Text[n] != string(v) {
			fail("column "+n, want.Text[n], string(v))
		}
	}
}
