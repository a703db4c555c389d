package iisreport

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	screenshot  = flag.Bool("screenshot", false, "with TestBrowser: write the README's screenshot of the sample report ("+screenshotPath+")")
	screenshots = flag.String("screenshots", "", "with TestBrowser: write full-page screenshots at every width into `dir`")
)

// screenshotPath is the README's screenshot, relative to this package.
const screenshotPath = "../../../cmd/iisreport/report.png"

// measureScript runs in the page and returns what TestBrowser checks, as
// JSON: horizontal overflow, elements outside the viewport, overlapping
// labels (axis labels and legend items of each chart), text too small to
// read, charts without a size, and scripts.
const measureScript = `(() => {
  const vw = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "") +
    ' "' + (e.textContent || "").trim().slice(0, 40) + '"';
  const out = {width: vw, scrollWidth: document.documentElement.scrollWidth, scripts: document.scripts.length,
    outside: [], overlaps: [], tiny: [], charts: 0, flat: [], labels: 0};
  for (const e of document.body.querySelectorAll("*")) {
    const cs = getComputedStyle(e);
    if (cs.display === "none" || cs.visibility === "hidden") continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > vw + 0.5) out.outside.push(name(e) + " " + r.left.toFixed(1) + ".." + r.right.toFixed(1));
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && parseFloat(cs.fontSize) < 10) out.tiny.push(name(e) + " " + cs.fontSize);
  }
  for (const group of document.querySelectorAll(".xaxis, .yaxis, .legend, .head, .cards, nav")) {
    const rs = [...group.children].map(c => [c, c.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
    out.labels += rs.length;
    for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i][1], b = rs[j][1];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
        out.overlaps.push(name(rs[i][0]) + " / " + name(rs[j][0]));
    }
  }
  for (const svg of document.querySelectorAll("svg")) {
    out.charts++;
    const r = svg.getBoundingClientRect();
    if (r.width < 150 || r.height < 40) out.flat.push(name(svg.closest("figure") || svg) + " " + r.width.toFixed(0) + "x" + r.height.toFixed(0));
  }
  return JSON.stringify(out);
})()`

type measurements struct {
	Width       float64  `json:"width"`
	ScrollWidth float64  `json:"scrollWidth"`
	Scripts     int      `json:"scripts"`
	Outside     []string `json:"outside"`
	Overlaps    []string `json:"overlaps"`
	Tiny        []string `json:"tiny"`
	Charts      int      `json:"charts"`
	Flat        []string `json:"flat"`
	Labels      int      `json:"labels"`
}

// viewport is a screen the page is checked on.
type viewport struct {
	name          string
	width, height int
	mobile        bool
}

var viewports = []viewport{
	{name: "phone", width: 375, height: 812, mobile: true},
	{name: "desktop", width: 1440, height: 900},
}

// TestBrowser renders the HTML report of the embedded sample, and of a
// hostile log, in headless Chromium at a phone's and a wide screen's width,
// and fails on horizontal overflow, elements outside the viewport,
// overlapping chart labels, unreadably small text, charts without a size,
// script errors, console errors (a Content Security Policy violation among
// them) and any request other than the page itself. It is skipped when no
// Chromium is installed.
func TestBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (apt-get install chromium, or set IISREPORT_CHROMIUM): the HTML report is not checked in a browser")
	}
	dir := t.TempDir()
	pages := map[string][]string{
		"sample":  {"-html", "-"},
		"hostile": {"-html", "-", hostileTree(t)},
		"empty":   {"-html", "-", "-"},
	}
	stdin := map[string]string{}
	b := startBrowser(t, bin)
	for _, name := range []string{"sample", "hostile", "empty"} {
		code, out, errOut := runMain(t, stdin[name], pages[name]...)
		require.Equal(t, 0, code, errOut)
		path := filepath.Join(dir, name+".html")
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
		pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
		for _, vp := range viewports {
			t.Run(name+"/"+vp.name, func(t *testing.T) {
				m, events := b.load(t, pageURL, vp)
				assert.Empty(t, pageProblems(m, events, pageURL))
				assert.Positive(t, m.Labels, "labels were measured")
				if name == "sample" {
					assert.GreaterOrEqual(t, m.Charts, 5, "the sample has charts")
				}
				if *screenshots != "" {
					for i, shot := range b.screenshots(t, vp) {
						require.NoError(t, os.WriteFile(filepath.Join(*screenshots, fmt.Sprintf("%s-%s-%02d.png", name, vp.name, i)), shot, 0o644))
					}
				}
				if *screenshot && name == "sample" && vp.name == "desktop" {
					shot := viewport{name: "readme", width: 1280, height: 1500}
					b.load(t, pageURL, shot)
					require.NoError(t, os.WriteFile(screenshotPath, b.screenshot(t, shot, shot.height), 0o644))
				}
			})
		}
	}
}

