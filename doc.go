// Package iisstatus turns what IIS and the Windows HTTP Server API
// (HTTP.sys) report into typed, documented facts.
//
// The module has one package per kind of fact:
//
//   - [github.com/iisstatus/iisstatus/status]: every HTTP status code with its
//     registered phrase, class, specification, IIS wording and hints.
//   - [github.com/iisstatus/iisstatus/substatus]: IIS substatus codes such as
//     403.14 or 502.5, with their meaning per IIS version and module.
//   - [github.com/iisstatus/iisstatus/httpsys]: the reason tokens HTTP.sys
//     writes to its error log (ConnLimit, Timer_ConnectionIdle, ...).
//   - [github.com/iisstatus/iisstatus/win32]: the Windows status codes IIS
//     logs in sc-win32-status (1260, 64, 2148074254).
//   - [github.com/iisstatus/iisstatus/errlog]: a streaming, allocation-free
//     reader of HTTP.sys error logs (httperr*.log).
//
// This root package ties them together for people: [Explain] accepts what an
// operator pastes ("403.14", "503", "QueueFull", "500.19 0x8007000d", a whole
// error page) and answers with everything the library knows about it.
//
// # Explain
//
// [Explain] accepts the forms people copy from logs, error pages and
// tickets: a status ("404", "HTTP 404", "HTTP/1.1 404 Not Found"), a code
// with substatus ("403.14", "403 14", "403,14", "HTTP Error 403.14 -
// Forbidden"), the sc-status sc-substatus sc-win32-status triple of an IIS
// log line ("404 2 1260"), a code with the HRESULT of an error page
// ("500.19 0x8007000d"), a Windows error code or HRESULT alone
// ("0x80070021", "1326"), a status heading with ".x" ("401.x"), HTTP.sys
// reason tokens ("ConnLimit", "Timer_ConnectionIdle", "N/A",
// "Invalid_CR/LF") and a status with its token ("503 QueueFull"). Each
// number is checked by the package that owns it, so Explain accepts
// exactly what [status.Parse], [substatus.Parse] and [win32.Parse] accept.
//
// It also reads whole pasted error pages, as HTML or as text copied from a
// browser: the IIS 7+ detailed error page (module, notification, handler,
// error code, config error, config file and source, requested URL,
// physical path, logon method and user go into [Explanation.Page]), the
// IIS custom and IIS 5/6 pages, the ASP.NET Core Module's page, the
// ASP.NET "Server Error in '/' Application." page and the HTTP.sys page.
// For the (substatus, error code) pair of a page or a pasted code, such as
// 500.19 with 0x8007000D, [Explanation.Pairs] gives the cause and fix
// first.
// The [Explanation] it returns holds the status facts, every scoped meaning
// of the substatus, or the reason's details, as plain JSON-friendly data;
// [Explanation.Format] renders them as text in one of the [Languages], and
// String in English:
//
//	e, err := iisstatus.Explain("403 14")
//	if err != nil {
//		return err
//	}
//	fmt.Print(e) // 403.14: IIS substatus code, 1 known meaning ...
//
// A well-formed code the data does not know ("299") is explained with
// Known false rather than rejected; text that is no code and no known token
// is an [*InputError], which gives the byte offset where reading failed.
//
// # Text and JSON
//
// Every enum of the module marshals as text, so JSON holds words and codes,
// never numbers whose meaning shifts between releases; the text round-trips
// through UnmarshalText, and the zero value marshals too:
//
//   - Codes taken from IIS and Windows have their upstream spelling:
//     [github.com/iisstatus/iisstatus/status.Code] "404",
//     [github.com/iisstatus/iisstatus/httpsys.Reason] "Timer_ConnectionIdle",
//     [github.com/iisstatus/iisstatus/win32.Code] "1260",
//     [github.com/iisstatus/iisstatus/substatus.Version] "7.5". A zero value
//     that means "no code" has the empty text (a Win32 code of 0 is the
//     real code ERROR_SUCCESS and is "0").
//   - Classifications have a lower-case key: status.Class "4xx", status.Registry
//     "iis-specific", status.Retry "later", substatus.Module "arr", the
//     Confidence, Category and Severity of substatus and httpsys, and
//     [Kind]. Their zero value is "unknown" (for substatus.Module it is the
//     real module "core").
//
// A value that is none of the named ones fails to marshal rather than
// writing a text that would decode to something else.
package iisstatus
