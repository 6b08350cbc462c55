//go:build unix && !linux

package input

func pseudoFS(int, uint64) bool { return false }

func pseudoPath(string) bool { return false }
