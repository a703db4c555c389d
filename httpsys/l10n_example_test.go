package httpsys_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/iisstatus/iisstatus/httpsys"
)

func ExampleReason_ClientTextIn() {
	r := httpsys.ParseReason([]byte("QueueFull"))
	fmt.Println(r.ClientTextIn(language.English))
	fmt.Println(r.ClientTextIn(language.German))
	fmt.Println(r.ClientTextIn(language.MustParse("fr-CA")))
	fmt.Println(r.ClientTextIn(language.BrazilianPortuguese)) // unsupported: English
	// Output:
	// Application request queue full.
	// Anfragewarteschlange der Anwendung ist voll.
	// File d’attente des requêtes de l’application pleine.
	// Application request queue full.
}

func ExampleReason_CauseIn() {
	r := httpsys.ReasonConnLimit
	fmt.Println(r.CauseIn(language.English) == r.Info().Cause)
	// Output:
	// true
}
