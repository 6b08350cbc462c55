//go:build !unix

package fix

import "os"

type owner struct{ links uint64 }

func ownerOf(os.FileInfo) owner { return owner{links: 1} }

func keepOwner(*os.File, owner) error { return nil }

func writable(_ string, info os.FileInfo, _ owner) bool { return info.Mode().Perm()&0o200 != 0 }
