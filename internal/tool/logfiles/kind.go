package logfiles

import (
	"bytes"
	"net/netip"
	"strings"
)

// Kind is what a log file holds, as told by [Detect].
type Kind uint8

// The kinds of log Detect tells apart.
const (
	// KindUnknown is anything else: empty input, a W3C log from other
	// software whose fields are not those of IIS, or text that is no log.
	KindUnknown Kind = iota
	// KindHTTPErr is an HTTP.sys error log (httperr*.log).
	KindHTTPErr
	// KindAccess is a W3C extended log of HTTP requests: an IIS web site's
	// u_ex*.log, or the same format written by another HTTP Server API
	// application.
	KindAccess
	// KindFTP is a W3C log of the IIS FTP service.
	KindFTP
	// KindSMTP is a W3C log of the IIS SMTP service.
	KindSMTP
)

var kindNames = [...]string{"unknown", "httperr", "access", "ftp", "smtp"}

// String returns the kind's name: "unknown", "httperr", "access", "ftp" or
// "smtp".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// A Detection is what [Detect] found out about a file.
type Detection struct {
	Kind Kind
	// Software is the value of the first #Software directive, or "".
	Software string
	// Fields is the first #Fields directive's list of names, or nil.
	Fields []string
	// Why says in a few words what decided the kind, for messages:
	// "#Fields has s-reason", "headerless lines shaped like HTTPERR".
	Why string
	// Empty is true when the input held no data line and no directive
	// that tells its kind (an empty file, blank lines only).
	Empty bool
}

// SniffSize is how much of the start of a file [Detect] needs: the
// directive block and a few dozen data lines fit in it.
const SniffSize = 64 << 10

// sniffLines is how many data lines Detect looks at.
const sniffLines = 32

// Detect tells what kind of log starts with prefix (the first [SniffSize]
// bytes of the decoded file, or all of it when shorter; atEOF says which).
// path is the file's path or name, used only to break ties: IIS writes the
// FTP and SMTP services' logs in folders called FTPSVCn, MSFTPSVCn and
// SMTPSVCn, with the same #Software line as the web logs.
//
// The directives decide first. A #Fields list with s-reason (or cs-uri
// with s-siteid or s-queuename) is HTTPERR; with x-session or x-fullpath it
// is FTP; with cs-uri-stem, or sc-status together with sc-substatus,
// sc-win32-status or time-taken, it is a W3C log of requests: an FTP or
// SMTP log when its folder, its site names (MSFTPSVC1, SMTPSVC1), its
// protocol version ("SMTP") or most of its methods (USER, PASS,
// ControlChannelOpened; HELO, MAIL, RCPT) say so, an access log otherwise.
// Any of these is KindUnknown when #Software names software other than
// IIS and HTTP.sys (Netscaler, Oracle Web Cache, the IIS Advanced Logging
// module, Incapsula): such files give the same field names other meanings
// (time-taken in seconds, local times).
//
// Without #Fields, "#Software: Microsoft HTTP API" means HTTPERR, and
// headerless data lines are matched against the shapes each kind writes
// (HTTPERR: date time ip port ip port version; access: date time, a method
// followed by a path, and a status followed by two numbers; FTP: an FTP
// command after the server's address and port). Lines of different
// shapes, or of none, give KindUnknown: a file is never guessed. So does
// UTF-16 text (a log saved again by an editor), which Why names.
func Detect(prefix []byte, atEOF bool, path string) Detection {
	var d Detection
	if bytes.HasPrefix(prefix, []byte("\xff\xfe")) || bytes.HasPrefix(prefix, []byte("\xfe\xff")) ||
		len(prefix) >= 4 && prefix[0] == '#' && prefix[1] == 0 && prefix[2] != 0 && prefix[3] == 0 {
		d.Kind, d.Why = KindUnknown, "UTF-16 text (IIS and HTTP.sys write UTF-8 or ANSI; convert it to read it)"
		return d
	}
	var data [][]byte // data lines seen before the first #Fields, or after it
	var afterFields [][]byte
	lines := prefix
	if bytes.HasPrefix(lines, []byte("\xef\xbb\xbf")) {
		lines = lines[3:]
	}
	for len(lines) > 0 {
		i := bytes.IndexByte(lines, '\n')
		var line []byte
		if i < 0 {
			if !atEOF {
				break // a line cut by the end of the prefix
			}
			line, lines = lines, nil
		} else {
			line, lines = lines[:i], lines[i+1:]
		}
		line = bytes.TrimRight(line, "\r\x00 \t")
		line = bytes.TrimLeft(line, "\x00")
		if len(line) == 0 {
			continue
		}
		if line[0] == '#' {
			name, value, _ := bytes.Cut(line[1:], []byte(":"))
			value = bytes.TrimSpace(value)
			switch string(name) {
			case "Software":
				if d.Software == "" {
					d.Software = string(value)
				}
			case "Fields":
				if d.Fields == nil {
					d.Fields = strings.Fields(string(value))
				}
			}
			continue
		}
		if d.Fields != nil {
			if len(afterFields) < sniffLines {
				afterFields = append(afterFields, line)
			}
		} else if len(data) < sniffLines {
			data = append(data, line)
		}
		if len(afterFields) >= sniffLines {
			break
		}
	}
	switch {
	case d.Fields != nil:
		d.Kind, d.Why = fromFields(d.Fields, afterFields, path)
		if d.Kind != KindUnknown && d.Software != "" && !isIISSoftware(d.Software) {
			// Other software writes W3C files with the same field names
			// and other meanings (time-taken in seconds, local times).
			d.Kind, d.Why = KindUnknown, "a W3C log written by "+d.Software+", not by IIS"
		}
	case strings.HasPrefix(d.Software, "Microsoft HTTP API"):
		d.Kind, d.Why = KindHTTPErr, "#Software: "+d.Software
	case len(data) > 0:
		d.Kind, d.Why = fromShape(data, path)
	case d.Software != "":
		d.Kind, d.Why = KindUnknown, "no #Fields directive and no data line"
	default:
		d.Kind, d.Why, d.Empty = KindUnknown, "no data", true
	}
	return d
}

