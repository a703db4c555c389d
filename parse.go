package iisstatus

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// This file reads the one-line forms of Explain: a small tokenizer and a
// list of recognizers, one per form. The recognizers own no grammar of
// their own: every number is checked by the package that owns it
// (status.Parse, substatus.Parse, win32.Parse, httpsys.ParseReasonString).
// When no recognizer accepts the input, the error is the one of the
// recognizer that got furthest into it.

// tokenKind classifies a token.
type tokenKind uint8

const (
	tokEOF    tokenKind = iota
	tokNumber           // ASCII digits: "404", "2148074254"
	tokDotted           // digits, a dot and more: "403.14", "401.x", "403.01"
	tokHex              // "0x" or "0X" and more: "0x8007000d" (win32.Parse checks the digits)
	tokWord             // any other run of word bytes: "QueueFull", "N/A", "HTTP/1.1", "404abc"
	tokPunct            // one other character: "-", "–", ",", ":", "."
)

// token is one token of the input. Its text is a slice of the input.
type token struct {
	kind  tokenKind
	text  string
	off   int  // byte offset in the input given to Explain
	space bool // white space or the start of the input comes before it
}

// isWordByte reports whether b belongs to a word: ASCII letters and
// digits, and the '_', '/' and '.' of reason tokens ("Invalid_CR/LF"),
// codes ("403.14") and protocol names ("HTTP/1.1").
func isWordByte(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b|0x20 && b|0x20 <= 'z' || b == '_' || b == '/' || b == '.'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// scanner yields the tokens of s[pos:end] one at a time, so that reading
// the first few tokens of a long input costs only those tokens. It is a
// small value: copy it to look ahead.
type scanner struct {
	s        string // the input given to Explain
	pos, end int
	start    int // where the scanned part begins
}

// isSpaceAt reports whether a white-space character starts at s[i], and
// its length. Besides ASCII white space it accepts Unicode spaces such as
// the no-break space that browsers put into copied error pages.
func isSpaceAt(s string, i int) (bool, int) {
	switch b := s[i]; {
	case b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f':
		return true, 1
	case b < utf8.RuneSelf:
		return false, 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), n
}

// trimSpace returns the bounds of s without leading and trailing white
// space (as isSpaceAt defines it).
func trimSpace(s string, start, end int) (int, int) {
	for start < end {
		sp, n := isSpaceAt(s, start)
		if !sp {
			break
		}
		start += n
	}
	for end > start {
		i := end - 1
		for i > start && !utf8.RuneStart(s[i]) {
			i--
		}
		if sp, _ := isSpaceAt(s, i); !sp {
			break
		}
		end = i
	}
	return start, end
}

func (sc *scanner) next() token {
	space := sc.pos == sc.start
	for sc.pos < sc.end {
		sp, n := isSpaceAt(sc.s, sc.pos)
		if !sp {
			break
		}
		sc.pos += n
		space = true
	}
	if sc.pos >= sc.end {
		return token{kind: tokEOF, off: sc.end, space: true}
	}
	i := sc.pos
	if !isWordByte(sc.s[i]) {
		_, n := utf8.DecodeRuneInString(sc.s[i:sc.end])
		sc.pos += n
		return token{kind: tokPunct, text: sc.s[i:sc.pos], off: i, space: space}
	}
	j := i
	for j < sc.end && isWordByte(sc.s[j]) {
		j++
	}
	// A dot ends a sentence ("HTTP Error 503. The service ...") rather
	// than a word: trailing dots are punctuation of their own.
	for j > i+1 && sc.s[j-1] == '.' {
		j--
	}
	if j == i+1 && sc.s[i] == '.' {
		sc.pos = j
		return token{kind: tokPunct, text: ".", off: i, space: space}
	}
	sc.pos = j
	t := token{text: sc.s[i:j], off: i, space: space}
	t.kind = classify(t.text)
	return t
}

// classify returns the kind of a run of word bytes.
func classify(w string) tokenKind {
	if !isDigit(w[0]) {
		return tokWord
	}
	if len(w) > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X') {
		return tokHex
	}
	for i := 0; i < len(w); i++ {
		switch {
		case isDigit(w[i]):
		case w[i] == '.':
			return tokDotted
		default:
			return tokWord
		}
	}
	return tokNumber
}

