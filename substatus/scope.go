package substatus

import (
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/iisstatus/iisstatus/internal/enumtext"
)

// Version is an IIS release. Versions are ordered: a later release compares
// greater, so range checks can use < and >. The zero value is not a valid
// version and matches no meaning; it stands for "no version" (the Until of
// a [Scope] that still applies) and has the empty text form.
type Version uint8

// The IIS releases the data distinguishes. IIS 5.1 (Windows XP) behaves
// like IIS 5.0 for substatus codes and has no value of its own.
const (
	IIS5  Version = iota + 1 // IIS 5.0 (Windows 2000)
	IIS6                     // IIS 6.0 (Windows Server 2003)
	IIS7                     // IIS 7.0 (Windows Vista, Windows Server 2008)
	IIS75                    // IIS 7.5 (Windows 7, Windows Server 2008 R2)
	IIS8                     // IIS 8.0 (Windows 8, Windows Server 2012)
	IIS85                    // IIS 8.5 (Windows 8.1, Windows Server 2012 R2)
	IIS10                    // IIS 10.0 (Windows 10/11, Windows Server 2016 and later)

	// Latest is the newest IIS release the data knows about; pass it to
	// [Code.Lookup] when the server's version is not known.
	Latest = IIS10
)

var versionNumbers = [...]string{
	IIS5:  "5.0",
	IIS6:  "6.0",
	IIS7:  "7.0",
	IIS75: "7.5",
	IIS8:  "8.0",
	IIS85: "8.5",
	IIS10: "10.0",
}

var versionNames = [...]string{
	IIS5:  "IIS 5.0",
	IIS6:  "IIS 6.0",
	IIS7:  "IIS 7.0",
	IIS75: "IIS 7.5",
	IIS8:  "IIS 8.0",
	IIS85: "IIS 8.5",
	IIS10: "IIS 10.0",
}

// IsValid reports whether v is one of the defined versions.
func (v Version) IsValid() bool { return v >= IIS5 && v <= IIS10 }

// String returns the release name, such as "IIS 7.5". An invalid version
// prints as "IIS version(N)" with its numeric value.
func (v Version) String() string {
	if !v.IsValid() {
		return fmt.Sprintf("IIS version(%d)", uint8(v))
	}
	return versionNames[v]
}

// Number returns the bare version number, such as "7.5" or "10.0", or ""
// for an invalid version. It is the text form used by [Version.MarshalText].
func (v Version) Number() string {
	if !v.IsValid() {
		return ""
	}
	return versionNumbers[v]
}

// AppendText appends the version number ("7.5") to b, or nothing for the
// zero Version, so that it round-trips through [Version.UnmarshalText]. It
// implements [encoding.TextAppender]; any other invalid version is an
// error.
func (v Version) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, versionNumbers[:], v, "substatus", "Version")
}

// MarshalText returns the version number ("7.5"), or an empty text for the
// zero Version. It implements [encoding.TextMarshaler].
func (v Version) MarshalText() ([]byte, error) { return v.AppendText(nil) }

// UnmarshalText sets v from text accepted by [ParseVersion]; an empty text
// gives the zero Version. It implements [encoding.TextUnmarshaler].
func (v *Version) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*v = 0
		return nil
	}
	p, err := ParseVersion(string(text))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

// ErrUnknownVersion is the Err of the *[ParseError] [ParseVersion] returns.
var ErrUnknownVersion = errors.New("unknown IIS version (want 5.0, 6.0, 7.0, 7.5, 8.0, 8.5 or 10.0)")

// ParseVersion parses an IIS version as a person or a command-line flag
// writes it: "6", "6.0", "7.5", "10", "10.0", optionally preceded by "IIS"
// (any case, with or without a space: "IIS 7.5", "iis10"). A major
// number alone means its ".0" release. Surrounding spaces are ignored.
func ParseVersion(s string) (Version, error) {
	t := strings.TrimSpace(s)
	if len(t) >= 3 && strings.EqualFold(t[:3], "iis") {
		t = strings.TrimSpace(t[3:])
	}
	switch t {
	case "5", "5.0":
		return IIS5, nil
	case "6", "6.0":
		return IIS6, nil
	case "7", "7.0":
		return IIS7, nil
	case "7.5":
		return IIS75, nil
	case "8", "8.0":
		return IIS8, nil
	case "8.5":
		return IIS85, nil
	case "10", "10.0":
		return IIS10, nil
	}
	return 0, &ParseError{Input: s, Err: ErrUnknownVersion}
}

