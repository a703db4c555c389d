package logfiles

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"sync/atomic"
)

// A Log is an opened input: its text, decompressed if it was compressed,
// and what [Detect] found at its start. Read it like any io.Reader, from
// the first byte; close it when done.
type Log struct {
	Input
	Detection
	// Compressed is true when the file was gzip-compressed.
	Compressed bool
	// Size is the size of the file as stored, or -1 when it is not a
	// regular file (standard input, a pipe).
	Size int64
	// Err is the read error that stopped detection early, if any; Read
	// returns it too, after the bytes that came before it. The Detection
	// covers those bytes only.
	Err error

	file io.Closer
	raw  *countingReader
	r    io.Reader
}

// OpenLog opens the input, decompresses it when it starts with the gzip
// magic bytes (a .gz file, or a compressed standard input), and detects
// its kind from its first [SniffSize] bytes. Errors are those of opening
// the file, or of reading its first bytes (a damaged gzip header among
// them); they name the input.
func (in Input) OpenLog(stdin io.Reader) (*Log, error) {
	rc, err := in.Open(stdin)
	if err != nil {
		return nil, err
	}
	l := &Log{Input: in, file: rc, raw: &countingReader{r: rc}, Size: -1}
	if st, ok := rc.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			l.Size = fi.Size()
		}
	}
	fail := func(err error) (*Log, error) {
		rc.Close()
		return nil, &openError{name: in.Name, err: err}
	}
	br := bufio.NewReaderSize(l.raw, SniffSize)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		// Detect what there is; reading gives the error after it.
		l.Detection = Detect(magic, false, in.Path)
		l.r = io.MultiReader(bytes.NewReader(magic), errReader{err})
		l.Err = err
		return l, nil
	}
	var text io.Reader = br
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(err)
		}
		l.Compressed = true
		text = zr
	}
	tb := bufio.NewReaderSize(text, SniffSize)
	prefix, err := tb.Peek(SniffSize)
	atEOF := err == io.EOF
	l.Detection = Detect(prefix, atEOF, in.Path)
	l.r = tb
	if err != nil && !atEOF && err != bufio.ErrBufferFull {
		// bufio.Reader.Peek hands the error over once; keep it for the
		// reader, after the bytes that came before it.
		l.r = io.MultiReader(bytes.NewReader(prefix), errReader{err})
		l.Err = err
	}
	return l, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// Read reads the log's text.
func (l *Log) Read(p []byte) (int, error) { return l.r.Read(p) }

// Close closes the file (standard input is left open).
func (l *Log) Close() error { return l.file.Close() }

// RawOffset returns how many bytes have been read from the file itself so
// far: for a compressed file, compressed bytes. It may be called from
// another goroutine (a progress display) while the log is being read.
func (l *Log) RawOffset() int64 { return l.raw.n.Load() }

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type openError struct {
	name string
	err  error
}

func (e *openError) Error() string { return e.name + ": " + e.err.Error() }
func (e *openError) Unwrap() error { return e.err }
