package iisreport

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus/status"
)

// req builds an access record: site 2, at minute m plus s seconds.
func req(m, s int, client, uri string, status, sub int, win32 uint32, ms int64) *accessRec {
	t := time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC).Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
	return &accessRec{
		time: t, hasTime: true, site: []byte("2"), uri: []byte(uri), client: []byte(client),
		agent: []byte("Mozilla/5.0+(Windows)"), referer: []byte("-"),
		triple: triple{status: codeOf(status), sub: uint16(sub), win32: win32}, hasStatus: true,
		timeTaken: ms, hasTimeTaken: true, sent: 1000, hasSent: true, received: 300, hasRecv: true,
		line: m*100 + s + 5, raw: []byte(fmt.Sprintf("%s %s %d %d %d %d", t.Format(time.DateTime), uri, status, sub, win32, ms)),
	}
}

// TestAccessAggregate feeds the access half of the aggregate with records
// made by hand, split over two inputs, and checks what the rules and the
// tables make of them.
func TestAccessAggregate(t *testing.T) {
	cfg := config{top: 10, maxErrors: 5}
	var recs []*accessRec
	for m := range 60 {
		for s := 0; s < 60; s += 10 {
			recs = append(recs, req(m, s, "198.51.100.7", "/product/1", 200, 0, 0, int64(20+m%7)))
		}
	}
	for i := range 30 { // a burst of failed logons from one client
		recs = append(recs, req(20+i/10, i%10*5, "203.0.113.45", "/api/token", 401, 1, 1326, 3))
	}
	for i := range 12 { // a configuration error
		recs = append(recs, req(45+i/6, i%6*9, "198.51.100.8", "/cart", 500, 19, 13, 1))
	}
	recs = append(recs, req(50, 1, "198.51.100.9", "/checkout", 200, 0, 64, 95000))

	whole := newAgg(cfg)
	first, second := newAgg(cfg), newAgg(cfg)
	for i, r := range recs {
		whole.access(r, "u_ex260309.log")
		if i < len(recs)/2 {
			first.access(r, "u_ex260309.log")
		} else {
			second.access(r, "u_ex260309.log")
		}
	}
	whole.ac.restarts = append(whole.ac.restarts, restart{time: recs[0].time.Add(44 * time.Minute), site: "2", fields: true, evidence: Evidence{File: "u_ex260309.log", Line: 4400}})
	second.ac.restarts = whole.ac.restarts
	for _, a := range []*agg{whole, first} {
		a.inputs = []InputStats{{Name: "u_ex260309.log", Kind: "access", Read: true}}
	}
	first.merge(second)
	tx, err := newTexts("en")
	require.NoError(t, err)
	r, merged := whole.report(tx), first.report(tx)
	a, b := mustJSON(t, r), mustJSON(t, merged)
	assert.Equal(t, a, b, "two inputs merged give the report of one")

	assert.Equal(t, int64(len(recs)), r.Access.Records)
	assert.Equal(t, "1m", r.Timeline.Bucket)
	require.NotEmpty(t, r.Access.Triples)
	assert.Equal(t, "401 1 1326", r.Access.Triples[0].Triple)
	assert.Equal(t, "Logon failed", r.Access.Triples[0].Label)
	assert.Equal(t, "ERROR_LOGON_FAILURE", r.Access.Triples[0].Win32Symbol)
	assert.NotEmpty(t, r.Access.Triples[0].Check)
	assert.Equal(t, []KeyCount{{Key: "/api/token", Count: 30}}, r.Access.Triples[0].TopURIs)
	require.NotNil(t, r.Access.TimeTaken)
	assert.Equal(t, int64(95000), r.Access.TimeTaken.Max)
	assert.Equal(t, "/product/1", r.Access.SlowestURIs[0].URI)
	for _, u := range r.Access.SlowestURIs {
		assert.NotEqual(t, "/checkout", u.URI, "fewer than three requests")
	}
	assert.Contains(t, r.Access.SlowestLines[0].Text, "95000")
	assert.Equal(t, int64(len(recs))*1000, r.Access.BytesSent)

	rules := map[string]Finding{}
	for _, f := range r.Findings {
		rules[f.Rule] = f
	}
	burst, ok := rules[ruleLogonBurst]
	require.True(t, ok, "logon burst found")
	assert.Equal(t, "203.0.113.45", burst.Where)
	assert.Equal(t, int64(30), burst.Count)
	assert.Contains(t, burst.Text, "as many as 30 in the 5 minutes")
	assert.Len(t, burst.Evidence, maxEvidence)
	cfgErr, ok := rules[ruleConfigError]
	require.True(t, ok, "500.19 found")
	assert.Contains(t, cfgErr.Title, "after a deploy")
	assert.Contains(t, cfgErr.Text, "started a new header block at 08:44 with other fields")
	assert.Equal(t, 4400, cfgErr.Evidence[0].Line, "the header block first")
	srv, ok := rules[ruleServerError]
	assert.False(t, ok, "500.19 has its own rule: %+v", srv)
}

func mustJSON(t *testing.T, r *Report) string {
	t.Helper()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	return string(b)
}

func codeOf(n int) status.Code { return status.Code(n) }

// TestLogonBurstChallenges: a client that authenticates with Negotiate or
// NTLM gets "401 1 2148074254" (SEC_E_NO_CREDENTIALS, the challenge) before
// each request that then succeeds; many of them are no burst of failed
// logons. A client that guesses passwords ("401 1 1326") is one, and
// challenges mixed into its lines do not add to its count.
func TestLogonBurstChallenges(t *testing.T) {
	var log strings.Builder
	log.WriteString(iis10Header + accessFields)
	line := func(m, s int, client string, status, sub int, w uint32) {
		fmt.Fprintf(&log, "2026-03-09 08:%02d:%02d 10.0.0.10 GET /intranet - 443 - %s Mozilla/5.0+(Windows) - %d %d %d 2\r\n", m, s, client, status, sub, w)
	}
	for i := range 60 { // the normal handshake, many times in five minutes
		line(i/12, i%12*5, "192.0.2.10", 401, 1, 2148074254)
		line(i/12, i%12*5+1, "192.0.2.10", 200, 0, 0)
	}
	for i := range 20 { // password guessing, with challenges between
		line(10+i/5, i%5*10, "203.0.113.66", 401, 1, 2148074254)
		line(10+i/5, i%5*10+1, "203.0.113.66", 401, 1, 1326)
	}
	_, r, errOut := decode(t, log.String(), "-")
	require.Empty(t, errOut)
	var bursts []Finding
	for _, f := range r.Findings {
		if f.Rule == ruleLogonBurst {
			bursts = append(bursts, f)
		}
	}
	require.Len(t, bursts, 1, "only the password guessing is a burst: %+v", bursts)
	assert.Equal(t, "203.0.113.66", bursts[0].Where)
	assert.Equal(t, int64(20), bursts[0].Count, "the challenges are not counted")
	assert.Contains(t, bursts[0].Text, "failed to log on 20 times")
	for _, e := range bursts[0].Evidence {
		assert.Contains(t, e.Text, "401 1 1326", "the evidence is the failed logons")
	}
	assert.True(t, isChallenge(triple{status: 401, sub: 1, win32: 2148074254}))
	assert.False(t, isChallenge(triple{status: 401, sub: 1, win32: 1326}))
	assert.False(t, isChallenge(triple{status: 401, sub: 1, win32: 9999}), "no pair: counted")
}
