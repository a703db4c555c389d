package iislog

import "bytes"

// AppendDecoded appends v to dst with every "+" replaced by a space, and
// returns the extended buffer. It undoes what IIS does to the spaces of a
// header value, for display: IIS writes "Mozilla/5.0 (Windows NT 10.0)" in
// cs(User-Agent) as "Mozilla/5.0+(Windows+NT+10.0)". It does not allocate
// when dst has room.
//
// It applies to the fields that hold a request or response header as
// sent: cs(User-Agent), cs(Cookie), cs(Referer), cs-host, and custom
// header fields such as X-Forwarded-For ("203.0.113.7,+10.0.0.1"). It does
// not apply to cs-uri-query, which keeps the client's own encoding (there
// "+" and "%20" are the client's, to be decoded with [net/url.ParseQuery]),
// nor to cs-uri-stem and cs-username.
//
// The decoding is lossy: IIS leaves a "+" of the original as it is, so a
// literal "+" becomes a space too. Bingbot's "(+http://www.bing.com/...)"
// is logged as "(++http://..." and decodes to "(  http://...". Keep the
// logged bytes for anything but display.
func AppendDecoded(dst, v []byte) []byte {
	for {
		i := bytes.IndexByte(v, '+')
		if i < 0 {
			return append(dst, v...)
		}
		dst = append(dst, v[:i]...)
		dst = append(dst, ' ')
		v = v[i+1:]
	}
}
