package w3c

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"net/netip"
)

// ParseIPv4 parses dotted-decimal IPv4 text the way netip.ParseAddr does:
// four decimal octets of at most 255, without leading zeros.
func ParseIPv4[T Text](s T) (ip [4]byte, ok bool) {
	i := 0
	for k := range 4 {
		if k > 0 {
			if i >= len(s) || s[i] != '.' {
				return ip, false
			}
			i++
		}
		if i >= len(s) {
			return ip, false
		}
		c := s[i] - '0'
		if c > 9 {
			return ip, false
		}
		i++
		v := uint(c)
		if c != 0 { // a leading 0 is the whole octet
			for n := 1; n < 3 && i < len(s); n++ {
				c = s[i] - '0'
				if c > 9 {
					break
				}
				v = v*10 + uint(c)
				i++
			}
			if v > 255 {
				return ip, false
			}
		}
		ip[k] = byte(v)
	}
	return ip, i == len(s)
}

// ParseIPv6 parses IPv6 text without a zone the way netip.ParseAddr does,
// including "::" and a trailing embedded IPv4 address.
func ParseIPv6[T Text](s T) (ip [16]byte, ok bool) {
	ellipsis := -1 // position of the "::" in ip
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return ip, true
		}
	}
	i := 0
	for i < 16 {
		off := 0
		acc := uint32(0)
		for ; off < len(s); off++ {
			d := hexDigit[s[off]]
			if d > 15 {
				break
			}
			acc = acc<<4 + uint32(d)
			if off > 3 {
				return ip, false // more than 4 digits in a group
			}
		}
		if off == 0 {
			return ip, false
		}
		if off < len(s) && s[off] == '.' {
			// Embedded IPv4 must fill the last 4 bytes.
			if ellipsis < 0 && i != 12 || i+4 > 16 {
				return ip, false
			}
			v4, ok := ParseIPv4(s)
			if !ok {
				return ip, false
			}
			copy(ip[i:], v4[:])
			s = s[len(s):]
			i += 4
			break
		}
		ip[i] = byte(acc >> 8)
		ip[i+1] = byte(acc)
		i += 2
		s = s[off:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return ip, false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return ip, false // second "::"
			}
			ellipsis = i
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return ip, false
	}
	if i < 16 {
		if ellipsis < 0 {
			return ip, false
		}
		n := 16 - i
		for j := i - 1; j >= ellipsis; j-- {
			ip[j+n] = ip[j]
		}
		clear(ip[ellipsis : ellipsis+n])
	} else if ellipsis >= 0 {
		return ip, false // "::" must stand for at least one group
	}
	return ip, true
}

// maxZones bounds the zones a zoneCache keeps: far more than the
// interfaces of any host, few enough that hostile input cannot make the
// cache grow without limit. Zones beyond it are still parsed, at the cost
// of one allocation each.
const maxZones = 4096

// zoneCache interns IPv6 zone strings ("0", "12", "eth0") so that parsing a
// zoned address does not allocate once its zone has been seen. Looking a
// zone up with m[string(b)] does not allocate, whatever the number of
// zones; the few zones seen last are compared first, which is quicker
// than hashing.
type zoneCache struct {
	recent [4]string // the zones seen last, also in m
	next   int       // the entry of recent to replace
	m      map[string]string
}

func (z *zoneCache) intern(b []byte) string {
	for _, s := range z.recent {
		if s == string(b) && s != "" {
			return s
		}
	}
	s, ok := z.m[string(b)]
	if !ok {
		s = string(b)
		if z.m == nil {
			z.m = make(map[string]string)
		}
		if len(z.m) < maxZones {
			z.m[s] = s
		}
	}
	z.recent[z.next] = s
	z.next = (z.next + 1) % len(z.recent)
	return s
}

// An AddrParser parses IP addresses without allocating in steady state.
// The zero value is ready to use. An AddrParser is not safe for concurrent
// use.
type AddrParser struct {
	zones zoneCache
	// zoned caches zoned addresses: they are few in practice (loopback,
	// link-local and ISATAP peers) and the most costly to build, since
	// netip interns their zone.
	zoned AddrCache
}

