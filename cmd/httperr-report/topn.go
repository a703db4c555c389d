package main

import (
	"cmp"
	"slices"
)

// counter counts occurrences of keys in bounded memory with the
// Space-Saving algorithm (Metwally, Agrawal, El Abbadi, 2005): it tracks at
// most limit keys; when a new key arrives and the table is full, the key
// with the smallest count is replaced and the newcomer inherits that count
// as its possible overcount. Every key whose true count exceeds
// total/limit is guaranteed to be in the table, no count is below the true
// count, and while no key was ever evicted every count is exact. A 1 GB log
// with millions of distinct client addresses therefore costs a fixed
// amount of memory.
//
// Entries live in slots that never move; a binary min-heap of slot numbers
// orders them by count, and each slot knows its heap position, so a count
// change costs a few integer swaps and no map writes.
type counter[K comparable] struct {
	limit   int
	idx     map[K]int32 // key → slot
	slots   []entry[K]
	heap    []int32 // slot numbers, min-heap on count
	total   int64
	evicted bool
}

type entry[K comparable] struct {
	key   K
	count int64
	err   int64 // possible overcount inherited on insertion
	pos   int32 // position in heap
}

func newCounter[K comparable](limit int) *counter[K] {
	return &counter[K]{limit: max(limit, 1), idx: make(map[K]int32)}
}

// add counts one occurrence of k. It does not allocate once k is in the
// table.
func (c *counter[K]) add(k K) {
	c.total++
	if s, ok := c.idx[k]; ok {
		c.bump(s)
		return
	}
	c.insert(k)
}

// bump increments slot s; a larger count can only move down a min-heap.
func (c *counter[K]) bump(s int32) {
	c.slots[s].count++
	c.down(int(c.slots[s].pos))
}

// insert adds a key that is not in the table, evicting the smallest entry
// when the table is full.
func (c *counter[K]) insert(k K) {
	if len(c.slots) < c.limit {
		s := int32(len(c.slots))
		c.slots = append(c.slots, entry[K]{key: k, count: 1, pos: int32(len(c.heap))})
		c.heap = append(c.heap, s)
		c.idx[k] = s
		c.up(len(c.heap) - 1)
		return
	}
	c.evicted = true
	s := c.heap[0]
	low := c.slots[s].count
	delete(c.idx, c.slots[s].key)
	c.slots[s] = entry[K]{key: k, count: low + 1, err: low, pos: 0}
	c.idx[k] = s
	c.down(0)
}

func (c *counter[K]) less(i, j int) bool {
	return c.slots[c.heap[i]].count < c.slots[c.heap[j]].count
}

func (c *counter[K]) swap(i, j int) {
	c.heap[i], c.heap[j] = c.heap[j], c.heap[i]
	c.slots[c.heap[i]].pos = int32(i)
	c.slots[c.heap[j]].pos = int32(j)
}

func (c *counter[K]) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !c.less(i, p) {
			return
		}
		c.swap(i, p)
		i = p
	}
}

func (c *counter[K]) down(i int) {
	n := len(c.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && c.less(r, l) {
			m = r
		}
		if !c.less(m, i) {
			return
		}
		c.swap(i, m)
		i = m
	}
}

// top returns up to n entries, largest count first, ties broken by the
// order of keys given by less, so output is deterministic. n <= 0 means all.
func (c *counter[K]) top(n int, less func(a, b K) int) []entry[K] {
	out := slices.Clone(c.slots)
	slices.SortFunc(out, func(a, b entry[K]) int {
		if x := cmp.Compare(b.count, a.count); x != 0 {
			return x
		}
		return less(a.key, b.key)
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// stringCounter is a counter keyed by strings that accepts []byte keys
// without allocating for keys already in the table.
type stringCounter struct{ *counter[string] }

func newStringCounter(limit int) stringCounter {
	return stringCounter{newCounter[string](limit)}
}

// addBytes counts one occurrence of string(b); it copies b only when the
// key is new to the table.
func (c stringCounter) addBytes(b []byte) {
	c.total++
	if s, ok := c.idx[string(b)]; ok { // the compiler does not allocate for this lookup
		c.bump(s)
		return
	}
	c.insert(string(b))
}
