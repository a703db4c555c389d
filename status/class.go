package status

import (
	"strconv"

	"github.com/iisstatus/iisstatus/internal/enumtext"
)

// Class is the class of a status code, given by its first digit
// (RFC 9110, Section 15). The zero value is [UnknownClass].
type Class uint8

// The classes of RFC 9110, Section 15.
const (
	// UnknownClass is the class of codes outside 100-599, and the zero Class.
	UnknownClass Class = iota
	// Informational is the class of 1xx codes (RFC 9110, Section 15.2).
	Informational
	// Successful is the class of 2xx codes (RFC 9110, Section 15.3).
	Successful
	// Redirection is the class of 3xx codes (RFC 9110, Section 15.4).
	Redirection
	// ClientError is the class of 4xx codes (RFC 9110, Section 15.5).
	ClientError
	// ServerError is the class of 5xx codes (RFC 9110, Section 15.6).
	ServerError
)

// Class returns the class of c from its first digit. Unknown codes get the
// class of their range ([Successful] for 299), because RFC 9110, Section 15
// tells clients to treat an unrecognized code like the x00 code of its
// class. Codes outside 100-599 have [UnknownClass].
func (c Code) Class() Class {
	if c < 100 || c > 599 {
		return UnknownClass
	}
	return Class(c / 100)
}

var classNames = [...]string{
	UnknownClass:  "Unknown",
	Informational: "Informational",
	Successful:    "Successful",
	Redirection:   "Redirection",
	ClientError:   "Client Error",
	ServerError:   "Server Error",
}

// String returns the name RFC 9110 gives the class ("Client Error"), or
// "Unknown" for [UnknownClass]. Values that are not one of the constants print
// as "Class(7)".
func (k Class) String() string {
	if int(k) < len(classNames) {
		return classNames[k]
	}
	return "Class(" + strconv.Itoa(int(k)) + ")"
}

// classKeys are the text forms of the classes, as [Class.MarshalText]
// writes them.
var classKeys = [...]string{
	UnknownClass:  "unknown",
	Informational: "1xx",
	Successful:    "2xx",
	Redirection:   "3xx",
	ClientError:   "4xx",
	ServerError:   "5xx",
}

// AppendText implements [encoding.TextAppender]. The text form of a class
// is its range, "1xx" to "5xx", or "unknown" for [UnknownClass] (the zero
// Class); a value that is not one of the constants is an error.
func (k Class) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, classKeys[:], k, "status", "Class")
}

// MarshalText implements [encoding.TextMarshaler]; see [Class.AppendText].
func (k Class) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts the text
// forms [Class.AppendText] writes ("4xx", "unknown"), exactly.
func (k *Class) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, classKeys[:], k, "status", "Class")
}

var classDescriptions = [...]string{
	UnknownClass: "Not an HTTP status class: status codes are three digits from 100 to 599 in RFC 9110. " +
		"A value outside that range came from a broken peer, a vendor extension or a parsing mistake.",
	Informational: "1xx codes are interim, informational responses: the server reports progress " +
		"(100 Continue, 103 Early Hints, 101 when switching protocols) and the final response follows. " +
		"They are routine and mean nothing has gone wrong.",
	Successful: "2xx codes mean the request was received, understood and carried out: the transaction " +
		"succeeded. They are routine and need no action.",
	Redirection: "3xx codes are redirections: the server tells the client (usually a browser) to make a new " +
		"request, typically to the URL in the Location header, or to reuse its cached copy (304). " +
		"A redirection is not an error and does not mean that a problem occurred.",
	ClientError: "4xx codes are client errors: something is wrong with the request as sent, from failing " +
		"authentication or authorization to asking for something that does not exist or sending a malformed " +
		"request. They are called client errors because the request comes from the client; the cause may still " +
		"be server configuration (permissions, limits, missing files).",
	ServerError: "5xx codes mean the server, or a gateway or application behind it, failed to handle a " +
		"request that may well be valid: the problem is on the server side. On IIS many 503s come straight " +
		"from HTTP.sys and are explained only in its error log (httperr*.log).",
}

// Description explains the class in a few sentences, in English.
func (k Class) Description() string {
	if int(k) < len(classDescriptions) {
		return classDescriptions[k]
	}
	return ""
}
