// Package httpsys describes the reason tokens that the Windows HTTP Server
// API (HTTP.sys) writes in the s-reason field of its error log
// (httperr*.log): ConnLimit, QueueFull, Timer_ConnectionIdle, Invalid_CR/LF,
// N/A and the rest.
//
// Each token is a [Reason], a small comparable enum whose [Reason.String]
// is the exact upstream token. [ParseReason] maps a token read from a log
// line to its Reason without allocating, and [Reason.Info] tells what the
// token means: the HTTP status HTTP.sys sent (if any), a [Category] and a
// [Severity] hint, the cause in our own words, the related [Setting] with
// its default, the text the client received, advice for the operator,
// Windows version notes, our [Confidence] and the sources.
//
//	r := httpsys.ParseReason([]byte("QueueFull"))
//	info := r.Info()
//	fmt.Println(info.Status, info.Setting.Name, info.Setting.Default)
//	// 503 Service Unavailable queueLength 1000
//
// # Client text and log detail
//
// HTTP.sys rejects some requests itself, before any worker process sees
// them. A 503 produced this way never reaches user mode: IIS logs nothing
// and no application code runs, so the HTTP.sys error log is the only
// record of why it happened. For security the client learns almost
// nothing: it receives a short generic description such as "Too many
// users." or "Service unavailable." ([Info.ClientText]), while the log
// carries the token that names the cause ([Info.Cause], [Reason.Causes]).
// For 400 errors the IIS 6.0 documentation gives a short condition for each
// token ("Invalid verb.", "Invalid carriage return or line feed.");
// [Info.Condition] keeps that wording. ClientText and Condition are empty
// where no such text is documented; nothing is invented.
//
// # Unknown tokens
//
// A token this package does not know parses as [ReasonUnknown], the zero
// value, which prints as "-". The raw token is not kept inside a Reason:
// callers that need it (for example to report new tokens) keep the bytes
// they parsed. [DataVersion] says how current the table is.
//
// # Data
//
// The table is generated from internal/data/httpsys_reasons.tsv, the only
// place where the data is edited; see [DataVersion].
package httpsys

//go:generate go run ../internal/gen/httpsys