// isIISSoftware reports whether a #Software value is that of IIS or of
// HTTP.sys ("Microsoft HTTP API 2.0" in HTTPERR, "Microsoft HTTP Server API
// 2.0" in the W3C logs of other HTTP Server API applications).
func isIISSoftware(s string) bool {
	return strings.HasPrefix(s, "Microsoft Internet Information Serv") || strings.HasPrefix(s, "Microsoft HTTP")
}

// fromFields decides from a #Fields list, and from the data lines that
// follow it when the list is that of W3C request logs.
func fromFields(fields []string, data [][]byte, path string) (Kind, string) {
	has := func(name string) bool {
		for _, f := range fields {
			if strings.EqualFold(f, name) {
				return true
			}
		}
		return false
	}
	switch {
	case has("s-reason"):
		return KindHTTPErr, "#Fields has s-reason"
	case has("cs-uri") && (has("s-siteid") || has("s-queuename")):
		return KindHTTPErr, "#Fields has cs-uri and s-siteid or s-queuename"
	case has("x-session") || has("x-fullpath"):
		return KindFTP, "#Fields has x-session or x-fullpath"
	case has("cs-uri-stem") || has("sc-status") && (has("sc-substatus") || has("sc-win32-status") || has("time-taken")):
	default:
		return KindUnknown, "#Fields names no IIS request field (cs-uri-stem, sc-status with sc-substatus, ...)"
	}
	if k, why := fromFolder(path); k != KindUnknown {
		return k, why
	}
	col := func(name string) int {
		for i, f := range fields {
			if strings.EqualFold(f, name) {
				return i
			}
		}
		return -1
	}
	site, version, method := col("s-sitename"), col("cs-version"), col("cs-method")
	var ftp, smtp, n int
	for _, line := range data {
		tok := bytes.Split(line, []byte(" "))
		n++
		at := func(i int) []byte {
			if i < 0 || i >= len(tok) {
				return nil
			}
			return tok[i]
		}
		s := at(site)
		switch {
		case hasPrefixFold(s, "MSFTPSVC") || hasPrefixFold(s, "FTPSVC"):
			ftp++
		case hasPrefixFold(s, "SMTPSVC") || string(at(version)) == "SMTP":
			smtp++
		case isFTPCommand(at(method)):
			ftp++
		case isSMTPCommand(at(method)):
			smtp++
		}
	}
	switch {
	case n > 0 && 2*ftp > n:
		return KindFTP, "W3C request log whose lines are FTP commands or FTP sites"
	case n > 0 && 2*smtp > n:
		return KindSMTP, "W3C request log whose lines are SMTP commands or SMTP sites"
	}
	return KindAccess, "#Fields of a W3C request log"
}

// fromFolder tells the FTP and SMTP services' folders.
func fromFolder(path string) (Kind, string) {
	dir := parentName(path)
	switch {
	case hasPrefixFold([]byte(dir), "MSFTPSVC") || hasPrefixFold([]byte(dir), "FTPSVC"):
		return KindFTP, "in an FTP service folder (" + dir + ")"
	case hasPrefixFold([]byte(dir), "SMTPSVC"):
		return KindSMTP, "in an SMTP service folder (" + dir + ")"
	}
	return KindUnknown, ""
}

