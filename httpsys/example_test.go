package httpsys_test

import (
	"fmt"

	"github.com/iisstatus/iisstatus/httpsys"
)

func ExampleParseReason() {
	// The s-reason field of an HTTP.sys error-log line.
	for _, tok := range []string{"Timer_ConnectionIdle", "Invalid_CR/LF", "Some_Future_Token"} {
		r := httpsys.ParseReason([]byte(tok))
		if !r.IsKnown() {
			// Keep the raw token: it is the only record of what the log said.
			fmt.Printf("%s: unknown to table %s\n", tok, httpsys.DataVersion)
			continue
		}
		fmt.Printf("%s: %s, %s\n", r, r.Info().Category, r.Info().Severity)
	}
	// Output:
	// Timer_ConnectionIdle: timeout, routine
	// Invalid_CR/LF: response, notice
	// Some_Future_Token: unknown to table 2026-11-24
}

func ExampleReason_Info() {
	info := httpsys.ReasonQueueFull.Info()
	fmt.Println("status:     ", info.Status)
	fmt.Println("client sees:", info.ClientText)
	fmt.Println("setting:    ", info.Setting.Name, "default", info.Setting.Default)
	fmt.Println("severity:   ", info.Severity)
	// Output:
	// status:      503 Service Unavailable
	// client sees: Application request queue full.
	// setting:     queueLength default 1000
	// severity:    warning
}

// All timeout reasons with the setting that governs them.
func ExampleAll_timeouts() {
	for r := range httpsys.All() {
		info := r.Info()
		if info.Category != httpsys.CategoryTimeout {
			continue
		}
		s := info.Setting
		switch {
		case s.IsZero():
			fmt.Printf("%-23s -\n", r)
		case s.Default == "":
			fmt.Printf("%-23s %s\n", r, s.Name)
		default:
			fmt.Printf("%-23s %s = %s\n", r, s.Name, s.Default)
		}
	}
	// Output:
	// Timer_AppPool           connectionTimeout = 00:02:00
	// Timer_ConnectionIdle    connectionTimeout = 00:02:00
	// Timer_EntityBody        connectionTimeout = 00:02:00
	// Timer_HeaderWait        headerWaitTimeout = 00:00:00
	// Timer_MinBytesPerSecond minBytesPerSecond = 240
	// Timer_ReqQueue          connectionTimeout = 00:02:00
	// Timer_Response          -
	// Timer_SslRenegotiation  SSL renegotiation timer = 2 minutes
}

func ExampleReason_Causes() {
	for c := range httpsys.ReasonNA.Causes() {
		fmt.Println("-", c)
	}
	// Output:
	// - IIS could not start another worker process, because system resources were short or because one more would exceed the DemandStartThreshold property.
	// - Bandwidth throttling was enabled but adding the throttling filter failed.
	// - The control channel, or the internal configuration group (URL group) for the URL, was inactive.
	// - Sending a response that was served from the HTTP.sys cache failed, typically because memory was low.
	// - Newer Windows also logs it for an internal failure such as a failed memory allocation or a conflict in the URL reservation list.
}