// Versions returns an iterator over the defined versions, oldest first.
func Versions() iter.Seq[Version] {
	return func(yield func(Version) bool) {
		for v := IIS5; v <= IIS10; v++ {
			if !yield(v) {
				return
			}
		}
	}
}

// Module is the IIS component that gives a substatus its meaning. The zero
// value, [ModuleCore], is IIS itself; the others are add-on modules that
// reuse substatus numbers for their own errors.
type Module uint8

// The modules the data distinguishes.
const (
	ModuleCore           Module = iota // IIS itself (request filtering, authentication, handlers, …)
	ModuleARR                          // Application Request Routing (reverse proxy, server farms)
	ModuleANCM                         // ASP.NET Core Module (in-process and out-of-process hosting)
	ModuleURLRewrite                   // URL Rewrite 2.x
	ModuleIPRestrictions               // IP and Domain Restrictions, including Dynamic IP Restrictions
)

const numModules = int(ModuleIPRestrictions) + 1

var moduleNames = [numModules]string{
	ModuleCore:           "IIS",
	ModuleARR:            "ARR",
	ModuleANCM:           "ANCM",
	ModuleURLRewrite:     "URL Rewrite",
	ModuleIPRestrictions: "IP and Domain Restrictions",
}

var moduleKeys = [numModules]string{
	ModuleCore:           "core",
	ModuleARR:            "arr",
	ModuleANCM:           "ancm",
	ModuleURLRewrite:     "rewrite",
	ModuleIPRestrictions: "iprestrictions",
}

// moduleAliases are further names ParseModule accepts (compared without
// regard to case).
var moduleAliases = [...]struct {
	name string
	m    Module
}{
	{"iis", ModuleCore},
	{"application request routing", ModuleARR},
	{"asp.net core module", ModuleANCM},
	{"aspnetcore", ModuleANCM},
	{"aspnetcoremodule", ModuleANCM},
	{"aspnetcoremodulev2", ModuleANCM},
	{"urlrewrite", ModuleURLRewrite},
	{"url-rewrite", ModuleURLRewrite},
	{"dipr", ModuleIPRestrictions},
	{"ipr", ModuleIPRestrictions},
	{"ipsecurity", ModuleIPRestrictions},
	{"dynamicipsecurity", ModuleIPRestrictions},
	{"dynamic ip restrictions", ModuleIPRestrictions},
}

// IsValid reports whether m is one of the defined modules.
func (m Module) IsValid() bool { return int(m) < numModules }

// String returns the module's display name: "IIS", "ARR", "ANCM",
// "URL Rewrite" or "IP and Domain Restrictions". An invalid module prints as
// "Module(N)".
func (m Module) String() string {
	if !m.IsValid() {
		return fmt.Sprintf("Module(%d)", uint8(m))
	}
	return moduleNames[m]
}

// Key returns the module's short lower-case name, as used in the data table
// and on command lines: "core", "arr", "ancm", "rewrite" or
// "iprestrictions". It returns "" for an invalid module.
func (m Module) Key() string {
	if !m.IsValid() {
		return ""
	}
	return moduleKeys[m]
}

// AppendText appends the module's [Module.Key] to b. It implements
// [encoding.TextAppender]; an invalid module is an error.
func (m Module) AppendText(b []byte) ([]byte, error) {
	if !m.IsValid() {
		return b, fmt.Errorf("substatus: cannot marshal invalid %v", m)
	}
	return append(b, moduleKeys[m]...), nil
}

// MarshalText returns the module's [Module.Key]. It implements
// [encoding.TextMarshaler].
func (m Module) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText sets m from text accepted by [ParseModule]. It implements
// [encoding.TextUnmarshaler].
func (m *Module) UnmarshalText(text []byte) error {
	p, err := ParseModule(string(text))
	if err != nil {
		return err
	}
	*m = p
	return nil
}

