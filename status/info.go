package status

import (
	"iter"
	"strings"

	"github.com/iisstatus/iisstatus/internal/enumtext"
)

// Info holds the facts about one meaning of a status code. It is a plain
// value: changing a copy changes nothing in the package. The zero Info
// describes nothing (its Code is 0). Info encodes to JSON with the field
// names in its tags; empty fields are omitted. The IIS wordings and former
// phrases are not fields: read them with [Info.IISWordings] and
// [Info.FormerPhrases].
type Info struct {
	// Code is the status code.
	Code Code `json:"code"`
	// Phrase is the reason phrase, byte-exact: the IANA registry's for
	// registered codes, the vendor's label otherwise. For the primary meaning
	// of a code it equals [Code.Text].
	Phrase string `json:"phrase,omitempty"`
	// Spec is the defining document as the registry cites it
	// ("RFC 9110, Section 15.5.5"), or the vendor source of an unofficial code.
	Spec string `json:"spec,omitempty"`
	// Registry tells registered codes from Microsoft and other vendor codes.
	Registry Registry `json:"registry,omitempty"`
	// Cacheable reports whether a response with this code may be stored and
	// reused with heuristic freshness, without explicit freshness information:
	// the codes RFC 9110, Section 15.1 lists as "heuristically cacheable" (200,
	// 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501), plus 451, which
	// RFC 7725, Section 3 makes cacheable by default. Other codes may still be
	// cached when the response says so explicitly (Cache-Control, Expires).
	Cacheable bool `json:"cacheable,omitempty"`
	// NoStore reports that a specification forbids caches to store such a
	// response at all: RFC 6585 says so for 428, 429, 431 and 511.
	NoStore bool `json:"no_store,omitempty"`
	// Retry says whether and how a client may repeat a request that got this
	// code; see [Retry] for the exact meaning of each value.
	Retry Retry `json:"retry,omitempty"`
	// RetryAfter reports whether a Retry-After header field has a defined
	// meaning with this code: with 503 it says how long the service will be
	// unavailable, with any 3xx how long to wait before following the
	// redirection (RFC 9110, Section 10.2.3); with 429 how long to wait
	// before a new request (RFC 6585, Section 4); with 413 it marks the
	// condition as temporary and says when to try again (RFC 9110,
	// Section 15.5.14).
	RetryAfter bool `json:"retry_after,omitempty"`
	// Description explains the code in our own words: what it means, when
	// servers send it and what a client does with it.
	Description string `json:"description,omitempty"`
	// IISNote is advice for an IIS operator who meets the code in IIS or
	// HTTP.sys logs: where IIS sends it, which setting or log explains it.
	// It is empty when there is nothing IIS-specific to say.
	IISNote string `json:"iis_note,omitempty"`
	// Notes records provenance and caveats of the data (phrase history,
	// registration status, conflicts between sources).
	Notes string `json:"notes,omitempty"`
	// Source lists the URLs the entry is based on, separated by spaces; it may
	// be empty for codes fully described by Spec.
	Source string `json:"source,omitempty"`

	former     string // former phrases, "|"-separated
	iisWording string // IIS wordings, "|"-separated
	iisSource  string // their sources, "|"-separated, pairwise
}

// Info returns the primary meaning of c: for 451 the registered "Unavailable
// For Legal Reasons", not Exchange ActiveSync's "451 Redirect" (see
// [Code.Meanings]). It reports false, with a zero Info, for unknown codes.
// It does not allocate.
func (c Code) Info() (Info, bool) {
	if i, ok := c.lookup(); ok && index[i] != 0 {
		return infos[index[i]-1], true
	}
	return Info{}, false
}

// Meanings returns an iterator over every meaning the data records for c:
// the primary one first (the one [Code.Info] returns), then vendor uses of
// the same number, such as Exchange ActiveSync's "451 Redirect". It yields
// nothing for unknown codes.
func (c Code) Meanings() iter.Seq[Info] {
	return func(yield func(Info) bool) {
		i, ok := c.lookup()
		if !ok || index[i] == 0 {
			return
		}
		for j := int(index[i]) - 1; j < len(infos) && infos[j].Code == c; j++ {
			if !yield(infos[j]) {
				return
			}
		}
	}
}

// IsUnofficial reports whether the meaning is not registered with IANA: a
// Microsoft code (440, 449) or another vendor's (nginx's 499, Cloudflare's
// 52x, Exchange ActiveSync's 451 Redirect).
func (i Info) IsUnofficial() bool { return i.Registry != Registered }

// FormerPhrases returns an iterator over phrases once used for the code, most
// recent first: for 413 "Payload Too Large" (RFC 7231) and "Request Entity
// Too Large" (RFC 2616). It also lists the pre-registration names of 306
// ("Switch Proxy") and 418 ("I'm a teapot").
func (i Info) FormerPhrases() iter.Seq[string] {
	return splitList(i.former)
}

