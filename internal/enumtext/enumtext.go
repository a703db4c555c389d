// Package enumtext implements the text form of the library's small enums:
// each value's text is its entry in a table of names indexed by value, so
// that AppendText, MarshalText and UnmarshalText of every enum follow one
// rule. The zero value's name may be empty (a code-like type whose zero
// means "none") or a key such as "unknown".
package enumtext

import (
	"fmt"
	"strconv"
)

// Append appends the name of v to b, or returns an error naming pkg and
// typ ("httpsys: invalid Category value 7") when v has no entry in names. It does not allocate unless b must
// grow.
func Append[T ~uint8](b []byte, names []string, v T, pkg, typ string) ([]byte, error) {
	if int(v) < len(names) {
		return append(b, names[v]...), nil
	}
	return b, fmt.Errorf("%s: invalid %s value %d", pkg, typ, uint8(v))
}

// Unmarshal sets *v to the value whose name is text, compared exactly, or
// returns an error (`httpsys: unknown Category "x"`) and leaves *v
// unchanged. It does not allocate on
// success.
func Unmarshal[T ~uint8](text []byte, names []string, v *T, pkg, typ string) error {
	for i, n := range names {
		if string(text) == n {
			*v = T(i)
			return nil
		}
	}
	return fmt.Errorf("%s: unknown %s %q", pkg, typ, text)
}

// String returns the name of v, or typ and the number ("Category(7)") when
// v has no entry in names: the fallback of the enums' String methods.
func String[T ~uint8](names []string, v T, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}
