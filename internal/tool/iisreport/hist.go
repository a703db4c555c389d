package iisreport

import "math/bits"

// A histogram counts non-negative integers (time-taken in milliseconds) in
// log-linear buckets, as HdrHistogram does: values below 2^(sub+1) have a
// bucket each, and every later power-of-two range [2^k, 2^(k+1)) is split
// into 2^sub equal buckets. A bucket's lower bound v therefore satisfies
// v <= x < v + v/2^sub for every x in it, so a quantile read as the lower
// bound of its bucket is never above the true value and less than 1/2^sub
// of it below. Histograms with the same sub merge by adding counts, which
// makes the merged result independent of how the input was split.
//
// The slice grows to the largest bucket used, so a histogram of small
// values is small.
type histogram struct {
	sub uint8
	n   []uint64
	cnt uint64
	sum uint64 // saturating
	max uint64
}

// Sub-bucket bits of the two resolutions the report uses.
const (
	// fineSub gives the whole-report and per-site percentiles: exact below
	// 256 ms, and within 1/128 (0.8 %) above.
	fineSub = 7
	// coarseSub gives the per-bucket percentiles of the timeline: exact
	// below 8 ms, within 1/4 above; 124 buckets at most.
	coarseSub = 2
)

func newHistogram(sub uint8) histogram { return histogram{sub: sub} }

// index returns the bucket of v.
func (h *histogram) index(v uint64) int {
	s := uint(h.sub)
	if v < 1<<(s+1) {
		return int(v)
	}
	e := uint(bits.Len64(v)) - (s + 1)
	return int((uint64(e)+1)<<s + v>>e - 1<<s)
}

// lower returns the smallest value of bucket i.
func (h *histogram) lower(i int) uint64 {
	s := uint(h.sub)
	if i < 1<<(s+1) {
		return uint64(i)
	}
	e := uint(i>>s) - 1
	m := uint64(i&(1<<s-1)) + 1<<s
	return m << e
}

func (h *histogram) add(v uint64) {
	i := h.index(v)
	if i >= len(h.n) {
		h.grow(i + 1)
	}
	h.n[i]++
	h.cnt++
	if s := h.sum + v; s >= h.sum {
		h.sum = s
	} else {
		h.sum = ^uint64(0)
	}
	h.max = max(h.max, v)
}

func (h *histogram) grow(n int) {
	if n <= cap(h.n) {
		h.n = h.n[:n]
		return
	}
	m := make([]uint64, n, max(n, 2*cap(h.n)))
	copy(m, h.n)
	h.n = m
}

// merge adds o's counts to h; both must have the same sub.
func (h *histogram) merge(o *histogram) {
	if o.cnt == 0 {
		return
	}
	if len(o.n) > len(h.n) {
		h.grow(len(o.n))
	}
	for i, c := range o.n {
		h.n[i] += c
	}
	h.cnt += o.cnt
	if s := h.sum + o.sum; s >= h.sum {
		h.sum = s
	} else {
		h.sum = ^uint64(0)
	}
	h.max = max(h.max, o.max)
}

// quantile returns the nearest-rank q-quantile (0 < q <= 1) as the lower
// bound of the bucket holding the ceil(q*count)-th smallest value: exact in
// the exact range, otherwise at most 1/2^sub below the true value. It is 0
// for an empty histogram.
func (h *histogram) quantile(q float64) uint64 {
	if h.cnt == 0 {
		return 0
	}
	rank := uint64(q*float64(h.cnt) + 0.999999999)
	rank = min(max(rank, 1), h.cnt)
	var seen uint64
	for i, c := range h.n {
		seen += c
		if seen >= rank {
			return h.lower(i)
		}
	}
	return h.max
}

// mean returns the average value, or 0.
func (h *histogram) mean() float64 {
	if h.cnt == 0 {
		return 0
	}
	return float64(h.sum) / float64(h.cnt)
}
