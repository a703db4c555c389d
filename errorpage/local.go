package errorpage

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// proxyHeaders are the request header fields that reverse proxies and
// load balancers add. A request that carries any of them came through a
// proxy, whatever its peer address says.
var proxyHeaders = [...]string{
	"Forwarded",        // RFC 7239
	"X-Forwarded-For",  // de facto: IIS ARR, nginx, HAProxy, cloud load balancers
	"X-Forwarded-Host", // de facto
	"X-Forwarded-Proto",
	"X-Real-Ip", // nginx
	"True-Client-Ip",
	"X-Client-Ip",
	"Cf-Connecting-Ip",
	"Via", // RFC 9110, Section 7.6.3
}

// addrHeaders are the fields among proxyHeaders that name the client by
// a single address; X-Forwarded-For and Forwarded, which hold lists, are
// read separately.
var addrHeaders = [...]string{"X-Real-Ip", "True-Client-Ip", "X-Client-Ip", "Cf-Connecting-Ip"}

// IsLocalRequest reports whether r comes from the local machine, and so
// may see the detailed error page. It is the default of [Handler.IsLocal].
//
// The peer address (r.RemoteAddr) must be a loopback address (127.0.0.0/8,
// ::1). A request that also carries a forwarding header (Forwarded,
// X-Forwarded-For, X-Real-IP, Via and the like) is a proxied request: a
// reverse proxy on the same machine connects from 127.0.0.1 on behalf of
// remote clients. Such a request is remote unless its peer is one of
// trustedProxies; then the client is the address the forwarding headers
// name (X-Forwarded-For and Forwarded: the rightmost entry that is not
// itself a trusted proxy, all lines of a field read as one list), and the
// request is local only if every such header names a loopback client as
// seen by a hop on this machine. A client on the loopback interface of a
// proxy on another machine is local to that proxy, not to this server.
// A header that cannot be parsed, names the client "unknown" or by an
// obfuscated identifier, or a forwarded request that names no client at
// all (Via alone) makes the request remote.
//
// Headers are only evidence against locality when the peer is not
// trusted: a client cannot make itself local by sending them.
func IsLocalRequest(r *http.Request, trustedProxies []netip.Prefix) bool {
	peer, ok := parseHostPort(r.RemoteAddr)
	if !ok {
		return false
	}
	trusted := func(a netip.Addr) bool {
		for _, p := range trustedProxies {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	proxied := false
	for _, name := range proxyHeaders {
		if len(r.Header.Values(name)) > 0 {
			proxied = true
			break
		}
	}
	if !proxied {
		return peer.IsLoopback()
	}
	if !trusted(peer) {
		return false
	}
	// A trusted proxy forwarded the request: every address it (or a
	// client before it) names must be a loopback address, and there must
	// be at least one.
	named := false
	if v := r.Header.Values("X-Forwarded-For"); len(v) > 0 {
		client, reporter, ok := forwardedClient(splitList(v), peer, trusted)
		if !ok || !localVia(client, reporter) {
			return false
		}
		named = true
	}
	if v := r.Header.Values("Forwarded"); len(v) > 0 {
		client, reporter, ok := forwardedClient(forwardedFor(v), peer, trusted)
		if !ok || !localVia(client, reporter) {
			return false
		}
		named = true
	}
	for _, name := range addrHeaders {
		v := r.Header.Values(name)
		if len(v) == 0 {
			continue
		}
		if len(v) != 1 {
			return false
		}
		a, ok := parseHostPort(strings.TrimSpace(v[0]))
		if !ok || !localVia(a, peer) {
			return false
		}
		named = true
	}
	return named
}

// forwardedClient walks a forwarding chain from the right (the hop
// nearest to this server, reported by peer) and returns the first address
// that is not a trusted proxy, or the leftmost one when all are trusted,
// together with the address of the hop that reported it. Any entry it
// cannot parse on the way makes it fail.
func forwardedClient(entries []string, peer netip.Addr, trusted func(netip.Addr) bool) (client, reporter netip.Addr, ok bool) {
	if len(entries) == 0 {
		return netip.Addr{}, netip.Addr{}, false
	}
	reporter = peer
	for i := len(entries) - 1; i >= 0; i-- {
		if client, ok = parseHostPort(entries[i]); !ok {
			return netip.Addr{}, netip.Addr{}, false
		}
		if !trusted(client) || i == 0 {
			return client, reporter, true
		}
		reporter = client
	}
	return client, reporter, true
}

// localVia reports whether a client address that a hop reported is this
// machine: a loopback address, seen by a hop on this machine (a client
// on the loopback of a proxy elsewhere is local to that proxy, not here).
func localVia(client, reporter netip.Addr) bool {
	return client.IsLoopback() && reporter.IsLoopback()
}

// splitList joins the lines of a list-valued header field into one list
// (RFC 9110, Section 5.3) and splits it at commas, trimming spaces.
func splitList(lines []string) []string {
	var out []string
	for _, line := range lines {
		for e := range strings.SplitSeq(line, ",") {
			out = append(out, strings.TrimSpace(e))
		}
	}
	return out
}

// forwardedFor returns the for= parameter of each element of a Forwarded
// field (RFC 7239, Section 4), in order; an element without one yields "".
// Quoted values are unquoted. Commas inside quoted strings are not
// expected in for= values and split the element, which then fails to
// parse: a conservative answer.
func forwardedFor(lines []string) []string {
	var out []string
	for _, elem := range splitList(lines) {
		v := ""
		for pair := range strings.SplitSeq(elem, ";") {
			name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if ok && strings.EqualFold(strings.TrimSpace(name), "for") {
				v = strings.TrimSpace(value)
			}
		}
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		out = append(out, v)
	}
	return out
}

// parseHostPort parses "addr", "addr:port", "[v6]" or "[v6]:port", with
// any IPv4-mapped IPv6 address unmapped; zones are rejected. It also
// parses the nodes of a Forwarded field (RFC 7239, Section 6), whose
// "unknown" and obfuscated identifiers ("_hidden") are not addresses.
func parseHostPort(s string) (netip.Addr, bool) {
	host := s
	if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	} else if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		host = s[1 : len(s)-1]
	}
	a, err := netip.ParseAddr(host)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}
