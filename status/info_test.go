package status_test

import (
	"iter"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/internal/gen/tsv"
	"github.com/iisstatus/iisstatus/status"
)

// The team's fact dossier and seed document live next to the repository;
// tests that check against them skip when they are absent.
const (
	referenceFile = "../../shared/reference/http_status.tsv"
	seedFile      = "../../shared/seed.txt"
)

func collect[T any](seq iter.Seq[T]) []T {
	var out []T
	for v := range seq {
		out = append(out, v)
	}
	return out
}

func allMeanings() []status.Info {
	var out []status.Info
	for c := range status.All() {
		out = append(out, collect(c.Meanings())...)
	}
	return out
}

// TestReference checks that every row of the reference table comes back,
// byte-exact, through the public API, and that we have no row it lacks.
func TestReference(t *testing.T) {
	if _, err := os.Stat(referenceFile); err != nil {
		t.Skipf("reference table not available: %v", err)
	}
	tab, err := tsv.ReadFile(referenceFile)
	require.NoError(t, err)
	require.Len(t, tab.Rows, 77)
	registered := 0
	for _, r := range tab.Rows {
		name := r.Get("code") + " " + r.Get("reason_phrase")
		t.Run(name, func(t *testing.T) {
			c, err := status.Parse(r.Get("code"))
			require.NoError(t, err)
			require.True(t, c.IsKnown())
			var info status.Info
			n := 0
			for m := range c.Meanings() {
				if m.Phrase == r.Get("reason_phrase") {
					info = m
					n++
				}
			}
			require.Equal(t, 1, n, "exactly one meaning of %d has this phrase", c)
			assert.Equal(t, r.Get("spec"), info.Spec)
			assert.Equal(t, r.Get("status"), info.Registry.String())
			assert.Equal(t, r.Get("status") != "registered", info.IsUnofficial())
			assert.Equal(t, r.Get("cacheable_by_default") == "yes", info.Cacheable)
			assert.Equal(t, r.Get("former_phrases"), strings.Join(collect(info.FormerPhrases()), "|"))
			if r.Get("status") == "registered" {
				registered++
				assert.Equal(t, r.Get("reason_phrase"), c.Text(), "the registered phrase is Text")
				assert.Equal(t, r.Get("code")+" "+r.Get("reason_phrase"), c.String())
			}
			if strings.Contains(r.Get("notes"), "MUST NOT be stored") {
				assert.True(t, info.NoStore)
			}
		})
	}
	assert.Equal(t, 64, registered)
	assert.Len(t, allMeanings(), len(tab.Rows), "no meaning beyond the reference rows")
}

// seedHeading matches the seed's headings that name a status code, such as
// "### 302-Object Moved" or "### HTTP 401.x-Unauthorized".
var seedHeading = regexp.MustCompile(`^#+ (?:HTTP )?(\d{3})(?:\.x)?-(.+?)\s*$`)

// TestSeedHeadings checks that IIS's wording of every code heading in the
// seed document is recorded, without the code prefix.
func TestSeedHeadings(t *testing.T) {
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Skipf("seed document not available: %v", err)
	}
	n := 0
	for line := range strings.Lines(string(seed)) {
		m := seedHeading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		t.Run(m[1]+" "+m[2], func(t *testing.T) {
			c, err := status.Parse(m[1])
			require.NoError(t, err)
			info, ok := c.Info()
			require.True(t, ok)
			found := false
			for w, src := range info.IISWordings() {
				if w == m[2] {
					found = true
					assert.Contains(t, src, "IIS 6.0 documentation")
				}
			}
			assert.True(t, found, "IIS wording %q of %d", m[2], c)
		})
	}
	assert.GreaterOrEqual(t, n, 13, "headings found in the seed")
}

func TestIISWordings(t *testing.T) {
	info, _ := status.Found.Info()
	var got []string
	for w, src := range info.IISWordings() {
		got = append(got, w+" ("+src+")")
	}
	assert.Equal(t, []string{
		"Object Moved (IIS 6.0 documentation (Windows Server 2003, IIS status codes))",
		"Object moved (KB 943891 (IIS 7.0+ status codes))",
	}, got)
	for range info.IISWordings() {
		break // early break must not panic
	}
	info, _ = status.OK.Info()
	assert.Empty(t, collect2(info.IISWordings()))
}

func collect2[K, V any](seq iter.Seq2[K, V]) []K {
	var out []K
	for k := range seq {
		out = append(out, k)
	}
	return out
}

