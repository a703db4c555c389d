package substatus

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iisstatus/iisstatus/status"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	dossierPath = "../../shared/reference/iis_substatus.tsv"
	seedPath    = "../../shared/seed.txt"
)

// openOrSkip opens a shared reference file, skipping the test when the
// file is not there (a clone of the repository alone).
func openOrSkip(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", path)
	}
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// annotation matches the source remarks the dossier appends to some
// alternative labels, such as " (IIS 7 KB)".
var annotation = regexp.MustCompile(` \((IIS 6 CustomErrorDescriptions|CustomErrorDescriptions|IIS 7 KB|detailed-errors article|older KB 318380 revision|detailed error page title|error page text)\)$`)

// TestDossier checks that every row of the fact dossier is present, with
// its label, scope, description, confidence, sources and alternative labels.
func TestDossier(t *testing.T) {
	f := openOrSkip(t, dossierPath)
	sc := bufio.NewScanner(f)
	require.True(t, sc.Scan())
	require.Equal(t, "status\tsubstatus\tshort_name\tiis_versions\tmeaning\ttypical_cause_and_fix\tsource_url\tconfidence\talt_labels", sc.Text())
	rows, found := 0, map[Meaning]bool{}
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		require.Len(t, fields, 9)
		rows++
		st, err := strconv.Atoi(fields[0])
		require.NoError(t, err)
		sub, err := strconv.ParseUint(fields[1], 10, 16)
		require.NoError(t, err)
		label, scope := fields[2], fields[3]
		t.Run(fields[0]+"."+fields[1]+" "+scope, func(t *testing.T) {
			c, err := Parse(fields[0] + "." + fields[1])
			require.NoError(t, err)
			require.Equal(t, New(status.Code(st), uint16(sub)), c)
			var m Meaning
			for x := range c.Meanings() {
				if x.Label() == label && x.Scope().Note == scope {
					m = x
				}
			}
			require.True(t, m.IsValid(), "no meaning with label %q and scope %q", label, scope)
			assert.False(t, found[m], "two dossier rows map to %s", m.ID())
			found[m] = true
			assert.Equal(t, c, m.Code())
			assert.Equal(t, fields[4], m.Description())
			assert.Equal(t, fields[7], m.Confidence().String())
			srcs := slices.Collect(m.Sources())
			for _, u := range strings.Split(fields[6], " | ") {
				assert.Contains(t, srcs, u)
			}
			if alt := fields[8]; alt != "" {
				if strings.HasPrefix(alt, "CONFLICT") || strings.HasPrefix(alt, "IIS 7+ KB notes") {
					assert.NotEmpty(t, slices.Collect(m.Notes()))
				} else {
					assert.True(t, m.HasLabel(annotation.ReplaceAllString(alt, "")), "alt label %q", alt)
				}
			}
			assert.True(t, m.Scope().Contains(m.Scope().Since))
			back, ok := ByID(m.ID())
			require.True(t, ok)
			assert.Equal(t, m, back)
		})
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 140, rows)
	assert.Len(t, found, 140)
}

// seedRow is one entry of a substatus table in the seed document.
type seedRow struct {
	status, sub int
	label       string
}

var (
	seedHead = regexp.MustCompile(`^([1-5][0-9][0-9])\t(none|[0-9]+)\t(.*)$`)
	seedCont = regexp.MustCompile(`^\t([0-9]+)\t(.*)$`)
)

// readSeed extracts the substatus tables of the seed: a line
// "403<TAB>1<TAB>label" starts one, "<TAB>2<TAB>label" lines continue it,
// "none" means substatus 0, and a further non-empty column is another
// wording of the same code.
func readSeed(t *testing.T) []seedRow {
	f := openOrSkip(t, seedPath)
	var out []seedRow
	st := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " ")
		var subText, rest string
		if m := seedHead.FindStringSubmatch(line); m != nil {
			st, _ = strconv.Atoi(m[1])
			subText, rest = m[2], m[3]
		} else if m := seedCont.FindStringSubmatch(line); m != nil && st != 0 {
			subText, rest = m[1], m[2]
		} else {
			st = 0
			continue
		}
		sub := 0
		if subText != "none" {
			sub, _ = strconv.Atoi(subText)
		}
		for _, l := range strings.Split(rest, "\t") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, seedRow{st, sub, l})
			}
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// iis6StatusCodes is "HTTP Status Codes in IIS 6.0", the chapter of the
// IIS 6.0 documentation (Windows Server 2003 Technical Reference, also
// printed in the IIS 6.0 Resource Kit) that the seed reproduces.
const iis6StatusCodes = "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2003/cc758678(v=ws.10)"

