package iisstatus_test

import (
	"fmt"
	"net/http"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
)

func ExampleMatchLanguage() {
	for _, accept := range []string{"de-CH,de;q=0.9", "fr-CA", "ja-JP", "pt-BR", "garbage;;;", ""} {
		fmt.Printf("%q → %v\n", accept, iisstatus.MatchLanguage(accept))
	}
	// Output:
	// "de-CH,de;q=0.9" → de
	// "fr-CA" → fr
	// "ja-JP" → ja
	// "pt-BR" → en
	// "garbage;;;" → en
	// "" → en
}

// A request with two Accept-Language lines: they form one list, so the
// higher q-value on the second line wins.
func ExampleMatchLanguage_headerLines() {
	h := http.Header{}
	h.Add("Accept-Language", "fr;q=0.5")
	h.Add("Accept-Language", "de;q=0.9")
	fmt.Println(iisstatus.MatchLanguage(h.Values("Accept-Language")...))
	// Output:
	// de
}

func ExampleLanguages() {
	for tag := range iisstatus.Languages() {
		fmt.Println(tag, httpsys.ReasonConnLimit.ClientTextIn(tag))
	}
	// Output:
	// en Too many users.
	// de Zu viele Benutzer.
	// fr Trop d’utilisateurs.
	// es Demasiados usuarios.
	// ja ユーザーが多すぎます。
}