// Parse parses an IPv4 or IPv6 address, with an optional IPv6 zone,
// accepting exactly what netip.ParseAddr accepts.
func (p *AddrParser) Parse(b []byte) (netip.Addr, bool) {
	// Most addresses are IPv4: try that first. Text that parses as IPv4
	// holds only digits and dots, so netip reads it as IPv4 too.
	if ip, ok := ParseIPv4(b); ok {
		return netip.AddrFrom4(ip), true
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '.':
			if ip, ok := ParseIPv4(b); ok {
				return netip.AddrFrom4(ip), true
			}
			return netip.Addr{}, false
		case ':':
			j := bytes.IndexByte(b[i:], '%')
			if j < 0 {
				ip, ok := ParseIPv6(b)
				if !ok {
					return netip.Addr{}, false
				}
				return netip.AddrFrom16(ip), true
			}
			if i+j == len(b)-1 {
				return netip.Addr{}, false // explicit empty zone
			}
			if a, ok := p.zoned.Lookup(b); ok {
				return a, true
			}
			ip, ok := ParseIPv6(b[:i+j])
			if !ok {
				return netip.Addr{}, false
			}
			a := netip.AddrFrom16(ip).WithZone(p.zones.intern(b[i+j+1:]))
			p.zoned.Add(b, a)
			return a, true
		case '%':
			return netip.Addr{}, false
		}
	}
	return netip.Addr{}, false
}

// An AddrCache remembers the address texts of one column and their values.
// Server addresses are few (one per binding or interface) and clients come
// back, zoned ones (loopback, link-local, ISATAP) most of all, whose parsing
// costs the most. It is a hash table of addrSets sets of two entries: a
// lookup costs the same however full it is. A hit in the second entry of a
// set moves it to the first, and a miss replaces the second, so that
// one-off addresses do not evict the frequent ones. The zero value is ready
// to use.
type AddrCache struct {
	sets [addrSets][2]addrEntry
}

// addrSets is the number of sets of an AddrCache.
const (
	addrSetBits = 5
	addrSets    = 1 << addrSetBits
)

type addrEntry struct {
	head uint64 // the first 8 bytes of the text, for a quick reject
	tail uint64 // the last 8 bytes, which with head cover texts of up to 16 bytes
	n    int    // len of the cached text; 0 for an empty entry
	raw  [64]byte
	addr netip.Addr
}

// tail returns the last 8 bytes of b as a number, or 0 if b is shorter.
func tail(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(b[len(b)-8:])
}

// head returns the first 8 bytes of b (fewer, zero-padded, if b is
// shorter) as a number.
func head(b []byte) uint64 {
	if len(b) >= 8 {
		return binary.LittleEndian.Uint64(b)
	}
	var h uint64
	for i := len(b) - 1; i >= 0; i-- {
		h = h<<8 | uint64(b[i])
	}
	return h
}

// addrSet returns the set of the text of length n with the given head and
// tail.
func (c *AddrCache) addrSet(h, t uint64, n int) *[2]addrEntry {
	x := (h ^ bits.RotateLeft64(t, 29) ^ uint64(n)) * 0x9E3779B97F4A7C15
	return &c.sets[x>>(64-addrSetBits)&(addrSets-1)]
}

// matches reports whether e holds the text b, whose head and tail are h and t.
func (e *addrEntry) matches(b []byte, h, t uint64) bool {
	return e.head == h && e.tail == t && e.n == len(b) && (len(b) <= 16 || string(b) == string(e.raw[:e.n]))
}

// Lookup returns the cached value of the address text b.
func (c *AddrCache) Lookup(b []byte) (netip.Addr, bool) {
	if len(b) == 0 {
		return netip.Addr{}, false
	}
	h, t := head(b), tail(b)
	set := c.addrSet(h, t, len(b))
	if set[0].matches(b, h, t) {
		return set[0].addr, true
	}
	if set[1].matches(b, h, t) {
		set[0], set[1] = set[1], set[0]
		return set[0].addr, true
	}
	return netip.Addr{}, false
}

// Add caches a, the value of the non-empty address text b.
func (c *AddrCache) Add(b []byte, a netip.Addr) {
	if len(b) == 0 || len(b) > len(c.sets[0][0].raw) {
		return
	}
	h, t := head(b), tail(b)
	set := c.addrSet(h, t, len(b))
	e := &set[1]
	if set[0].n == 0 {
		e = &set[0]
	}
	e.head, e.tail = h, t
	e.n = copy(e.raw[:], b)
	e.addr = a
}

// Parse parses b like [AddrParser.Parse], reusing a cached result when b
// is the same text.
func (c *AddrCache) Parse(b []byte, p *AddrParser) (netip.Addr, bool) {
	if a, ok := c.Lookup(b); ok {
		return a, true
	}
	a, ok := p.Parse(b)
	if ok {
		c.Add(b, a)
	}
	return a, ok
}

// hexDigit maps a byte to its value as a hexadecimal digit, or 0xFF.
var hexDigit = func() (t [256]uint8) {
	for i := range t {
		t[i] = 0xFF
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = uint8(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = uint8(c - 'a' + 10)
		t[c-'a'+'A'] = uint8(c - 'a' + 10)
	}
	return t
}()
