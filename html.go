package iisstatus

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file turns a pasted HTML error page into the text a browser shows,
// line by line, so that one reader (page.go) serves pages pasted as HTML
// and pages copied from a browser window. It is no HTML parser: it knows
// the few tags error pages use, and it runs in time linear in the input
// whatever the input is.

// looksLikeHTML reports whether s holds tags of an HTML page, as opposed to
// a text that quotes configuration XML ("<modules ...>", "<aspNetCore>").
func looksLikeHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		name, _, _ := tagName(s[i+1:])
		if htmlTags[name] {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// htmlTags are the tags that make a text an HTML page. The value says
// whether the tag ends a line of text.
var htmlTags = map[string]bool{
	"!doctype": true, "html": true, "head": true, "body": true, "title": true, "div": true, "p": true,
	"br": true, "hr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"table": true, "tr": true, "ul": true, "ol": true, "li": true, "fieldset": true, "legend": true,
	"pre": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	// Inline tags: part of a page, but they do not end a line.
	"td": false, "th": false, "span": false, "a": false, "b": false, "i": false, "font": false,
	"code": false, "strong": false, "em": false, "small": false,
}

// tagName reads the name of the tag that starts s (just after '<'): ASCII
// letters and digits, in lower case, or "!doctype". It reports whether the
// tag closes ("</h3>") and how many bytes the name took; the name is ""
// when s does not start a tag.
func tagName(s string) (name string, closing bool, n int) {
	if strings.HasPrefix(s, "/") {
		closing, n = true, 1
	}
	if !closing && len(s) >= 8 && strings.EqualFold(s[:8], "!doctype") {
		return "!doctype", false, 8
	}
	start := n
	for n < len(s) && n-start < 12 && ('a' <= s[n]|0x20 && s[n]|0x20 <= 'z' || n > start && isDigit(s[n])) {
		n++
	}
	if n == start || n < len(s) && s[n] != '>' && s[n] != ' ' && s[n] != '/' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r' {
		return "", false, 0
	}
	return strings.ToLower(s[start:n]), closing, n
}

// htmlText returns the text of an HTML page: tags removed, the tags that
// end a line turned into line breaks, a tab between the cells of a table
// row ("Module<TAB>IIS Web Core"), character references decoded, and the
// contents of script and style elements dropped. The text of comments is
// kept, as text the paste holds. It also returns the value of the first
// "IIS70Error=" link parameter, which IIS detailed error pages put in
// their "View more information" link ("500,19,0x8007000d,9200").
func htmlText(s string) (text, iis70Error string) {
	var b strings.Builder
	b.Grow(len(s))
	noClose := false // no '>' after this point: every '<' is text
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&':
			r, n := entity(s[i:])
			b.WriteString(r)
			i += n
			continue
		case c != '<' || noClose:
			b.WriteByte(c)
			i++
			continue
		case strings.HasPrefix(s[i:], "<!--"):
			j := strings.Index(s[i+4:], "-->")
			if j < 0 {
				b.WriteString(s[i+4:])
				return b.String(), iis70Error
			}
			b.WriteByte('\n')
			b.WriteString(s[i+4 : i+4+j])
			b.WriteByte('\n')
			i += 4 + j + 3
			continue
		}
		name, closing, _ := tagName(s[i+1:])
		if name == "" {
			b.WriteByte(c) // "a < b"
			i++
			continue
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			noClose = true
			continue
		}
		tag := s[i : i+j+1]
		i += j + 1
		if !closing && (name == "script" || name == "style") {
			k := indexFold(s[i:], "</"+name)
			if k < 0 {
				break
			}
			i += k
			continue
		}
		if iis70Error == "" {
			if k := strings.Index(tag, "IIS70Error="); k >= 0 {
				v := tag[k+len("IIS70Error="):]
				if e := strings.IndexAny(v, "\"'& >"); e >= 0 {
					v = v[:e]
				}
				iis70Error = v
			}
		}
		switch {
		case name == "td" && !closing:
			b.WriteByte('\t')
		case htmlTags[name]:
			b.WriteByte('\n')
		}
	}
	return b.String(), iis70Error
}

// indexFold is strings.Index ignoring ASCII case, for an ASCII lower-case
// substr.
func indexFold(s, substr string) int {
	n := len(substr)
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 == substr[0]|0x20 && strings.EqualFold(s[i:i+n], substr) {
			return i
		}
	}
	return -1
}

// entities are the named character references error pages use.
var entities = map[string]string{
	"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'",
	"raquo": "»", "laquo": "«", "copy": "©", "ndash": "–", "mdash": "—", "hellip": "…",
}

// entity decodes the character reference at the start of s ("&nbsp;",
// "&#39;", "&#x2014;") and returns its text and length; anything else is a
// literal "&" of length 1.
func entity(s string) (string, int) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 2 {
		return "&", 1
	}
	ref := s[1:end]
	if ref[0] == '#' {
		base, digits := 10, ref[1:]
		if len(digits) > 0 && digits[0]|0x20 == 'x' {
			base, digits = 16, digits[1:]
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || !utf8.ValidRune(rune(n)) || n == 0 {
			return "&", 1
		}
		return string(rune(n)), end + 1
	}
	if r, ok := entities[ref]; ok {
		return r, end + 1
	}
	return "&", 1
}
