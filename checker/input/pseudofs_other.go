//go:build !linux

package input

func pseudoFS(string) bool { return false }
