package status_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/status"
)

func ExampleCode_DescriptionIn() {
	fmt.Println(status.NotFound.DescriptionIn(language.English))
	fmt.Println(status.NotFound.DescriptionIn(language.German))
	// Output:
	// The server has no current representation for the target URL, or does not want to reveal that one exists. It may be temporary or permanent.
	// Der Server hat keine aktuelle Darstellung für die angeforderte URL oder will nicht preisgeben, dass eine existiert. Das kann vorübergehend oder dauerhaft sein.
}

func ExampleClass_DescriptionIn() {
	c := status.ServiceUnavailable.Class()
	fmt.Println(c.DescriptionIn(language.Japanese))
	// Output:
	// 5xx コードは、サーバー、またはその背後のゲートウェイやアプリケーションが、正当かもしれない要求を処理できなかったことを示す。問題はサーバー側にある。IIS では多くの 503 が HTTP.sys から直接返され、その原因は HTTP.sys のエラー ログ (httperr*.log) にしか記録されない。
}

func ExampleInfo_DescriptionIn() {
	for info := range status.Code(451).Meanings() {
		fmt.Printf("%s: %t\n", info.Phrase, info.DescriptionIn(language.English) == info.Description)
	}
	// Output:
	// Unavailable For Legal Reasons: true
	// Redirect: true
}
