package errlog_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/iisstatus/iisstatus/errlog"
	"github.com/iisstatus/iisstatus/httpsys"
)

const exampleLog = "#Software: Microsoft HTTP API 2.0\r\n" +
	"#Version: 1.0\r\n" +
	"#Date: 2026-01-05 09:00:00\r\n" +
	"#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
	"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET /orders?id=7 503 3 QueueFull OrdersPool\r\n" +
	"2026-01-05 09:00:02 ::1%0 50101 ::1%0 80 - - - - - Timer_ConnectionIdle -\r\n" +
	"2026-01-05 09:00:03 293.217.138.127 50102 192.0.2.1 80 HTTP/1.1 GET / 400 - Hostname -\r\n"

func ExampleReader() {
	r := errlog.NewReader(strings.NewReader(exampleLog))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *errlog.ParseError
			if !errors.As(err, &pe) {
				log.Fatal(err) // I/O error
			}
			fmt.Println("warning:", pe) // the line is doubtful; reading goes on
		}
		if rec == nil {
			continue
		}
		status := "-"
		if rec.Valid.Has(errlog.FieldStatus) {
			status = fmt.Sprint(int(rec.Status))
		}
		fmt.Println(rec.Time.Format("15:04:05"), rec.ClientIP, rec.ClientPort, status, rec.Reason)
	}
	st := r.Stats()
	fmt.Printf("%d lines: %d records, %d directives\n", st.Lines, st.Records, st.Directives)
	// Output:
	// 09:00:01 192.0.2.10 50100 503 QueueFull
	// 09:00:02 ::1%0 50101 - Timer_ConnectionIdle
	// warning: errlog: line 7, column 21 (c-ip): invalid value
	// 09:00:03 invalid IP 50102 400 Hostname
	// 7 lines: 3 records, 4 directives
}

func ExampleReader_All() {
	r := errlog.NewReader(strings.NewReader(exampleLog))
	byReason := map[string]int{}
	var kept []*errlog.Record
	for rec, err := range r.All() {
		if err != nil {
			fmt.Println("warning:", err) // with rec: doubtful; without: unusable (or an I/O error, the last one)
		}
		if rec == nil {
			continue
		}
		byReason[string(rec.RawReason())]++
		if rec.Reason == httpsys.ReasonQueueFull {
			kept = append(kept, rec.Clone()) // rec itself is reused by the next iteration
		}
	}
	fmt.Println(byReason)
	fmt.Printf("%s %s on line %d\n", kept[0].Method, kept[0].URI, kept[0].Line)
	// Output:
	// warning: errlog: line 7, column 21 (c-ip): invalid value
	// map[Hostname:1 QueueFull:1 Timer_ConnectionIdle:1]
	// GET /orders?id=7 on line 5
}

// A #Fields directive in mid-file changes the layout; columns without a
// typed field, such as "transport", are read by name.
func ExampleReader_layoutChange() {
	const in = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n" +
		"2026-01-05 09:00:01 192.0.2.10 50100 192.0.2.1 80 HTTP/1.1 GET / 503 3 QueueFull OrdersPool\n" +
		"#Software: Microsoft HTTP API 2.0\n" +
		"#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport\n" +
		"2026-01-05 11:00:05 2001:db8::30 50300 2001:db8::1 443 HTTP/3 GET /status 9 - 503 4 AppOffline StatusPool QUIC\n"
	r := errlog.NewReader(strings.NewReader(in))
	for rec, err := range r.All() {
		if err != nil {
			log.Fatal(err)
		}
		transport, ok := rec.Field("transport")
		if !ok {
			transport = []byte("(no such column)")
		}
		fmt.Printf("line %d: %d columns, queue %s, transport %s\n", rec.Line, rec.NumField(), rec.QueueName, transport)
	}
	// Output:
	// line 2: 13 columns, queue OrdersPool, transport (no such column)
	// line 5: 16 columns, queue StatusPool, transport QUIC
}

// Field gives the raw bytes of any column, "-" included, while Valid tells
// which typed fields hold a value.
func ExampleRecord_Field() {
	const in = "2026-01-05 09:00:02 192.0.2.11 0 192.0.2.1 80 - - - - - Timer_ConnectionIdle -\n"
	rec, err := errlog.NewReader(strings.NewReader(in)).Read()
	if err != nil {
		log.Fatal(err)
	}
	status, _ := rec.Field("sc-status")
	fmt.Printf("sc-status %q, set: %v\n", status, rec.Valid.Has(errlog.FieldStatus))
	port, _ := rec.Field("c-port")
	fmt.Printf("c-port %q, set: %v, value %d\n", port, rec.Valid.Has(errlog.FieldClientPort), rec.ClientPort)
	// Output:
	// sc-status "-", set: false
	// c-port "0", set: true, value 0
}
