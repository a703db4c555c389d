package substatus_test

import (
	"fmt"

	"github.com/iisstatus/iisstatus/substatus"
)

func ExampleParse() {
	c, err := substatus.Parse("403.14")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Status, c.Sub, c)
	fmt.Println(substatus.MustParse("403.1") == substatus.MustParse("403.10"))

	_, err = substatus.Parse("403")
	fmt.Println(err)
	// Output:
	// 403 Forbidden 14 403.14
	// false
	// substatus: parse "403": missing "." and substatus (write "403.0" for substatus 0)
}

func ExampleNew() {
	// The sc-status and sc-substatus fields of an IIS W3C log line.
	c := substatus.New(500, 19)
	for _, v := range []substatus.Version{substatus.IIS6, substatus.IIS10} {
		m, _ := c.Meaning(v)
		fmt.Printf("%v on %v: %s\n", c, v, m.Label())
	}
	// Output:
	// 500.19 on IIS 6.0: Data for this file is configured improperly in the metabase
	// 500.19 on IIS 10.0: Configuration data is invalid.
}

func ExampleCode_Describe() {
	c := substatus.MustParse("403.14")
	label, ok := c.Describe(substatus.IIS10)
	fmt.Println(label, ok)
	_, ok = substatus.MustParse("403.21").Describe(substatus.IIS6)
	fmt.Println(ok)
	// Output:
	// Directory listing denied true
	// false
}

func ExampleCode_Lookup() {
	v, _ := substatus.ParseVersion("10")  // as from a -iis flag
	m, _ := substatus.ParseModule("ancm") // as from a -module flag
	meaning, ok := substatus.MustParse("502.5").Lookup(v, m)
	if !ok {
		return
	}
	fmt.Println(meaning.ID(), meaning.Label())
	fmt.Println("client:", meaning.ClientText())
	// Output:
	// 502.5/ancm Process Failure
	// client: The server, acting as a gateway, could not get a valid response from an upstream server.
}

func ExampleCode_Meanings() {
	for m := range substatus.MustParse("502.5").Meanings() {
		fmt.Printf("%-10s %-24s %s (%s)\n", m.ID(), m.Label(), m.Scope(), m.Scope().Note)
	}
	// Output:
	// 502.5/arr  WebSocket failure (ARR)  ARR 3.0.1916 on IIS 7.0+ (ARR 3.0.1916+)
	// 502.5/ancm Process Failure          ANCM on IIS 7.5+ (ANCM (v1 and v2, out-of-process hosting))
}

func ExampleMeaning_ReplacedBy() {
	old, _ := substatus.MustParse("404.13").Meaning(substatus.IIS10)
	if next, ok := old.ReplacedBy(); ok {
		m, _ := next.Meaning(substatus.IIS10)
		fmt.Printf("%v %s -> %v %s\n", old.Code(), old.Label(), next, m.Label())
	}
	// Output:
	// 404.13 Content length too large. -> 413.1 Content Length Too Large
}

func ExampleMeanings() {
	n, arr := 0, 0
	for m := range substatus.Meanings() {
		n++
		if m.Scope().Module == substatus.ModuleARR {
			arr++
		}
	}
	fmt.Println(n, "meanings,", arr, "from ARR")
	// Output:
	// 144 meanings, 14 from ARR
}
