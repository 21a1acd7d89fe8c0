package app

import (
	"context"
	"hash/fnv"
	"sync"
	"time"

	"github.com/heltnormal/heltnormal/internal/cache"
)

// counts remembers each session's number of answers for a moment. Counting means reading a
// class's answers in the embedded store, and every page view, write of answers and projector
// poll needs the number; with the cache a busy session is counted about once a second instead
// of hundreds of times, and callers who find the entry stale at the same moment share one
// count. Answers stored by this instance update the count at once (by the session's writer,
// answer_queue.go); answers stored by another instance show up when the entry is older than
// the caller allows.
//
// A session's lock is held while its answers are written and while it is counted, so a count
// never runs alongside this instance's write and the cache can't add an answer twice or miss
// one.
type counts struct {
	cache *cache.Cache[int]
	locks lockStripes
}

// How fresh a count must be: the capacity check tolerates a second (other instances' answers
// count within it), pages and the projector a little more.
const (
	capacityCountAge = time.Second
	displayCountAge  = time.Second
)

// count returns the session's count, from the cache when it is at most maxAge old.
func (l *classrooms) count(ctx context.Context, sessionID string, maxAge time.Duration) (int, error) {
	if n, ok := l.counts.cache.Get(sessionID, maxAge); ok {
		return n, nil
	}
	return l.counts.cache.Shared(ctx, sessionID, func(ctx context.Context) (int, error) {
		lock := l.counts.locks.of(sessionID)
		lock.Lock()
		defer lock.Unlock()
		return l.recount(ctx, sessionID)
	})
}

// recount counts a session's answers in the store and caches the number. The caller holds
// the session's lock.
func (l *classrooms) recount(ctx context.Context, sessionID string) (int, error) {
	n, err := l.store.CountResponses(ctx, sessionID)
	if err != nil {
		return 0, err
	}
	l.counts.cache.Put(sessionID, n)
	return n, nil
}

// counted records answers stored by this instance. The caller holds the session's lock.
func (l *classrooms) counted(sessionID string, added int) {
	l.counts.cache.Update(sessionID, func(n int) int { return n + added })
}

// lockStripes serialises work per session with a fixed set of mutexes: sessions that share
// a stripe wait for each other briefly, and memory stays constant however many sessions run.
type lockStripes [64]sync.Mutex

func (l *lockStripes) of(key string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &l[h.Sum32()%uint32(len(l))]
}

// LiveCount is a session's number of answers for pages and the projector: at most a second
// old, read once for everyone who asks within it.
func (l *classrooms) LiveCount(ctx context.Context, sessionID string) (int, error) {
	return l.count(ctx, sessionID, displayCountAge)
}
