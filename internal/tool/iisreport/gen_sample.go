//go:build ignore

// gen_sample writes the embedded sample: the logs of one IIS 10 server
// (WEB01) on the morning of 2026-03-09, from 08:00 to 11:30 UTC, during an
// incident on the shop site.
//
//	sample/W3SVC2/u_ex260309.log  the shop (site 2, pool ShopPool)
//	sample/W3SVC3/u_ex260309.log  the order API (site 3, pool ApiPool)
//	sample/HTTPERR/httperr1.log   HTTP.sys
//
// What happens:
//
//   - 08:41-08:47 a client outside tries user names and passwords on the
//     API: a burst of 401 1 1326 (logon failed, bad user name or
//     password). The API's own clients authenticate with Negotiate, so
//     every call starts with a routine 401 2 5.
//   - From 09:25 the shop's dynamic pages slow down (a database lock):
//     time-taken rises from tens of milliseconds to tens of seconds; from
//     09:45 requests time out with 500 0 0, from 09:55 IIS refuses some
//     with 503 2 0 (concurrent request limit exceeded), impatient clients
//     leave (200 0 64).
//   - From 10:02 HTTP.sys refuses requests because ShopPool's queue is
//     full (QueueFull); the worker process crashes five times between
//     10:05 and 10:12, abandoning the requests in flight
//     (Connection_Abandoned_By_AppPool), and Rapid Fail Protection stops
//     the pool: from 10:12:40 every request to the shop is answered by
//     HTTP.sys with 503 AppOffline and never reaches IIS, so the shop's
//     access log is silent.
//   - At 10:38 an administrator stops the pool to deploy a fix (Disabled),
//     and at 10:44 starts it with a new web.config and more log fields: the
//     shop's log starts a new header block with another #Fields list, and
//     every request fails with 500 19 13 (configuration data invalid) until
//     the web.config is corrected at 10:52:30.
//   - Throughout: keep-alive timeouts, a scanner on port 80 rejected by
//     HTTP.sys, a slow mobile upload or two, and the last line of
//     httperr1.log cut short, as a copy taken while HTTP.sys writes it is.
//
// All values are invented: documentation address ranges, example.com
// names. The pseudo-random numbers come from a fixed splitmix64 sequence
// and integer arithmetic only, so the output is the same on every machine.
//
// Run it with go generate (see doc.go).
package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var day = time.Date(2026, time.March, 9, 0, 0, 0, 0, time.UTC)