// peek returns the next token without consuming it.
func (sc *scanner) peek() token {
	c := *sc
	return c.next()
}

// rest returns the input from the next token to the end, with white space
// trimmed, and its offset.
func (sc *scanner) rest() (string, int) {
	i, j := trimSpace(sc.s, sc.pos, sc.end)
	return sc.s[i:j], i
}

// failure is how far a recognizer got before it gave up, and why.
type failure struct {
	off int
	err error
}

// parser holds the input and the furthest failure of the recognizers.
type parser struct {
	s          string // the input given to Explain
	start, end int    // the input without surrounding white space
	far        failure
}

func (p *parser) scan() scanner { return scanner{s: p.s, pos: p.start, end: p.end, start: p.start} }

// fail records a failure at off; the furthest one is kept, and of equally
// far ones the first, so that the order of the recognizers breaks ties.
func (p *parser) fail(off int, err error) {
	if p.far.err == nil || off > p.far.off {
		p.far = failure{off, err}
	}
}

// because wraps an Explain sentinel around the error of the package parser
// that rejected a part of the input.
func because(kind, cause error) error { return &causeError{kind, cause} }

// causeError is an Explain sentinel with the error of the package parser
// behind it: errors.Is finds both the sentinel and the package's
// sentinels, errors.As the package's *ParseError.
type causeError struct{ kind, cause error }

func (e *causeError) Error() string   { return e.kind.Error() + " (" + e.cause.Error() + ")" }
func (e *causeError) Unwrap() []error { return []error{e.kind, e.cause} }

// recognizers are the one-line forms of Explain, tried in order; the first
// that accepts the input explains it.
//
// The order matters only for the error: of two failures equally far into
// the input the first is reported. windowsCode comes first because a
// number that is not three digits long is rather a Windows code than a
// status out of range.
var recognizers = [...]func(*parser) (Explanation, bool){
	(*parser).windowsCode,  // "0x80070021", "1326", "-2147024883"
	(*parser).reasonAlone,  // "QueueFull", "Invalid_CR/LF", "n/a"
	(*parser).statusReason, // "503 QueueFull", "400 - Hostname"
	(*parser).codeWindows,  // "404 2 1260", "500.19 0x8007000d", "401 2 0x8009030E"
	(*parser).codeTitle,    // "404", "403.14", "403 14", "HTTP Error 403.14 - Forbidden", "401.x"
}

// parseLine explains a one-line input with the recognizers.
func (p *parser) parseLine() (Explanation, bool) {
	for _, r := range recognizers {
		if e, ok := r(p); ok {
			return e, true
		}
	}
	return Explanation{}, false
}

// reasonAlone: one word that is an HTTP.sys reason token.
func (p *parser) reasonAlone() (Explanation, bool) {
	sc := p.scan()
	t := sc.next()
	if t.kind != tokWord {
		return Explanation{}, false
	}
	r, ok := reasonToken(t.text)
	if !ok {
		p.fail(t.off, ErrUnrecognized)
		return Explanation{}, false
	}
	if u := sc.next(); u.kind != tokEOF {
		p.fail(u.off, ErrUnrecognized)
		return Explanation{}, false
	}
	return explainReason(Explanation{}, r), true
}

// statusReason: a status and the reason token HTTP.sys logged with it,
// optionally separated by a dash ("400 - Hostname"). A word that is the
// status's own phrase ("403 Forbidden") is a title, not a token.
func (p *parser) statusReason() (Explanation, bool) {
	sc := p.scan()
	t := skipPrefix(&sc)
	if t.kind != tokNumber {
		return Explanation{}, false
	}
	code, err := status.Parse(t.text)
	if err != nil {
		p.fail(t.off, because(ErrStatusRange, err))
		return Explanation{}, false
	}
	w := sc.next()
	if w.kind == tokPunct && isDash(w.text) && w.space {
		w = sc.next()
	}
	if w.kind != tokWord || !w.space {
		return Explanation{}, false
	}
	if strings.EqualFold(w.text, code.Text()) {
		return Explanation{}, false
	}
	r, ok := reasonToken(w.text)
	if !ok || sc.next().kind != tokEOF {
		return Explanation{}, false
	}
	e := explainReason(Explanation{}, r)
	e.Status = statusDetail(code)
	return e, true
}

