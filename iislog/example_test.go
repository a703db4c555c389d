package iislog_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/iislog"
	"github.com/iisstatus/iisstatus/substatus"
)

const exampleLog = "#Software: Microsoft Internet Information Services 10.0\r\n" +
	"#Version: 1.0\r\n" +
	"#Date: 2026-03-02 08:00:00\r\n" +
	"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n" +
	"2026-03-02 08:00:01 192.0.2.1 GET /orders id=7 443 - 198.51.100.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 401 2 5 3\r\n" +
	"2026-03-02 08:00:02 192.0.2.1 GET /web.config - 443 - 2001:db8::7 curl/8.5.0 - 500 19 13 15\r\n" +
	"2026-03-02 08:00:03 192.0.2.1 GET / - 443 - 198.51.100.300 curl/8.5.0 - 200 0 0 1\r\n"

func ExampleReader() {
	r := iislog.NewReader(strings.NewReader(exampleLog))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *iislog.ParseError
			if !errors.As(err, &pe) {
				log.Fatal(err) // I/O error
			}
			fmt.Println("warning:", pe) // the line is doubtful; reading goes on
		}
		if rec == nil {
			continue
		}
		fmt.Println(rec.Time.Format("15:04:05"), rec.ClientIP, string(rec.URIStem), rec.Substatus(), rec.Win32(), rec.TimeTaken)
	}
	st := r.Stats()
	fmt.Printf("%d lines: %d records, %d directives\n", st.Lines, st.Records, st.Directives)
	// Output:
	// 08:00:01 198.51.100.7 /orders 401.2 5 ERROR_ACCESS_DENIED 3ms
	// 08:00:02 2001:db8::7 /web.config 500.19 13 ERROR_INVALID_DATA 15ms
	// warning: iislog: line 7, column 45 (c-ip): invalid value
	// 08:00:03 invalid IP / 200.0 0 ERROR_SUCCESS 1ms
	// 7 lines: 3 records, 4 directives
}

func ExampleReader_All() {
	r := iislog.NewReader(strings.NewReader(exampleLog))
	count := map[substatus.Code]int{}
	for rec, err := range r.All() {
		if rec == nil {
			log.Fatal(err)
		}
		if rec.Valid.Has(iislog.FieldSubstatus) {
			count[rec.Substatus()]++
		}
	}
	fmt.Println(count)
	// Output:
	// map[200.0:1 401.2:1 500.19:1]
}

// Triple gives the three numbers IIS logs for a failure in the form that
// iisstatus.Explain reads.
func ExampleRecord_Triple() {
	r := iislog.NewReader(strings.NewReader(exampleLog))
	rec, err := r.Read()
	if err != nil {
		log.Fatal(err)
	}
	e, err := iisstatus.Explain(rec.Triple())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Triple())
	fmt.Println(e.Substatus.Meanings[0].Label)
	fmt.Println(e.Win32.Symbol)
	// Output:
	// 401 2 5
	// Logon failed due to server configuration
	// ERROR_ACCESS_DENIED
}

// Behind a load balancer, the client's address is in an X-Forwarded-For
// custom field; c-ip is the balancer's.
func ExampleRecord_ForwardedFor() {
	const in = "#Fields: date time c-ip cs-uri-stem sc-status X-Forwarded-For\n" +
		"2026-03-02 08:00:01 10.0.0.5 /a 200 203.0.113.7:50432,+198.51.100.2\n" +
		"2026-03-02 08:00:02 10.0.0.5 /b 200 -\n" +
		"2026-03-02 08:00:03 10.0.0.5 /c 200 unknown\n"
	for rec, err := range iislog.NewReader(strings.NewReader(in)).All() {
		if err != nil {
			log.Fatal(err)
		}
		first, err := rec.ForwardedFor(iislog.FirstHop)
		if err != nil {
			fmt.Println(string(rec.URIStem), err)
			continue
		}
		last, _ := rec.ForwardedFor(iislog.LastHop)
		fmt.Println(string(rec.URIStem), rec.ClientIP, first, last)
	}
	// Output:
	// /a 10.0.0.5 203.0.113.7 198.51.100.2
	// /b 10.0.0.5 invalid IP invalid IP
	// /c iislog: line 4, column 37 (X-Forwarded-For): invalid value
}

// The FTP service writes W3C logs too: its sc-status is an FTP reply, in
// Reply, never an HTTP Status.
func ExampleRecord_Service() {
	const in = "#Software: Microsoft Internet Information Services 10.0\r\n" +
		"#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath\r\n" +
		"2023-12-29 06:27:24 198.51.100.53 HOST1\\demo 192.0.2.52 21 PASS *** 530 1326 42 2cf9cd35-e364-4b1a-ab27-fe9050daa5ea -\r\n"
	rec, err := iislog.NewReader(strings.NewReader(in)).Read()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Service, string(rec.Method), rec.Reply, rec.Win32(), rec.Valid.Has(iislog.FieldStatus))
	// Output:
	// FTP PASS 530 1326 ERROR_LOGON_FAILURE false
}

func ExampleAppendDecoded() {
	ua := []byte("Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)")
	buf := make([]byte, 0, 128)
	fmt.Printf("%s\n", iislog.AppendDecoded(buf, ua))
	// Output:
	// Mozilla/5.0 (Windows NT 10.0; Win64; x64)
}

// A tailer saves the offset and the layout, and resumes later in mid-file.
func ExampleReader_SetLayout() {
	r := iislog.NewReader(strings.NewReader(exampleLog))
	if _, err := r.Read(); err != nil {
		log.Fatal(err)
	}
	offset, layout := r.InputOffset(), r.Layout() // save both

	r2 := iislog.NewReader(strings.NewReader(exampleLog[offset:]))
	r2.SetLayout(layout)
	rec, err := r2.Read()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(rec.URIStem), rec.Triple(), rec.Inferred)
	// Output:
	// /web.config 500 19 13 false
}
