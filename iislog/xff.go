package iislog

import (
	"bytes"
	"net/netip"

	"github.com/iisstatus/iisstatus/internal/w3c"
)

// A Hop selects an address of an X-Forwarded-For list, which each proxy
// extends on the right with the address it received the request from.
type Hop uint8

const (
	// FirstHop is the left-most address: the client as the first proxy
	// saw it. Any client can send an X-Forwarded-For header of its own,
	// so this address is only as trustworthy as every proxy on the way.
	FirstHop Hop = iota
	// LastHop is the right-most address: the one the proxy next to IIS
	// (whose address is c-ip) received the request from. It is the one to
	// use when only that proxy is trusted.
	LastHop
)

// ForwardedFor returns the client address that a load balancer or proxy
// in front of IIS passed in the X-Forwarded-For custom field (IIS 8.5 and
// later; the column is found whatever the case of its name), as chosen by
// hop. It reads what proxies write: a single address, a list ("a,b", and
// "a,+b" where IIS wrote the space after the comma as "+"), IPv4 and IPv6
// addresses with a port ("203.0.113.7:50432", "[2001:db8::1]:443", as an
// Azure Application Gateway writes them) and IPv6 zones.
//
// It returns the zero Addr and a nil error when the layout has no
// X-Forwarded-For column or the column holds "-". A value it cannot read
// ("unknown", "\203.0.113.1", an empty entry) is never guessed at: it
// returns the zero Addr and a *ParseError wrapping [ErrBadValue], with the
// record's line and the column of the entry. It does not allocate, except
// for an address with a zone and for an error.
func (r *Record) ForwardedFor(hop Hop) (netip.Addr, error) {
	lay := r.row.Layout
	if lay == nil {
		return netip.Addr{}, nil
	}
	c := xffCol(lay)
	if c < 0 {
		return netip.Addr{}, nil
	}
	v := r.row.Col(c)
	if w3c.IsDash(v) {
		return netip.Addr{}, nil
	}
	lo, hi := 0, len(v)
	if hop == LastHop {
		if i := bytes.LastIndexByte(v, ','); i >= 0 {
			lo = i + 1
		}
	} else if i := bytes.IndexByte(v, ','); i >= 0 {
		hi = i
	}
	for lo < hi && (v[lo] == '+' || v[lo] == ' ') {
		lo++
	}
	for hi > lo && (v[hi-1] == '+' || v[hi-1] == ' ') {
		hi--
	}
	if a, ok := parseHop(v[lo:hi]); ok {
		return a, nil
	}
	return netip.Addr{}, &ParseError{Line: r.Line, Column: r.row.Cols[c].Lo + lo + 1, Field: lay.Names[c], Err: ErrBadValue}
}

// parseHop parses one entry of an X-Forwarded-For list: an address,
// optionally with a port, IPv6 in brackets when it has one.
func parseHop(b []byte) (netip.Addr, bool) {
	if len(b) > 0 && b[0] == '[' {
		end := bytes.IndexByte(b, ']')
		if end < 0 {
			return netip.Addr{}, false
		}
		if rest := b[end+1:]; len(rest) > 0 && !isPort(rest) {
			return netip.Addr{}, false
		}
		a, ok := parseIP(b[1:end])
		return a, ok && a.Is6()
	}
	if i := bytes.IndexByte(b, ':'); i >= 0 && bytes.IndexByte(b[i+1:], ':') < 0 {
		// One colon: IPv4 with a port.
		if !isPort(b[i:]) {
			return netip.Addr{}, false
		}
		a, ok := parseIP(b[:i])
		return a, ok && a.Is4()
	}
	return parseIP(b)
}

// isPort reports whether b is ":" and a decimal port.
func isPort(b []byte) bool {
	if len(b) < 2 || b[0] != ':' {
		return false
	}
	_, ok := w3c.ParsePort(b[1:])
	return ok
}

// parseIP parses an IPv4 or IPv6 address, an IPv6 one with an optional
// zone, as netip.ParseAddr does.
func parseIP(b []byte) (netip.Addr, bool) {
	if ip, ok := w3c.ParseIPv4(b); ok {
		return netip.AddrFrom4(ip), true
	}
	zone := bytes.IndexByte(b, '%')
	text := b
	if zone >= 0 {
		if zone == len(b)-1 {
			return netip.Addr{}, false
		}
		text = b[:zone]
	}
	ip, ok := w3c.ParseIPv6(text)
	if !ok {
		return netip.Addr{}, false
	}
	a := netip.AddrFrom16(ip)
	if zone >= 0 {
		a = a.WithZone(string(b[zone+1:]))
	}
	return a, true
}