// TestSeed checks that every substatus the seed (IIS 6.0 Resource Kit)
// lists is found on IIS 6 with the seed's exact wording.
func TestSeed(t *testing.T) {
	rows := readSeed(t)
	require.Len(t, rows, 41, "500: 11, 401: 6 + 401.1's second column, 403: 20, 404: 3")
	for _, r := range rows {
		c := New(status.Code(r.status), uint16(r.sub))
		t.Run(c.String()+" "+r.label, func(t *testing.T) {
			m, ok := c.Lookup(IIS6, ModuleCore)
			require.True(t, ok, "no IIS 6 meaning")
			assert.True(t, m.HasLabel(r.label), "label %q not among %q + %q", r.label, m.Label(), slices.Collect(m.AltLabels()))
			assert.True(t, m.Scope().Contains(IIS6))
		})
	}
	t.Run("rows only the IIS 6.0 documentation lists", func(t *testing.T) {
		for _, id := range []string{"500.0/iis6", "500.11/iis6", "500.14", "500.17"} {
			m, ok := ByID(id)
			require.True(t, ok, id)
			assert.Equal(t, []string{iis6StatusCodes}, slices.Collect(m.Sources()), id)
			assert.Equal(t, Scope{Module: ModuleCore, Since: IIS6, Until: IIS6, Note: "6.0"}, m.Scope(), id)
			assert.NotEmpty(t, slices.Collect(m.Notes()), id)
		}
		m, _ := ByID("500.14")
		assert.Equal(t, "Invalid application configuration on the server.", m.Label())
		m, _ = ByID("500.17")
		assert.Equal(t, "URL authorization store not found", m.Label())
	})
	t.Run("prose", func(t *testing.T) {
		m, _ := ByID("403.1")
		assert.Contains(t, m.Fixes(), "at least Script")
		m, _ = ByID("401.3")
		assert.Contains(t, m.Causes(), "file ACL check")
	})
}

