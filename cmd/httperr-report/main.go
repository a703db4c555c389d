// Httperr-report is the former name of iisreport, which grew from a report
// on HTTP.sys error logs into one on a server's access and error logs
// together. It runs the same program, with the same flags and output, so
// that scripts and installs of the old name keep working; see
// cmd/iisreport for its documentation.
//
// Usage:
//
//	httperr-report [flags] [file|directory|-]...
package main

import (
	"os"

	"github.com/iisstatus/iisstatus/internal/tool/iisreport"
)

func main() {
	os.Exit(iisreport.Run("httperr-report", os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
