package iislog_test

import (
	"bytes"
	"errors"
	"io"

	"github.com/iisstatus/iisstatus/iislog"
)

func init() {
	compareImpls = append(compareImpls[:1], append([]compareImpl{{"iislog", iislogRead}}, compareImpls[1:]...)...)
}

// iislogRead reads every record with iislog.Reader and touches its typed
// fields.
func iislogRead(in []byte) (tally, error) {
	var t tally
	r := iislog.NewReader(bytes.NewReader(in))
	var pe *iislog.ParseError // outside the loop: &pe escapes
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.As(err, &pe) {
				return t, err
			}
			t.errors++
		}
		if rec == nil {
			continue
		}
		t.count(int(rec.Status))
		t.sink += iislogSink(rec)
	}
	t.lines = r.Stats().Lines
	return t, nil
}

// iislogSink is a value depending on every typed field of rec.
func iislogSink(rec *iislog.Record) int {
	return int(rec.Time.Unix()&0xff) + rec.ClientIP.BitLen() + rec.ServerIP.BitLen() + int(rec.ServerPort) +
		int(rec.Substatus().Sub) + int(rec.Win32()&0xff) + int(rec.BytesSent&0xff) + int(rec.BytesReceived&0xff) +
		int(rec.TimeTaken.Milliseconds()&0xff) + len(rec.URIStem) + len(rec.UserAgent) + len(rec.URIQuery) +
		len(rec.Method) + len(rec.Referer) + len(rec.Username) + len(rec.Cookie) + len(rec.Host) + len(rec.Version) +
		len(rec.SiteName) + len(rec.ComputerName)
}
