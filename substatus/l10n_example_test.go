package substatus_test

import (
	"fmt"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/substatus"
)

func ExampleMeaning_ClientTextIn() {
	m, _ := substatus.ByID("403.14")
	for _, accept := range []string{"en-US", "de-CH,de;q=0.9", "ja-JP", "pt-BR"} {
		fmt.Println(m.ClientTextIn(iisstatus.MatchLanguage(accept)))
	}
	// Output:
	// Listing the contents of this directory is not allowed.
	// Der Inhalt dieses Verzeichnisses darf nicht aufgelistet werden.
	// このディレクトリの内容を一覧表示することは許可されていません。
	// Listing the contents of this directory is not allowed.
}

func ExampleMeaning_DescriptionIn() {
	m, _ := substatus.ByID("404.0")
	fmt.Println(m.DescriptionIn(iisstatus.MatchLanguage("es-MX")))
	// Output:
	// El archivo solicitado no existe o se ha movido.
}