// codeWindows: a status or code followed by a Windows code. After the
// two-number log form it is sc-win32-status, the third number of an IIS
// W3C log line ("404 2 1260", a decimal); after any code it may be the
// HRESULT of an error page, in hexadecimal or negative decimal ("500.19
// 0x8007000d", "401 2 0x8009030E", "500.19 -2147024883").
func (p *parser) codeWindows() (Explanation, bool) {
	sc := p.scan()
	t := skipPrefix(&sc)
	if t.kind != tokNumber && t.kind != tokDotted {
		return Explanation{}, false
	}
	c, ok := p.code(&sc, t)
	if !ok || c.all {
		return Explanation{}, false
	}
	w := sc.next()
	if !w.space || w.kind == tokEOF {
		return Explanation{}, false
	}
	text := w.text
	switch {
	case w.kind == tokHex:
	case w.kind == tokPunct && w.text == "-":
		n := sc.next()
		if n.kind != tokNumber || n.space {
			return Explanation{}, false
		}
		text = p.s[w.off : n.off+len(n.text)]
	case c.twoNumbers && w.kind == tokNumber:
	case c.twoNumbers && isDigit(w.text[0]):
		// "404 0 2abc": not a log value.
		p.fail(w.off, ErrWin32Status)
		return Explanation{}, false
	default:
		return Explanation{}, false
	}
	code, err := win32.Parse(text)
	if err != nil {
		p.fail(w.off, because(ErrWin32Status, err))
		return Explanation{}, false
	}
	if u := sc.next(); u.kind != tokEOF {
		p.fail(u.off, ErrUnrecognized)
		return Explanation{}, false
	}
	e := c.explain()
	e.Win32 = win32Detail(code)
	return e, true
}

// codeTitle: a status or code alone, or followed by a title such as the
// phrase of a status line or the heading of an IIS error page: "404",
// "403.14", "403 14", "401.x", "HTTP/1.1 404 Not Found", "302-Object
// Moved", "HTTP Error 403.14 - Forbidden". The title is kept as text and
// not checked against the data; it must not start with a digit.
func (p *parser) codeTitle() (Explanation, bool) {
	c, title, ok := p.readCodeTitle()
	if !ok {
		return Explanation{}, false
	}
	e := c.explain()
	e.Title = title
	return e, true
}

// readCodeTitle reads the form of codeTitle and returns the code and the
// title.
func (p *parser) readCodeTitle() (codePart, string, bool) {
	sc := p.scan()
	t := skipPrefix(&sc)
	if t.kind == tokEOF || !isDigit(t.text[0]) {
		if t.off > p.start {
			// "HTTP", "HTTP Error": a prefix and nothing else.
			p.fail(t.off, ErrUnrecognized)
		}
		return codePart{}, "", false
	}
	c, ok := p.code(&sc, t)
	if !ok {
		return codePart{}, "", false
	}
	w := sc.peek()
	switch {
	case w.kind == tokEOF:
		return c, "", true
	case w.kind == tokPunct && isDash(w.text):
		sc.next()
	case !w.space:
		// "404abc" is a word; "403.14:" and the like are glued text.
		p.fail(w.off, ErrUnrecognized)
		return codePart{}, "", false
	}
	title, off := sc.rest()
	if title != "" && isDigit(title[0]) {
		// "403.14 0", "404 - 2": a number after a code is no title.
		p.fail(off, ErrUnrecognized)
		return codePart{}, "", false
	}
	return c, title, true
}

// windowsCode: a Windows error code or HRESULT alone, as win32.Parse reads
// it: decimal, hexadecimal with 0x, or an HRESULT in negative decimal. A
// three-digit number is a status, not a Windows code (codeTitle takes it);
// write such a code in hexadecimal ("0x7E").
func (p *parser) windowsCode() (Explanation, bool) {
	sc := p.scan()
	t := sc.next()
	text := t.text
	switch t.kind {
	case tokHex:
	case tokNumber:
		if len(t.text) == 3 {
			return Explanation{}, false // a status: codeTitle's
		}
	case tokPunct:
		n := sc.next()
		if t.text != "-" || n.kind != tokNumber || n.space {
			return Explanation{}, false
		}
		text = p.s[t.off : n.off+len(n.text)]
	default:
		return Explanation{}, false
	}
	if u := sc.next(); u.kind != tokEOF {
		p.fail(u.off, ErrUnrecognized)
		return Explanation{}, false
	}
	code, err := win32.Parse(text)
	if err != nil {
		p.fail(t.off, because(ErrWin32Status, err))
		return Explanation{}, false
	}
	return Explanation{Kind: KindWin32, Win32: win32Detail(code)}, true
}