// parentName returns the name of the folder holding path, with either
// kind of separator.
func parentName(path string) string {
	i := strings.LastIndexAny(path, `/\`)
	if i < 0 {
		return ""
	}
	path = path[:i]
	return path[strings.LastIndexAny(path, `/\`)+1:]
}

// Shapes of headerless data lines.
const (
	shapeNone = iota
	shapeHTTPErr
	shapeAccess
	shapeFTP
)

// fromShape decides from headerless data lines: all of them (but for at
// most one in five) must have the shape of one kind.
func fromShape(data [][]byte, path string) (Kind, string) {
	var counts [4]int
	for _, line := range data {
		counts[lineShape(line)]++
	}
	best := shapeNone
	for s := shapeHTTPErr; s <= shapeFTP; s++ {
		if counts[s] > counts[best] {
			best = s
		}
	}
	if best == shapeNone || 5*counts[best] < 4*len(data) {
		return KindUnknown, "headerless lines of no known shape"
	}
	switch best {
	case shapeHTTPErr:
		return KindHTTPErr, "headerless lines shaped like HTTPERR (date time ip port ip port)"
	case shapeFTP:
		return KindFTP, "headerless lines of FTP commands"
	}
	if k, why := fromFolder(path); k != KindUnknown {
		return k, why
	}
	return KindAccess, "headerless lines shaped like an IIS access log"
}

// lineShape classifies one data line by its fields.
func lineShape(line []byte) int {
	tok := bytes.Split(line, []byte(" "))
	if len(tok) < 5 || !isDate(tok[0]) || !isTime(tok[1]) {
		return shapeNone
	}
	if len(tok) >= 8 && isAddr(tok[2]) && isAddr(tok[4]) && isPortOrDash(tok[5]) && isFTPCommand(tok[6]) {
		return shapeFTP
	}
	if len(tok) >= 12 && isAddr(tok[2]) && isPortOrDash(tok[3]) && isAddr(tok[4]) && isPortOrDash(tok[5]) &&
		(string(tok[6]) == "-" || bytes.HasPrefix(tok[6], []byte("HTTP/"))) {
		return shapeHTTPErr
	}
	// A method followed by a path, then a status followed by two numbers
	// (sc-substatus, sc-win32-status).
	for i := 2; i+1 < len(tok); i++ {
		if !isMethod(tok[i]) || len(tok[i+1]) == 0 || tok[i+1][0] != '/' {
			continue
		}
		for j := i + 2; j+2 < len(tok); j++ {
			if isStatus(tok[j]) && isDigits(tok[j+1]) && isDigits(tok[j+2]) {
				return shapeAccess
			}
		}
		break
	}
	return shapeNone
}

func isDate(b []byte) bool {
	return len(b) == 10 && b[4] == '-' && b[7] == '-' && isDigits(b[:4]) && isDigits(b[5:7]) && isDigits(b[8:])
}

func isTime(b []byte) bool {
	return len(b) >= 8 && b[2] == ':' && b[5] == ':' && isDigits(b[:2]) && isDigits(b[3:5]) && isDigits(b[6:8])
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isPortOrDash(b []byte) bool { return string(b) == "-" || isDigits(b) && len(b) <= 5 }

func isStatus(b []byte) bool { return len(b) == 3 && isDigits(b) && b[0] >= '1' && b[0] <= '5' }

func isAddr(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	_, err := netip.ParseAddr(string(b))
	return err == nil
}

// isMethod reports whether b looks like an HTTP method token: ASCII
// letters, digits and '-' or '_', starting with a letter.
func isMethod(b []byte) bool {
	if len(b) == 0 || len(b) > 32 || !('A' <= b[0] && b[0] <= 'Z' || 'a' <= b[0] && b[0] <= 'z') {
		return false
	}
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || isDigit(c) || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// ftpCommands are what the IIS FTP service logs in cs-method: the
// commands of RFC 959 and its extensions, and its own channel events.
var ftpCommands = []string{
	"ControlChannelOpened", "ControlChannelClosed", "DataChannelOpened", "DataChannelClosed",
	"USER", "PASS", "ACCT", "CWD", "CDUP", "QUIT", "PORT", "PASV", "EPRT", "EPSV", "TYPE", "STRU",
	"MODE", "RETR", "STOR", "STOU", "APPE", "REST", "RNFR", "RNTO", "ABOR", "DELE", "RMD", "MKD",
	"XMKD", "XRMD", "XCWD", "XPWD", "PWD", "LIST", "NLST", "SITE", "SYST", "STAT", "HELP", "NOOP",
	"FEAT", "OPTS", "AUTH", "PBSZ", "PROT", "SIZE", "MDTM", "MLSD", "MLST", "CLNT", "HOST",
}

// smtpCommands are what the IIS SMTP service logs in cs-method.
var smtpCommands = []string{
	"HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "VRFY", "EXPN", "TURN", "ETRN", "BDAT",
	"STARTTLS", "X-EXPS", "XEXCH50", "OutboundConnectionCommand", "OutboundConnectionResponse",
}

// isFTPCommand reports whether b is an FTP command as IIS logs it,
// possibly after an IIS 4 session number ("[2]USER").
func isFTPCommand(b []byte) bool {
	if len(b) > 0 && b[0] == '[' {
		if i := bytes.IndexByte(b, ']'); i > 0 {
			b = b[i+1:]
		}
	}
	return oneOf(b, ftpCommands)
}

func isSMTPCommand(b []byte) bool { return oneOf(b, smtpCommands) }

func oneOf(b []byte, list []string) bool {
	for _, s := range list {
		if string(b) == s {
			return true
		}
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}
