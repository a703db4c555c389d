// Package substatus decodes IIS substatus codes such as 403.14, 500.19 and
// 502.5: what each means on a given IIS version and for a given module (core
// IIS, Application Request Routing, the ASP.NET Core Module, URL Rewrite, IP
// and Domain Restrictions), why it usually happens, how to fix it, and what
// may safely be told to a remote client.
//
// A [Code] is a comparable {Status, Sub} pair, never a float: 403.1 and
// 403.10 are different codes. Build one from the sc-status and sc-substatus
// fields of an IIS log with [New], or from text with [Parse]:
//
//	c := substatus.New(403, 14)
//	if m, ok := c.Lookup(substatus.IIS10, substatus.ModuleCore); ok {
//		fmt.Println(m.Label()) // Directory listing denied
//	}
//
// # Scoped meanings
//
// The same number can mean different things: 500.19 is a metabase problem
// in IIS 5/6 and invalid configuration in IIS 7+, 502.5 is a WebSocket
// failure in ARR and a process failure in ANCM, and newer IIS 10 builds log
// 413.1 and 431 where older ones logged 404.13 and 404.10. Each [Meaning]
// therefore carries a [Scope] (module, first and last IIS [Version], module
// release, and the sources' own wording of the scope). [Code.Lookup] picks
// the meaning for one version and module; [Code.Meanings] and [Meanings]
// list every meaning so that nothing is silently merged. Each meaning has a
// stable [Meaning.ID] ("403.14", "502.5/ancm") for translations and
// references.
//
// # Client and operator texts
//
// IIS shows detailed errors only to local requests; remote clients get a
// generic page. Likewise every meaning has a [Meaning.ClientText] that is
// safe to send to a remote client (no paths, settings or module names) and
// a [Meaning.OperatorText] with everything the operator needs.
//
// # Data
//
// The table is generated from internal/data/substatus.tsv, which covers
// Microsoft's KB 943891 (IIS 7.0 and later), KB 318380 (IIS 5.0/6.0), the
// IIS 6.0 Resource Kit tables, and the ARR and ANCM troubleshooting guides.
// Labels are Microsoft's, byte for byte, with other official wordings in
// [Meaning.AltLabels]; descriptions, causes, fixes and client texts are this
// project's own words. [DataVersion] dates the data: a code it does not know
// prints as its digits and has no meanings.
package substatus

//go:generate go run ../internal/gen/substatus
