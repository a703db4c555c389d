//go:build windows

package win32

import (
	"strings"
	"syscall"
)

// SystemMessage returns the text Windows itself has for c, as FormatMessage
// gives it from the system message table, in the language Windows chooses
// for the calling thread (the user's display language, then the system
// default): "The system cannot find the file specified." for 2 on an
// English system. Both forms of a Win32 code work (2 and 0x80070002). Line
// breaks inside the message are replaced by spaces and the text is
// trimmed.
//
// It reports false when Windows has no text for c: for unassigned codes,
// and for codes whose text lives in another module's message table, such
// as the WinHTTP errors (12002) of winhttp.dll. It is only available on
// Windows; elsewhere it always reports false. Unlike [Code.Description],
// it allocates.
func (c Code) SystemMessage() (string, bool) {
	const flags = syscall.FORMAT_MESSAGE_FROM_SYSTEM | syscall.FORMAT_MESSAGE_IGNORE_INSERTS |
		syscall.FORMAT_MESSAGE_MAX_WIDTH_MASK
	var buf [4096]uint16
	// syscall.FormatMessage is deprecated because its msgsrc parameter is
	// too narrow for a module handle; with FORMAT_MESSAGE_FROM_SYSTEM it is
	// unused (0), so the standard library's function serves without adding
	// golang.org/x/sys as a dependency.
	//lint:ignore SA1019 msgsrc is unused with FORMAT_MESSAGE_FROM_SYSTEM
	n, err := syscall.FormatMessage(flags, 0, uint32(c), 0, buf[:], nil)
	if err != nil || n == 0 {
		return "", false
	}
	s := strings.TrimSpace(syscall.UTF16ToString(buf[:n]))
	return s, s != ""
}
