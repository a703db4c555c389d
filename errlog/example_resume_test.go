package errlog_test

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/iisstatus/iisstatus/errlog"
)

// A tailer saves the offset and the layout after each batch, and resumes
// from them later with a new Reader: the layout of the #Fields directive,
// which lies before the offset, is carried over with SetLayout. Line
// numbers and offsets of the new Reader count from the resume point.
func ExampleReader_resume() {
	dir, err := os.MkdirTemp("", "errlog")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "httperr1.log")
	const logText = "#Software: Microsoft HTTP API 2.0\r\n" +
		"#Fields: date time c-ip s-reason x-region\r\n" + // a custom selection of fields
		"2026-01-05 09:00:01 192.0.2.10 Timer_ConnectionIdle eu-west\r\n" +
		"2026-01-05 09:00:02 192.0.2.11 QueueFull eu-north\r\n" +
		"2026-01-05 09:00:03 192.0.2.12 Hostname us-east\r\n"
	if err := os.WriteFile(path, []byte(logText), 0o644); err != nil {
		log.Fatal(err)
	}

	// First run: read one record, then save where we are.
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	r := errlog.NewReader(f)
	rec, err := r.Read()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("first run:", rec.Line, rec.Reason)
	offset := r.InputOffset()
	layout, err := r.Layout().MarshalText() // save both, e.g. in a state file
	if err != nil {
		log.Fatal(err)
	}
	f.Close()
	fmt.Printf("saved: offset %d, layout %q\n", offset, layout)

	// Second run: reopen, seek, and carry the layout over.
	f, err = os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		log.Fatal(err)
	}
	var saved errlog.Layout
	if err := saved.UnmarshalText(layout); err != nil {
		log.Fatal(err)
	}
	r = errlog.NewReader(f)
	r.SetLayout(saved)
	for rec, err := range r.All() {
		if err != nil {
			log.Print(err)
		}
		if rec == nil {
			continue
		}
		region, _ := rec.Field("x-region")
		fmt.Println("second run:", rec.Line, rec.Reason, string(region), offset+rec.Offset)
	}
	// Output:
	// first run: 3 Timer_ConnectionIdle
	// saved: offset 139, layout "date time c-ip s-reason x-region"
	// second run: 1 QueueFull eu-north 139
	// second run: 2 Hostname us-east 190
}
