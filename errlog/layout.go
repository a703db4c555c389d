package errlog

import "strings"

// A layout is the column list of a #Fields directive, with the indexes of
// the typed columns resolved once. Layouts are immutable once built and are
// shared by records and clones.
type layout struct {
	text  string         // the names joined by single spaces
	names []string       // column names in order
	index map[string]int // name → column

	free int    // the column that absorbs surplus tokens, or -1
	std  int    // column of sc-status in a standard layout (see fillStandard), or 0
	kind []kind // typed field of each column

	date, time, cip, cport, sip, sport int
	version, method, uri, status, site int
	reason, queue                      int
}

func newLayout(names []string) *layout {
	l := &layout{
		text:  strings.Join(names, " "),
		names: names,
		index: make(map[string]int, len(names)),
	}
	for i, n := range names {
		l.index[n] = i
	}
	idx := func(name string) int {
		if i, ok := l.index[name]; ok {
			return i
		}
		return -1
	}
	l.date, l.time = idx("date"), idx("time")
	l.cip, l.cport, l.sip, l.sport = idx("c-ip"), idx("c-port"), idx("s-ip"), idx("s-port")
	l.version, l.method, l.uri = idx("cs-version"), idx("cs-method"), idx("cs-uri")
	l.status, l.site, l.reason, l.queue = idx("sc-status"), idx("s-siteid"), idx("s-reason"), idx("s-queuename")
	// HTTP.sys logs an unknown verb as it came, raw spaces included, but
	// escapes spaces in the URL; so surplus tokens belong to cs-method.
	l.kind = make([]kind, len(names))
	for i, n := range names {
		l.kind[i] = kindOf[n]
	}
	l.std = standardStatus(names)
	l.free = l.method
	if l.free < 0 {
		l.free = l.uri
	}
	return l
}

// The layouts HTTP.sys is known to write, by column count.
var (
	// layout12 is the early, headerless format (no s-queuename).
	layout12 = newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason"))
	// layout13 is the classic format (Windows Server 2003 to 2012 R2),
	// also assumed for data before any #Fields directive.
	layout13 = newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename"))
	// layout14 adds the HTTP/2 streamid.
	layout14 = newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename"))
	// layout16 adds streamid_ex and transport (HTTP/3 era).
	layout16 = newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport"))
	// layout18 adds fault-code and extended-fault-code.
	layout18 = newLayout(strings.Fields("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code"))

	knownLayouts = [...]*layout{layout12, layout13, layout14, layout16, layout18}
)

// layoutByWidth returns the known layout with n columns, or nil.
func layoutByWidth(n int) *layout {
	switch n {
	case 12:
		return layout12
	case 13:
		return layout13
	case 14:
		return layout14
	case 16:
		return layout16
	case 18:
		return layout18
	}
	return nil
}

// kind tells which typed field of a Record a column fills.
type kind uint8

const (
	kindNone kind = iota
	kindDate
	kindTime
	kindClientIP
	kindClientPort
	kindServerIP
	kindServerPort
	kindVersion
	kindMethod
	kindURI
	kindStatus
	kindSiteID
	kindReason
	kindQueueName
)

var kindOf = map[string]kind{
	"date":        kindDate,
	"time":        kindTime,
	"c-ip":        kindClientIP,
	"c-port":      kindClientPort,
	"s-ip":        kindServerIP,
	"s-port":      kindServerPort,
	"cs-version":  kindVersion,
	"cs-method":   kindMethod,
	"cs-uri":      kindURI,
	"sc-status":   kindStatus,
	"s-siteid":    kindSiteID,
	"s-reason":    kindReason,
	"s-queuename": kindQueueName,
}

// standardStatus returns the column of sc-status if names is a layout of
// the shape fillStandard reads, or 0.
func standardStatus(names []string) int {
	head := [...]string{"date", "time", "c-ip", "c-port", "s-ip", "s-port", "cs-version", "cs-method", "cs-uri"}
	tail := [...]string{"sc-status", "s-siteid", "s-reason", "s-queuename"}
	if len(names) < len(head)+len(tail) {
		return 0
	}
	for i, n := range head {
		if names[i] != n {
			return 0
		}
	}
	st := -1
	for i := len(head); i < len(names); i++ {
		if names[i] == tail[0] {
			st = i
			break
		}
		if kindOf[names[i]] != kindNone {
			return 0
		}
	}
	if st < 0 || st+len(tail) > len(names) {
		return 0
	}
	for i, n := range tail {
		if names[st+i] != n {
			return 0
		}
	}
	for _, n := range names[st+len(tail):] {
		if kindOf[n] != kindNone {
			return 0
		}
	}
	return st
}
