package errlog

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func benchIPs() [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var out [][]byte
	for range 4096 {
		a := netip.AddrFrom4([4]byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))})
		out = append(out, []byte(a.String()+" 50100 192.0.2.1 80 - - - - - Timer_ConnectionIdle -"))
	}
	return out
}

func BenchmarkIPv4At(b *testing.B) {
	ips := benchIPs()
	s := 0
	for b.Loop() {
		for _, l := range ips {
			ip, e, ok := ipv4At(l, 0)
			if ok {
				s += int(ip[3]) + e
			}
		}
	}
	_ = s
}
