// Package win32 describes the Windows status codes that IIS writes in the
// sc-win32-status field of its W3C access log: the third number of the
// familiar "404 0 2" or "401 2 2148074254" triples (sc-status sc-substatus
// sc-win32-status).
//
// A [Code] is the number exactly as IIS logs it, an unsigned 32-bit
// decimal. Most are Win32 error codes (2 ERROR_FILE_NOT_FOUND, 64
// ERROR_NETNAME_DELETED), WinHTTP errors from Application Request Routing
// (12002 ERROR_WINHTTP_TIMEOUT) or Winsock errors (10054 WSAECONNRESET);
// HRESULTs appear as large numbers (2148074254 is 0x8009030E,
// SEC_E_NO_CREDENTIALS). [Code.Symbol] gives the upstream name, byte-exact,
// and [Code.Description] says in our words what the code means in an IIS
// log.
//
//	c, _ := win32.Parse("1260")
//	fmt.Println(c, c.IsKnown())
//	// 1260 ERROR_ACCESS_DISABLED_BY_POLICY true
//
// # Text forms
//
// [Code.String] is for people: the decimal number, the hexadecimal form in
// parentheses for values of 0x80000000 and above (the HRESULT range, where
// the hex form is what documentation and other tools show), then the symbol
// if the code is known: "1260 ERROR_ACCESS_DISABLED_BY_POLICY",
// "2148074254 (0x8009030E) SEC_E_NO_CREDENTIALS", "1261". The text form of
// [Code.MarshalText] is the decimal number alone, as IIS logs it; [Parse]
// reads it back and also accepts hexadecimal with a 0x prefix.
//
// # Unknown codes
//
// Windows defines thousands of codes; the table holds the ones that matter
// in IIS logs. Any other number is still a valid Code: it has no symbol, its
// String is just the number, and [Code.IsKnown] reports false.
// [DataVersion] says how current the table is.
//
// # Data
//
// The table is generated from internal/data/win32.tsv, the only place where
// the data is edited.
package win32

//go:generate go run ../internal/gen/win32