func TestFormerPhrases(t *testing.T) {
	tests := []struct {
		name string
		code status.Code
		want []string
	}{
		{"413", status.ContentTooLarge, []string{"Payload Too Large", "Request Entity Too Large"}},
		{"302", status.Found, []string{"Moved Temporarily"}},
		{"418", status.Teapot, []string{"I'm a teapot"}},
		{"306", status.SwitchProxy, []string{"Switch Proxy"}},
		{"422", status.UnprocessableContent, []string{"Unprocessable Entity"}},
		{"none", status.OK, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, ok := tc.code.Info()
			require.True(t, ok)
			assert.Equal(t, tc.want, collect(info.FormerPhrases()))
		})
	}
	info, _ := status.ContentTooLarge.Info()
	for range info.FormerPhrases() {
		break // early break must not panic
	}
}

func TestMeanings451(t *testing.T) {
	got := collect(status.Code(451).Meanings())
	require.Len(t, got, 2)
	assert.Equal(t, "Unavailable For Legal Reasons", got[0].Phrase)
	assert.Equal(t, status.Registered, got[0].Registry)
	assert.True(t, got[0].Cacheable, "RFC 7725, Section 3")
	assert.Equal(t, "Redirect", got[1].Phrase)
	assert.Equal(t, status.OtherVendor, got[1].Registry)
	assert.Contains(t, got[1].Description, "X-MS-Location")
	assert.Equal(t, status.Code(451), got[1].Code)
	primary, _ := status.UnavailableForLegalReasons.Info()
	assert.Equal(t, got[0], primary)
	assert.Empty(t, collect(status.Code(299).Meanings()))
	assert.Len(t, collect(status.NotFound.Meanings()), 1)
}

func TestCaching(t *testing.T) {
	// RFC 9110, Section 15.1 plus RFC 7725, Section 3 (451).
	cacheable := []status.Code{200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501}
	noStore := []status.Code{428, 429, 431, 511} // RFC 6585
	for _, info := range allMeanings() {
		name := strconv.Itoa(int(info.Code)) + " " + info.Phrase
		t.Run(name, func(t *testing.T) {
			primary := info.Registry == status.Registered
			assert.Equal(t, primary && slices.Contains(cacheable, info.Code), info.Cacheable)
			assert.Equal(t, primary && slices.Contains(noStore, info.Code), info.NoStore)
		})
	}
}

func TestRetry(t *testing.T) {
	tests := []struct {
		name       string
		code       status.Code
		retry      status.Retry
		retryAfter bool
	}{
		{"100 interim", status.Continue, status.RetryNever, false},
		{"200 success", status.OK, status.RetryNever, false},
		{"301 follow, Retry-After applies", status.MovedPermanently, status.RetryNever, true},
		{"302", status.Found, status.RetryNever, true},
		{"304", status.NotModified, status.RetryNever, true},
		{"307", status.TemporaryRedirect, status.RetryNever, true},
		{"400 fix the request", status.BadRequest, status.RetryNever, false},
		{"401 new credentials is not a retry", status.Unauthorized, status.RetryNever, false},
		{"404", status.NotFound, status.RetryNever, false},
		{"408 new connection", status.RequestTimeout, status.RetryNewConnection, false},
		{"413 temporary only with Retry-After", status.ContentTooLarge, status.RetryNever, true},
		{"421 new connection", status.MisdirectedRequest, status.RetryNewConnection, false},
		{"425 after handshake", status.TooEarly, status.RetryNewConnection, false},
		{"429 later", status.TooManyRequests, status.RetryLater, true},
		{"499 idempotent", status.ClientClosedRequest, status.RetryIdempotent, false},
		{"500 idempotent", status.InternalServerError, status.RetryIdempotent, false},
		{"501 never", status.NotImplemented, status.RetryNever, false},
		{"502 idempotent", status.BadGateway, status.RetryIdempotent, false},
		{"503 later", status.ServiceUnavailable, status.RetryLater, true},
		{"504 idempotent", status.GatewayTimeout, status.RetryIdempotent, false},
		{"505 never", status.HTTPVersionNotSupported, status.RetryNever, false},
		{"511 never", status.NetworkAuthenticationRequired, status.RetryNever, false},
		{"522 idempotent", status.ConnectionTimedOut, status.RetryIdempotent, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, ok := tc.code.Info()
			require.True(t, ok)
			assert.Equal(t, tc.retry, info.Retry)
			assert.Equal(t, tc.retryAfter, info.RetryAfter)
		})
	}
	t.Run("every meaning has a hint", func(t *testing.T) {
		for _, info := range allMeanings() {
			assert.NotEqual(t, status.RetryUnknown, info.Retry, "%d %s", info.Code, info.Phrase)
			// Retry-After is defined for 3xx, 413, 429 and 503 only.
			want := info.Registry == status.Registered &&
				(info.Code.IsRedirect() || slices.Contains([]status.Code{413, 429, 503}, info.Code))
			assert.Equal(t, want, info.RetryAfter, "%d %s", info.Code, info.Phrase)
			if info.Code.Class() <= status.Redirection {
				assert.Equal(t, status.RetryNever, info.Retry, "%d: nothing to retry", info.Code)
			}
		}
	})
	var zero status.Info
	assert.Equal(t, status.RetryUnknown, zero.Retry)
	assert.Equal(t, status.UnknownRegistry, zero.Registry)
	names := map[status.Retry]string{
		status.RetryUnknown: "unknown", status.RetryNever: "never", status.RetryIdempotent: "idempotent",
		status.RetryNewConnection: "new-connection", status.RetryLater: "later", 99: "unknown",
	}
	for r, s := range names {
		assert.Equal(t, s, r.String())
	}
	regs := map[status.Registry]string{
		status.UnknownRegistry: "unknown", status.Registered: "registered", status.IISSpecific: "iis-specific",
		status.OtherVendor: "other-vendor", 99: "unknown",
	}
	for r, s := range regs {
		assert.Equal(t, s, r.String())
	}
}

