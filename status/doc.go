// Package status gives every HTTP status code a type, a name and its facts:
// the registered reason phrase, the class, the specification, the wording
// IIS uses for it, caching and retry hints, and a description.
//
// [Code] is a plain int, so it converts to and from the ints of net/http
// without ceremony, and it prints the way people read status lines:
//
//	c := status.Code(resp.StatusCode)
//	fmt.Println(c)              // 413 Content Too Large
//	fmt.Println(c.Class())      // Client Error
//	info, _ := c.Info()
//	fmt.Println(info.Retry)     // never
//
// # Coverage
//
// There is a named constant for each of the codes in the IANA HTTP Status
// Code Registry as of [RegistryDate], for the Microsoft codes an IIS
// operator meets (440 Login Time-out, 449 Retry With) and for the unofficial
// vendor codes that show up in front of or next to IIS (nginx 444, 494-497,
// 499; Cloudflare 520-522, 525). Unofficial codes are marked as such in their
// documentation and in [Info.Registry]. A code may have more than one
// meaning: 451 is registered as "Unavailable For Legal Reasons", and
// Exchange ActiveSync also uses it for "Redirect"; [Code.Info] returns the
// registered meaning and [Code.Meanings] returns all of them.
//
// Codes the data does not know are still valid values: they print as their
// digits, [Code.Text] returns "", and [Code.Class] follows the first digit,
// as RFC 9110, Section 15 asks clients to do. Nothing in this package panics
// on any Code value.
//
// # Names
//
// Constants are named after the registered phrase without the "Status"
// prefix of net/http: [NotFound], [ContentTooLarge], [OK]. IANA lists 306
// and 418 as "(Unused)"; those two are named after the phrase they are
// remembered by, [SwitchProxy] and [Teapot] (net/http's StatusTeapot), while
// their Text stays the registered "(Unused)".
//
// # Data
//
// The data lives in one table, internal/data/status.tsv, from which
// zz_generated.go is generated; [DataVersion] identifies its edition. The
// descriptions are our own words; the phrases and spec references are the
// registry's, byte for byte.
package status

//go:generate go run ../internal/gen/status
