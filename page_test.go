package iisstatus_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// pagesDir holds pasted error pages written for these tests, each modelled
// on pages users paste (testdata/pages/SOURCES.md says which).
const pagesDir = "testdata/pages"

func readPage(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pagesDir, name))
	require.NoError(t, err)
	return string(b)
}

// TestExplainPages checks what Explain reads from each page: the code, the
// error code, the kind of page, the selected meaning, the first pair and
// the fields of the detailed error information.
func TestExplainPages(t *testing.T) {
	tests := []struct {
		file     string
		kind     iisstatus.PageKind
		code     string // substatus code, or the status alone
		win32    win32.Code
		hasWin32 bool
		selected string
		pair     string // ID of the first pair, if any
		title    string
		check    func(t *testing.T, p iisstatus.PageDetail)
	}{
		{file: "iis10-500.19-0x8007000d.txt", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x8007000D, hasWin32: true, selected: "500.19", pair: "500.19/0x8007000D",
			title: "HTTP Error 500.19 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "IIS Web Core", p.Module)
				assert.Equal(t, "BeginRequest", p.Notification)
				assert.Equal(t, "Not yet determined", p.Handler)
				assert.Equal(t, "0x8007000d", p.ErrorCode)
				assert.Equal(t, "The configuration section 'system.webServer/rewrite' cannot be read because it is missing a section declaration", p.ConfigError)
				assert.Equal(t, `\\?\D:\web\orders\web.config`, p.ConfigFile)
				assert.Equal(t, []string{"42:     </staticContent>", "43:     <rewrite>", "44:       <rules>"}, p.ConfigSource)
				assert.Equal(t, "http://orders.example.test:80/", p.RequestedURL)
				assert.Equal(t, `D:\web\orders`, p.PhysicalPath)
				assert.Equal(t, "Not yet determined", p.LogonMethod)
				assert.Equal(t, "Not yet determined", p.LogonUser)
				assert.Equal(t, "The requested page cannot be accessed because the related configuration data for the page is invalid.", p.Description)
				assert.Equal(t, []string{"Reading the configuration of the site failed; the event log may say more."}, p.Text)
			}},
		{file: "iis-500.19-0x80070021-twolines.txt", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x80070021, hasWin32: true, selected: "500.19", pair: "500.19/0x80070021",
			title: "HTTP Error 500.19 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "IIS Web Core", p.Module)
				assert.Equal(t, "0x80070021", p.ErrorCode)
				assert.True(t, strings.HasPrefix(p.ConfigError, "This configuration section cannot be used at this path."), p.ConfigError)
				assert.Equal(t, `\\?\C:\inetpub\gitmirror\web.config`, p.ConfigFile)
				assert.Len(t, p.ConfigSource, 3)
				assert.Equal(t, "http://localhost:80/gitmirror", p.RequestedURL)
				assert.Empty(t, p.Text)
			}},
		{file: "iis-500.19-0x800700b7-spaces.txt", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x800700B7, hasWin32: true, selected: "500.19", pair: "500.19/0x800700B7",
			title: "HTTP Error 500.19 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "Unknown", p.Notification)
				assert.Equal(t, "Not yet determined", p.Handler)
				assert.True(t, strings.HasPrefix(p.ConfigError, "Config section 'system.webServer/modules' already defined."), p.ConfigError)
				assert.Empty(t, p.RequestedURL, "an empty value is empty")
				assert.Empty(t, p.PhysicalPath)
				assert.Len(t, p.ConfigSource, 3)
			}},
		{file: "iis-de-500.19-0x80070021.txt", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x80070021, hasWin32: true, selected: "500.19", pair: "500.19/0x80070021",
			title: "HTTP-Fehler 500.19 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "IIS Web Core", p.Module)
				assert.Equal(t, "Noch unbestimmt", p.Handler)
				assert.Equal(t, `\\?\C:\inetpub\wwwroot\repo\web.config`, p.ConfigFile)
				assert.Equal(t, "http://localhost:80/repo", p.RequestedURL)
				assert.Equal(t, "Noch unbestimmt", p.LogonUser)
				assert.Len(t, p.ConfigSource, 2)
			}},
		{file: "iis-500.22-integrated.txt", kind: iisstatus.PageIISDetailed, code: "500.22", win32: 0x80070032, hasWin32: true, pair: "500.22/0x80070032",
			title: "HTTP Error 500.22 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "ConfigurationValidationModule", p.Module)
				assert.Equal(t, "ExtensionlessUrlHandler-Integrated-4.0", p.Handler)
				assert.Equal(t, "http://localhost:49500/", p.RequestedURL)
				assert.Len(t, p.Text, 2, "the causes and things to try are kept")
			}},
		{file: "iis-503.0-runtogether.txt", kind: iisstatus.PageIISDetailed, code: "503.0", win32: 0x8007000D, hasWin32: true,
			title: "HTTP Error 503.0 - Service Unavailable", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "nodehost", p.Module)
				assert.Equal(t, "ExecuteRequestHandler", p.Notification, "a notification that ends in Handler")
				assert.Equal(t, "nodehost", p.Handler)
				assert.Equal(t, "0x8007000d", p.ErrorCode)
				assert.Equal(t, "http://localhost:80/app/server.js", p.RequestedURL)
			}},
		{file: "kb-500.19-0x80070005.txt", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x80070005, hasWin32: true, selected: "500.19", pair: "500.19/0x80070005",
			title: "HTTP Error 500.19 – Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "0x80070005", p.ErrorCode, "HRESULT: is the error code")
			}},
		{file: "iis85-500.19-0x80070005.html", kind: iisstatus.PageIISDetailed, code: "500.19", win32: 0x80070005, hasWin32: true, selected: "500.19", pair: "500.19/0x80070005",
			title: "HTTP Error 500.19 - Internal Server Error", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, substatus.IIS85, p.IIS)
				assert.Equal(t, "Unknown", p.Notification)
				assert.Equal(t, "Cannot read configuration file due to insufficient permissions", p.ConfigError)
				assert.Equal(t, `\\?\E:\apps\timesheet\web.config`, p.ConfigFile)
				assert.Equal(t, []string{"-1:", "0:"}, p.ConfigSource)
				assert.Equal(t, `E:\apps\timesheet\`, p.PhysicalPath)
				assert.Equal(t, []string{"The worker process could not read the configuration of the application."}, p.Text, "no style, no markup")
			}},
		{file: "iis10-404.0.html", kind: iisstatus.PageIISDetailed, code: "404.0", win32: 0x80070002, hasWin32: true, selected: "404.0", pair: "404.0/0x80070002",
			title: "HTTP Error 404.0 - Not Found", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, substatus.IIS10, p.IIS)
				assert.Equal(t, "MapRequestHandler", p.Notification)
				assert.Equal(t, "StaticFile", p.Handler)
				assert.Equal(t, "Anonymous", p.LogonMethod)
				assert.Contains(t, p.Text, "The URL is mistyped.")
			}},
		{file: "iis75-403.14.html", kind: iisstatus.PageIISDetailed, code: "403.14", win32: 0, hasWin32: true, pair: "403.14/0x00000000",
			title: "HTTP Error 403.14 - Forbidden", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, substatus.IIS75, p.IIS, "from the server version bar")
				assert.Equal(t, "DirectoryListingModule", p.Module)
				assert.Equal(t, "0x00000000", p.ErrorCode)
				assert.Equal(t, "The Web server is configured to not list the contents of this directory.", p.Description)
			}},
		{file: "iis-custom-404.html", kind: iisstatus.PageIISCustom, code: "404",
			title: "404 - File or directory not found.", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.", p.Description)
				assert.Empty(t, p.Text)
			}},
		{file: "ancm-500.30.txt", kind: iisstatus.PageANCM, code: "500.30", pair: "500.30/ancm",
			title: "HTTP Error 500.30 - ASP.NET Core app failed to start", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Empty(t, p.Description, "the module's page has none")
				assert.Contains(t, p.Text, "The app started but threw an exception during startup")
			}},
		{file: "ancm-500.30-old.html", kind: iisstatus.PageANCM, code: "500.30", pair: "500.30/ancm",
			title: "HTTP Error 500.30 - ANCM In-Process Start Failure"},
		{file: "ancm-502.5-old.txt", kind: iisstatus.PageANCM, code: "502.5", selected: "502.5/ancm", pair: "502.5/ancm",
			title: "HTTP Error 502.5 - ANCM Out-Of-Process Startup Failure"},
		{file: "iis6-404.html", kind: iisstatus.PageIIS6, code: "404",
			title: "HTTP Error 404 - File or directory not found.", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Contains(t, p.Text, "Go to Microsoft Product Support Services and search for the words HTTP and 404.")
			}},
		{file: "aspnet-404.txt", kind: iisstatus.PageASPNET, code: "404",
			title: "Server Error in '/' Application.", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "The resource cannot be found.", p.Description)
				assert.Equal(t, "/Reports/Monthly.aspx", p.RequestedURL)
			}},
		{file: "aspnet-runtime-error.txt", kind: iisstatus.PageASPNET, code: "500",
			title: "Server Error in '/Portal' Application.", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "Runtime Error", p.Description)
			}},
		{file: "aspnet-exception.html", kind: iisstatus.PageASPNET, code: "500",
			title: "Server Error in '/' Application.", check: func(t *testing.T, p iisstatus.PageDetail) {
				assert.Equal(t, "System.Data.SqlClient.SqlException: Login failed for user 'shop_reader'.", p.Exception, "references decoded")
				assert.Contains(t, p.Text, "[SqlException]: Login failed for user 'shop_reader'.", "comments are kept as text")
			}},
		{file: "httpsys-503.html", kind: iisstatus.PageHTTPSys, code: "503",
			title: "HTTP Error 503. The service is unavailable."},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		seen[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			in := readPage(t, tc.file)
			e, err := iisstatus.Explain(in)
			require.NoError(t, err)
			assert.Equal(t, in, e.Input)
			assert.Equal(t, tc.kind, e.Page.Kind)
			if strings.Contains(tc.code, ".") {
				require.Equal(t, iisstatus.KindSubstatus, e.Kind)
				assert.Equal(t, tc.code, e.Substatus.Code.String())
			} else {
				require.Equal(t, iisstatus.KindStatus, e.Kind)
				assert.Equal(t, tc.code, e.Status.Code.String()[:3])
			}
			assert.Equal(t, tc.hasWin32, e.Win32 != (iisstatus.Win32Detail{}))
			assert.Equal(t, tc.win32, e.Win32.Code)
			assert.Equal(t, tc.selected, e.Substatus.Selected)
			if tc.pair == "" {
				assert.Empty(t, e.Pairs)
			} else if assert.NotEmpty(t, e.Pairs) {
				assert.Equal(t, tc.pair, e.Pairs[0].ID)
			}
			assert.Equal(t, tc.title, e.Page.Title)
			if tc.check != nil {
				tc.check(t, e.Page)
			}
			assert.True(t, e.Known())
		})
	}
	files, err := filepath.Glob(filepath.Join(pagesDir, "*.*"))
	require.NoError(t, err)
	for _, f := range files {
		if name := filepath.Base(f); name != "SOURCES.md" {
			assert.True(t, seen[name], "%s has no case", name)
		}
	}
}

// TestExplainPagesKeepText checks, for the pages in text form, that every
// line of the paste is interpreted or kept: it holds a value the reader
// took, or it is one of the page's fixed headings.
func TestExplainPagesKeepText(t *testing.T) {
	labelAlone := regexp.MustCompile(`^[A-Z][A-Za-z ]{1,30}:?$`)
	fixed := regexp.MustCompile(`^(Detailed Error Information|More Information|Most likely causes|Things you can try|` +
		`Troubleshooting steps|Common solutions to this issue|View more information »|Config Source|Detaillierte Fehlerinformationen|Konfigurationsquelle)\s*:?\s*$`)
	files, err := filepath.Glob(filepath.Join(pagesDir, "*.txt"))
	require.NoError(t, err)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in := readPage(t, filepath.Base(f))
			e, err := iisstatus.Explain(in)
			require.NoError(t, err)
			p := e.Page
			values := append([]string{p.Title, p.Description, p.Module, p.Notification, p.Handler, p.ErrorCode, p.ConfigError,
				p.ConfigFile, p.RequestedURL, p.PhysicalPath, p.LogonMethod, p.LogonUser, p.TracingDirectory, p.Exception}, p.ConfigSource...)
			values = append(values, p.Text...)
			for _, line := range strings.Split(in, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || fixed.MatchString(line) {
					continue
				}
				kept := false
				for _, v := range values {
					if v != "" && strings.Contains(line, v) {
						kept = true
						break
					}
				}
				if !kept {
					// A label alone: its value is on the next line.
					kept = labelAlone.MatchString(line)
				}
				assert.True(t, kept, "line %q is neither interpreted nor kept", line)
			}
		})
	}
}

func TestExplainPageErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
		off  int
	}{
		{name: "lines without a code", in: "hello\nworld\n", want: iisstatus.ErrPage},
		{name: "HTML without a code", in: "<html><body><p>Maintenance</p></body></html>", want: iisstatus.ErrPage},
		{name: "bad heading code", in: "HTTP Error 700.5 - Oops\nsome text", want: iisstatus.ErrSubstatus, off: 15},
		{name: "padded", in: "  \nnothing\nhere\n", want: iisstatus.ErrPage, off: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := iisstatus.Explain(tc.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			var ie *iisstatus.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.off, ie.Offset)
		})
	}
}

func TestPageKindText(t *testing.T) {
	for k := iisstatus.PageUnknown; k <= iisstatus.PageHTTPSys; k++ {
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, k.String(), string(b))
		var back iisstatus.PageKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	assert.Equal(t, "PageKind(99)", iisstatus.PageKind(99).String())
	_, err := iisstatus.PageKind(99).MarshalText()
	assert.Error(t, err)
	var k iisstatus.PageKind
	assert.Error(t, k.UnmarshalText([]byte("iis")))
}
