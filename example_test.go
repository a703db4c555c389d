package iisstatus_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus"
)

func ExampleExplain() {
	for _, in := range []string{"403 14", "QueueFull", "299", "Conn Limit", "700.5"} {
		e, err := iisstatus.Explain(in)
		if err != nil {
			fmt.Println(err)
			continue
		}
		switch e.Kind {
		case iisstatus.KindSubstatus:
			for _, m := range e.Substatus.Meanings {
				fmt.Printf("%s (%s): %s\n", e.Substatus.Code, m.Scope, m.Label)
			}
		case iisstatus.KindReason:
			fmt.Printf("%s: %s, client sees %q\n", e.Reason.Info.Token, e.Status.Code, e.Reason.Info.ClientText)
		default:
			fmt.Printf("%s known=%v\n", e.Status.Code, e.Known())
		}
	}
	// Output:
	// 403.14 (IIS 5.0+): Directory listing denied
	// QueueFull: 503 Service Unavailable, client sees "Application request queue full."
	// 299 known=false
	// iisstatus: parse "Conn Limit" at byte 0: not a status code, substatus code, Windows code or known HTTP.sys reason token
	// iisstatus: parse "700.5" at byte 4: malformed substatus (substatus: parse "700.5": status out of range 100-599)
}

func ExampleExplanation_String() {
	e, err := iisstatus.Explain("Timer_MinBytesPerSecond")
	if err != nil {
		panic(err)
	}
	fmt.Print(e)
	// Output:
	// Timer_MinBytesPerSecond: HTTP.sys error-log reason (timeout, severity notice)
	//   Status: none logged
	//   Cause: The response went out to the client more slowly than the minimum send rate, so HTTP.sys closed the connection.
	//   Setting: minBytesPerSecond (default 240): system.applicationHost/webLimits (IIS 7+), bytes per second. The raw HTTP.sys server-session default (netsh "Minimum send rate", HttpListener MinSendBytesPerSecond) is 150 bytes per second, hence the 150 vs 240 in Microsoft documents.
	//   Also: MinFileBytesPerSec: IIS 6 metabase property.
	//   Advice: Slow clients or networks, or clients that stop reading. Windows Server 2012 R2 and later enforce this much more strictly; lower the rate only if slow clients are legitimate.
	//   Windows: Listed for WS2003 (IIS 6 docs) and in current KB 820729 / Win32 docs. KB 3137046: enforcement became much stricter starting with Windows Server 2012 R2 (not seen on 2008 R2); a pending request's verb/URL may still be logged.
	//   Confidence: high
}

// Format writes the same text in another language: labels, descriptions
// and client texts are translated; codes, tokens and class names stay as
// they are.
func ExampleExplanation_Format() {
	e, err := iisstatus.Explain("299 0")
	if err != nil {
		panic(err)
	}
	for _, tag := range []language.Tag{language.German, language.Japanese} {
		if err := e.Format(os.Stdout, tag); err != nil {
			panic(err)
		}
	}
	// Output:
	// 299.0: kein IIS-Unterstatus (IIS protokolliert 0, wenn es keinen genaueren Grund gibt)
	//   Status: 299 (unbekannter Statuscode)
	//     Klasse: Successful
	// 299.0: IIS サブステータスなし (より具体的な理由がないとき IIS は 0 を記録する)
	//   ステータス: 299 (不明なステータス コード)
	//     クラス: Successful
}

// An error page's heading and Error Code name a (substatus, error code)
// pair; its cause and fix are the first thing Explain gives.
func ExampleExplain_pair() {
	e, err := iisstatus.Explain("500.19 0x80070021")
	if err != nil {
		panic(err)
	}
	for _, p := range e.Pairs {
		fmt.Println(p.ID)
		fmt.Println("cause:", p.Cause)
		fmt.Println("fix:", p.Fix)
	}
	fmt.Printf("%s is Win32 error %d, %s\n", e.Win32.HRESULT, uint32(e.Win32.Win32Error), e.Win32.Symbol)
	// Output:
	// 500.19/0x80070021
	// cause: web.config sets a section that is locked at a higher level (overrideModeDefault="Deny", a location with overrideMode="Deny", or read-only feature delegation).
	// fix: Unlock the section at server level (Feature Delegation, or appcmd unlock config) or stop setting it in web.config.
	// 0x80070021 is Win32 error 33, ERROR_LOCK_VIOLATION
}

// A page pasted from a browser: Explain reads the fields of its detailed
// error information and explains the pair of its heading and Error Code.
func ExampleExplain_page() {
	page := "HTTP Error 500.19 - Internal Server Error\n" +
		"The requested page cannot be accessed because the related configuration data for the page is invalid.\n" +
		"\n" +
		"Detailed Error Information:\n" +
		"Module\t   IIS Web Core\n" +
		"Notification\t   BeginRequest\n" +
		"Handler\t   Not yet determined\n" +
		"Error Code\t   0x80070021\n" +
		"Config File\t   \\\\?\\C:\\inetpub\\shop\\web.config\n"
	e, err := iisstatus.Explain(page)
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Page.Kind, e.Substatus.Code, e.Win32.HRESULT, e.Page.Module, e.Page.ConfigFile)
	fmt.Println(e.Pairs[0].ID+":", e.Pairs[0].Fix)
	// Output:
	// iis-detailed 500.19 0x80070021 IIS Web Core \\?\C:\inetpub\shop\web.config
	// 500.19/0x80070021: Unlock the section at server level (Feature Delegation, or appcmd unlock config) or stop setting it in web.config.
}