func TestLookupConflicts(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		v     Version
		m     Module
		label string // "" means not found
		id    string
	}{
		{"500.19 IIS 6", "500.19", IIS6, ModuleCore, "Data for this file is configured improperly in the metabase", "500.19/iis6"},
		{"500.19 IIS 5", "500.19", IIS5, ModuleCore, "Data for this file is configured improperly in the metabase", "500.19/iis6"},
		{"500.19 IIS 7", "500.19", IIS7, ModuleCore, "Configuration data is invalid.", "500.19"},
		{"500.19 IIS 10 via ANCM falls back to core", "500.19", IIS10, ModuleANCM, "Configuration data is invalid.", "500.19"},
		{"502.2 IIS 6", "502.2", IIS6, ModuleCore, "Error in CGI application", "502.2/iis6"},
		{"502.2 IIS 7.5", "502.2", IIS75, ModuleCore, "Bad gateway: Premature Exit.", "502.2"},
		{"502.2 ARR", "502.2", IIS10, ModuleARR, "Map request failure (ARR)", "502.2/arr"},
		{"502.2 ARR on IIS 6 falls back to core", "502.2", IIS6, ModuleARR, "Error in CGI application", "502.2/iis6"},
		{"502.3 ARR newest release", "502.3", IIS10, ModuleARR, "WinHTTP asynchronous completion failure (ARR)", "502.3/arr1916"},
		{"502.4 ARR newest release", "502.4", IIS85, ModuleARR, "No server (ARR)", "502.4/arr1916"},
		{"502.5 ARR", "502.5", IIS10, ModuleARR, "WebSocket failure (ARR)", "502.5/arr"},
		{"502.5 ANCM", "502.5", IIS10, ModuleANCM, "Process Failure", "502.5/ancm"},
		{"502.5 core has none", "502.5", IIS10, ModuleCore, "", ""},
		{"502.5 ANCM before IIS 7.5", "502.5", IIS7, ModuleANCM, "", ""},
		{"500.0 IIS", "500.0", IIS10, ModuleCore, "Module or ISAPI error occurred.", "500.0"},
		{"500.0 ANCM", "500.0", IIS10, ModuleANCM, "In-Process Handler Load Failure", "500.0/ancm"},
		{"500.0 IIS 6 from seed", "500.0", IIS6, ModuleCore, "Internal Server Error", "500.0/iis6"},
		{"500.0 URL Rewrite falls back", "500.0", IIS8, ModuleURLRewrite, "Module or ISAPI error occurred.", "500.0"},
		{"403.9 IIS 6", "403.9", IIS6, ModuleCore, "Too many users", "403.9/iis6"},
		{"403.9 IIS 7", "403.9", IIS7, ModuleCore, "Forbidden: too many clients are trying to connect to the web server", "403.9"},
		{"403.10 IIS 6", "403.10", IIS6, ModuleCore, "Invalid configuration", "403.10/iis6"},
		{"403.10 IIS 10", "403.10", IIS10, ModuleCore, "Forbidden: web server is configured to deny Execute access", "403.10"},
		{"403.11 IIS 5", "403.11", IIS5, ModuleCore, "Password change", "403.11/iis6"},
		{"403.11 IIS 8", "403.11", IIS8, ModuleCore, "Forbidden: Password has been changed", "403.11"},
		{"403.15 IIS 6", "403.15", IIS6, ModuleCore, "Client Access Licenses exceeded", "403.15/iis6"},
		{"403.15 IIS 7", "403.15", IIS7, ModuleCore, "Forbidden: Client access licenses have exceeded limits on the web server", "403.15"},
		{"403.19 IIS 6", "403.19", IIS6, ModuleCore, "Cannot execute CGIs for the client in this application pool", "403.19/iis6"},
		{"403.19 IIS 5 unknown", "403.19", IIS5, ModuleCore, "", ""},
		{"403.19 IIS 10", "403.19", IIS10, ModuleCore, "Cannot execute CGI applications for the client browser in this application pool.", "403.19"},
		{"403.20 IIS 6", "403.20", IIS6, ModuleCore, "Passport logon failed", "403.20/iis6"},
		{"403.20 IIS 7", "403.20", IIS7, ModuleCore, "Forbidden: Passport logon failed", "403.20"},
		{"404.0 IIS 6", "404.0", IIS6, ModuleCore, "File or directory not found", "404.0/iis6"},
		{"404.0 IIS 10", "404.0", IIS10, ModuleCore, "Not found", "404.0"},
		{"404.1 IIS 6", "404.1", IIS6, ModuleCore, "Web site not accessible on the requested port", "404.1/iis6"},
		{"404.1 IIS 10", "404.1", IIS10, ModuleCore, "Site Not Found", "404.1"},
		{"404.2 IIS 6", "404.2", IIS6, ModuleCore, "Web service extension lockdown policy prevents this request", "404.2/iis6"},
		{"404.2 IIS 7", "404.2", IIS7, ModuleCore, "ISAPI or CGI restriction.", "404.2"},
		{"404.3 IIS 5", "404.3", IIS5, ModuleCore, "MIME map policy prevents this request", "404.3/iis6"},
		{"404.3 IIS 7.5", "404.3", IIS75, ModuleCore, "MIME type restriction.", "404.3"},
		{"500.15 IIS 6", "500.15", IIS6, ModuleCore, "Direct requests for Global.asa are not allowed", "500.15/iis6"},
		{"500.15 IIS 10", "500.15", IIS10, ModuleCore, "Direct requests for Global.asax aren't allowed.", "500.15"},
		{"500.11 IIS 6 from seed", "500.11", IIS6, ModuleCore, "Application is shutting down on the Web server.", "500.11/iis6"},
		{"500.11 IIS 7", "500.11", IIS7, ModuleCore, "Application is shutting down on the web server.", "500.11"},
		{"500.13 same in all", "500.13", IIS5, ModuleCore, "Web server is too busy", "500.13"},
		{"413.1 IIS 10", "413.1", IIS10, ModuleCore, "Content Length Too Large", "413.1"},
		{"413.1 not before IIS 10", "413.1", IIS85, ModuleCore, "", ""},
		{"500.50 URL Rewrite", "500.50", IIS10, ModuleURLRewrite, "A rewrite error occurred during RQ_BEGIN_REQUEST notification handling", "500.50"},
		{"500.50 not core", "500.50", IIS10, ModuleCore, "", ""},
		{"403.503 IP restrictions", "403.503", IIS8, ModuleIPRestrictions, "Forbidden: the IP address is included in the Deny list of IP Restriction", "403.503"},
		{"403.503 before IIS 8", "403.503", IIS75, ModuleIPRestrictions, "", ""},
		{"403.21 not on IIS 6", "403.21", IIS6, ModuleCore, "", ""},
		{"invalid version", "403.14", 0, ModuleCore, "", ""},
		{"version past range", "403.14", IIS10 + 1, ModuleCore, "", ""},
		{"invalid module", "403.14", IIS10, Module(99), "Directory listing denied", "403.14"},
		{"unknown code", "403.999", IIS10, ModuleCore, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := MustParse(tc.code)
			m, ok := c.Lookup(tc.v, tc.m)
			assert.Equal(t, tc.label != "", ok)
			assert.Equal(t, tc.label, m.Label())
			assert.Equal(t, tc.id, m.ID())
			if tc.m == ModuleCore {
				d, ok2 := c.Describe(tc.v)
				assert.Equal(t, tc.label, d)
				assert.Equal(t, ok, ok2)
				m2, _ := c.Meaning(tc.v)
				assert.Equal(t, m, m2)
			}
		})
	}
}

