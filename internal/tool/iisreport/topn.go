package iisreport

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
//
// Counters merge (see merge), so that every input can be counted on its
// own and the results combined in input order.
type counter[K comparable] struct {
	limit   int
	order   func(a, b K) int // ties between equal counts, for stable output
	idx     map[K]int32      // key → slot
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

	// sum and max accumulate a value per occurrence (time-taken) for
	// counters fed by addValue. An evicted key's values are lost, so
	// for a newcomer sum covers only the occurrences since it arrived.
	sum, max int64
}

func newCounter[K comparable](limit int, order func(a, b K) int) *counter[K] {
	return &counter[K]{limit: max(limit, 1), order: order, idx: make(map[K]int32)}
}

// add counts one occurrence of k. It does not allocate once k is in the
// table.
func (c *counter[K]) add(k K) { c.addValue(k, 0) }

// addValue counts one occurrence of k with value v.
func (c *counter[K]) addValue(k K, v int64) {
	c.total++
	s, ok := c.idx[k]
	if !ok {
		s = c.insert(k)
	} else {
		c.slots[s].count++
		c.down(int(c.slots[s].pos)) // a larger count can only move down a min-heap
	}
	e := &c.slots[s]
	e.sum += v
	e.max = max(e.max, v)
}

// insert adds a key that is not in the table with a count of 1, evicting
// the smallest entry when the table is full, and returns its slot.
func (c *counter[K]) insert(k K) int32 {
	if len(c.slots) < c.limit {
		s := int32(len(c.slots))
		c.slots = append(c.slots, entry[K]{key: k, count: 1, pos: int32(len(c.heap))})
		c.heap = append(c.heap, s)
		c.idx[k] = s
		c.up(len(c.heap) - 1)
		return s
	}
	c.evicted = true
	s := c.heap[0]
	low := c.slots[s].count
	delete(c.idx, c.slots[s].key)
	c.slots[s] = entry[K]{key: k, count: low + 1, err: low, pos: 0}
	c.idx[k] = s
	c.down(0)
	return s
}

// min returns the smallest count in the table, or 0 when it is empty.
func (c *counter[K]) min() int64 {
	if len(c.heap) == 0 {
		return 0
	}
	return c.slots[c.heap[0]].count
}

// merge adds o's counts to c, as if o's occurrences had been counted after
// c's (the mergeable Space-Saving summary of Agarwal et al., 2012). A key
// in both tables adds its counts and overcounts. A key missing from a table
// that evicted may have had up to that table's smallest count there, so
// that much is added to its count and overcount, which keeps every count at
// or above the true one. When the union is larger than the limit, the
// smallest counts are dropped (ties broken by order), and the result is
// marked approximate.
func (c *counter[K]) merge(o *counter[K]) {
	if o.total == 0 {
		return
	}
	cmin, omin := int64(0), int64(0)
	if c.evicted {
		cmin = c.min()
	}
	if o.evicted {
		omin = o.min()
	}
	all := make([]entry[K], 0, len(c.slots)+len(o.slots))
	for _, e := range c.slots {
		if s, ok := o.idx[e.key]; ok {
			oe := o.slots[s]
			e.count += oe.count
			e.err += oe.err
			e.sum += oe.sum
			e.max = max(e.max, oe.max)
		} else {
			e.count += omin
			e.err += omin
		}
		all = append(all, e)
	}
	for _, oe := range o.slots {
		if _, ok := c.idx[oe.key]; !ok {
			oe.count += cmin
			oe.err += cmin
			all = append(all, oe)
		}
	}
	c.total += o.total
	c.evicted = c.evicted || o.evicted
	if len(all) > c.limit {
		c.sortEntries(all)
		all = all[:c.limit]
		c.evicted = true
	}
	c.slots = all
	c.idx = make(map[K]int32, len(all))
	c.heap = c.heap[:0]
	for i := range c.slots {
		c.slots[i].pos = int32(i)
		c.idx[c.slots[i].key] = int32(i)
		c.heap = append(c.heap, int32(i))
	}
	for i := len(c.heap)/2 - 1; i >= 0; i-- {
		c.down(i)
	}
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

// sortEntries orders entries largest count first, ties by key order.
func (c *counter[K]) sortEntries(es []entry[K]) {
	slices.SortFunc(es, func(a, b entry[K]) int {
		if x := cmp.Compare(b.count, a.count); x != 0 {
			return x
		}
		return c.order(a.key, b.key)
	})
}

// top returns up to n entries, largest count first, ties broken by the
// counter's key order, so output is deterministic. n <= 0 means all.
func (c *counter[K]) top(n int) []entry[K] {
	out := slices.Clone(c.slots)
	c.sortEntries(out)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// stringCounter is a counter keyed by strings that accepts []byte keys
// without allocating for keys already in the table.
type stringCounter struct{ *counter[string] }

func newStringCounter(limit int, order func(a, b string) int) stringCounter {
	return stringCounter{newCounter(limit, order)}
}

// addBytes counts one occurrence of string(b); it copies b only when the
// key is new to the table.
func (c stringCounter) addBytes(b []byte) { c.addBytesValue(b, 0) }

// addBytesValue counts one occurrence of string(b) with value v.
func (c stringCounter) addBytesValue(b []byte, v int64) {
	if s, ok := c.idx[string(b)]; ok { // the compiler does not allocate for this lookup
		c.total++
		e := &c.slots[s]
		e.count++
		e.sum += v
		e.max = max(e.max, v)
		c.down(int(e.pos))
		return
	}
	c.addValue(string(b), v)
}