// IISWordings returns an iterator over the names IIS documentation gives the
// code, where they differ from the registered phrase or are IIS's own
// heading, each with the document it comes from: for 302 "Object Moved"
// (the IIS 6.0 documentation) and "Object moved" (KB 943891). The wording
// omits the code prefix of the original heading ("302-Object Moved").
func (i Info) IISWordings() iter.Seq2[string, string] {
	return func(yield func(wording, source string) bool) {
		w, s := i.iisWording, i.iisSource
		for w != "" {
			var ww, ss string
			ww, w, _ = strings.Cut(w, "|")
			ss, s, _ = strings.Cut(s, "|")
			if !yield(ww, ss) {
				return
			}
		}
	}
}

func splitList(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for s != "" {
			var x string
			x, s, _ = strings.Cut(s, "|")
			if !yield(x) {
				return
			}
		}
	}
}

// Registry tells whether a code is registered with IANA or is a vendor's.
type Registry uint8

// Registry values. The zero value is [UnknownRegistry].
const (
	// UnknownRegistry is the zero Registry, of the zero Info.
	UnknownRegistry Registry = iota
	// Registered codes are in the IANA HTTP Status Code Registry.
	Registered
	// IISSpecific codes are Microsoft's (IIS, Exchange, Microsoft WebDAV),
	// unofficial.
	IISSpecific
	// OtherVendor codes are used by other products (nginx, Cloudflare,
	// Exchange ActiveSync's 451), unofficial.
	OtherVendor
)

var registryNames = [...]string{UnknownRegistry: "unknown", Registered: "registered", IISSpecific: "iis-specific", OtherVendor: "other-vendor"}

// String returns "registered", "iis-specific" or "other-vendor", the words
// used in the data, or "unknown".
func (r Registry) String() string {
	if int(r) < len(registryNames) {
		return registryNames[r]
	}
	return registryNames[UnknownRegistry]
}

// AppendText implements [encoding.TextAppender] with the String form;
// [UnknownRegistry], the zero value, is "unknown". A value that is not one
// of the constants is an error.
func (r Registry) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, registryNames[:], r, "status", "Registry")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (r Registry) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (r *Registry) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, registryNames[:], r, "status", "Registry")
}

// Retry is a hint on whether a client may repeat a request that got a given
// status code. It speaks of repeating the same request unchanged;
// correcting a request (new credentials, a smaller body, a precondition) and
// following a redirection are always possible and are not retries.
type Retry uint8

// Retry hints. RFC 9110, Section 9.2.2 is the general rule behind them: a
// client should not repeat a request automatically unless its method is
// idempotent (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or it knows that the
// server did not process the request.
const (
	// RetryUnknown is the zero value: there is no hint (unknown code).
	RetryUnknown Retry = iota
	// RetryNever: repeating the request unchanged is expected to get the same
	// outcome. The response is final or interim (1xx, 2xx), a redirection to
	// follow (3xx), or a verdict on the request itself (most 4xx, and 5xx
	// that describe the server's configuration, such as 501 or 505). 413
	// is RetryNever but, when sent with Retry-After, the condition is
	// temporary and [RetryLater] applies (RFC 9110, Section 15.5.14).
	RetryNever
	// RetryIdempotent: the failure may be transient (500, 502, 504, 507, and
	// the proxy codes 499 and 520-522), but the server may have acted on the
	// request, so only requests with idempotent methods may be repeated
	// automatically, preferably with backoff (RFC 9110, Section 9.2.2).
	RetryIdempotent
	// RetryNewConnection: the request was not processed and may be repeated,
	// whatever its method, on a new connection: 408 (RFC 9110,
	// Section 15.5.9), 421 (RFC 9110, Section 15.5.20) and 425 once the TLS
	// handshake has completed (RFC 8470, Section 5.2).
	RetryNewConnection
	// RetryLater: the server declined the request for now (503, RFC 9110,
	// Section 15.6.4; 429, RFC 6585, Section 4). Repeat it only after a
	// delay: the time a Retry-After header gives, or a backoff when there
	// is none (RFC 9110, Section 10.2.3).
	RetryLater
)

var retryNames = [...]string{RetryUnknown: "unknown", RetryNever: "never", RetryIdempotent: "idempotent", RetryNewConnection: "new-connection", RetryLater: "later"}

// String returns "never", "idempotent", "new-connection", "later" (the words
// used in the data) or "unknown".
func (r Retry) String() string {
	if int(r) < len(retryNames) {
		return retryNames[r]
	}
	return retryNames[RetryUnknown]
}

// AppendText implements [encoding.TextAppender] with the String form;
// [RetryUnknown], the zero value, is "unknown". A value that is not one of
// the constants is an error.
func (r Retry) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, retryNames[:], r, "status", "Retry")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (r Retry) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (r *Retry) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, retryNames[:], r, "status", "Retry")
}