func TestReplacement(t *testing.T) {
	tests := []struct {
		name, old, new string
	}{
		{"body too large", "404.13", "413.1"},
		{"header too long", "404.10", "431.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, ok := MustParse(tc.old).Lookup(IIS10, ModuleCore)
			require.True(t, ok, "old code is still explained on IIS 10")
			r, ok := o.ReplacedBy()
			require.True(t, ok)
			assert.Equal(t, MustParse(tc.new), r)
			n, ok := r.Lookup(IIS10, ModuleCore)
			require.True(t, ok)
			back, ok := n.Replaces()
			require.True(t, ok)
			assert.Equal(t, MustParse(tc.old), back)
			_, ok = n.ReplacedBy()
			assert.False(t, ok)
		})
	}
	count := 0
	for m := range Meanings() {
		if _, ok := m.ReplacedBy(); ok {
			count++
		}
	}
	assert.Equal(t, 2, count)
}

// leaks are fragments that would expose internals to a remote client.
var leaks = []string{`\`, "web.config", "applicationHost", "0x", "%", "metabase", "ISAPI", "ANCM", "ARR", "C:", "sc-", "app pool", "application pool"}

func TestEveryMeaning(t *testing.T) {
	ids := map[string]bool{}
	n := 0
	for m := range Meanings() {
		n++
		t.Run(m.ID(), func(t *testing.T) {
			require.True(t, m.IsValid())
			assert.False(t, ids[m.ID()], "duplicate ID")
			ids[m.ID()] = true
			c := m.Code()
			assert.True(t, c.IsValid())
			assert.True(t, m.ID() == c.String() || strings.HasPrefix(m.ID(), c.String()+"/"), "ID %q vs code %v", m.ID(), c)
			for name, s := range map[string]string{"Label": m.Label(), "Description": m.Description(), "Causes": m.Causes(),
				"Fixes": m.Fixes(), "ClientText": m.ClientText(), "OperatorText": m.OperatorText()} {
				assert.NotEmpty(t, strings.TrimSpace(s), name)
			}
			assert.NotEqual(t, m.ClientText(), m.OperatorText())
			assert.Contains(t, m.OperatorText(), c.String())
			assert.Contains(t, m.OperatorText(), m.Label())
			for _, l := range leaks {
				assert.NotContains(t, m.ClientText(), l)
			}
			assert.NotEmpty(t, slices.Collect(m.Sources()))
			assert.Contains(t, []Confidence{ConfidenceLow, ConfidenceMedium, ConfidenceHigh}, m.Confidence())
			s := m.Scope()
			assert.True(t, s.Since.IsValid())
			assert.True(t, s.Until == 0 || s.Until >= s.Since)
			assert.True(t, s.Module.IsValid())
			assert.NotEmpty(t, s.Note)
			assert.True(t, m.HasLabel(m.Label()))
			for a := range m.AltLabels() {
				assert.True(t, m.HasLabel(a))
			}
			assert.Equal(t, c.String()+" "+m.Label(), m.String())
			found := false
			for x := range c.Meanings() {
				found = found || x == m
			}
			assert.True(t, found)
			back, ok := ByID(m.ID())
			require.True(t, ok)
			assert.Equal(t, m, back)
			text, err := m.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, m.ID(), string(text))
			var u Meaning
			require.NoError(t, u.UnmarshalText(text))
			assert.Equal(t, m, u)
		})
	}
	assert.Equal(t, 144, n, "140 dossier rows and 4 added from the seed")
}

func TestZeroMeaning(t *testing.T) {
	var m Meaning
	assert.False(t, m.IsValid())
	assert.Equal(t, "", m.ID())
	assert.Equal(t, "", m.Label())
	assert.Equal(t, "", m.String())
	assert.Equal(t, Code{}, m.Code())
	assert.False(t, m.HasLabel(""))
	assert.Empty(t, slices.Collect(m.AltLabels()))
	_, ok := m.ReplacedBy()
	assert.False(t, ok)
	_, ok = ByID("")
	assert.False(t, ok)
	_, ok = ByID("999.9")
	assert.False(t, ok)
	assert.Empty(t, slices.Collect(Code{}.Meanings()))
	text, err := m.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)
	u := Meaning{1}
	require.NoError(t, u.UnmarshalText(nil))
	assert.Equal(t, Meaning{}, u)
	assert.EqualError(t, u.UnmarshalText([]byte("403.14/nope")), `substatus: unknown meaning ID "403.14/nope"`)
}

func TestMeaningsOf502_5(t *testing.T) {
	var ids []string
	for m := range MustParse("502.5").Meanings() {
		ids = append(ids, m.ID()+" "+m.Scope().String())
	}
	assert.Equal(t, []string{"502.5/arr ARR 3.0.1916 on IIS 7.0+", "502.5/ancm ANCM on IIS 7.5+"}, ids)
}
