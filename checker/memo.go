package checker

import "sync"

// memo is a map that fills itself on first use, read by the workers of a batch at once: the
// value of a key is made once and then shared (two workers that miss it together both make it,
// the same, and the later one is kept).
type memo[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

// get returns k's value, made by fill the first time.
func (c *memo[K, V]) get(k K, fill func() V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = fill()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}
