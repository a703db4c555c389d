package errlog

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addrCases are checked against netip.ParseAddr, the reference.
var addrCases = []string{
	"0.0.0.0", "192.0.2.1", "255.255.255.255", "1.2.3.4",
	"256.0.0.1", "293.217.138.127", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..2.3", ".1.2.3", "1.2.3.",
	"1.2.3.4%0", "1.2.3.a", "1.2.3.4 ", "", "-", "%", "%0", "abc", "1234.1.1.1", "1.2.3.0400",
	"::", "::1", "::1%0", "::1%12", "::1%", "::1%eth0", "fe80::1%25", "2001:db8::5%12",
	"2001:4898:0:fff:0:5efe:10.164.167.30%0", "2001:4898:0:fff:0:5efe:10.164.167.30",
	"::ffff:192.0.2.1", "::192.0.2.1", "1::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
	"1:2:3:4:5:1.2.3.4", "1:2:3:4:5:6:1.2.3", "1:2:3:4:5:6:1.2.3.256", "::1.2.3.04",
	"2001:db8::", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "1:2:3:4:5:6:7:8",
	"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1::2::3", ":1::2",
	"1:::2", "12345::1", "g::1", "1:2:3:4:5:6:7:8%0", ":", ":::", "1:", "[::1]", "[::1]:80", "::1:80",
	"fe80::1%%", "fe80::1%a%b", "::%0", "1.2.3.4:80",
}

func TestParseAddrMatchesNetip(t *testing.T) {
	var z addrParser
	for _, s := range addrCases {
		t.Run(s, func(t *testing.T) {
			want, err := netip.ParseAddr(s)
			got, ok := z.parseAddr([]byte(s))
			assert.Equal(t, err == nil, ok, "accepted")
			if err == nil {
				assert.Equal(t, want, got)
			}
		})
	}
}

func TestZoneCache(t *testing.T) {
	var z zoneCache
	first := z.intern([]byte("0"))
	assert.Equal(t, "0", first)
	for i := range 20 { // overflow the cache
		z.intern([]byte{'a' + byte(i)})
	}
	assert.Equal(t, "12", z.intern([]byte("12")))
	assert.Equal(t, "12", z.intern([]byte("12")))
	allocs := testing.AllocsPerRun(100, func() { z.intern([]byte("12")) })
	assert.Zero(t, allocs)
}

func TestParseDateTimeMatchesTimeParse(t *testing.T) {
	dates := []string{"2026-01-05", "2024-02-29", "2025-02-29", "2000-02-29", "1900-02-29", "2026-12-31",
		"2026-13-01", "2026-00-10", "2026-04-31", "2026-04-30", "2026-1-05", "0000-01-01", "9999-12-31",
		"2026/01/05", "2026-01-0a", "+026-01-05", "2026-01-5 ", "20260105", "2018-13-45", "2026-01-00"}
	clocks := []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:00", "12:00:0a",
		"12-00-00", "12:00:00.5", "-1:00:00"}
	for _, d := range dates {
		for _, c := range clocks {
			want, err := time.Parse("2006-01-02 15:04:05", d+" "+c)
			got, ok := parseDateTime(d, c)
			if len(d) != 10 || len(c) != 8 {
				// time.Parse also takes "1:00:00" and "12:00:00.5";
				// HTTP.sys writes only the fixed-width forms.
				assert.False(t, ok, "%s %s", d, c)
				continue
			}
			assert.Equal(t, err == nil, ok, "%s %s: %v", d, c, err)
			if err == nil {
				assert.Equal(t, want, got, "%s %s", d, c)
				assert.Equal(t, time.UTC, got.Location())
			}
			gotB, okB := parseDateTime([]byte(d), []byte(c))
			assert.Equal(t, ok, okB)
			assert.Equal(t, got, gotB)
		}
	}
}

func TestParseNumbers(t *testing.T) {
	ports := []struct {
		in   string
		want uint16
		ok   bool
	}{{"0", 0, true}, {"80", 80, true}, {"65535", 65535, true}, {"65536", 0, false}, {"70000", 0, false},
		{"080", 80, true}, {"", 0, false}, {"-1", 0, false}, {"+80", 0, false}, {"123456", 0, false}, {"8 0", 0, false}}
	for _, tc := range ports {
		got, ok := parsePort(tc.in)
		assert.Equal(t, tc.ok, ok, "port %q", tc.in)
		if ok {
			assert.Equal(t, tc.want, got, "port %q", tc.in)
		}
	}
	statuses := []struct {
		in   string
		want int
		ok   bool
	}{{"100", 100, true}, {"404", 404, true}, {"999", 999, true}, {"099", 0, false}, {"000", 0, false},
		{"40", 0, false}, {"4044", 0, false}, {"abc", 0, false}, {"4a4", 0, false}, {"-", 0, false}}
	for _, tc := range statuses {
		got, ok := parseStatus(tc.in)
		assert.Equal(t, tc.ok, ok, "status %q", tc.in)
		assert.Equal(t, tc.want, got, "status %q", tc.in)
	}
	sites := []struct {
		in   string
		want uint32
		ok   bool
	}{{"1", 1, true}, {"447434323", 447434323, true}, {"4294967295", 1<<32 - 1, true}, {"4294967296", 0, false},
		{"99999999999", 0, false}, {"\u2013", 0, false}, {"", 0, false}}
	for _, tc := range sites {
		got, ok := parseSiteID(tc.in)
		assert.Equal(t, tc.ok, ok, "site %q", tc.in)
		if ok {
			assert.Equal(t, tc.want, got, "site %q", tc.in)
		}
	}
}