// skipPrefix reads a leading "HTTP", "HTTP/1.1" or "HTTP Error" (any case,
// optionally followed by a colon) and returns the first token after it.
func skipPrefix(sc *scanner) token {
	t := sc.next()
	if t.kind != tokWord || !(strings.EqualFold(t.text, "HTTP") || len(t.text) > 5 && strings.EqualFold(t.text[:5], "HTTP/")) {
		return t
	}
	t = sc.next()
	if t.kind == tokWord && strings.EqualFold(t.text, "Error") {
		t = sc.next()
	}
	if t.kind == tokPunct && t.text == ":" {
		t = sc.next()
	}
	return t
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

// codePart is a status, or an IIS code with substatus, as code read it.
type codePart struct {
	status     status.Code
	sub        substatus.Code // valid when hasSub
	hasSub     bool
	all        bool // "401.x": the status with all its substatus codes
	twoNumbers bool // "404 2": the log form, so a third number is sc-win32-status
}

// code reads a status or a code with substatus that starts with t: "404",
// "403.14", "403,14", "403 14", "401.x". The status is checked by
// status.Parse, the code with substatus by substatus.Parse.
func (p *parser) code(sc *scanner, t token) (codePart, bool) {
	var c codePart
	digits := t.text
	switch t.kind {
	case tokNumber:
	case tokDotted:
		digits, _, _ = strings.Cut(t.text, ".")
	case tokHex:
		return c, false // windowsCode's
	default:
		// "404abc": letters glued to the digits.
		p.fail(t.off, ErrUnrecognized)
		return c, false
	}
	code, err := status.Parse(digits)
	if err != nil {
		p.fail(t.off, because(ErrStatusRange, err))
		return c, false
	}
	c.status = code
	sub, subOff := "", 0 // the code for substatus.Parse, and where its substatus starts
	switch n := sc.peek(); {
	case t.kind == tokDotted:
		subOff = t.off + len(digits) + 1
		if x := t.text[len(digits)+1:]; x == "x" || x == "X" {
			c.all = true
			return c, true
		}
		sub = t.text
	case n.kind == tokPunct && (n.text == "." || n.text == ",") && !n.space:
		sc.next()
		m := sc.peek()
		if n.text == "." && m.space && m.kind != tokEOF {
			// "HTTP Error 503. The service is unavailable.": the dot ends
			// a sentence.
			return c, true
		}
		subOff = n.off + 1
		if m.space {
			m.text = "" // "403,": the substatus is missing
		} else {
			sc.next()
		}
		sub = digits + "." + m.text
	case n.kind == tokNumber && n.space:
		sc.next()
		sub, subOff = digits+"."+n.text, n.off
		c.twoNumbers = true
	default:
		return c, true
	}
	sc2, err := substatus.Parse(sub)
	if err != nil {
		p.fail(subOff, because(ErrSubstatus, err))
		return c, false
	}
	c.sub, c.hasSub = sc2, true
	return c, true
}

// explain returns the Explanation of a code without title or Windows code.
func (c codePart) explain() Explanation {
	e := Explanation{Status: statusDetail(c.status)}
	if !c.hasSub {
		e.Kind = KindStatus
		e.Substatuses = substatusesOf(c.status)
		return e
	}
	e.Kind = KindSubstatus
	e.Substatus = substatusDetail(c.sub)
	return e
}

// longestToken is the length of the longest reason token, so that a long
// word is rejected without comparing it with each.
var longestToken = sync.OnceValue(func() int {
	n := 0
	for r := range httpsys.All() {
		n = max(n, len(r.String()))
	}
	return n
})

// reasonToken matches a reason token exactly, or else ignoring case.
func reasonToken(s string) (httpsys.Reason, bool) {
	if r, err := httpsys.ParseReasonString(s); err == nil {
		return r, true
	}
	if len(s) > longestToken() {
		return httpsys.ReasonUnknown, false
	}
	for r := range httpsys.All() {
		if strings.EqualFold(r.String(), s) {
			return r, true
		}
	}
	return httpsys.ReasonUnknown, false
}
