package iislog

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Service is the IIS service that wrote a W3C log: a web site, the FTP
// service or the SMTP service. They share the format and the #Software
// line, but not the meaning of sc-status (see [Record.Reply]). The zero
// value is ServiceHTTP.
type Service uint8

// The services that write W3C logs.
const (
	ServiceHTTP Service = iota // a web site (log folder W3SVC<id>)
	ServiceFTP                 // the FTP service (FTPSVC<id>, MSFTPSVC<id> before IIS 7)
	ServiceSMTP                // the SMTP service (SMTPSVC<id>)
)

var serviceNames = [...]string{ServiceHTTP: "HTTP", ServiceFTP: "FTP", ServiceSMTP: "SMTP"}

// String returns "HTTP", "FTP" or "SMTP", or "Service(N)" for a value
// that is none of them.
func (s Service) String() string {
	if int(s) < len(serviceNames) {
		return serviceNames[s]
	}
	return "Service(" + strconv.Itoa(int(s)) + ")"
}

// AppendText implements [encoding.TextAppender]: it appends the name that
// String returns.
func (s Service) AppendText(b []byte) ([]byte, error) {
	if int(s) >= len(serviceNames) {
		return b, errors.New("iislog: invalid Service " + strconv.Itoa(int(s)))
	}
	return append(b, serviceNames[s]...), nil
}

// MarshalText implements [encoding.TextMarshaler].
func (s Service) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler], accepting what
// [ParseService] accepts.
func (s *Service) UnmarshalText(text []byte) error {
	v, err := ParseService(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseService parses "HTTP", "FTP" or "SMTP", in any case.
func ParseService(name string) (Service, error) {
	for i, n := range serviceNames {
		if strings.EqualFold(name, n) {
			return Service(i), nil
		}
	}
	return 0, errors.New("iislog: unknown service " + strconv.Quote(name))
}

// serviceClue is what a layout or a record tells about its service.
type serviceClue uint8

const (
	clueNone serviceClue = iota
	clueHTTP
	clueFTP
	clueSMTP
)

func (c serviceClue) service() Service {
	switch c {
	case clueFTP:
		return ServiceFTP
	case clueSMTP:
		return ServiceSMTP
	}
	return ServiceHTTP
}

// layoutClue tells the service from the column names alone: only the FTP
// service logs x-session, x-fullpath and x-debug.
func layoutClue(names []string) serviceClue {
	for _, n := range names {
		switch n {
		case "x-session", "x-fullpath", "x-debug":
			return clueFTP
		}
	}
	return clueNone
}

// siteClue tells the service from s-sitename: W3SVC1, MSFTPSVC1, FTPSVC2,
// SMTPSVC1. Sites logged by name (logSiteId false) give no clue.
func siteClue(v []byte) serviceClue {
	switch {
	case hasPrefixFold(v, "W3SVC"):
		return clueHTTP
	case hasPrefixFold(v, "MSFTPSVC"), hasPrefixFold(v, "FTPSVC"):
		return clueFTP
	case hasPrefixFold(v, "SMTPSVC"):
		return clueSMTP
	}
	return clueNone
}

// versionClue tells the service from cs-version: "HTTP/1.1" or "SMTP".
func versionClue(v []byte) serviceClue {
	switch {
	case hasPrefixFold(v, "HTTP/"):
		return clueHTTP
	case bytes.EqualFold(v, []byte("SMTP")):
		return clueSMTP
	}
	return clueNone
}

// methodClue tells the service from cs-method: the FTP service of IIS 4
// and 5 writes the session number before the command, "[135]USER".
func methodClue(v []byte) serviceClue {
	if len(v) < 4 || v[0] != '[' {
		return clueNone
	}
	i := 1
	for i < len(v) && v[i]-'0' <= 9 {
		i++
	}
	if i > 1 && i < len(v)-1 && v[i] == ']' {
		return clueFTP
	}
	return clueNone
}

func hasPrefixFold(v []byte, prefix string) bool {
	return len(v) >= len(prefix) && strings.EqualFold(string(v[:len(prefix)]), prefix)
}
