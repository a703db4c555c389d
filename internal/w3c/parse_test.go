package w3c

import (
	"fmt"
	"net/netip"
	"strconv"
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
	var z AddrParser
	for _, s := range addrCases {
		t.Run(s, func(t *testing.T) {
			want, err := netip.ParseAddr(s)
			got, ok := z.Parse([]byte(s))
			assert.Equal(t, err == nil, ok, "accepted")
			if err == nil {
				assert.Equal(t, want, got)
			}
		})
	}
}

func TestZoneCache(t *testing.T) {
	var z zoneCache
	assert.Equal(t, "0", z.intern([]byte("0")))
	for i := range 100 {
		z.intern([]byte(strconv.Itoa(i)))
	}
	assert.Equal(t, "12", z.intern([]byte("12")))
	allocs := testing.AllocsPerRun(100, func() { z.intern([]byte("12")) })
	assert.Zero(t, allocs)

	// Past the bound, zones are still right, at one allocation each.
	for i := range maxZones + 10 {
		assert.Equal(t, "z"+strconv.Itoa(i), z.intern([]byte("z"+strconv.Itoa(i))))
	}
	assert.Len(t, z.m, maxZones)
}

// TestZonedAddrsNoAllocs parses zoned addresses with many distinct zones (a
// router or hypervisor host: 26 interfaces and more), and more distinct
// addresses than the zoned-address cache holds. The zone cache of 8 entries
// it replaces allocated on every zoned line of such input.
func TestZonedAddrsNoAllocs(t *testing.T) {
	for _, zones := range []int{26, 300} {
		t.Run(strconv.Itoa(zones), func(t *testing.T) {
			var p AddrParser
			var texts [][]byte
			for z := range zones {
				for h := range 3 {
					texts = append(texts, fmt.Appendf(nil, "fe80::%x:%x%%%d", z+1, h+1, z))
				}
				texts = append(texts, fmt.Appendf(nil, "fe80::1%%eth%d", z))
			}
			for _, b := range texts { // warm up: every zone seen once
				want := netip.MustParseAddr(string(b))
				got, ok := p.Parse(b)
				require.True(t, ok, "%s", b)
				require.Equal(t, want, got, "%s", b)
			}
			// AllocsPerRun rounds down: parse every text in each run, so
			// that even a fraction of an allocation per address shows.
			allocs := testing.AllocsPerRun(4, func() {
				for _, b := range texts {
					if a, ok := p.Parse(b); !ok || a.Zone() == "" {
						t.Fatalf("%s: %v %v", b, a, ok)
					}
				}
			})
			assert.Zero(t, allocs)
		})
	}
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
			got, ok := ParseDateTime(d, c)
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
			gotB, okB := ParseDateTime([]byte(d), []byte(c))
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
		got, ok := ParsePort(tc.in)
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
		got, ok := ParseStatus(tc.in)
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
		got, ok := ParseUint32(tc.in)
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
	var z AddrParser
	f.Fuzz(func(t *testing.T, s string) {
		want, err := netip.ParseAddr(s)
		got, ok := z.Parse([]byte(s))
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
		got, ok := ParseDateTime(d, c)
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
	var c AddrCache
	var z AddrParser
	parse := func(s string) netip.Addr {
		a, ok := c.Parse([]byte(s), &z)
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
	_, hit := c.Lookup([]byte("::1%0"))
	assert.True(t, hit, "the frequent address is still cached")
	_, ok := c.Parse([]byte("::1%"), &z)
	assert.False(t, ok)
	allocs := testing.AllocsPerRun(100, func() { c.Parse([]byte("::1%0"), &z) })
	assert.Zero(t, allocs)
}
