package iisreport

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// browser is a headless Chromium driven through the DevTools protocol
// over --remote-debugging-pipe: JSON messages ended by a NUL byte, written
// to the browser's file descriptor 3 and read from its descriptor 4. Only
// the standard library is needed.
type browser struct {
	cmd     *exec.Cmd
	w       *os.File
	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpMessage
	events  chan cdpMessage
	done    chan struct{}
	session string
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// chromiumFlags keep the browser off the network and quiet.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-extensions", "--disable-default-apps", "--mute-audio", "--no-default-browser-check",
	"--remote-debugging-pipe",
}

// findChromium returns the path of a Chromium or Chrome binary, or "".
// IISREPORT_CHROMIUM names one explicitly.
func findChromium() string {
	if p := os.Getenv("IISREPORT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts bin with a fresh profile and attaches to a new
// blank page.
func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	toBrowser, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r, fromBrowser, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir(), "about:blank")
	cmd := exec.Command(bin, args...)
	cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // descriptors 3 and 4
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	toBrowser.Close()
	fromBrowser.Close()
	b := &browser{cmd: cmd, w: w, waiting: map[int]chan cdpMessage{}, events: make(chan cdpMessage, 4096), done: make(chan struct{})}
	go b.readLoop(r)
	t.Cleanup(b.close)

	var target struct {
		TargetID string `json:"targetId"`
	}
	b.call(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	b.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	for _, domain := range []string{"Page", "Runtime", "Log", "Network"} {
		b.call(t, b.session, domain+".enable", map[string]any{}, nil)
	}
	return b
}

func (b *browser) readLoop(r *os.File) {
	defer close(b.done)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.waiting[m.ID]
			delete(b.waiting, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		select {
		case b.events <- m:
		default: // nobody reads that many events; drop
		}
	}
}

// call sends a command and decodes its result into out (if not nil).
func (b *browser) call(t *testing.T, session, method string, params any, out any) {
	t.Helper()
	if err := b.callErr(session, method, params, out); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
}

func (b *browser) callErr(session, method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.w.Write(append(data, 0)); err != nil {
		return err
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%d %s", m.Error.Code, m.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-b.done:
		return errors.New("the browser went away")
	case <-time.After(60 * time.Second):
		return errors.New("no answer in 60 s")
	}
}

// waitEvent returns the events received until one named method arrives,
// that one included.
func (b *browser) waitEvent(t *testing.T, method string) []cdpMessage {
	t.Helper()
	var seen []cdpMessage
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m := <-b.events:
			seen = append(seen, m)
			if m.Method == method {
				return seen
			}
		case <-b.done:
			t.Fatal("the browser went away")
		case <-timeout:
			t.Fatalf("no %s in 60 s", method)
		}
	}
}

// drain returns the events received so far.
func (b *browser) drain() []cdpMessage {
	var seen []cdpMessage
	for {
		select {
		case m := <-b.events:
			seen = append(seen, m)
		default:
			return seen
		}
	}
}

func (b *browser) close() {
	done := make(chan struct{})
	go func() {
		b.callErr("", "Browser.close", map[string]any{}, nil)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
	waited := make(chan error, 1)
	go func() { waited <- b.cmd.Wait() }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		b.cmd.Process.Kill()
		<-waited
	}
	b.w.Close()
}
