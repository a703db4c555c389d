package win32

import (
	"iter"
	"strings"

	"github.com/iisstatus/iisstatus/substatus"
)

// Triple is what an IIS log line or error page says about one error, as
// far as the pairs need it: the IIS code with its substatus, the Windows
// code that came with it and, when the input names it, the module that set
// the substatus. The W3C log line "500 19 13" (sc-status sc-substatus
// sc-win32-status) is
//
//	win32.Triple{Substatus: substatus.New(500, 19), Code: 13, HasCode: true}
//
// and the ASP.NET Core Module's page "HTTP Error 502.5 - ANCM
// Out-Of-Process Startup Failure", which shows no code but is the module's
// own, is
//
//	win32.Triple{Substatus: substatus.New(502, 5), Module: substatus.ModuleANCM, HasModule: true}
//
// [Triple.Pairs] chooses the pairs that explain it and [Triple.SetBy] the
// module that set it, by one rule for log lines and pages alike; [Explain]
// is the short form for a substatus with a code. Triple is a small
// comparable value; the zero Triple has no pairs and no module.
type Triple struct {
	// Substatus is the IIS code with its substatus: sc-status and
	// sc-substatus of a log line, or the heading of an error page.
	Substatus substatus.Code
	// Code is the Windows code, in either form: sc-win32-status (13) or
	// the page's Error Code (0x8007000D). HasCode reports whether there is
	// one: a log line always has one (0 when nothing failed), a page or a
	// pasted substatus may not.
	Code    Code
	HasCode bool
	// Module is the module that set the substatus when the input says so:
	// the page is the ASP.NET Core Module's own, or a detailed error page's
	// Module row names it. HasModule reports whether it does; without it,
	// SetBy infers the module from the data.
	Module    substatus.Module
	HasModule bool
}

// Explain yields the pairs that explain substatus s logged or shown with
// code c, in either form: those of Triple{Substatus: s, Code: c, HasCode:
// true} (see [Triple.Pairs]). It answers for the log line "500 30 0" and
// for the pasted "500.19 0x8007000d" alike.
func Explain(s substatus.Code, c Code) iter.Seq[Pair] {
	return Triple{Substatus: s, Code: c, HasCode: true}.Pairs()
}

// Pairs yields the pairs that explain t, the most specific first:
//
//  1. The pairs of exactly its substatus and code ([LookupPairs], for
//     which 13 and 0x8007000D are the same code), in table order: a
//     general row before its variants for one framework or module (500.19
//     with 0x8007000D, then the same for an ASP.NET Core app). A log line
//     does not say which variant applies, so all are given. When the
//     input names the module, only that module's pairs count.
//  2. When there are none, or t has no code, the pairs without a code of
//     the module that set the substatus ([Triple.SetBy]), if that is an
//     add-on module: the causes of a substatus only that module sets,
//     which hold whatever code is logged ("500 30 0" is the ASP.NET Core
//     Module's 500.30 cause), or of the module's own page.
//
// A substatus that IIS sets as well as a module (500.0: IIS, or the
// ASP.NET Core Module when it cannot load its handler) gets no cause
// without a code unless the code or the input names the module, since the
// module's cause would mislead when IIS set it. Unknown combinations yield
// nothing.
func (t Triple) Pairs() iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		s := t.Substatus
		if t.HasCode {
			found := false
			h := t.Code.HRESULT()
			for i := firstPair(s); i < len(pairTable) && pairTable[i].sub == s; i++ {
				r := &pairTable[i]
				if !r.hasCode || r.code != h || t.HasModule && r.module != t.Module {
					continue
				}
				found = true
				if !yield(Pair{uint16(i + 1)}) {
					return
				}
			}
			if found {
				return
			}
		}
		m, ok := t.SetBy()
		if !ok || m == substatus.ModuleCore {
			return
		}
		for i := firstPair(s); i < len(pairTable) && pairTable[i].sub == s; i++ {
			if r := &pairTable[i]; !r.hasCode && r.module == m {
				if !yield(Pair{uint16(i + 1)}) {
					return
				}
			}
		}
	}
}

// SetBy returns the module that set t's substatus, and whether the input
// or the data tell which one it was. The first of these that applies
// answers:
//
//   - the module the input names (HasModule);
//   - the module of the pairs of exactly the substatus and the code, when
//     they agree: 500.0 with 0x8000FFFF is the ASP.NET Core Module's,
//     500.0 with 0x8007000D IIS's own;
//   - for a WinHTTP error (12002 ERROR_WINHTTP_TIMEOUT, 12030
//     ERROR_WINHTTP_CONNECTION_ERROR, 12152
//     ERROR_WINHTTP_INVALID_SERVER_RESPONSE, in either form), Application
//     Request Routing, when the substatus has a meaning of ARR: ARR
//     forwards requests with WinHTTP, and the code is WinHTTP's account of
//     the hop to the backend server, the one case where the log's code
//     names the module (the ASP.NET Core Module forwards out-of-process
//     requests with WinHTTP too and then logs 502.3 with the same codes,
//     but package substatus knows 502.3 as ARR's only, so SetBy says ARR;
//     either way a backend failed, not this server's application);
//   - the module of every meaning of the substatus in package substatus,
//     when they all have the same: 500.30 to 500.38 are the ASP.NET Core
//     Module's, 502.3 and 502.4 ARR's, 404.0 and 500.19 IIS's own
//     (substatus.ModuleCore).
//
// SetBy returns substatus.ModuleCore and false when the substatus has
// meanings of several modules and nothing else tells them apart (500.0
// with code 0, 502.5 without a code), and for a substatus the data does
// not know.
func (t Triple) SetBy() (substatus.Module, bool) {
	if t.HasModule {
		return t.Module, true
	}
	s := t.Substatus
	if t.HasCode {
		h := t.Code.HRESULT()
		var m substatus.Module
		n := 0
		for i := firstPair(s); i < len(pairTable) && pairTable[i].sub == s; i++ {
			r := &pairTable[i]
			if !r.hasCode || r.code != h {
				continue
			}
			if n > 0 && r.module != m {
				n = -1
				break
			}
			m, n = r.module, n+1
		}
		if n > 0 {
			return m, true
		}
		if t.Code.isWinHTTP() && hasMeaningOf(s, substatus.ModuleARR) {
			return substatus.ModuleARR, true
		}
	}
	var m substatus.Module
	n := 0
	for x := range s.Meanings() {
		mm := x.Scope().Module
		if n > 0 && mm != m {
			return substatus.ModuleCore, false
		}
		m, n = mm, n+1
	}
	return m, n > 0
}

// hasMeaningOf reports whether package substatus has a meaning of s for
// module m.
func hasMeaningOf(s substatus.Code, m substatus.Module) bool {
	for x := range s.Meanings() {
		if x.Scope().Module == m {
			return true
		}
	}
	return false
}

// isWinHTTP reports whether c is one of the WinHTTP errors the tables
// name (ERROR_WINHTTP_*, from winhttp.h), in its Win32 form (12002) or as
// the HRESULT that wraps it (0x80072EE2).
func (c Code) isWinHTTP() bool {
	w, ok := c.Win32()
	return ok && strings.HasPrefix(w.Symbol(), "ERROR_WINHTTP_")
}
