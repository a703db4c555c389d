package httpsys_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
)

func TestParseReason(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want httpsys.Reason
	}{
		{name: "ConnLimit", in: "ConnLimit", want: httpsys.ReasonConnLimit},
		{name: "timer", in: "Timer_ConnectionIdle", want: httpsys.ReasonTimerConnectionIdle},
		{name: "slash N/A", in: "N/A", want: httpsys.ReasonNA},
		{name: "slash N/I", in: "N/I", want: httpsys.ReasonNI},
		{name: "slash Invalid_CR/LF", in: "Invalid_CR/LF", want: httpsys.ReasonInvalidCRLF},
		{name: "slash Version_N/S", in: "Version_N/S", want: httpsys.ReasonVersionNS},
		{name: "longest", in: "Connection_Abandoned_By_ReqQueue", want: httpsys.ReasonConnectionAbandonedByReqQueue},
		{name: "empty", in: "", want: httpsys.ReasonUnknown},
		{name: "dash", in: "-", want: httpsys.ReasonUnknown},
		{name: "excluded synthetic token", in: "Request_Too_Large", want: httpsys.ReasonUnknown},
		{name: "excluded DFIR token", in: "URL_ProcessingFailed", want: httpsys.ReasonUnknown},
		{name: "space", in: "conn limit", want: httpsys.ReasonUnknown},
		{name: "case differs", in: "connlimit", want: httpsys.ReasonUnknown},
		{name: "slash dropped", in: "NA", want: httpsys.ReasonUnknown},
		{name: "Go name is not a token", in: "InvalidCRLF", want: httpsys.ReasonUnknown},
		{name: "trailing space", in: "QueueFull ", want: httpsys.ReasonUnknown},
		{name: "NUL", in: "\x00", want: httpsys.ReasonUnknown},
		{name: "0xff", in: "\xff", want: httpsys.ReasonUnknown},
		{name: "token plus NUL", in: "N/A\x00", want: httpsys.ReasonUnknown},
		{name: "long", in: strings.Repeat("Timer_", 100), want: httpsys.ReasonUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := httpsys.ParseReason([]byte(tc.in))
			assert.Equal(t, tc.want, got)
			s, err := httpsys.ParseReasonString(tc.in)
			assert.Equal(t, tc.want, s)
			if tc.want == httpsys.ReasonUnknown {
				require.Error(t, err)
				assert.ErrorIs(t, err, httpsys.ErrUnknownReason)
				var pe *httpsys.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, httpsys.ParseError{Input: tc.in, Err: httpsys.ErrUnknownReason}, *pe)
				assert.Equal(t, "httpsys: parse "+strconv.Quote(tc.in)+": unknown reason token", err.Error())
				assert.False(t, got.IsKnown())
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.in, got.String())
			}
		})
	}
	assert.Equal(t, httpsys.ReasonUnknown, httpsys.ParseReason(nil), "nil input")
}

func TestString(t *testing.T) {
	tests := []struct {
		name string
		r    httpsys.Reason
		want string
	}{
		{name: "unknown", r: httpsys.ReasonUnknown, want: "-"},
		{name: "ConnLimit", r: httpsys.ReasonConnLimit, want: "ConnLimit"},
		{name: "Invalid_CR/LF", r: httpsys.ReasonInvalidCRLF, want: "Invalid_CR/LF"},
		{name: "Version_N/S", r: httpsys.ReasonVersionNS, want: "Version_N/S"},
		{name: "URL_Length", r: httpsys.ReasonURLLength, want: "URL_Length"},
		{name: "out of range", r: httpsys.Reason(200), want: "Reason(200)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.r.String())
		})
	}
}

