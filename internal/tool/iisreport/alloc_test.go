package iisreport

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/errlog"
)

// TestFoldNoAllocs checks that folding a record whose keys the aggregate
// already holds does not allocate: the per-line cost of a large log is
// counting, not copying.
func TestFoldNoAllocs(t *testing.T) {
	log := "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n" +
		strings.Repeat("2026-01-02 03:04:05 192.0.2.1 5000 192.0.2.2 80 HTTP/1.1 GET /x 503 2 QueueFull ShopPool\r\n", 10)
	r := errlog.NewReader(strings.NewReader(log))
	rec, err := r.Read()
	require.NoError(t, err)
	a := newAgg(config{top: 10, maxErrors: 5})
	for range 5 {
		a.httperr(rec, "httperr1.log") // fill the tables and the evidence
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { a.httperr(rec, "httperr1.log") }), "HTTPERR record")

	ar := req(1, 2, "198.51.100.7", "/product/1", 500, 0, 0, 30)
	for range 5 {
		a.access(ar, "u_ex260309.log")
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { a.access(ar, "u_ex260309.log") }), "access record")

	for _, w := range []uint32{1326, 2148074254} { // a failed logon; a challenge, which the rule skips
		ar := req(1, 2, "198.51.100.7", "/login", 401, 1, w, 3)
		for range 5 {
			a.access(ar, "u_ex260309.log")
		}
		assert.Zero(t, testing.AllocsPerRun(100, func() { a.access(ar, "u_ex260309.log") }), "401 1 %d", w)
	}
}
