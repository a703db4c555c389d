package main

import (
	"strconv"
	"strings"
	"testing"

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
			c := newStringCounter(tc.limit)
			for i := range len(tc.keys) {
				c.addBytes([]byte(tc.keys[i : i+1]))
			}
			got := c.top(tc.top, strings.Compare)
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
	c := newCounter[int](50)
	for i := range 100_000 {
		c.add(i % 1000) // 1000 keys with 100 each: noise
		if i%10 == 0 {
			c.add(-1) // 10 000 occurrences: the heavy hitter
		}
	}
	top := c.top(1, func(a, b int) int { return a - b })
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
	c := newStringCounter(10)
	key := []byte("Timer_ConnectionIdle")
	c.addBytes(key)
	allocs := testing.AllocsPerRun(100, func() { c.addBytes(key) })
	assert.Zero(t, allocs, "counting a known key does not allocate")
}

func TestHistogram(t *testing.T) {
	const day = 24
	tests := []struct {
		name    string
		hours   []int64 // unix hours with one record each
		bucket  string
		buckets int
		sparse  bool
	}{
		{name: "empty", bucket: "hour"},
		{name: "one hour", hours: []int64{1000}, bucket: "hour", buckets: 1},
		{name: "gaps filled", hours: []int64{1000, 1005}, bucket: "hour", buckets: 6},
		{name: "a week is hourly", hours: []int64{0, 7*day - 1}, bucket: "hour", buckets: 7 * day},
		{name: "beyond a week daily", hours: []int64{0, 7 * day}, bucket: "day", buckets: 8},
		{name: "a quarter dense", hours: []int64{0, 91 * day}, bucket: "day", buckets: 92},
		{name: "years sparse", hours: []int64{0, 5, 3000 * day}, bucket: "day", buckets: 2, sparse: true},
		{name: "before 1970", hours: []int64{-30, -1}, bucket: "hour", buckets: 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newAggregator(10, 5)
			for _, h := range tc.hours {
				a.hours[h]++
			}
			h := a.histogram()
			assert.Equal(t, tc.bucket, h.Bucket)
			assert.Len(t, h.Buckets, tc.buckets)
			assert.Equal(t, tc.sparse, h.Sparse)
			var n int64
			for _, b := range h.Buckets {
				n += b.Count
			}
			assert.Equal(t, int64(len(tc.hours)), n, "every record in a bucket")
		})
	}
}
