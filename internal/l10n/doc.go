// Package l10n holds the translations of the library's English texts and
// the language matching behind iisstatus.MatchLanguage. It is internal:
// users reach it through the ...In(language.Tag) methods of the packages.
//
// The English texts live in the tables of packages status, substatus and
// httpsys; they are never duplicated here. The one exception is the labels
// of the root package's renderer (iisstatus.Explanation.Format), which
// belong to no table: their English text is internal/data/labels.tsv,
// compiled into the same generated file and read with [Label]. Translations live in one TSV file
// per language, internal/data/messages_<lang>.tsv (see TRANSLATING.md), and
// are compiled by internal/gen/l10n into zz_generated.go: an immutable,
// sorted dictionary per language that feeds a private
// [golang.org/x/text/message/catalog] built with catalog.NewFromMap. The
// package never touches message.DefaultCatalog and does no work on import:
// the catalog, the matcher and one [golang.org/x/text/message.Printer] per
// language are built on first use.
//
// # Keys
//
// Every message has a stable key, built by the functions of this package:
//
//	status.<code>                      status.Info.Description of the code's primary meaning ("status.404")
//	status.<code>.<n>                  the n-th (1-based) further meaning of the code ("status.451.1")
//	status.class.<n>xx                 status.Class.Description ("status.class.4xx")
//	status.class.unknown               status.UnknownClass.Description()
//	substatus.<id>.description         substatus.Meaning.Description ("substatus.403.14.description")
//	substatus.<id>.client              substatus.Meaning.ClientText ("substatus.502.5/ancm.client")
//	httpsys.<token>.cause              httpsys.Info.Cause ("httpsys.Timer_ConnectionIdle.cause")
//	httpsys.<token>.client             httpsys.Info.ClientText, only where one exists ("httpsys.ConnLimit.client")
//	explain.<name>                     a label of iisstatus.Explanation.Format ("explain.client-sees")
//
// <id> is the meaning's stable ID and <token> the exact HTTP.sys token
// ("Invalid_CR/LF"). A missing translation falls back to the English text.
//
// # Languages
//
// English (the fallback, always first), German, French, Spanish and Japanese.
// Adding a language means adding its tag to the supported list in l10n.go
// and a messages_<lang>.tsv file, then running go generate.
package l10n

//go:generate go run ../gen/l10n
