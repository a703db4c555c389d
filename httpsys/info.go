package httpsys

import (
	"github.com/iisstatus/iisstatus/internal/enumtext"
	"github.com/iisstatus/iisstatus/status"
)

// Info is what the table says about one [Reason]. All fields are plain
// values: an Info can be copied and compared freely, and [Reason.Info]
// returns it without allocating. Empty strings mean "not documented"; the
// table never invents a text. Info encodes to JSON with the field names in
// its tags; zero fields are omitted.
type Info struct {
	// Token is the exact HTTP.sys token ("Invalid_CR/LF").
	Token string `json:"token"`
	// Status is the HTTP status HTTP.sys sends and logs with the token,
	// or 0 when it sends none (timeouts, dropped and orphaned connections)
	// or the sources do not state one.
	Status status.Code `json:"status,omitempty"`
	// AltStatus is a second status the same token is logged with, or 0.
	// Only N/I has one: 501 in general, 503 for an unknown transfer
	// encoding.
	AltStatus status.Code `json:"alt_status,omitempty"`
	// Category says what kind of event the token records.
	Category Category `json:"category"`
	// Severity is a hint for operators on how much a line matters.
	Severity Severity `json:"severity"`
	// ClientText is the short description the client receives in the
	// response, byte-exact from the documentation (for example "Too many
	// users." for ConnLimit), or "" when none is documented. It is
	// deliberately vague; the cause is only in the log.
	ClientText string `json:"client_text,omitempty"`
	// Condition is the documented one-line condition of the 400 reason
	// codes ("Invalid verb."), byte-exact, or "".
	Condition string `json:"condition,omitempty"`
	// Cause explains, in our words, why HTTP.sys logs the token. See
	// [Reason.Causes] for reasons with several distinct causes.
	Cause string `json:"cause"`
	// Advice is a short hint on what an operator should look at.
	Advice string `json:"advice"`
	// Setting is the configuration value that governs the event, if any.
	Setting Setting `json:"setting,omitzero"`
	// LegacySetting is a second related setting, mostly the IIS 6
	// metabase counterpart of Setting, or the zero Setting.
	LegacySetting Setting `json:"legacy_setting,omitzero"`
	// Windows notes which Windows versions log the token.
	Windows string `json:"windows"`
	// Notes records caveats and conflicts between sources, or "".
	Notes string `json:"notes,omitempty"`
	// Confidence is how well the sources support the entry.
	Confidence Confidence `json:"confidence"`
}

// HasStatus reports whether HTTP.sys sends (and logs) an HTTP status with
// the token, that is whether Status is set.
func (i Info) HasStatus() bool {
	return i.Status != 0
}

// Setting names a configuration value related to a reason.
type Setting struct {
	// Name is the setting's name as written in its store, e.g.
	// "queueLength" or "MaxFieldLength". It may be empty when a default is
	// documented but no name is.
	Name string `json:"name,omitempty"`
	// Default is the documented default ("1000", "00:02:00", "16384"),
	// in the unit given by Notes, or "" when not documented.
	Default string `json:"default,omitempty"`
	// Notes says where the setting lives, its unit and range, and caveats.
	Notes string `json:"notes,omitempty"`
}

// IsZero reports whether s is the zero Setting (no setting).
func (s Setting) IsZero() bool {
	return s == Setting{}
}

// Category says what kind of event a reason records. The zero value is
// CategoryUnknown.
type Category uint8

// The categories. Their String values are the lower-case names.
const (
	CategoryUnknown  Category = iota // "unknown": the Info of ReasonUnknown
	CategoryResponse                 // "response": HTTP.sys answered the request itself with an error status
	CategoryTimeout                  // "timeout": a connection timer expired (Timer_*)
	CategoryOrphaned                 // "orphaned": a queued request lost the process that should serve it
	CategoryDropped                  // "dropped": the connection was closed or reset before a response was logged
	CategoryOther                    // "other": anything else, such as refusing connections under memory pressure
)

var categoryNames = [...]string{"unknown", "response", "timeout", "orphaned", "dropped", "other"}

// String returns the category's lower-case name, or "Category(n)".
func (c Category) String() string { return enumtext.String(categoryNames[:], c, "Category") }

// AppendText implements [encoding.TextAppender] with the String form.
func (c Category) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, categoryNames[:], c, "httpsys", "Category")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (c Category) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (c *Category) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, categoryNames[:], c, "httpsys", "Category")
}

// Severity is a hint for operators on how much a log line with a reason
// matters. It is a rule of thumb, not a verdict: volume and context still
// decide. The zero value is SeverityUnknown.
type Severity uint8

// The severities, from least to most urgent.
const (
	SeverityUnknown Severity = iota // "unknown": the Info of ReasonUnknown
	// SeverityRoutine ("routine"): expected in normal operation, such as
	// idle keep-alive connections timing out; no action needed.
	SeverityRoutine
	// SeverityNotice ("notice"): one request or client had a problem
	// (malformed request, slow client); worth a look only in volume.
	SeverityNotice
	// SeverityWarning ("warning"): the server or an application pool is
	// short of capacity or failing some requests (full queue, connection
	// limit, orphaned requests); investigate.
	SeverityWarning
	// SeverityCritical ("critical"): an application pool or HTTP.sys is
	// refusing all such traffic (pool disabled by Rapid Fail Protection,
	// stopped, shut down; kernel memory exhausted); act now.
	SeverityCritical
)

var severityNames = [...]string{"unknown", "routine", "notice", "warning", "critical"}

// String returns the severity's lower-case name, or "Severity(n)".
func (s Severity) String() string { return enumtext.String(severityNames[:], s, "Severity") }

// AppendText implements [encoding.TextAppender] with the String form.
func (s Severity) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, severityNames[:], s, "httpsys", "Severity")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (s Severity) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (s *Severity) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, severityNames[:], s, "httpsys", "Severity")
}

// Confidence is how well the sources support an entry. The zero value is
// ConfidenceUnknown.
type Confidence uint8

// The confidence levels.
const (
	ConfidenceUnknown Confidence = iota // "unknown": the Info of ReasonUnknown
	// ConfidenceLow ("low"): seen only in secondary sources or real logs;
	// the token is undocumented.
	ConfidenceLow
	// ConfidenceMedium ("medium"): a single authoritative source, or our
	// inference (for example about Windows versions).
	ConfidenceMedium
	// ConfidenceHigh ("high"): an official source corroborated by a second
	// independent one.
	ConfidenceHigh
)

var confidenceNames = [...]string{"unknown", "low", "medium", "high"}

// String returns the confidence's lower-case name, or "Confidence(n)".
func (c Confidence) String() string { return enumtext.String(confidenceNames[:], c, "Confidence") }

// AppendText implements [encoding.TextAppender] with the String form.
func (c Confidence) AppendText(b []byte) ([]byte, error) {
	return enumtext.Append(b, confidenceNames[:], c, "httpsys", "Confidence")
}

// MarshalText implements [encoding.TextMarshaler] with the String form.
func (c Confidence) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the
// String form.
func (c *Confidence) UnmarshalText(text []byte) error {
	return enumtext.Unmarshal(text, confidenceNames[:], c, "httpsys", "Confidence")
}
