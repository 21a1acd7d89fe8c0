package store

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a random 128-bit id. Ids are never ObjectIds, which embed the time of
// creation: a response id must say nothing about when a pupil answered.
func NewID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS has no randomness left; nothing is safe
	}
	return hex.EncodeToString(b)
}