// at returns the time hh:mm:ss on the sample's day.
func at(h, m, s int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

var (
	start      = at(8, 0, 0)
	end        = at(11, 30, 0)
	slowStart  = at(9, 25, 0)
	errStart   = at(9, 45, 0)
	busyStart  = at(9, 55, 0)
	queueStart = at(10, 2, 0)
	crashes    = []time.Time{at(10, 5, 12), at(10, 7, 40), at(10, 9, 3), at(10, 10, 51), at(10, 12, 40)}
	offline    = at(10, 12, 40)
	adminStop  = at(10, 38, 0)
	restart    = at(10, 44, 10)
	fixed      = at(10, 52, 30)
	burstStart = at(8, 41, 5)
	burstEnd   = at(8, 46, 40)
)

// rng is splitmix64.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) n(k int) int               { return int(r.next() % uint64(k)) }
func (r *rng) chance(permille int) bool  { return r.n(1000) < permille }
func (r *rng) pick(list []string) string { return list[r.n(len(list))] }
func (r *rng) between(lo, hi int) int    { return lo + r.n(hi-lo+1) }
func (r *rng) ms(base int) int64         { return int64(base) * skew[r.n(len(skew))] / 1000 }
func (r *rng) port() int                 { return r.between(49152, 65535) }
func (r *rng) within(t time.Time, d time.Duration) time.Time {
	return t.Add(time.Duration(r.n(int(d/time.Millisecond))) * time.Millisecond)
}

// skew is a right-skewed spread of multipliers (per mille) with median 1000,
// roughly lognormal.
var skew = []int64{250, 350, 450, 550, 620, 700, 760, 820, 880, 940, 1000, 1060, 1130, 1200, 1290, 1380, 1500, 1640, 1800, 2000, 2250, 2550, 2950, 3500, 4300, 5600, 8000, 13000}

// line is one log line with the time it is written (the request's end).
type line struct {
	t    time.Time
	seq  int
	text string
}

type logFile struct {
	lines []line
	seq   int
}

func (f *logFile) add(t time.Time, text string) {
	f.seq++
	f.lines = append(f.lines, line{t, f.seq, text})
}

func (f *logFile) sorted() []line {
	slices.SortStableFunc(f.lines, func(a, b line) int { return cmp.Compare(a.t.UnixMilli(), b.t.UnixMilli()) })
	return f.lines
}

const (
	serverIP4 = "10.0.0.10"
	serverIP6 = "2001:db8::10"
	computer  = "WEB01"
)

var agents = []string{
	"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/133.0.0.0+Safari/537.36",
	"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/133.0.0.0+Safari/537.36+Edg/133.0.0.0",
	"Mozilla/5.0+(iPhone;+CPU+iPhone+OS+18_3+like+Mac+OS+X)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/18.3+Mobile/15E148+Safari/604.1",
	"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:135.0)+Gecko/20100101+Firefox/135.0",
	"Mozilla/5.0+(Linux;+Android+14;+Pixel+8)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/133.0.0.0+Mobile+Safari/537.36",
	"Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+10_15_7)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/18.3+Safari/605.1.15",
}

var bots = []string{
	"Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)",
	"Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html)",
}

// visitors are the shop's clients: addresses, each with a browser.
type visitor struct {
	ip    string
	agent string
	v6    bool
}

func visitors(r *rng) []visitor {
	var out []visitor
	for i := 0; i < 48; i++ {
		var ip string
		v6 := i%7 == 3
		switch {
		case v6:
			ip = fmt.Sprintf("2001:db8:%x:%x::%x", 0x1000+r.n(0x800), r.n(0x100), 1+r.n(0xfff))
		case i%3 == 0:
			ip = fmt.Sprintf("198.51.100.%d", 2+r.n(250))
		case i%3 == 1:
			ip = fmt.Sprintf("203.0.113.%d", 2+r.n(250))
		default:
			ip = fmt.Sprintf("192.0.2.%d", 2+r.n(250))
		}
		a := r.pick(agents)
		if i%16 == 5 {
			a = r.pick(bots)
		}
		out = append(out, visitor{ip, a, v6})
	}
	return out
}

// A page is a kind of shop request.
type page struct {
	weight  int
	method  string
	stem    func(r *rng) string
	query   func(r *rng) string
	base    int  // median time-taken, ms
	dynamic bool // served by the application (slows down in the incident)
	static  bool
}

func fixedStem(s string) func(*rng) string { return func(*rng) string { return s } }
func noQuery(*rng) string                  { return "-" }

var products = []string{"1042", "1043", "1107", "1188", "1203", "1310", "1377", "1402", "1455", "1523", "1610", "1744"}
var searches = []string{"running+shoes", "rain+jacket", "tent", "headlamp", "socks", "backpack+30l", "gloves"}

var pages = []page{
	{weight: 6, method: "GET", stem: fixedStem("/"), query: noQuery, base: 38, dynamic: true},
	{weight: 8, method: "GET", stem: fixedStem("/products"), query: func(r *rng) string { return "page=" + fmt.Sprint(1+r.n(4)) }, base: 52, dynamic: true},
	{weight: 20, method: "GET", stem: func(r *rng) string { return "/product/" + r.pick(products) }, query: noQuery, base: 55, dynamic: true},
	{weight: 6, method: "GET", stem: fixedStem("/search"), query: func(r *rng) string { return "q=" + r.pick(searches) }, base: 120, dynamic: true},
	{weight: 6, method: "GET", stem: fixedStem("/cart"), query: noQuery, base: 45, dynamic: true},
	{weight: 5, method: "POST", stem: fixedStem("/cart/add"), query: noQuery, base: 70, dynamic: true},
	{weight: 5, method: "GET", stem: fixedStem("/api/cart"), query: noQuery, base: 25, dynamic: true},
	{weight: 3, method: "GET", stem: fixedStem("/checkout"), query: noQuery, base: 90, dynamic: true},
	{weight: 2, method: "POST", stem: fixedStem("/checkout"), query: noQuery, base: 260, dynamic: true},
	{weight: 2, method: "GET", stem: fixedStem("/account/login"), query: func(r *rng) string { return "ReturnUrl=%2Fcheckout" }, base: 30, dynamic: true},
	{weight: 5, method: "GET", stem: fixedStem("/css/site.css"), query: func(*rng) string { return "v=12" }, base: 3, static: true},
	{weight: 5, method: "GET", stem: fixedStem("/js/app.js"), query: func(*rng) string { return "v=12" }, base: 4, static: true},
	{weight: 12, method: "GET", stem: func(r *rng) string { return "/img/p" + r.pick(products) + ".jpg" }, query: noQuery, base: 6, static: true},
	{weight: 1, method: "GET", stem: fixedStem("/apple-touch-icon.png"), query: noQuery, base: 2, static: true},
}

func pickPage(r *rng) page {
	total := 0
	for _, p := range pages {
		total += p.weight
	}
	n := r.n(total)
	for _, p := range pages {
		if n < p.weight {
			return p
		}
		n -= p.weight
	}
	return pages[0]
}

// slowFactor is how much slower the shop's dynamic pages are at t, per
// mille.
func slowFactor(t time.Time) int64 {
	if t.Before(slowStart) || !t.Before(offline) {
		return 1000
	}
	m := int64(t.Sub(slowStart) / time.Minute)
	return 1000 + m*m*66
}

// ramp returns a probability in per mille growing from lo at t0 to hi at
// t1.
func ramp(t, t0, t1 time.Time, lo, hi int) int {
	if t.Before(t0) {
		return 0
	}
	if !t.Before(t1) {
		return hi
	}
	return lo + int(int64(hi-lo)*int64(t.Sub(t0))/int64(t1.Sub(t0)))
}

const (
	fields15 = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
	fields21 = "date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken"
	fields14 = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename"
)

func header(software, fields string, t time.Time) string {
	return "#Software: " + software + "\r\n#Version: 1.0\r\n#Date: " + t.Format(time.DateTime) + "\r\n#Fields: " + fields + "\r\n"
}

func stamp(t time.Time) string { return t.Format(time.DateTime) }

// httperr writes one HTTPERR line in the 14-column layout.
func httperr(f *logFile, t time.Time, r *rng, client string, sport int, version, method, uri, stream, status, site, reason, queue string) {
	f.add(t, fmt.Sprintf("%s %s %d %s %d %s %s %s %s %s %s %s %s",
		stamp(t), client, r.port(), serverFor(client), sport, version, method, uri, stream, status, site, reason, queue))
}

func serverFor(client string) string {
	if strings.Contains(client, ":") {
		return serverIP6
	}
	return serverIP4
}

func uriOf(stem, query string) string {
	if query == "-" {
		return stem
	}
	return stem + "?" + query
}

func main() {
	r := &rng{s: 20260309}
	shop, api, he := &logFile{}, &logFile{}, &logFile{}
	vis := visitors(r)
	streams := map[string]int{}

	// The shop.
	for m := start; m.Before(end); m = m.Add(time.Minute) {
		n := 5 + r.n(3)
		if m.Hour() >= 9 {
			n++
		}
		for i := 0; i < n; i++ {
			t := r.within(m, time.Minute)
			v := vis[r.n(len(vis))]
			p := pickPage(r)
			for p.method != "GET" && (v.agent == bots[0] || v.agent == bots[1]) {
				p = pickPage(r) // crawlers do not post
			}
			stem, query := p.stem(r), p.query(r)
			version := "HTTP/2"
			if v.agent == bots[0] || v.agent == bots[1] || r.chance(150) {
				version = "HTTP/1.1"
			}
			referer := "-"
			if p.static || r.chance(600) {
				referer = "https://shop.example.com/" + r.pick([]string{"", "products", "product/" + r.pick(products), "cart"})
			} else if r.chance(300) {
				referer = "https://www.bing.com/"
			}
			stream := "-"
			if version == "HTTP/2" {
				streams[v.ip] += 2
				stream = fmt.Sprint(streams[v.ip] - 1)
			}
			heVersion := "HTTP/2.0"
			if version == "HTTP/1.1" {
				heVersion = "HTTP/1.1"
			}
			queueRefused := p.dynamic && !t.Before(queueStart) && t.Before(offline) && r.chance(ramp(t, queueStart, offline, 150, 550))
			switch {
			case !t.Before(offline) && t.Before(adminStop):
				httperr(he, t, r, v.ip, 443, heVersion, p.method, uriOf(stem, query), stream, "503", "2", "AppOffline", "ShopPool")
				continue
			case !t.Before(adminStop) && t.Before(restart):
				httperr(he, t, r, v.ip, 443, heVersion, p.method, uriOf(stem, query), stream, "503", "2", "Disabled", "ShopPool")
				continue
			case queueRefused:
				httperr(he, t, r, v.ip, 443, heVersion, p.method, uriOf(stem, query), stream, "503", "2", "QueueFull", "ShopPool")
				continue
			}
			status, sub, win32 := 200, 0, 0
			tt := r.ms(p.base)
			switch {
			case !t.Before(restart) && t.Before(fixed):
				status, sub, win32, tt = 500, 19, 13, int64(r.n(4))
			case p.static:
				if referer != "-" && r.chance(650) {
					status, tt = 304, int64(r.n(2))
				}
				if strings.HasSuffix(stem, ".png") {
					status, win32 = 404, 2
				}
			default:
				tt = tt * slowFactor(t) / 1000
				incident := t.Before(offline)
				switch {
				case incident && r.chance(ramp(t, errStart, offline, 20, 250)):
					status, tt = 500, 30000+int64(r.n(900)) // the database command timed out
				case incident && r.chance(ramp(t, busyStart, offline, 80, 200)):
					status, sub, tt = 503, 2, int64(1+r.n(40)) // appConcurrentRequestLimit
				case tt > 8000 && r.chance(300):
					status, win32 = 200, 64 // the client gave up
				case p.method == "POST" && stem == "/cart/add":
					status = 302
				case stem == "/account/login":
					status = 200
				}
				if t.After(fixed) && t.Before(fixed.Add(20*time.Second)) {
					tt += 4200 // the application starts again
				}
			}
			tt = min(tt, 119000)
			done := t.Add(time.Duration(tt) * time.Millisecond)
			// A request in flight when the worker process crashes is
			// abandoned: HTTPERR logs it, the access log does not.
			if p.dynamic {
				abandoned := false
				for _, c := range crashes {
					if !t.After(c) && done.After(c) {
						httperr(he, c, r, v.ip, 443, heVersion, p.method, uriOf(stem, query), stream, "-", "2", "Connection_Abandoned_By_AppPool", "ShopPool")
						abandoned = true
						break
					}
				}
				if abandoned || !done.Before(offline) && t.Before(offline) {
					continue
				}
			}
			server := serverIP4
			if v.v6 {
				server = serverIP6
			}
			sent := 300 + int64(r.n(40000))
			if status == 304 {
				sent = 180 + int64(r.n(60))
			}
			if status == 500 && sub == 19 {
				sent = 1300 + int64(r.n(50))
			}
			recv := 400 + int64(r.n(1400))
			var text string
			if done.Before(restart) {
				text = fmt.Sprintf("%s %s %s %s %s 443 - %s %s %s %d %d %d %d",
					stamp(done), server, p.method, stem, query, v.ip, v.agent, referer, status, sub, win32, tt)
			} else {
				text = fmt.Sprintf("%s W3SVC2 %s %s %s %s %s 443 - %s %s %s %s shop.example.com %d %d %d %d %d %d",
					stamp(done), computer, server, p.method, stem, query, v.ip, version, v.agent, referer, status, sub, win32, sent, recv, tt)
			}
			shop.add(done, text)
		}
	}

	// Each crash also abandons the requests waiting in the pool's queue.
	dyn := []string{"/product/1042", "/products?page=2", "/cart", "/api/cart", "/checkout", "/search?q=tent", "/"}
	for _, c := range crashes {
		for i := r.between(3, 7); i > 0; i-- {
			v := vis[r.n(len(vis))]
			method := "GET"
			uri := r.pick(dyn)
			if uri == "/checkout" && r.chance(500) {
				method = "POST"
			}
			httperr(he, c, r, v.ip, 443, "HTTP/2.0", method, uri, fmt.Sprint(1+2*r.n(30)), "-", "2", "Connection_Abandoned_By_AppPool", "ShopPool")
		}
	}

	// The API: an ERP system and a warehouse scanner call it with
	// Negotiate, so each call is a routine 401 2 5, then the request.
	apiClients := []struct{ ip, user, agent string }{
		{"10.0.1.20", `CONTOSO\svc-erp`, "Contoso-ERP/4.2+(Windows+NT+10.0;+.NET+Framework+4.8)"},
		{"10.0.1.21", `CONTOSO\svc-erp`, "Contoso-ERP/4.2+(Windows+NT+10.0;+.NET+Framework+4.8)"},
		{"2001:db8:0:1::37", `CONTOSO\svc-wms`, "WMS-Scanner/7.1"},
	}
	apiCalls := []struct {
		method, stem string
		query        func(*rng) string
		base         int
	}{
		{"GET", "/api/orders", func(r *rng) string { return fmt.Sprintf("since=2026-03-09T%02d:00:00Z", 6+r.n(3)) }, 60},
		{"GET", "/api/orders/", nil, 25},
		{"POST", "/api/orders", nil, 140},
		{"GET", "/api/stock", func(r *rng) string { return "sku=" + r.pick(products) }, 35},
	}
	for m := start; m.Before(end); m = m.Add(time.Minute) {
		n := 1 + r.n(2)
		for i := 0; i < n; i++ {
			t := r.within(m, time.Minute)
			c := apiClients[r.n(len(apiClients))]
			call := apiCalls[r.n(len(apiCalls))]
			stem, query := call.stem, "-"
			if call.query != nil {
				query = call.query(r)
			}
			if strings.HasSuffix(stem, "/") {
				stem += fmt.Sprint(880000 + r.n(5000))
			}
			server := serverIP4
			if strings.Contains(c.ip, ":") {
				server = serverIP6
			}
			tt := r.ms(call.base)
			first := t.Add(time.Duration(r.n(3)) * time.Millisecond)
			api.add(first, fmt.Sprintf("%s %s %s %s %s 443 - %s %s - 401 2 5 %d", stamp(first), server, call.method, stem, query, c.ip, c.agent, r.n(2)))
			done := first.Add(time.Duration(5+tt) * time.Millisecond)
			status := 200
			if call.method == "POST" {
				status = 201
			}
			api.add(done, fmt.Sprintf("%s %s %s %s %s 443 %s %s %s - %d 0 0 %d", stamp(done), server, call.method, stem, query, c.user, c.ip, c.agent, status, tt))
		}
		if m.Minute()%5 == 0 {
			t := r.within(m, time.Minute)
			api.add(t, fmt.Sprintf("%s %s GET /api/health - 443 - 10.0.0.2 kube-probe/1.29 - 200 0 0 %d", stamp(t), serverIP4, 1+r.n(3)))
		}
	}
	// Password guessing on the API from outside (Basic over TLS).
	users := []string{"administrator", "admin", `CONTOSO\jsmith`, `CONTOSO\svc-erp`, "test", "backup", `CONTOSO\administrator`}
	for t := burstStart; t.Before(burstEnd); t = t.Add(time.Duration(3000+r.n(3000)) * time.Millisecond) {
		api.add(t, fmt.Sprintf("%s %s POST /api/token - 443 %s 203.0.113.45 python-requests/2.31.0 - 401 1 1326 %d", stamp(t), serverIP4, r.pick(users), 2+r.n(8)))
	}

	// HTTP.sys: keep-alive timeouts and the rest of the background.
	for m := start; m.Before(end); m = m.Add(time.Minute) {
		if r.chance(700) {
			t := r.within(m, time.Minute)
			v := vis[r.n(len(vis))]
			httperr(he, t, r, v.ip, 443, "-", "-", "-", "-", "-", "-", "Timer_ConnectionIdle", "-")
		}
		if r.chance(60) {
			t := r.within(m, time.Minute)
			v := vis[r.n(len(vis))]
			httperr(he, t, r, v.ip, 443, "HTTP/2.0", "GET", "/img/p"+r.pick(products)+".jpg", fmt.Sprint(1+2*r.n(20)), "-", "2", "Connection_Dropped", "ShopPool")
		}
		if r.chance(25) {
			t := r.within(m, time.Minute)
			v := vis[r.n(len(vis))]
			httperr(he, t, r, v.ip, 443, "HTTP/1.1", "POST", "/checkout", "-", "-", "2", "Timer_MinBytesPerSecond", "ShopPool")
		}
	}
	// A scanner on port 80, rejected by HTTP.sys before any site.
	scan := at(9, 12, 7)
	probes := []struct{ version, method, uri, reason string }{
		{"HTTP/1.1", "GET", "/", "Hostname"},
		{"HTTP/1.1", "GET", "/wp-login.php", "Hostname"},
		{"HTTP/1.1", "GET", "/.env", "Hostname"},
		{"HTTP/1.1", "GET", "/.git/config", "Hostname"},
		{"HTTP/1.1", "GET", "/scripts/..%c0%af../winnt/system32/cmd.exe", "URL"},
		{"HTTP/1.1", "GET", "/cgi-bin/luci/;stok=/locale", "URL"},
		{"-", "-", "-", "BadRequest"},
		{"HTTP/1.1", "-", "-", "Verb"},
		{"HTTP/1.1", "GET", "/", "FieldLength"},
		{"HTTP/1.1", "GET", "/index.html", "Invalid_CR/LF"},
		{"HTTP/1.1", "GET", "/phpmyadmin/index.php", "Hostname"},
		{"HTTP/1.0", "GET", "/", "Hostname"},
	}
	for i, p := range probes {
		t := scan.Add(time.Duration(i*2+r.n(2)) * time.Second)
		httperr(he, t, r, "192.0.2.66", 80, p.version, p.method, p.uri, "-", "400", "-", p.reason, "-")
	}

	write := func(path, head string, f *logFile, cut bool) {
		var b strings.Builder
		b.WriteString(head)
		lines := f.sorted()
		for i, l := range lines {
			if path == "sample/W3SVC2/u_ex260309.log" && !l.t.Before(restart) && (i == 0 || lines[i-1].t.Before(restart)) {
				b.WriteString(header("Microsoft Internet Information Services 10.0", fields21, restart))
			}
			if cut && i == len(lines)-1 {
				b.WriteString(l.text[:len(l.text)/2]) // copied while being written
				break
			}
			b.WriteString(l.text + "\r\n")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			panic(err)
		}
	}
	iis := "Microsoft Internet Information Services 10.0"
	write("sample/W3SVC2/u_ex260309.log", header(iis, fields15, at(8, 0, 2)), shop, false)
	write("sample/W3SVC3/u_ex260309.log", header(iis, fields15, at(8, 0, 4)), api, false)
	write("sample/HTTPERR/httperr1.log", header("Microsoft HTTP API 2.0", fields14, at(8, 0, 1)), he, true)
}
