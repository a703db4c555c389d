package status_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/iisstatus/iisstatus/status"
)

func ExampleCode_String() {
	fmt.Println(status.NotFound)
	fmt.Println(status.ContentTooLarge.Text())
	fmt.Println(status.Code(299)) // unknown codes print as digits
	fmt.Println(status.Teapot, "/", status.Teapot.Text() == "(Unused)")
	// Output:
	// 404 Not Found
	// Content Too Large
	// 299
	// 418 (Unused) / true
}

func ExampleParse() {
	for _, s := range []string{"503", "299", "-", "0404"} {
		c, err := status.Parse(s)
		switch {
		case errors.Is(err, status.ErrSyntax), errors.Is(err, status.ErrRange):
			fmt.Printf("%q: %v\n", s, err)
		default:
			fmt.Printf("%q: %v (known: %t, class: %v)\n", s, c, c.IsKnown(), c.Class())
		}
	}
	// Output:
	// "503": 503 Service Unavailable (known: true, class: Server Error)
	// "299": 299 (known: false, class: Successful)
	// "-": status: parse "-": invalid syntax: want three ASCII digits
	// "0404": status: parse "0404": out of range: want 100-999
}

// A status.Code converts to and from the ints of net/http.
func Example_netHTTP() {
	handler := func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(int(status.ServiceUnavailable))
	}
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest("GET", "/", nil))

	c := status.Code(rec.Code)
	info, _ := c.Info()
	fmt.Println(c, "| error:", c.IsError(), "| retry:", info.Retry, "| Retry-After:", info.RetryAfter)
	fmt.Println(status.Code(http.StatusNotFound) == status.NotFound)
	// Output:
	// 503 Service Unavailable | error: true | retry: later | Retry-After: true
	// true
}

func ExampleCode_Info() {
	info, ok := status.ContentTooLarge.Info()
	fmt.Println(ok, info.Spec, info.Registry)
	for p := range info.FormerPhrases() {
		fmt.Println("formerly:", p)
	}
	for w, src := range info.IISWordings() {
		fmt.Printf("IIS: %q (%s)\n", w, src)
	}
	fmt.Println("cacheable:", info.Cacheable, "retry:", info.Retry)
	// Output:
	// true RFC 9110, Section 15.5.14 registered
	// formerly: Payload Too Large
	// formerly: Request Entity Too Large
	// IIS: "Request Entity Is Too Large" (IIS 6.0 documentation (Windows Server 2003, IIS status codes))
	// IIS: "Request Entity Too Large" (IIS 10 detailed error page (HTTP Error 413.1))
	// cacheable: false retry: never
}

func ExampleCode_Meanings() {
	for m := range status.Code(451).Meanings() {
		fmt.Printf("%d %s [%v, unofficial: %t]\n", m.Code, m.Phrase, m.Registry, m.IsUnofficial())
	}
	// Output:
	// 451 Unavailable For Legal Reasons [registered, unofficial: false]
	// 451 Redirect [other-vendor, unofficial: true]
}

func ExampleAll() {
	for c := range status.All() {
		if info, _ := c.Info(); info.NoStore {
			fmt.Println(c)
		}
	}
	// Output:
	// 428 Precondition Required
	// 429 Too Many Requests
	// 431 Request Header Fields Too Large
	// 511 Network Authentication Required
}

func ExampleClass_Description() {
	fmt.Println(status.Found.Class())
	fmt.Println(status.Found.IsError())
	fmt.Println(status.Redirection.Description())
	// Output:
	// Redirection
	// false
	// 3xx codes are redirections: the server tells the client (usually a browser) to make a new request, typically to the URL in the Location header, or to reuse its cached copy (304). A redirection is not an error and does not mean that a problem occurred.
}

// Codes marshal as their digits, so they work as JSON map keys.
func ExampleCode_MarshalText() {
	hits := map[status.Code]int{status.NotFound: 12, status.OK: 340}
	b, _ := json.Marshal(hits)
	fmt.Println(string(b))

	var back map[status.Code]int
	_ = json.Unmarshal(b, &back)
	fmt.Println(back[status.NotFound])
	// Output:
	// {"200":340,"404":12}
	// 12
}