// brokenPage has one of each defect TestBrowser looks for.
const brokenPage = `<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<div style="width:600px">too wide for a phone</div>
<div class="xaxis" style="position:relative;height:2em"><span style="position:absolute;left:10px">08:00</span><span style="position:absolute;left:14px">08:05</span></div>
<p style="font-size:6px">tiny</p>
<svg width="20" height="10"></svg>
<img src="http://192.0.2.1/pixel.png" alt="">
<script>console.error("logged"); throw new Error("boom")</script>
</body></html>`

// TestBrowserFindsDefects checks that TestBrowser's checks can fail: each
// defect of brokenPage is reported.
func TestBrowserFindsDefects(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (apt-get install chromium, or set IISREPORT_CHROMIUM)")
	}
	path := filepath.Join(t.TempDir(), "broken.html")
	require.NoError(t, os.WriteFile(path, []byte(brokenPage), 0o644))
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	b := startBrowser(t, bin)
	m, events := b.load(t, pageURL, viewports[0])
	got := strings.Join(pageProblems(m, events, pageURL), "\n")
	for _, want := range []string{"script element", "horizontal scrolling", "outside the viewport", "overlapping", "smaller than 10 px", "too small", "script error", "console error", "requested http://192.0.2.1/pixel.png"} {
		assert.Contains(t, got, want)
	}
}

// pageProblems lists what is wrong with a loaded page.
func pageProblems(m measurements, events []cdpMessage, pageURL string) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if m.Scripts > 0 {
		add("%d script element(s)", m.Scripts)
	}
	if m.ScrollWidth > m.Width {
		add("horizontal scrolling: %v px wide in %v px", m.ScrollWidth, m.Width)
	}
	for _, e := range m.Outside {
		add("outside the viewport: %s", e)
	}
	for _, e := range m.Overlaps {
		add("overlapping labels: %s", e)
	}
	for _, e := range m.Tiny {
		add("text smaller than 10 px: %s", e)
	}
	for _, e := range m.Flat {
		add("chart too small to read: %s", e)
	}
	for _, e := range events {
		switch e.Method {
		case "Runtime.exceptionThrown":
			add("script error: %s", e.Params)
		case "Runtime.consoleAPICalled", "Log.entryAdded":
			if strings.Contains(string(e.Params), `"error"`) {
				add("console error: %s", e.Params)
			}
		case "Network.requestWillBeSent":
			var p struct {
				Request struct {
					URL string `json:"url"`
				} `json:"request"`
			}
			if json.Unmarshal(e.Params, &p) == nil && p.Request.URL != pageURL {
				add("the page requested %s", p.Request.URL)
			}
		}
	}
	return out
}

// load opens pageURL on a screen of vp's size and returns the page's
// measurements and the events that came with loading it.
func (b *browser) load(t *testing.T, pageURL string, vp viewport) (measurements, []cdpMessage) {
	t.Helper()
	b.drain()
	b.call(t, b.session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": vp.width, "height": vp.height, "deviceScaleFactor": 1, "mobile": vp.mobile,
	}, nil)
	b.call(t, b.session, "Page.navigate", map[string]any{"url": pageURL}, nil)
	events := b.waitEvent(t, "Page.loadEventFired")
	var res struct {
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails json.RawMessage `json:"exceptionDetails"`
	}
	b.call(t, b.session, "Runtime.evaluate", map[string]any{"expression": measureScript, "returnByValue": true}, &res)
	require.Nil(t, res.ExceptionDetails, "the measuring script failed")
	var m measurements
	require.NoError(t, json.Unmarshal([]byte(res.Result.Value), &m))
	return m, append(events, b.drain()...)
}

// screenshot captures the top of the page as PNG, height pixels high.
func (b *browser) screenshot(t *testing.T, vp viewport, height int) []byte {
	t.Helper()
	return b.capture(t, vp, 0, height)
}

// screenshots captures the whole page as PNGs one screen high each.
func (b *browser) screenshots(t *testing.T, vp viewport) [][]byte {
	t.Helper()
	var metrics struct {
		CSSContentSize struct {
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	b.call(t, b.session, "Page.getLayoutMetrics", map[string]any{}, &metrics)
	var out [][]byte
	for y := 0; y < int(metrics.CSSContentSize.Height); y += vp.height {
		out = append(out, b.capture(t, vp, y, min(vp.height, int(metrics.CSSContentSize.Height)-y)))
	}
	return out
}

func (b *browser) capture(t *testing.T, vp viewport, y, height int) []byte {
	t.Helper()
	var shot struct {
		Data string `json:"data"`
	}
	b.call(t, b.session, "Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": y, "width": vp.width, "height": height, "scale": 1},
	}, &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	require.NoError(t, err)
	return png
}