// TestSeedStatements checks that what the seed document says about single
// codes is in their description or IIS note.
func TestSeedStatements(t *testing.T) {
	tests := []struct {
		name  string
		code  status.Code
		words []string
	}{
		{"301", status.MovedPermanently, []string{"permanently", "Location header", "keep links", "stored URL"}},
		{"302", status.Found, []string{"Location header", "new request", "Object Moved", "courtesy redirect", "http://example.contoso.com/vdir1", "Location: /vdir1/", "trailing slash"}},
		{"304", status.NotModified, []string{"conditional GET", "If-Modified-Since", "cached copy", "no body"}},
		{"307", status.TemporaryRedirect, []string{"same method", "same body", "302", "POST", "GET"}},
		{"400", status.BadRequest, []string{"malformed", "HTTP.sys", "httperr", "not appear in the IIS", "BadRequest", "Verb", "URL", "Header", "Hostname", "Invalid_CR/LF", "Number", "FieldLength", "RequestLength"}},
		{"401", status.Unauthorized, []string{"authenticat", "ACL", "substatus"}},
		{"403", status.Forbidden, []string{"other than", "script", "execute permissions", "Scripts"}},
		{"404", status.NotFound, []string{"not found", "404.2", "404.3"}},
		{"405", status.MethodNotAllowed, []string{"static content", "GET or HEAD", "\"/\"", "courtesy redirect", "ISAPI", "ScriptMaps"}},
		{"407", status.ProxyAuthenticationRequired, []string{"proxy", "authentication", "network trace", "Network Monitor", "custom"}},
		{"413", status.ContentTooLarge, []string{"MaxRequestEntityAllowed", "single 413", "many", "attack"}},
		{"414", status.URITooLong, []string{"URL", "longer than"}},
		{"503", status.ServiceUnavailable, []string{"HTTP.sys", "httperr", "QueueFull", "AppOffline", "Disabled", "AppShutdown", "ConnLimit", "AppPoolTimer", "N/A"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, ok := tc.code.Info()
			require.True(t, ok)
			text := info.Description + "\n" + info.IISNote
			for w := range info.IISWordings() {
				text += "\n" + w
			}
			for _, w := range tc.words {
				assert.Contains(t, strings.ToLower(text), strings.ToLower(w))
			}
		})
	}
}

// TestDataQuality checks the generated table as a whole.
func TestDataQuality(t *testing.T) {
	for _, info := range allMeanings() {
		t.Run(strconv.Itoa(int(info.Code))+" "+info.Phrase, func(t *testing.T) {
			assert.NotEmpty(t, info.Spec)
			assert.NotEqual(t, status.UnknownRegistry, info.Registry)
			for _, s := range []string{info.Description, info.IISNote} {
				if s == "" {
					continue
				}
				assert.Regexp(t, `^[A-Z0-9].*[.)]$`, s, "a sentence")
				assert.NotContains(t, s, "TODO")
				assert.NotContains(t, s, "  ")
			}
			assert.NotEmpty(t, info.Description)
			if info.IsUnofficial() {
				assert.True(t, strings.HasPrefix(info.Description, "Unofficial "), "unofficial status stated first")
			} else {
				assert.Contains(t, info.Source, "https://www.iana.org/assignments/http-status-codes/")
			}
			for _, u := range strings.Fields(info.Source) {
				assert.Regexp(t, `^https?://`, u)
			}
			// A note must not speak of an expiry in the future when the
			// data edition is later than the date.
			for _, m := range futureExpiry.FindAllStringSubmatch(info.Notes, -1) {
				assert.Greater(t, m[1], status.DataVersion, "note says %q, but the data is of %s", m[0], status.DataVersion)
			}
		})
	}
}

var futureExpiry = regexp.MustCompile(`(?i)\b(?:expires|will expire|due to expire|may lapse)(?: on)? (\d{4}-\d\d-\d\d)`)
