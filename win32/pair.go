package win32

import (
	"iter"

	"github.com/iisstatus/iisstatus/substatus"
)

// Pair is what one (substatus, error code) combination means: the cause
// behind, say, "HTTP Error 500.19" with "Error Code 0x8007000d", and what
// to check. The same code means different things with different substatus
// codes (0x80070032 is an unsupported ISAPI filter with 500.0, a missing
// MIME map with 404.3), and one combination can have several rows (500.19
// with 0x8007000D in general and for an ASP.NET Core app), so lookups yield
// every matching Pair.
//
// Pages of the ASP.NET Core Module (500.30 to 500.38, 502.5) show no error
// code; their causes are Pairs without a code ([Pair.HasCode] is false),
// found with [PairsFor] and chosen by [Triple.Pairs]. Codes the module writes only to the Application
// event log (0x8007023E, 0x800700C1) are Pairs of their own.
//
// A Pair is a small comparable handle into the package's read-only table;
// its methods do not allocate. The zero value is not a valid Pair: its
// methods return zero values.
type Pair struct {
	i uint16 // index into pairTable, plus one
}

// pairRow is one row of the generated pair table.
type pairRow struct {
	id         string
	sub        substatus.Code
	module     substatus.Module
	code       Code
	hasCode    bool
	challenge  bool
	versions   string
	cause, fix string
	confidence substatus.Confidence
	sources    []string
	notes      []string
}

var zeroPair pairRow

func (p Pair) row() *pairRow {
	if !p.IsValid() {
		return &zeroPair
	}
	return &pairTable[p.i-1]
}

// IsValid reports whether p refers to a row of the table.
func (p Pair) IsValid() bool { return p.i != 0 && int(p.i) <= len(pairTable) }

// ID returns the pair's stable identifier: the substatus code and the error
// code ("500.19/0x8007000D"), with a module or variant where needed to tell
// rows apart ("500.19/0x8007000D/aspnetcore", "500.30/ancm" for the ANCM
// cause without a code). IDs never change once published, so translations
// and stored references may key on them; see [PairByID].
func (p Pair) ID() string { return p.row().id }

// Substatus returns the IIS status and substatus of the pair, such as
// 500.19.
func (p Pair) Substatus() substatus.Code { return p.row().sub }

// Module returns the IIS component that sets the substatus:
// [substatus.ModuleCore] for IIS itself, [substatus.ModuleANCM] for the
// ASP.NET Core Module, [substatus.ModuleARR] for Application Request
// Routing.
func (p Pair) Module() substatus.Module { return p.row().module }

// Code returns the error code of the pair in its HRESULT form, as error
// pages and event logs show it (0x8007000D); IIS logs the Win32 part of a
// 0x8007xxxx code in sc-win32-status (13). Code returns 0 for a pair
// without a code; a page that shows "0x00000000" has a code of 0, and
// [Pair.HasCode] tells the two apart.
func (p Pair) Code() Code { return p.row().code }

// HasCode reports whether the pair has an error code. It is false for the
// causes of pages that show none, such as those of the ASP.NET Core
// Module.
func (p Pair) HasCode() bool { return p.row().hasCode }

// IISVersions says where the pair applies, such as "7.0+" or
// "7.5+ with ANCM v2".
func (p Pair) IISVersions() string { return p.row().versions }

// Cause explains, in this project's words, what went wrong.
func (p Pair) Cause() string { return p.row().cause }

// Fix says what to check or change.
func (p Pair) Fix() string { return p.row().fix }

// Confidence returns how well the sources support the pair: high when a
// source states the code and the cause together, medium when the cause is
// stated and the code comes from another report of the same error, low for
// a single weak source.
func (p Pair) Confidence() substatus.Confidence { return p.row().confidence }

// IsChallenge reports whether the pair is a normal authentication
// challenge rather than a failure: IIS asked the client for credentials
// (401.2 with 0x80070005, logged "401 2 5") or for the next leg of
// Negotiate or NTLM (401.1 with 0x8009030E, logged "401 1 2148074254"),
// and a client that can log on answers with its next request. Many of them
// from one client are a client that authenticates often, not one that
// fails to; a rule that looks for failed logons should skip them.
func (p Pair) IsChallenge() bool { return p.row().challenge }

// Sources returns an iterator over the public sources of the pair, most
// often Microsoft articles.
func (p Pair) Sources() iter.Seq[string] { return seq(p.row().sources) }

