package l10n

import (
	"cmp"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// supported lists the languages with texts, English first: the first tag
// is the matcher's fallback, and index 0 means English everywhere in this
// package. The order is also the order of [Languages].
var supported = [...]language.Tag{
	language.English,
	language.German,
	language.French,
	language.Spanish,
	language.Japanese,
}

// bases holds the base language of each supported tag, for [Index].
var bases = sync.OnceValue(func() (b [len(supported)]language.Base) {
	for i, t := range supported {
		b[i], _ = t.Base()
	}
	return b
})

// matcher is built on first use: NewMatcher does real work, and a library
// must not do it on import.
var matcher = sync.OnceValue(func() language.Matcher {
	return language.NewMatcher(supported[:])
})

// Match returns the supported language that best fits the given
// Accept-Language values, or English when none fits or the values are
// malformed. The values are the lines of the header, which form one
// comma-separated list (RFC 9110, Section 5.3), so q-values compare across
// lines: ("fr;q=0.5", "de;q=0.9") gives German. An element that does not
// parse is skipped, the others still count; elements with q=0 are
// dropped. Only the first maxElements elements are read. Match returns
// one of the tags of [Languages] exactly, never the augmented tag of the
// matcher ("en-u-rg-uszzzz" for "en-US"), so the result can be compared
// and used as a map key.
func Match(acceptLanguage ...string) language.Tag {
	tags := desired(acceptLanguage)
	if len(tags) == 0 {
		return supported[0]
	}
	_, i, conf := matcher().Match(tags...)
	if conf == language.No || i < 0 || i >= len(supported) {
		return supported[0]
	}
	return supported[i]
}

// maxElements bounds the work [Match] does for one request: browsers send
// a handful of languages, and a client may send thousands.
const maxElements = 64

// desired parses the merged list of Accept-Language values into tags in
// order of preference: by q-value, highest first, and in list order among
// equal q-values (RFC 9110, Section 12.5.4).
func desired(lines []string) []language.Tag {
	var all string
	switch len(lines) {
	case 0:
		return nil
	case 1:
		all = lines[0]
	default:
		all = strings.Join(lines, ",")
	}
	// The common case, a well-formed list, in one call; its result is
	// already in order of preference, without the q=0 elements.
	if strings.Count(all, ",") < maxElements {
		if tags, _, err := language.ParseAcceptLanguage(all); err == nil {
			return tags
		}
	}
	type weighted struct {
		tag language.Tag
		q   float32
	}
	var list []weighted
	n := 0
	for elem := range strings.SplitSeq(all, ",") {
		if elem = strings.TrimSpace(elem); elem == "" {
			continue
		}
		if n++; n > maxElements {
			break
		}
		// One element at a time: ParseAcceptLanguage rejects a whole
		// list for one bad element.
		tags, qs, err := language.ParseAcceptLanguage(elem)
		if err != nil {
			continue
		}
		for j, t := range tags {
			list = append(list, weighted{t, qs[j]})
		}
	}
	slices.SortStableFunc(list, func(a, b weighted) int { return cmp.Compare(b.q, a.q) })
	tags := make([]language.Tag, len(list))
	for i, w := range list {
		tags[i] = w.tag
	}
	return tags
}

// Languages yields the supported languages, English first.
func Languages() iter.Seq[language.Tag] {
	return func(yield func(language.Tag) bool) {
		for _, t := range supported {
			if !yield(t) {
				return
			}
		}
	}
}

// Index returns the position of t's language in [Languages]: 0 for English
// and for every unsupported language. Tags of [Languages] match exactly;
// any other tag is reduced to its base language, so "de-CH" and
// "fr-u-rg-cazzzz" find German and French. Index does not allocate once it
// has seen a tag (the reduction of a tag with extensions allocates inside
// x/text, so results are cached, up to maxCached tags).
func Index(t language.Tag) int {
	for i, s := range supported {
		if t == s {
			return i
		}
	}
	indexCache.RLock()
	i, ok := indexCache.m[t]
	indexCache.RUnlock()
	if ok {
		return int(i)
	}
	i = int8(baseIndex(t))
	indexCache.Lock()
	if indexCache.m == nil {
		indexCache.m = make(map[language.Tag]int8)
	}
	if len(indexCache.m) < maxCached {
		indexCache.m[t] = i
	}
	indexCache.Unlock()
	return int(i)
}

// maxCached bounds the cache of [Index], since tags may come from clients.
const maxCached = 256

var indexCache struct {
	sync.RWMutex
	m map[language.Tag]int8
}

func baseIndex(t language.Tag) int {
	b, conf := t.Base()
	if conf == language.No {
		return 0
	}
	for i, s := range bases() {
		if b == s {
			return i
		}
	}
	return 0
}

// Text returns the text of key in the language at index i of [Languages],
// or english when i is 0 (English or unsupported), when english is empty
// (nothing to translate), or when the language has no translation for the
// key. The English path does not allocate; a translation costs a
// [message.Printer] lookup.
func Text(i int, key, english string) string {
	if i <= 0 || i >= len(supported) || english == "" {
		return english
	}
	// The catalog holds raw messages, which the printer renders as format
	// strings; the generator escapes '%' in translations, and the English
	// fallback is escaped here. No arguments are passed, so the printer's
	// localized number formatting ("403,14" in German) never touches a
	// code: codes are part of the text.
	return printers()[i].Sprintf(message.Key(key, escapePercent(english)))
}

// Translation returns the translation of key in the language at index i
// and whether there is one. It reads the generated dictionary directly and
// exists for tests and tools that check completeness.
func Translation(i int, key string) (string, bool) {
	if i <= 0 || i >= len(supported) {
		return "", false
	}
	d, ok := dictionaryFor(supported[i])
	if !ok {
		return "", false
	}
	data, ok := d.Lookup(key)
	if !ok {
		return "", false
	}
	return unescapePercent(strings.TrimPrefix(data, rawHeader)), true
}

// Keys yields every key that has a translation in the language at index
// i, in sorted order.
func Keys(i int) iter.Seq[string] {
	return func(yield func(string) bool) {
		if i <= 0 || i >= len(supported) {
			return
		}
		d, ok := dictionaryFor(supported[i])
		if !ok {
			return
		}
		for _, e := range d {
			if !yield(e.key) {
				return
			}
		}
	}
}

// Label returns the label with the given key ("explain.status") in the
// language at index i of [Languages], falling back to English like
// [Text], or "" for a key that is not a label. The English path does not
// allocate.
func Label(i int, key string) string {
	en, ok := englishLabels.Lookup(key)
	if !ok {
		return ""
	}
	return Text(i, key, en)
}

// Labels yields every label key with its English text, in key order.
func Labels() iter.Seq2[string, string] {
	return func(yield func(key, english string) bool) {
		for _, e := range englishLabels {
			if !yield(e.key, e.data) {
				return
			}
		}
	}
}

// Keys of the messages; see the package documentation.

// StatusKey returns the key of the description of a status code's primary
// meaning (n == 0) or of its n-th further meaning ("status.451.1").
func StatusKey(code, n int) string {
	k := "status." + strconv.Itoa(code)
	if n > 0 {
		k += "." + strconv.Itoa(n)
	}
	return k
}

// ClassKey returns the key of the description of the status class whose
// codes start with digit n ("status.class.4xx"), or "status.class.unknown"
// for n == 0 (status.UnknownClass).
func ClassKey(n int) string {
	if n == 0 {
		return "status.class.unknown"
	}
	return "status.class." + strconv.Itoa(n) + "xx"
}

// Fields of substatus and httpsys messages.
const (
	FieldDescription = "description"
	FieldClient      = "client"
	FieldCause       = "cause"
)

// SubstatusKey returns the key of a field of the substatus meaning with the
// given stable ID ("substatus.403.14.description").
func SubstatusKey(id, field string) string {
	return "substatus." + id + "." + field
}

// HTTPSysKey returns the key of a field of the HTTP.sys reason with the
// given token ("httpsys.ConnLimit.client").
func HTTPSysKey(token, field string) string {
	return "httpsys." + token + "." + field
}

// rawHeader is the first byte of a raw message in the catalog's internal
// encoding (golang.org/x/text/internal/catmsg: msgRaw, a one-byte varint):
// the message is the rest of the string, rendered as a format string.
const rawHeader = "\x02"

// dictionary is an immutable catalog.Dictionary: entries sorted by key,
// each holding the encoded message. Lookup does not allocate.
type dictionary []entry

type entry struct {
	key  string
	data string // rawHeader + text with '%' doubled
}

// Lookup implements catalog.Dictionary.
func (d dictionary) Lookup(key string) (string, bool) {
	lo, hi := 0, len(d)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := strings.Compare(d[m].key, key); {
		case c == 0:
			return d[m].data, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return "", false
}

func dictionaryFor(t language.Tag) (dictionary, bool) {
	for _, d := range dictionaries {
		if d.tag == t.String() {
			return d.dict, true
		}
	}
	return nil, false
}

// cat is the private catalog: never message.DefaultCatalog.
var cat = sync.OnceValue(buildCatalog)

// printers holds one immutable Printer per supported language; index 0
// (English) is never used for lookups.
var printers = sync.OnceValue(buildPrinters)

func buildCatalog() catalog.Catalog {
	m := make(map[string]catalog.Dictionary, len(dictionaries))
	for _, d := range dictionaries {
		m[d.tag] = d.dict
	}
	c, err := catalog.NewFromMap(m, catalog.Fallback(supported[0]))
	if err != nil {
		// The tags are generated from file names the generator checked;
		// a test builds the catalog.
		panic("l10n: " + err.Error())
	}
	return c
}

func buildPrinters() (p [len(supported)]*message.Printer) {
	c := cat()
	for i, t := range supported {
		p[i] = message.NewPrinter(t, message.Catalog(c))
	}
	return p
}

func escapePercent(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "%", "%%")
}

func unescapePercent(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "%%", "%")
}

// langDictionary is the generated dictionary of one language; tag is the
// canonical BCP 47 tag, as in the file name messages_<tag>.tsv.
type langDictionary struct {
	tag  string
	dict dictionary
}
