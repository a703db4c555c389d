package win32_test

import (
	"fmt"
	"strings"

	"github.com/iisstatus/iisstatus/win32"
)

// The last three fields of an IIS log line are sc-status, sc-substatus and
// sc-win32-status; the third one is a Code.
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
	// 1260 ERROR_ACCESS_DISABLED_BY_POLICY
	// ERROR_ACCESS_DISABLED_BY_POLICY true
}

// HRESULTs are logged as large unsigned numbers; String adds the
// hexadecimal form. Parse also reads that form.
func ExampleCode_String() {
	for _, s := range []string{"2148074254", "0x80070005", "64", "1261"} {
		fmt.Println(win32.MustParse(s))
	}
	// Output:
	// 2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS
	// 2147942405 (0x80070005) E_ACCESSDENIED
	// 64 ERROR_NETNAME_DELETED
	// 1261
}

func ExampleCode_Description() {
	c := win32.Code(12002)
	fmt.Println(c.Symbol())
	fmt.Println(c.Description())
	// Output:
	// ERROR_WINHTTP_TIMEOUT
	// WinHTTP request to a backend timed out; typical with ARR 502.3.
}

func ExampleAll() {
	n := 0
	for c := range win32.All() {
		if c >= 10000 && c < 13000 {
			fmt.Println(c)
		}
		n++
	}
	fmt.Println(n, "codes")
	// Output:
	// 10053 WSAECONNABORTED
	// 10054 WSAECONNRESET
	// 10060 WSAETIMEDOUT
	// 12002 ERROR_WINHTTP_TIMEOUT
	// 12007 ERROR_WINHTTP_NAME_NOT_RESOLVED
	// 12029 ERROR_WINHTTP_CANNOT_CONNECT
	// 12030 ERROR_WINHTTP_CONNECTION_ERROR
	// 12152 ERROR_WINHTTP_INVALID_SERVER_RESPONSE
	// 40 codes
}