// Notes returns an iterator over remarks on the data: where the code was
// seen, doubts.
func (p Pair) Notes() iter.Seq[string] { return seq(p.row().notes) }

// String returns the substatus, the code in hex if the pair has one and
// the module if it is not IIS itself: "500.19 0x8007000D",
// "502.3 0x80072EE2 (ARR)", "500.30 (ANCM)". It returns "" for the zero
// Pair.
func (p Pair) String() string {
	if !p.IsValid() {
		return ""
	}
	r := p.row()
	b := make([]byte, 0, 32)
	b = append(b, r.sub.String()...)
	if r.hasCode {
		b = append(b, " 0x"...)
		b = appendHex(b, r.code)
	}
	if r.module != substatus.ModuleCore {
		b = append(b, " ("...)
		b = append(b, r.module.String()...)
		b = append(b, ')')
	}
	return string(b)
}

// AppendText implements [encoding.TextAppender]: it appends the pair's
// [Pair.ID] ("" for the zero Pair).
func (p Pair) AppendText(b []byte) ([]byte, error) { return append(b, p.row().id...), nil }

// MarshalText implements [encoding.TextMarshaler]: the pair's [Pair.ID].
func (p Pair) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]: it sets p to the
// pair with the ID in text (see [PairByID]); empty text gives the zero
// Pair.
func (p *Pair) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = Pair{}
		return nil
	}
	q, ok := PairByID(string(text))
	if !ok {
		return &ParseError{Input: string(text), Err: ErrUnknownPair}
	}
	*p = q
	return nil
}

// PairByID returns the pair with the given [Pair.ID].
func PairByID(id string) (Pair, bool) {
	for i := range pairTable {
		if pairTable[i].id == id {
			return Pair{uint16(i + 1)}, true
		}
	}
	return Pair{}, false
}

// Pairs yields every pair in the table in ascending order of substatus
// code, then error code; pairs without a code come first.
func Pairs() iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		for i := range pairTable {
			if !yield(Pair{uint16(i + 1)}) {
				return
			}
		}
	}
}

// PairsFor yields the pairs of substatus code s (of every module), in the
// order of [Pairs]: first those without a code, which explain a page that
// shows none ("HTTP Error 500.30 - ASP.NET Core app failed to start"), then
// one per error code seen with s.
func PairsFor(s substatus.Code) iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		for i := firstPair(s); i < len(pairTable) && pairTable[i].sub == s; i++ {
			if !yield(Pair{uint16(i + 1)}) {
				return
			}
		}
	}
}

// LookupPairs yields the pairs of exactly substatus s and code c, in table
// order. c may be given in either form: 13 and 0x8007000D find the same
// pairs, so a log triple "500 19 13" and an error page with "Error Code
// 0x8007000d" get the same answer. Most combinations have one pair, some
// several (500.19 with 0x8007000D), unknown ones none. Pairs without a code
// never match; use [PairsFor] for those, and [Explain] or [Triple.Pairs]
// for the pairs that explain a log line or a page.
func LookupPairs(s substatus.Code, c Code) iter.Seq[Pair] {
	h := c.HRESULT()
	return func(yield func(Pair) bool) {
		for i := firstPair(s); i < len(pairTable) && pairTable[i].sub == s; i++ {
			if r := &pairTable[i]; r.hasCode && r.code == h {
				if !yield(Pair{uint16(i + 1)}) {
					return
				}
			}
		}
	}
}

// Pairs yields every pair with code c, whatever its substatus, in the
// order of [Pairs]; 13 and 0x8007000D are the same code. It answers "what
// does 0x80070021 mean" when no substatus is known.
func (c Code) Pairs() iter.Seq[Pair] {
	h := c.HRESULT()
	return func(yield func(Pair) bool) {
		for i := range pairTable {
			if r := &pairTable[i]; r.hasCode && r.code == h {
				if !yield(Pair{uint16(i + 1)}) {
					return
				}
			}
		}
	}
}

// firstPair returns the index of the first row of s in pairTable, or the
// index where it would be.
func firstPair(s substatus.Code) int {
	k := pairKey(s)
	lo, hi := 0, len(pairTable)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if pairKey(pairTable[m].sub) < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// pairKey orders substatus codes as the table is sorted.
func pairKey(s substatus.Code) uint64 {
	return uint64(uint32(s.Status))<<16 | uint64(s.Sub)
}

// seq returns an iterator over s.
func seq(s []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}