// FuzzParseAddr cross-checks the hand-written address parser against
// netip.ParseAddr.
func FuzzParseAddr(f *testing.F) {
	for _, s := range addrCases {
		f.Add(s)
	}
	var z addrParser
	f.Fuzz(func(t *testing.T, s string) {
		want, err := netip.ParseAddr(s)
		got, ok := z.parseAddr([]byte(s))
		if (err == nil) != ok {
			t.Fatalf("%q: netip err %v, ours ok=%v", s, err, ok)
		}
		if ok && want != got {
			t.Fatalf("%q: netip %v, ours %v", s, want, got)
		}
	})
}

// FuzzParseDateTime cross-checks the date and time parsers against
// time.Parse.
func FuzzParseDateTime(f *testing.F) {
	f.Add("2026-01-05", "09:00:01")
	f.Add("2024-02-29", "23:59:59")
	f.Add("2018-13-45", "24:00:00")
	f.Fuzz(func(t *testing.T, d, c string) {
		want, err := time.Parse("2006-01-02 15:04:05", d+" "+c)
		got, ok := parseDateTime(d, c)
		// time.Parse also accepts looser forms (" 0:00:00", "1:00:00",
		// fractions); HTTP.sys writes only fixed-width digits, and only
		// those are accepted here.
		if !fixedForm(d, "dddd-dd-dd") || !fixedForm(c, "dd:dd:dd") {
			if ok {
				t.Fatalf("%q %q accepted", d, c)
			}
			return
		}
		if (err == nil) != ok {
			t.Fatalf("%q %q: time.Parse err %v, ours ok=%v", d, c, err, ok)
		}
		if ok && !want.Equal(got) {
			t.Fatalf("%q %q: time.Parse %v, ours %v", d, c, want, got)
		}
	})
}

// fixedForm reports whether s has a digit wherever form has 'd' and the
// same byte elsewhere.
func fixedForm(s, form string) bool {
	if len(s) != len(form) {
		return false
	}
	for i := range len(s) {
		if form[i] == 'd' && (s[i] < '0' || s[i] > '9') || form[i] != 'd' && s[i] != form[i] {
			return false
		}
	}
	return true
}

func TestAddrCache(t *testing.T) {
	var c addrCache
	var z addrParser
	parse := func(s string) netip.Addr {
		a, ok := c.parse([]byte(s), &z)
		assert.True(t, ok, s)
		assert.Equal(t, netip.MustParseAddr(s), a, s)
		return a
	}
	// A frequent address survives a stream of one-off ones.
	for i := range 50 {
		parse("::1%0")
		parse(netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}).String())
	}
	for i := range 50 { // one-off addresses only
		parse(netip.AddrFrom4([4]byte{198, 51, 100, byte(i)}).String())
	}
	_, hit := c.lookup([]byte("::1%0"))
	assert.True(t, hit, "the frequent address is still cached")
	_, ok := c.parse([]byte("::1%"), &z)
	assert.False(t, ok)
	allocs := testing.AllocsPerRun(100, func() { c.parse([]byte("::1%0"), &z) })
	assert.Zero(t, allocs)
}

func TestStandardLayouts(t *testing.T) {
	assert.Equal(t, 0, layout12.std)
	assert.Equal(t, 9, layout13.std)
	assert.Equal(t, 10, layout14.std)
	assert.Equal(t, 11, layout16.std)
	assert.Equal(t, 11, layout18.std)
	assert.Equal(t, 0, newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri s-siteid sc-status s-reason s-queuename")).std)
	assert.Equal(t, 0, newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename c-ip")).std, "a typed column after the standard ones")
	assert.Equal(t, 10, newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri x-new sc-status s-siteid s-reason s-queuename x-other")).std)
}

// TestFillStandardMatchesColumns checks that the fixed-position fast path
// and the generic one agree, on good and bad values.
func TestFillStandardMatchesColumns(t *testing.T) {
	values := [][]string{
		{"2026-01-05", "-", "2026-13-45", "x"},
		{"09:00:01", "-", "24:00:00"},
		{"192.0.2.10", "::1%0", "-", "293.1.1.1", "fe80::1%12"},
		{"50100", "-", "70000"},
		{"192.0.2.1", "2001:db8::1", "-", "::1%"},
		{"80", "-", "x"},
		{"HTTP/1.1", "-"},
		{"GET", "-"},
		{"/a", "-"},
		{"-", "7"},
		{"503", "-", "abc"},
		{"3", "-", "\u2013"},
		{"QueueFull", "-", "Brand_New"},
		{"Pool", "-"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var f []string
		for _, vs := range values {
			f = append(f, vs[rng.IntN(len(vs))])
		}
		line := []byte(strings.Join(f, " "))
		bounds := splitSpaces(nil, line, 0, len(line))
		generic := *layout14
		generic.std = 0
		var r1, r2 Reader
		var rec1, rec2 Record
		bad1 := r1.fillStandard(&rec1, line, bounds, layout14.std)
		bad2 := r2.fillColumns(&rec2, line, bounds, &generic)
		require.Equal(t, bad2, bad1, "%s", line)
		require.Equal(t, rec2, rec1, "%s", line)
	}
}
