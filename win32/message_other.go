//go:build !windows

package win32

// SystemMessage returns the text Windows itself has for c, from the system
// message table and in the user's language. It is only available on
// Windows (see the Windows build's documentation); on other systems it
// always returns "" and false.
func (c Code) SystemMessage() (string, bool) { return "", false }
