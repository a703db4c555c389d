package win32_test

import (
	"fmt"
	"strings"

	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// The last fields of an IIS log line are sc-status, sc-substatus,
// sc-win32-status and time-taken; the third one is a Code.
func ExampleParse() {
	line := "2026-11-24 09:15:02 10.0.0.5 GET /scripts/app.dll - 80 - 10.0.0.9 Mozilla/5.0 404 2 1260 15"
	f := strings.Fields(line)
	c, err := win32.Parse(f[len(f)-2])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Println(c.Symbol(), c.IsKnown())
	// Output:
	// 1260 (0x800704EC) ERROR_ACCESS_DISABLED_BY_POLICY
	// ERROR_ACCESS_DISABLED_BY_POLICY true
}

// Parse reads the forms people paste: the decimal of a log, the hex of an
// error page and the signed form .NET and PowerShell print. Errors quote
// the input.
func ExampleParse_forms() {
	for _, s := range []string{"13", "0x8007000d", "-2147024883", "2147942413", "0x8007000G"} {
		c, err := win32.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-12s %v\n", s, c)
	}
	// Output:
	// 13           13 (0x8007000D) ERROR_INVALID_DATA
	// 0x8007000d   2147942413 (0x8007000D) ERROR_INVALID_DATA
	// -2147024883  2147942413 (0x8007000D) ERROR_INVALID_DATA
	// 2147942413   2147942413 (0x8007000D) ERROR_INVALID_DATA
	// win32: parse "0x8007000G": invalid syntax
}

// An error page shows the HRESULT; the log has the Win32 code inside it.
// Non-Win32 HRESULTs are logged whole.
func ExampleCode_Win32() {
	for _, c := range []win32.Code{0x8007000D, 0x80072EE2, 0x8009030E, 13} {
		w, ok := c.Win32()
		fmt.Printf("0x%08X: Win32 %d %v, HRESULT form 0x%08X\n", uint32(c), w, ok, uint32(c.HRESULT()))
	}
	// Output:
	// 0x8007000D: Win32 13 true, HRESULT form 0x8007000D
	// 0x80072EE2: Win32 12002 true, HRESULT form 0x80072EE2
	// 0x8009030E: Win32 0 false, HRESULT form 0x8009030E
	// 0x0000000D: Win32 13 true, HRESULT form 0x8007000D
}

// HRESULTs are logged as large unsigned numbers; String adds the hex form
// and the name, which a Win32 code and the HRESULT wrapping it share.
func ExampleCode_String() {
	for _, s := range []string{"2148074254", "0x80070005", "5", "64", "9999"} {
		fmt.Println(win32.MustParse(s))
	}
	// Output:
	// 2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS
	// 2147942405 (0x80070005) E_ACCESSDENIED
	// 5 (0x80070005) ERROR_ACCESS_DENIED
	// 64 (0x80070040) ERROR_NETNAME_DELETED
	// 9999
}

func ExampleCode_Description() {
	c := win32.Code(12002)
	fmt.Println(c.Symbol())
	fmt.Println(c.Description())
	// Output:
	// ERROR_WINHTTP_TIMEOUT
	// WinHTTP request to a backend timed out; typical with ARR 502.3.
}

// The names come from golang.org/x/sys for every Win32 code, not only the
// described ones.
func ExampleAll() {
	for c := range win32.All() {
		if c >= 10050 && c <= 10054 {
			fmt.Println(c)
		}
	}
	// Output:
	// 10050 (0x80072742) WSAENETDOWN
	// 10051 (0x80072743) WSAENETUNREACH
	// 10052 (0x80072744) WSAENETRESET
	// 10053 (0x80072745) WSAECONNABORTED
	// 10054 (0x80072746) WSAECONNRESET
}

// The detailed error page "HTTP Error 500.19 - Internal Server Error" with
// "Error Code 0x80070021": what it means and what to do. The log triple
// "500 19 33" finds the same pair.
func ExampleLookupPairs() {
	s := substatus.MustParse("500.19")
	for p := range win32.LookupPairs(s, win32.MustParse("0x80070021")) {
		fmt.Println(p)
		fmt.Println("Cause:", p.Cause())
		fmt.Println("Fix:", p.Fix())
	}
	for p := range win32.LookupPairs(s, 33) {
		fmt.Println("log form:", p.ID())
	}
	// Output:
	// 500.19 0x80070021
	// Cause: web.config sets a section that is locked at a higher level (overrideModeDefault="Deny", a location with overrideMode="Deny", or read-only feature delegation).
	// Fix: Unlock the section at server level (Feature Delegation, or appcmd unlock config) or stop setting it in web.config.
	// log form: 500.19/0x80070021
}

// The ASP.NET Core Module's page "HTTP Error 500.30 - ASP.NET Core app
// failed to start" shows no error code: its cause is the pair without one.
// Codes the module writes to the event log are pairs of their own.
func ExamplePairsFor() {
	for p := range win32.PairsFor(substatus.MustParse("500.30")) {
		if !p.HasCode() {
			fmt.Println(p, "-", p.Cause())
			continue
		}
		fmt.Println(p, "- in the event log")
	}
	// Output:
	// 500.30 (ANCM) - The app failed to start in-process: it did not start, started and stopped, or threw during startup (a missing shared framework, or a startup exception such as no access to Key Vault).
	// 500.30 0x8007023E (ANCM) - in the event log
}

// A code alone: every substatus it is documented with.
func ExampleCode_Pairs() {
	for p := range win32.MustParse("0x8007000d").Pairs() {
		fmt.Println(p.ID())
	}
	// Output:
	// 500.0/0x8007000D
	// 500.19/0x8007000D
	// 500.19/0x8007000D/aspnetcore
	// 500.21/0x8007000D
}

// The log line "500 30 0": no pair has code 0 with 500.30, but only the
// ASP.NET Core Module sets 500.30, so its cause holds whatever the code.
// "500 0 0" gets none, since IIS sets 500.0 as well.
func ExampleExplain() {
	for p := range win32.Explain(substatus.New(500, 30), 0) {
		fmt.Println(p.ID()+":", p.Cause())
	}
	for p := range win32.Explain(substatus.New(500, 0), 0) {
		fmt.Println("500 0 0:", p.ID())
	}
	// Output:
	// 500.30/ancm: The app failed to start in-process: it did not start, started and stopped, or threw during startup (a missing shared framework, or a startup exception such as no access to Key Vault).
}

// Which module answered: a WinHTTP error in sc-win32-status says
// Application Request Routing forwarded the request, so "502 3 12002" is
// a backend that did not answer in time; a substatus only one module sets
// says so itself; 500.0 with code 0 could be IIS's or the ASP.NET Core
// Module's.
func ExampleTriple_SetBy() {
	for _, t := range []win32.Triple{
		{Substatus: substatus.New(502, 3), Code: 12002, HasCode: true},
		{Substatus: substatus.New(502, 5), Code: 12030, HasCode: true},
		{Substatus: substatus.New(500, 37), Code: 0, HasCode: true},
		{Substatus: substatus.New(500, 0), Code: 0, HasCode: true},
		{Substatus: substatus.New(500, 0), Module: substatus.ModuleANCM, HasModule: true},
	} {
		m, ok := t.SetBy()
		fmt.Println(t.Substatus, t.Code, m, ok)
	}
	// Output:
	// 502.3 12002 (0x80072EE2) ERROR_WINHTTP_TIMEOUT ARR true
	// 502.5 12030 (0x80072EFE) ERROR_WINHTTP_CONNECTION_ERROR ARR true
	// 500.37 0 ERROR_SUCCESS ANCM true
	// 500.0 0 ERROR_SUCCESS IIS false
	// 500.0 0 ERROR_SUCCESS ANCM true
}
