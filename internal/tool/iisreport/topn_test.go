package iisreport

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCounter(t *testing.T) {
	tests := []struct {
		name        string
		limit       int
		keys        string // one key per byte
		top         int
		want        []entry[string]
		approximate bool
	}{
		{name: "exact under the limit", limit: 4, keys: "abacabad", top: 0,
			want: []entry[string]{{key: "a", count: 4}, {key: "b", count: 2}, {key: "c", count: 1}, {key: "d", count: 1}}},
		{name: "ties by key", limit: 4, keys: "dcba", top: 2,
			want: []entry[string]{{key: "a", count: 1}, {key: "b", count: 1}}},
		{name: "eviction keeps the heavy hitter", limit: 2, keys: "aaaaabcdefa", top: 1,
			want: []entry[string]{{key: "a", count: 6}}, approximate: true},
		{name: "newcomer inherits the minimum", limit: 1, keys: "aab", top: 1,
			want: []entry[string]{{key: "b", count: 3, err: 2}}, approximate: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newStringCounter(tc.limit, strings.Compare)
			for i := range len(tc.keys) {
				c.addBytes([]byte(tc.keys[i : i+1]))
			}
			got := c.top(tc.top)
			for i := range got {
				got[i].pos = 0 // heap position: an implementation detail
			}
			assert.Equal(t, tc.want, got)
			assertHeap(t, c.counter)
			assert.Equal(t, tc.approximate, c.evicted)
			assert.Equal(t, int64(len(tc.keys)), c.total)
			assert.LessOrEqual(t, len(c.idx), tc.limit, "bounded")
		})
	}
}

func TestCounterHeavyHitters(t *testing.T) {
	// Space-Saving guarantee: a key with more than total/limit occurrences
	// is in the table, and its count is never below the true count.
	c := newCounter(50, cmp.Compare[int])
	for i := range 100_000 {
		c.add(i % 1000) // 1000 keys with 100 each: noise
		if i%10 == 0 {
			c.add(-1) // 10 000 occurrences: the heavy hitter
		}
	}
	top := c.top(1)
	require.Len(t, top, 1)
	assert.Equal(t, -1, top[0].key)
	assert.GreaterOrEqual(t, top[0].count, int64(10_000))
	assert.LessOrEqual(t, top[0].count-top[0].err, int64(10_000))
	assert.Len(t, c.slots, 50)
	assert.Len(t, c.idx, 50)
	for s, e := range c.slots {
		assert.Equal(t, int32(s), c.idx[e.key], "index consistent for key "+strconv.Itoa(e.key))
	}
	assertHeap(t, c)
}

// assertHeap checks the heap invariants: positions agree and no child has
// a smaller count than its parent.
func assertHeap[K comparable](t *testing.T, c *counter[K]) {
	t.Helper()
	require.Len(t, c.heap, len(c.slots))
	for i, s := range c.heap {
		assert.Equal(t, int32(i), c.slots[s].pos)
		if i > 0 {
			assert.LessOrEqual(t, c.slots[c.heap[(i-1)/2]].count, c.slots[s].count)
		}
	}
}

func TestCounterNoAllocs(t *testing.T) {
	c := newStringCounter(10, strings.Compare)
	key := []byte("Timer_ConnectionIdle")
	c.addBytes(key)
	allocs := testing.AllocsPerRun(100, func() { c.addBytes(key) })
	assert.Zero(t, allocs, "counting a known key does not allocate")
}

func TestCounterMerge(t *testing.T) {
	t.Run("exact when nothing is evicted", func(t *testing.T) {
		a, b, all := newStringCounter(10, strings.Compare), newStringCounter(10, strings.Compare), newStringCounter(10, strings.Compare)
		for i, k := range strings.Split("a b a c d a b e", " ") {
			if i < 4 {
				a.addBytesValue([]byte(k), int64(i))
			} else {
				b.addBytesValue([]byte(k), int64(i))
			}
			all.addBytesValue([]byte(k), int64(i))
		}
		a.merge(b.counter)
		assert.Equal(t, clearPos(all.top(0)), clearPos(a.top(0)))
		assert.False(t, a.evicted)
		assertHeap(t, a.counter)
	})
	t.Run("guarantees kept when tables overflow", func(t *testing.T) {
		// Heavy hitters and noise split over several counters, merged in
		// order: every count stays at or above the true count, its
		// overcount bound holds, and the heavy keys survive.
		r := rand.New(rand.NewPCG(1, 2))
		truth := map[int]int64{}
		var parts []*counter[int]
		for range 5 {
			c := newCounter(40, cmp.Compare[int])
			for range 5000 {
				k := r.IntN(2000)
				if r.IntN(10) == 0 {
					k = -r.IntN(3) - 1 // three heavy keys
				}
				c.add(k)
				truth[k]++
			}
			parts = append(parts, c)
		}
		m := parts[0]
		for _, p := range parts[1:] {
			m.merge(p)
		}
		assert.Equal(t, int64(25000), m.total)
		assert.True(t, m.evicted)
		assert.Len(t, m.slots, 40)
		assertHeap(t, m)
		for _, e := range m.slots {
			assert.GreaterOrEqual(t, e.count, truth[e.key], "never below the true count: %d", e.key)
			assert.LessOrEqual(t, e.count-e.err, truth[e.key], "overcount bound: %d", e.key)
		}
		top := m.top(3)
		keys := []int{top[0].key, top[1].key, top[2].key}
		slices.Sort(keys)
		assert.Equal(t, []int{-3, -2, -1}, keys)
	})
}

