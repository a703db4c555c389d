package iisstatus_test

import (
	"fmt"

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
