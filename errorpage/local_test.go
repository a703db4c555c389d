package errorpage

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsLocalRequest(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/24")}
	tests := []struct {
		name    string
		peer    string
		header  [][2]string
		trusted []netip.Prefix
		want    bool
	}{
		{"ipv4 loopback", "127.0.0.1:5000", nil, nil, true},
		{"other 127 address", "127.0.0.2:5000", nil, nil, true},
		{"ipv6 loopback", "[::1]:5000", nil, nil, true},
		{"mapped loopback", "[::ffff:127.0.0.1]:80", nil, nil, true},
		{"no port", "127.0.0.1", nil, nil, true},
		{"private", "10.0.0.1:5000", nil, nil, false},
		{"public v6", "[2001:db8::1]:443", nil, nil, false},
		{"host name", "localhost:80", nil, nil, false},
		{"zone", "[fe80::1%eth0]:80", nil, nil, false},
		{"empty", "", nil, nil, false},

		// Proxied through this machine, no proxy trusted: remote.
		{"xff", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "203.0.113.9"}}, nil, false},
		{"xff loopback forged", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}}, nil, false},
		{"forwarded", "[::1]:5000", [][2]string{{"Forwarded", `for="[2001:db8::7]:4711"`}}, nil, false},
		{"x-real-ip", "127.0.0.1:5000", [][2]string{{"X-Real-IP", "203.0.113.9"}}, nil, false},
		{"true-client-ip", "127.0.0.1:5000", [][2]string{{"True-Client-IP", "203.0.113.9"}}, nil, false},
		{"via only", "127.0.0.1:5000", [][2]string{{"Via", "1.1 arr"}}, nil, false},
		{"x-forwarded-host only", "127.0.0.1:5000", [][2]string{{"X-Forwarded-Host", "example.com"}}, nil, false},
		{"empty xff", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", ""}}, nil, false},

		// A remote client cannot make itself local with headers.
		{"remote forging xff", "203.0.113.9:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}}, proxy, false},
		{"remote forging forwarded", "203.0.113.9:5000", [][2]string{{"Forwarded", "for=127.0.0.1"}}, nil, false},

		// Trusted proxies: the forwarded client decides.
		{"trusted, remote client", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "203.0.113.9"}}, proxy, false},
		{"trusted, local client", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}}, proxy, true},
		{"trusted, local client with port", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1:61000"}}, proxy, true},
		{"trusted, ipv6 loopback client", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "::1"}}, proxy, true},
		{"trusted chain, remote client", "10.0.0.5:5000", [][2]string{{"X-Forwarded-For", "203.0.113.9, 127.0.0.1"}}, proxy, false},
		{"trusted chain, loopback of a remote proxy", "10.0.0.5:5000", [][2]string{{"X-Forwarded-For", "::1, 10.0.0.7"}}, proxy, false},
		{"trusted chain through this machine", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "::1, 10.0.0.7"}}, proxy, false},
		{"trusted chain, all loopback", "[::1]:5000", [][2]string{{"X-Forwarded-For", "::1, 127.0.0.1"}}, loopbackNet, true},
		{"forged loopback left of a remote client", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1, 203.0.113.9"}}, proxy, false},
		{"two lines are one list", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}, {"X-Forwarded-For", "203.0.113.9"}}, proxy, false},
		{"two lines, the proxy's own entry last", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-For", "127.0.0.1"}}, proxy, false},
		{"two lines, local", "[::1]:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}, {"X-Forwarded-For", "::1"}}, []netip.Prefix{netip.MustParsePrefix("::1/128")}, true},
		{"garbage entry", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1, nonsense"}}, proxy, false},
		{"forwarded local", "127.0.0.1:5000", [][2]string{{"Forwarded", "for=127.0.0.1;proto=http"}}, proxy, true},
		{"forwarded quoted v6", "127.0.0.1:5000", [][2]string{{"Forwarded", `For="[::1]:8080"`}}, proxy, true},
		{"forwarded unknown", "127.0.0.1:5000", [][2]string{{"Forwarded", "for=unknown"}}, proxy, false},
		{"forwarded obfuscated", "127.0.0.1:5000", [][2]string{{"Forwarded", "for=_hidden"}}, proxy, false},
		{"forwarded without for", "127.0.0.1:5000", [][2]string{{"Forwarded", "proto=https"}}, proxy, false},
		{"headers disagree", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "127.0.0.1"}, {"Forwarded", "for=203.0.113.9"}}, proxy, false},
		{"forged x-real-ip vs xff", "127.0.0.1:5000", [][2]string{{"X-Forwarded-For", "203.0.113.9"}, {"X-Real-IP", "127.0.0.1"}}, proxy, false},
		{"trusted, via only", "127.0.0.1:5000", [][2]string{{"Via", "1.1 arr"}}, proxy, false},
		{"trusted, x-real-ip twice", "127.0.0.1:5000", [][2]string{{"X-Real-IP", "127.0.0.1"}, {"X-Real-IP", "127.0.0.1"}}, proxy, false},
		{"trusted, x-real-ip local", "127.0.0.1:5000", [][2]string{{"X-Real-IP", "127.0.0.1"}}, proxy, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.peer
			for _, kv := range tc.header {
				r.Header.Add(kv[0], kv[1])
			}
			assert.Equal(t, tc.want, IsLocalRequest(r, tc.trusted))
		})
	}
}

// FuzzIsLocalRequest: no panic, and the two safety rules hold for any
// headers: a non-loopback peer that is not a trusted proxy is never
// local, and with no trusted proxy a forwarded request is never local.
func FuzzIsLocalRequest(f *testing.F) {
	f.Add("127.0.0.1:1", "X-Forwarded-For", "127.0.0.1")
	f.Add("[::1]:1", "Forwarded", `for="[::1]";by=x, for=127.0.0.1`)
	f.Add("10.0.0.1:1", "X-Real-IP", "::ffff:127.0.0.1")
	f.Add("127.0.0.1", "Via", "")
	f.Fuzz(func(t *testing.T, peer, name, value string) {
		r := &http.Request{RemoteAddr: peer, Header: http.Header{}}
		r.Header.Add(name, value)
		trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
		got := IsLocalRequest(r, trusted)
		p, ok := parseHostPort(peer)
		if got && (!ok || (!p.IsLoopback() && !trusted[0].Contains(p))) {
			t.Fatalf("peer %q with %s: %q is local", peer, name, value)
		}
		if IsLocalRequest(r, nil) && len(r.Header.Values("X-Forwarded-For"))+len(r.Header.Values("Forwarded"))+len(r.Header.Values("X-Real-IP"))+len(r.Header.Values("Via")) > 0 {
			t.Fatalf("forwarded request %s: %q is local with no trusted proxy", name, value)
		}
	})
}
