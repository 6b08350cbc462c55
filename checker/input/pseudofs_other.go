//go:build unix && !linux

package input

func pseudoFS(int) bool { return false }

func pseudoPath(string) bool { return false }
