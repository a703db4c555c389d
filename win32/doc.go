// Package win32 describes the Windows status codes that IIS shows and logs:
// the third number of the familiar "404 0 2" or "401 1 2148074254" triples
// of its W3C log (sc-status sc-substatus sc-win32-status), and the "Error
// Code 0x8007000d" of its detailed error pages. It also says what a
// substatus and an error code mean together: 500.19 with 0x80070021 is a
// configuration section locked at a parent level, 500.19 with 0x80070005 a
// web.config the worker process cannot read.
//
//	s := substatus.MustParse("500.19")
//	for p := range win32.Explain(s, win32.MustParse("0x80070021")) {
//		fmt.Println(p.Cause())
//		fmt.Println(p.Fix())
//	}
//
// # Codes
//
// A [Code] is an unsigned 32-bit number. Most codes IIS logs are Win32
// error codes (2 ERROR_FILE_NOT_FOUND, 64 ERROR_NETNAME_DELETED), WinHTTP
// errors from Application Request Routing (12002 ERROR_WINHTTP_TIMEOUT) or
// Winsock errors (10054 WSAECONNRESET); other HRESULTs are logged whole, in
// decimal (2148074254 is 0x8009030E, SEC_E_NO_CREDENTIALS). Error pages and
// event logs show HRESULTs in hex, and a Win32 code there appears wrapped
// in FACILITY_WIN32: 13 becomes 0x8007000D. [Code.Win32] and
// [Code.HRESULT] convert between the two forms, [Parse] reads the decimal,
// hex and signed (-2147024883) notations, [Code.Symbol] gives the upstream
// name, byte-exact, and [Code.Description] says in our words what a code
// means in an IIS log.
//
// # Text forms
//
// [Code.String] is for people: the decimal number, the HRESULT form in
// parentheses, then the symbol: "13 (0x8007000D) ERROR_INVALID_DATA",
// "2147942413 (0x8007000D) ERROR_INVALID_DATA",
// "2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS", "0 ERROR_SUCCESS". The
// text form of [Code.MarshalText] is the decimal number alone, as IIS logs
// it; [Parse] reads it back.
//
// # Pairs
//
// What a code means depends on the substatus it comes with: 0x80070032 is
// an unsupported ISAPI filter with 500.0 and a missing MIME map with 404.3.
// A [Pair] is one documented combination with its cause, fix, sources and
// confidence. [LookupPairs] finds the pairs of a substatus and a code, in
// either form; [PairsFor] lists those of a substatus, including the causes
// of pages that show no code at all, such as the ASP.NET Core Module's
// "HTTP Error 500.30 - ASP.NET Core app failed to start"; [Code.Pairs]
// lists those of a code in any substatus.
//
// Which pairs explain a log line or an error page is one rule, that of
// [Triple.Pairs] (and of [Explain], its short form): the pairs of exactly
// the substatus and the code first; failing those, the causes without a
// code of the add-on module that set the substatus, when the data or the
// input says which module that was ([Triple.SetBy]: "500 30 0" is the
// ASP.NET Core Module's, "502 3 12002" Application Request Routing's, as
// its WinHTTP code says).
//
// # Unknown codes
//
// Any number is a valid Code. The names of all Win32 error codes and of the
// E_, SEC_E_, CERT_E_, TRUST_E_ and CRYPT_E_ HRESULTs come from
// golang.org/x/sys/windows, at the version [SymbolSource] names, and those
// of the WinHTTP errors from winhttp.h; a code with no name there has no
// symbol, its String is just the number, and [Code.IsKnown] reports false.
// Descriptions and pairs cover the codes IIS users meet; [DataVersion] says
// how current they are. On Windows, [Code.SystemMessage] adds the system's
// own, localized text for any code it knows.
//
// # Data
//
// The tables are generated from internal/data/win32.tsv,
// internal/data/win32_winhttp.tsv and internal/data/win32_pairs.tsv, the
// only places where the data is edited, and from the pinned x/sys module,
// which the generator downloads at go generate time: importers of this
// package get no dependency.
package win32

//go:generate go run ../internal/gen/win32
