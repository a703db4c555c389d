// Command errorpages is a demo web server whose error pages behave like
// IIS's, built on package [github.com/iisstatus/iisstatus/errorpage]:
// remote clients get a safe page, local requests a detailed one, pages
// follow Accept-Language, the log carries the IIS substatus, and directory
// URLs without a trailing slash get the courtesy redirect.
//
//	go run ./examples/errorpages               # http://127.0.0.1:8080/
//	go run ./examples/errorpages -addr :9000   # listen elsewhere
//
// Copy it as the start of a service: it imports only public packages.
// Try, from the same machine:
//
//	curl -i http://127.0.0.1:8080/docs                     # 302 to /docs/
//	curl -i http://127.0.0.1:8080/private/                 # 403.14, detailed
//	curl -i -H 'Accept-Language: de' http://127.0.0.1:8080/nope   # 404.0 in German
//	curl -i http://127.0.0.1:8080/app/config               # 500.19
//	curl -i -H 'X-Forwarded-For: 203.0.113.9' http://127.0.0.1:8080/private/   # proxied: safe page
//
// and with -remote to see what other machines get. Behind a reverse proxy
// on this machine, pass its address with -trust-proxy (for example
// -trust-proxy 127.0.0.1/32) so that the address it forwards decides.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/netip"
	"os"
	"path"
	"strings"
	"testing/fstest"
	"time"

	"github.com/iisstatus/iisstatus/errorpage"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the demo server; the request log goes to stdout.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("errorpages", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen address")
	remote := fl.Bool("remote", false, "treat every request as remote (show the safe pages only)")
	var trusted []netip.Prefix
	fl.Func("trust-proxy", "address or CIDR prefix of a reverse proxy whose X-Forwarded-For is believed (repeatable)", func(s string) error {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return err
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		trusted = append(trusted, p)
		return nil
	})
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintln(stderr, "errorpages: unexpected arguments:", fl.Args())
		return 2
	}
	logger := log.New(stdout, "", 0)
	logger.Println(errorpage.Fields)
	h := newDemo(demoFS, logger)
	h.TrustedProxies = trusted
	if *remote {
		h.IsLocal = func(*http.Request) bool { return false }
	}
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stderr, "errorpages: listening on http://%s/\n", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "errorpages:", err)
		return 1
	}
	return 0
}

// demoFS is the demo site: a directory with an index page, one without
// (directory listing is denied, like IIS's default), and a file.
var demoFS = fstest.MapFS{
	"index.html":         {Data: []byte(indexHTML)},
	"docs/index.html":    {Data: []byte("<!DOCTYPE html><title>Docs</title><p>The docs directory.</p>\n")},
	"docs/readme.txt":    {Data: []byte("A plain file.\n")},
	"private/secret.txt": {Data: []byte("Not listed, but served when named.\n")},
}

const indexHTML = `<!DOCTYPE html>
<title>errorpages demo</title>
<h1>errorpages demo</h1>
<ul>
<li><a href="/docs">/docs</a>: courtesy redirect to /docs/</li>
<li><a href="/private/">/private/</a>: 403.14 Directory listing denied</li>
<li><a href="/nope">/nope</a>: 404.0 Not found</li>
<li><a href="/app/config">/app/config</a>: 500.19 Configuration data is invalid</li>
<li><a href="/app/busy">/app/busy</a>: 503.2 Concurrent request limit exceeded</li>
</ul>
`

// newDemo wires the demo site: static files from fsys, two application
// URLs that fail with a substatus, all behind the error-page middleware.
func newDemo(fsys fs.FS, logger *log.Logger) *errorpage.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/app/config", func(w http.ResponseWriter, r *http.Request) {
		errorpage.Error(w, r, substatus.New(status.InternalServerError, 19))
	})
	mux.HandleFunc("/app/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		errorpage.Error(w, r, substatus.New(status.ServiceUnavailable, 2))
	})
	mux.Handle("/", fileServer{fsys})
	isDir := func(urlPath string) bool {
		fi, err := fs.Stat(fsys, fsPath(urlPath))
		return err == nil && fi.IsDir()
	}
	return &errorpage.Handler{Next: mux, IsDir: isDir, Log: logger}
}

// fsPath turns a URL path into an fs.FS path ("." for the root).
func fsPath(urlPath string) string {
	p := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if p == "" {
		return "."
	}
	return p
}

// fileServer serves fsys like IIS's static file handler: a directory's
// index.html, or 403.14 when there is none (directory browsing off); a
// missing file is 404.0. Unlike http.FileServer it reports errors through
// errorpage.Error, so they get the IIS pages and substatus.
type fileServer struct{ fsys fs.FS }

func (s fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		errorpage.Error(w, r, substatus.New(status.MethodNotAllowed, 0))
		return
	}
	name := fsPath(r.URL.Path)
	fi, err := fs.Stat(s.fsys, name)
	if err != nil {
		errorpage.Error(w, r, substatus.New(status.NotFound, 0))
		return
	}
	if fi.IsDir() {
		name = path.Join(name, "index.html")
		if fi, err = fs.Stat(s.fsys, name); err != nil {
			errorpage.Error(w, r, substatus.New(status.Forbidden, 14))
			return
		}
	}
	b, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		errorpage.Error(w, r, substatus.New(status.InternalServerError, 0))
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(b))
}