func clearPos[K comparable](es []entry[K]) []entry[K] {
	for i := range es {
		es[i].pos = 0
	}
	return es
}

func TestHistogram(t *testing.T) {
	for _, sub := range []uint8{coarseSub, fineSub} {
		t.Run(strconv.Itoa(int(sub)), func(t *testing.T) {
			h := newHistogram(sub)
			for v := uint64(0); v < 1<<20; v = v*9/8 + 1 {
				i := h.index(v)
				lo := h.lower(i)
				assert.LessOrEqual(t, lo, v, "lower bound of %d", v)
				assert.Less(t, float64(v-lo), float64(lo)/float64(uint(1)<<sub)+1, "bucket width of %d", v)
				assert.Equal(t, i, h.index(lo), "the lower bound is in its bucket")
				if i > 0 {
					assert.Less(t, h.lower(i-1), lo, "buckets ascend")
				}
			}
			assert.Equal(t, 1<<(sub+1)+(64-int(sub)-2)<<sub+(1<<sub)-1, h.index(^uint64(0)), "the largest value has a bucket")
		})
	}
	t.Run("quantiles against the exact ones", func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		fine, coarse := newHistogram(fineSub), newHistogram(coarseSub)
		var vals []uint64
		for range 20000 {
			v := uint64(r.ExpFloat64() * 300)
			if r.IntN(50) == 0 {
				v *= 200
			}
			vals = append(vals, v)
			fine.add(v)
			coarse.add(v)
		}
		slices.Sort(vals)
		for _, q := range []float64{0.5, 0.9, 0.99, 1} {
			exact := vals[int(q*float64(len(vals))+0.999999999)-1]
			for _, h := range []*histogram{&fine, &coarse} {
				got := h.quantile(q)
				assert.LessOrEqual(t, got, exact, "never above, q=%v sub=%d", q, h.sub)
				assert.GreaterOrEqual(t, float64(got), float64(exact)*(1-1/float64(uint(1)<<h.sub))-1, "within the bound, q=%v sub=%d", q, h.sub)
			}
		}
		assert.Equal(t, vals[len(vals)-1], fine.max)
		// Merging halves gives the histogram of the whole.
		a, b := newHistogram(fineSub), newHistogram(fineSub)
		for i, v := range vals {
			if i%2 == 0 {
				a.add(v)
			} else {
				b.add(v)
			}
		}
		a.merge(&b)
		assert.Equal(t, fine.cnt, a.cnt)
		assert.Equal(t, fine.max, a.max)
		assert.Equal(t, fine.quantile(0.9), a.quantile(0.9))
		empty := newHistogram(fineSub)
		assert.Zero(t, empty.quantile(0.5), "empty")
	})
}

func TestBucketFor(t *testing.T) {
	tests := []struct {
		name   string
		span   int64 // seconds
		unit   int64
		bucket string
	}{
		{name: "an hour by minute", span: 71 * minute, unit: minute, bucket: "1m"},
		{name: "three hours", span: 3 * hour, unit: minute, bucket: "5m"},
		{name: "a working day", span: 9 * hour, unit: minute, bucket: "15m"},
		{name: "two days", span: 48 * hour, unit: minute, bucket: "1h"},
		{name: "hour slots never give minutes", span: 30 * minute, unit: hour, bucket: "1h"},
		{name: "a month", span: 30 * day, unit: hour, bucket: "1d"},
		{name: "years", span: 3000 * day, unit: hour, bucket: "1d"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name, _ := bucketFor(1_700_000_000, 1_700_000_000+tc.span, tc.unit)
			assert.Equal(t, tc.bucket, name)
		})
	}
}

func TestTimelineFallsBackToHours(t *testing.T) {
	a := newAgg(config{top: 10, maxErrors: 5})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxMinutes + 10 {
		s := a.slotAt(t0.Add(time.Duration(i) * time.Minute))
		require.NotNil(t, s)
		s.site("1").httperr++
	}
	assert.Equal(t, hour, a.unit)
	var n int64
	for _, s := range a.slots {
		n += s.sites["1"].httperr
	}
	assert.Equal(t, int64(maxMinutes+10), n, "nothing lost")
	tl := a.timeline()
	assert.Equal(t, "1d", tl.Bucket, "four days and more")
	b := newAgg(config{top: 10, maxErrors: 5})
	b.slotAt(t0).site("1").httperr++
	b.merge(a)
	assert.Equal(t, hour, b.unit, "a merge takes the coarser unit")
	var m int64
	for _, s := range b.slots {
		m += s.sites["1"].httperr
	}
	assert.Equal(t, n+1, m)
}