func TestAll(t *testing.T) {
	all := slices.Collect(httpsys.All())
	require.Len(t, all, 40)
	for i, r := range all {
		assert.True(t, r.IsKnown(), r)
		assert.Equal(t, r, httpsys.ParseReason([]byte(r.String())), "round trip")
		if i > 0 {
			assert.Less(t, all[i-1], r, "ascending values")
			assert.Less(t, all[i-1].String(), r.String(), "ascending tokens")
		}
	}
	assert.NotContains(t, all, httpsys.ReasonUnknown)
	// Early stop.
	n := 0
	for range httpsys.All() {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestInfoInvariants(t *testing.T) {
	for r := range httpsys.All() {
		t.Run(r.String(), func(t *testing.T) {
			info := r.Info()
			assert.Equal(t, r.String(), info.Token)
			assert.NotEqual(t, httpsys.CategoryUnknown, info.Category)
			assert.NotEqual(t, httpsys.SeverityUnknown, info.Severity)
			assert.NotEqual(t, httpsys.ConfidenceUnknown, info.Confidence)
			assert.NotEmpty(t, info.Cause)
			assert.NotEmpty(t, info.Advice)
			assert.NotEmpty(t, info.Windows)
			assert.NotEmpty(t, slices.Collect(r.Sources()))
			causes := slices.Collect(r.Causes())
			require.NotEmpty(t, causes)
			if len(causes) == 1 {
				assert.Equal(t, info.Cause, causes[0])
			}
			if info.HasStatus() {
				assert.True(t, info.Status.IsError(), "status %d", info.Status)
				assert.Equal(t, httpsys.CategoryResponse, info.Category, "only responses carry a status")
			} else {
				assert.Zero(t, info.AltStatus)
			}
			if info.Category == httpsys.CategoryTimeout {
				assert.True(t, strings.HasPrefix(info.Token, "Timer_"))
			}
			if info.Setting.IsZero() {
				assert.True(t, info.LegacySetting.IsZero())
			}
			if info.ClientText != "" {
				assert.Equal(t, status.Code(503), info.Status, "client texts are the 503 table's")
			}
		})
	}
}

func TestUnknownInfo(t *testing.T) {
	for _, r := range []httpsys.Reason{httpsys.ReasonUnknown, httpsys.Reason(41), httpsys.Reason(255)} {
		assert.Equal(t, httpsys.Info{}, r.Info())
		assert.False(t, r.IsKnown())
		assert.Empty(t, slices.Collect(r.Causes()))
		assert.Empty(t, slices.Collect(r.Sources()))
	}
}

// TestFacts pins the facts the issue and the dossier state.
func TestFacts(t *testing.T) {
	tests := []struct {
		name     string
		r        httpsys.Reason
		status   status.Code
		alt      status.Code
		category httpsys.Category
		severity httpsys.Severity
		setting  string
		def      string
	}{
		{name: "ConnLimit", r: httpsys.ReasonConnLimit, status: 503, category: httpsys.CategoryResponse, severity: httpsys.SeverityWarning, setting: "maxConnections"},
		{name: "QueueFull", r: httpsys.ReasonQueueFull, status: 503, category: httpsys.CategoryResponse, severity: httpsys.SeverityWarning, setting: "queueLength", def: "1000"},
		{name: "AppOffline", r: httpsys.ReasonAppOffline, status: 503, category: httpsys.CategoryResponse, severity: httpsys.SeverityCritical, setting: "rapidFailProtection", def: "true"},
		{name: "N/I", r: httpsys.ReasonNI, status: 501, alt: 503, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice},
		{name: "Version_N/S", r: httpsys.ReasonVersionNS, status: 505, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice},
		{name: "URL_Length", r: httpsys.ReasonURLLength, status: 414, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice, setting: "UrlSegmentMaxLength", def: "260"},
		{name: "FieldLength", r: httpsys.ReasonFieldLength, status: 400, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice, setting: "MaxFieldLength", def: "16384"},
		{name: "RequestLength", r: httpsys.ReasonRequestLength, status: 400, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice, setting: "MaxRequestBytes", def: "16384"},
		{name: "Internal", r: httpsys.ReasonInternal, status: 500, category: httpsys.CategoryResponse, severity: httpsys.SeverityWarning},
		{name: "NotFound", r: httpsys.ReasonNotFound, status: 404, category: httpsys.CategoryResponse, severity: httpsys.SeverityNotice},
		{name: "Timer_ConnectionIdle", r: httpsys.ReasonTimerConnectionIdle, category: httpsys.CategoryTimeout, severity: httpsys.SeverityRoutine, setting: "connectionTimeout", def: "00:02:00"},
		{name: "Timer_MinBytesPerSecond", r: httpsys.ReasonTimerMinBytesPerSecond, category: httpsys.CategoryTimeout, severity: httpsys.SeverityNotice, setting: "minBytesPerSecond", def: "240"},
		{name: "Timer_HeaderWait", r: httpsys.ReasonTimerHeaderWait, category: httpsys.CategoryTimeout, severity: httpsys.SeverityNotice, setting: "headerWaitTimeout", def: "00:00:00"},
		{name: "Timer_SslRenegotiation", r: httpsys.ReasonTimerSslRenegotiation, category: httpsys.CategoryTimeout, severity: httpsys.SeverityNotice, setting: "SSL renegotiation timer", def: "2 minutes"},
		{name: "Connection_Abandoned_By_AppPool", r: httpsys.ReasonConnectionAbandonedByAppPool, category: httpsys.CategoryOrphaned, severity: httpsys.SeverityWarning},
		{name: "Connection_Dropped", r: httpsys.ReasonConnectionDropped, category: httpsys.CategoryDropped, severity: httpsys.SeverityRoutine},
		{name: "Connections_Refused", r: httpsys.ReasonConnectionsRefused, category: httpsys.CategoryOther, severity: httpsys.SeverityCritical, setting: "EnableAggressiveMemoryUsage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info := tc.r.Info()
			assert.Equal(t, tc.name, info.Token)
			assert.Equal(t, tc.status, info.Status)
			assert.Equal(t, tc.alt, info.AltStatus)
			assert.Equal(t, tc.category, info.Category)
			assert.Equal(t, tc.severity, info.Severity)
			assert.Equal(t, tc.setting, info.Setting.Name)
			assert.Equal(t, tc.def, info.Setting.Default)
		})
	}
	t.Run("150 vs 240", func(t *testing.T) {
		s := httpsys.ReasonTimerMinBytesPerSecond.Info()
		assert.Contains(t, s.Setting.Notes, "150")
		assert.Equal(t, "MinFileBytesPerSec", s.LegacySetting.Name)
	})
	t.Run("MaxFieldLength range", func(t *testing.T) {
		assert.Contains(t, httpsys.ReasonFieldLength.Info().Setting.Notes, "64-65534")
	})
	t.Run("20 MB", func(t *testing.T) {
		assert.Contains(t, httpsys.ReasonConnectionsRefused.Info().Cause, "20 MB")
	})
}

func TestText(t *testing.T) {
	for r := range httpsys.All() {
		b, err := r.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, r.String(), string(b))
		var back httpsys.Reason
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
		b, err = r.AppendText([]byte("x="))
		require.NoError(t, err)
		assert.Equal(t, "x="+r.String(), string(b))
	}
	tests := []struct {
		name    string
		in      string
		want    httpsys.Reason
		wantErr bool
	}{
		{name: "empty is unknown", in: "", want: httpsys.ReasonUnknown},
		{name: "dash is unknown", in: "-", want: httpsys.ReasonUnknown},
		{name: "known", in: "N/A", want: httpsys.ReasonNA},
		{name: "unknown token", in: "Request_Too_Large", want: httpsys.ReasonUnknown, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httpsys.ReasonQueueFull
			err := r.UnmarshalText([]byte(tc.in))
			assert.Equal(t, tc.want, r)
			if tc.wantErr {
				assert.ErrorIs(t, err, httpsys.ErrUnknownReason)
				assert.EqualError(t, err, "httpsys: parse "+strconv.Quote(tc.in)+": unknown reason token")
			} else {
				assert.NoError(t, err)
			}
		})
	}
	t.Run("unknown marshals empty", func(t *testing.T) {
		b, err := httpsys.ReasonUnknown.MarshalText()
		require.NoError(t, err)
		assert.Empty(t, b)
	})
	t.Run("out of range", func(t *testing.T) {
		_, err := httpsys.Reason(99).MarshalText()
		assert.Error(t, err)
	})
}

