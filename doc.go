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
//   - [github.com/iisstatus/iisstatus/errlog]: a streaming, allocation-free
//     reader of HTTP.sys error logs (httperr*.log).
//
// This root package ties them together for people: [Explain] accepts what an
// operator pastes ("403.14", "503", "QueueFull") and answers with everything
// the library knows about it.
package iisstatus
