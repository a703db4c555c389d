package iisreport

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows a status line on stderr while the inputs are read: files
// done, bytes and lines read, lines per second. It is shown only when
// stderr is a terminal, only once reading has taken a second, and
// refreshed four times a second; it is wiped when reading ends. Readers
// report to it from any goroutine. A nil *progress does nothing.
type progress struct {
	w      io.Writer
	files  int
	start  time.Time
	done   atomic.Int64
	bytes  atomic.Int64
	lines  atomic.Int64
	stop   chan struct{}
	wg     sync.WaitGroup
	shown  bool
	now    func() time.Time
	delay  time.Duration
	period time.Duration
}

const (
	progressDelay    = time.Second
	progressInterval = 250 * time.Millisecond
	progressWidth    = 79 // characters of the status line
)

// isTerminal reports whether w is a character device (a console).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// startProgress starts the display for reading files inputs, or returns
// nil when w is not a terminal.
func startProgress(w io.Writer, files int) *progress {
	if !isTerminal(w) {
		return nil
	}
	p := newProgress(w, files, time.Now)
	p.run()
	return p
}

func newProgress(w io.Writer, files int, now func() time.Time) *progress {
	return &progress{w: w, files: files, start: now(), stop: make(chan struct{}), now: now, delay: progressDelay, period: progressInterval}
}

func (p *progress) run() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(p.period)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.show()
			}
		}
	}()
}

// add counts bytes (of the files as stored) and lines read.
func (p *progress) add(bytes, lines int64) {
	if p == nil {
		return
	}
	p.bytes.Add(bytes)
	p.lines.Add(lines)
}

// fileDone counts one input read.
func (p *progress) fileDone() {
	if p != nil {
		p.done.Add(1)
	}
}

// line returns the status line.
func (p *progress) line() string {
	el := p.now().Sub(p.start).Seconds()
	lines := p.lines.Load()
	rate := 0.0
	if el > 0 {
		rate = float64(lines) / el
	}
	return fmt.Sprintf("reading: %d/%d files, %s, %s lines, %s lines/s",
		p.done.Load(), p.files, bytesText(p.bytes.Load()), countText(lines), countText(int64(rate)))
}

// show prints the status line, once reading has taken long enough.
func (p *progress) show() {
	if p.now().Sub(p.start) < p.delay {
		return
	}
	p.shown = true
	// Plain carriage returns and padding rather than ANSI escapes, which
	// older Windows consoles print literally.
	fmt.Fprintf(p.w, "\r%-*.*s", progressWidth, progressWidth, p.line())
}

// finish stops the display and wipes its line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	if p.shown {
		fmt.Fprintf(p.w, "\r%*s\r", progressWidth, "")
	}
}

// countText writes a count compactly: 950, 12.3 k, 4.5 M, 1.2 G.
func countText(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f G", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f M", float64(n)/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.1f k", float64(n)/1e3)
	}
	return fmt.Sprintf("%d", n)
}