func TestJSON(t *testing.T) {
	type rec struct {
		Reason httpsys.Reason `json:"reason"`
	}
	b, err := json.Marshal(rec{httpsys.ReasonInvalidCRLF})
	require.NoError(t, err)
	assert.JSONEq(t, `{"reason":"Invalid_CR/LF"}`, string(b))
	var back rec
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, httpsys.ReasonInvalidCRLF, back.Reason)
	err = json.Unmarshal([]byte(`{"reason":"Brand_New"}`), &back)
	assert.True(t, errors.Is(err, httpsys.ErrUnknownReason), "%v", err)

	b, err = json.Marshal(httpsys.ReasonQueueFull.Info())
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, "QueueFull", m["token"])
	assert.Equal(t, "503", m["status"])
	assert.Equal(t, "warning", m["severity"])
	assert.Equal(t, "Application request queue full.", m["client_text"])
	assert.NotContains(t, m, "alt_status")
	assert.NotContains(t, m, "condition")
	var info httpsys.Info
	require.NoError(t, json.Unmarshal(b, &info))
	assert.Equal(t, httpsys.ReasonQueueFull.Info(), info, "Info round-trips through JSON")
}

func TestEnumText(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	tests := []struct {
		name string
		v    enum
		want string
		back func([]byte) (enum, error)
	}{
		{name: "category", v: httpsys.CategoryOrphaned, want: "orphaned", back: func(b []byte) (enum, error) { var c httpsys.Category; err := c.UnmarshalText(b); return c, err }},
		{name: "severity", v: httpsys.SeverityCritical, want: "critical", back: func(b []byte) (enum, error) { var s httpsys.Severity; err := s.UnmarshalText(b); return s, err }},
		{name: "confidence", v: httpsys.ConfidenceMedium, want: "medium", back: func(b []byte) (enum, error) { var c httpsys.Confidence; err := c.UnmarshalText(b); return c, err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.v.String())
			b, err := tc.v.MarshalText()
			require.NoError(t, err)
			got, err := tc.back(b)
			require.NoError(t, err)
			assert.Equal(t, tc.v, got)
			_, err = tc.back([]byte("bogus"))
			assert.Error(t, err)
		})
	}
	assert.Equal(t, "Category(9)", httpsys.Category(9).String())
	assert.Equal(t, "Severity(9)", httpsys.Severity(9).String())
	assert.Equal(t, "Confidence(9)", httpsys.Confidence(9).String())
	_, err := httpsys.Severity(9).MarshalText()
	assert.Error(t, err)
}

func TestAllocs(t *testing.T) {
	known := []byte("Timer_ConnectionIdle")
	long := []byte("Connection_Abandoned_By_ReqQueue")
	unknown := []byte("Request_Too_Large_And_Then_Some_More_Bytes_Than_32")
	var sink httpsys.Reason
	var str string
	tests := []struct {
		name string
		fn   func()
	}{
		{name: "ParseReason known", fn: func() { sink = httpsys.ParseReason(known) }},
		{name: "ParseReason longest", fn: func() { sink = httpsys.ParseReason(long) }},
		{name: "ParseReason unknown", fn: func() { sink = httpsys.ParseReason(unknown) }},
		{name: "ParseReasonString known", fn: func() { sink, _ = httpsys.ParseReasonString("N/A") }},
		{name: "String", fn: func() { str = httpsys.ReasonInvalidCRLF.String() }},
		{name: "Info", fn: func() { str = httpsys.ReasonQueueFull.Info().ClientText }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Zero(t, testing.AllocsPerRun(100, tc.fn))
		})
	}
	_, _ = sink, str
}
