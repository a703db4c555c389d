// Package iisreport is the iisreport program (cmd/iisreport, also run
// under its former name cmd/httperr-report): one report over a server's
// IIS access logs and HTTP.sys error logs, as text, JSON (SCHEMA.md) or a
// self-contained HTML page.
package iisreport

//go:generate go run gen_sample.go