// ErrUnknownModule is the Err of the *[ParseError] [ParseModule] returns.
var ErrUnknownModule = errors.New("unknown module (want core, arr, ancm, rewrite or iprestrictions)")

// ParseModule parses a module name, ignoring case and surrounding spaces. It
// accepts each module's [Module.Key] ("core", "arr", "ancm", "rewrite",
// "iprestrictions"), its [Module.String] ("IIS", "URL Rewrite", …) and
// common aliases: "dipr" and "ipsecurity" for IP restrictions,
// "urlrewrite", "aspnetcore" and "application request routing".
func ParseModule(s string) (Module, error) {
	t := strings.TrimSpace(s)
	for m := range Module(numModules) {
		if strings.EqualFold(t, moduleKeys[m]) || strings.EqualFold(t, moduleNames[m]) {
			return m, nil
		}
	}
	for _, a := range moduleAliases {
		if strings.EqualFold(t, a.name) {
			return a.m, nil
		}
	}
	return 0, &ParseError{Input: s, Err: ErrUnknownModule}
}

// Modules returns an iterator over the defined modules, [ModuleCore] first.
func Modules() iter.Seq[Module] {
	return func(yield func(Module) bool) {
		for m := range Module(numModules) {
			if !yield(m) {
				return
			}
		}
	}
}

// Scope says where a [Meaning] applies: which module produces the code and
// on which IIS versions.
type Scope struct {
	Module Module  // the component that sets the substatus
	Since  Version // first IIS version with this meaning
	Until  Version // last IIS version with this meaning; 0 means it still applies
	// Release names the module release the meaning belongs to, such as
	// "3.0.1916" for ARR or "v2" for ANCM, or "" when it is not tied to one.
	Release string
	// Note is the scope as the sources state it, kept verbatim, such as
	// "ARR 3.0.1916+" or "10.0 (newer builds; docs changed 2019)".
	Note string
}

// Contains reports whether the scope covers IIS version v.
func (s Scope) Contains(v Version) bool {
	return v.IsValid() && v >= s.Since && (s.Until == 0 || v <= s.Until)
}

// String describes the scope in a short form such as "IIS 7.0+",
// "IIS 5.0–6.0" or "ARR 3.0.1916 on IIS 7.0+".
func (s Scope) String() string {
	var b strings.Builder
	if s.Module != ModuleCore {
		b.WriteString(s.Module.String())
		if s.Release != "" {
			b.WriteByte(' ')
			b.WriteString(s.Release)
		}
		b.WriteString(" on ")
	}
	b.WriteString(s.Since.String())
	switch {
	case s.Until == 0:
		b.WriteByte('+')
	case s.Until != s.Since:
		b.WriteString("–")
		b.WriteString(s.Until.Number())
	}
	return b.String()
}

// Confidence grades how well the sources support a meaning. The zero value
// is not a valid level; it is the Confidence of the zero [Meaning] and
// prints and marshals as "unknown".
type Confidence uint8

// Confidence levels.
const (
	// ConfidenceLow: only secondary or third-party evidence.
	ConfidenceLow Confidence = iota + 1
	// ConfidenceMedium: a single authoritative source, or our inference of
	// the version mapping.
	ConfidenceMedium
	// ConfidenceHigh: an official source corroborated by an independent one.
	ConfidenceHigh
)

var confidenceNames = [...]string{
	0:                "unknown",
	ConfidenceLow:    "low",
	ConfidenceMedium: "medium",
	ConfidenceHigh:   "high",
}

// String returns "low", "medium" or "high", "unknown" for the zero value,
// or "Confidence(N)" for any other value.
func (c Confidence) String() string {
	return enumtext.String(confidenceNames[:], c, "Confidence")
}

// AppendText implements [encoding.TextAppender] with the String form; a
// value that is not one of the constants or zero is an error.
func (c Confidence) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, confidenceNames[:], c, "substatus", "Confidence")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (c Confidence) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form of the constants and "unknown".
func (c *Confidence) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, confidenceNames[:], c, "substatus", "Confidence")
}
