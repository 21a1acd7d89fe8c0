package store

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/bson"

	"github.com/heltnormal/heltnormal/internal/model"
)

// The embedded store belongs to one process: nothing but this server writes its sessions
// (the commands that change data refuse to run beside it). So the server keeps every session
// in memory, loaded at start and updated by its own writes, and reads sessions — by id, by
// join code, in lists — from memory. FerretDB v1 pushes no filter but _id down to SQLite, so
// a list by school or municipality otherwise decodes every session of every year (245–578 ms
// at 2,000 sessions). A year's 2,000 sessions take about 4 MB.
//
// Each write to a session holds that session's lock from the write until the mirror has the
// result, so two writes to one session can't leave the older state in memory. When the store
// wrote but the result could not be read back, the session is marked stale and read from the
// store at its next use. With MongoDB there is no mirror: MongoDB uses its indexes, and
// several app instances share the data.
type sessionMirror struct {
	mu     sync.RWMutex
	byID   map[string]*model.Session // values are never changed in place
	byCode map[string]string         // join code → session id
	stale  map[string]bool           // written, but not read back
	locks  [64]sync.Mutex            // per session, striped
}

// loadMirror reads every session of the embedded store into memory.
func (s *Store) loadMirror(ctx context.Context) error {
	if !s.ownsData() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute) // years of sessions, once
	defer cancel()
	cur, err := s.sessions().Find(ctx, bson.M{})
	if err != nil {
		return fmt.Errorf("load sessions: %w", err)
	}
	defer cur.Close(ctx)
	var all []model.Session
	if err := cur.All(ctx, &all); err != nil {
		return fmt.Errorf("load sessions: %w", err)
	}
	m := &sessionMirror{byID: make(map[string]*model.Session, len(all)), byCode: make(map[string]string, len(all)), stale: map[string]bool{}}
	for i := range all {
		m.byID[all[i].ID], m.byCode[all[i].Code] = &all[i], all[i].ID
	}
	s.mirror = m
	return nil
}

func (m *sessionMirror) lock(id string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(id))
	return &m.locks[h.Sum32()%uint32(len(m.locks))]
}

// put stores a copy of sess as the session's state.
func (m *sessionMirror) put(sess *model.Session) {
	c := cloneSession(sess)
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.byID[c.ID]; ok && old.Code != c.Code {
		delete(m.byCode, old.Code)
	}
	m.byID[c.ID], m.byCode[c.Code] = c, c.ID
	delete(m.stale, c.ID)
}

func (m *sessionMirror) remove(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.byID[id]; ok {
		delete(m.byCode, old.Code)
	}
	delete(m.byID, id)
	delete(m.stale, id)
}

func (m *sessionMirror) markStale(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stale[id] = true
}

// get returns a copy of the session, whether it is known, and whether it must be read again.
func (m *sessionMirror) get(id string) (sess *model.Session, found, stale bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.stale[id] {
		return nil, false, true
	}
	got, ok := m.byID[id]
	if !ok {
		return nil, false, false
	}
	return cloneSession(got), true, false
}

func (m *sessionMirror) idOfCode(code string) (string, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	id, ok := m.byCode[code]
	return id, ok
}

func (m *sessionMirror) staleIDs() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	ids := make([]string, 0, len(m.stale))
	for id := range m.stale {
		ids = append(ids, id)
	}
	return ids
}

// list returns copies of the sessions f selects, newest first, then by class.
func (m *sessionMirror) list(f SessionFilter) []model.Session {
	m.mu.RLock()
	var out []model.Session
	for _, sess := range m.byID {
		if f.matches(sess) {
			out = append(out, *cloneSession(sess))
		}
	}
	m.mu.RUnlock()
	slices.SortFunc(out, func(a, b model.Session) int {
		return cmp.Or(cmp.Compare(b.CreatedDay, a.CreatedDay), cmp.Compare(a.ClassLabel, b.ClassLabel), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// matches is ListSessions' filter, in Go.
func (f SessionFilter) matches(s *model.Session) bool {
	return (f.SchoolID == "" || s.SchoolID == f.SchoolID) &&
		(f.Municipality == "" || s.Municipality == f.Municipality) &&
		(f.SurveyID == "" || s.SurveyID == f.SurveyID) &&
		(f.Status == "" || s.Status == f.Status) &&
		(f.CreatedBefore == "" || s.CreatedDay < f.CreatedBefore) &&
		(!f.HasResponses || !s.ResponsesDeleted)
}

// cloneSession copies a session deeply enough that neither copy sees the other's changes.
func cloneSession(s *model.Session) *model.Session {
	c := *s
	c.Items = slices.Clone(s.Items)
	c.PresenterTopics = slices.Clone(s.PresenterTopics)
	if s.Campaign != nil {
		camp := *s.Campaign
		camp.Messages = slices.Clone(s.Campaign.Messages)
		c.Campaign = &camp
	}
	return &c
}

// writeSession runs a write to session id and puts the session's new state into the mirror
// — the one write returns, or else read back from the store — holding the session's lock
// throughout. Without a mirror it only writes.
func (s *Store) writeSession(ctx context.Context, id string, write func() (*model.Session, error)) (*model.Session, error) {
	if s.mirror == nil {
		return write()
	}
	lock := s.mirror.lock(id)
	lock.Lock()
	defer lock.Unlock()
	sess, err := write()
	if err != nil {
		if err != model.ErrNotFound {
			s.mirror.markStale(id) // the write may have happened
		}
		return nil, err
	}
	if sess != nil {
		s.mirror.put(sess)
		return sess, nil
	}
	return nil, s.refresh(ctx, id)
}

// refresh reads session id from the store into the mirror; the caller holds its lock.
func (s *Store) refresh(ctx context.Context, id string) error {
	sess, err := s.readSession(ctx, bson.M{"_id": id})
	switch {
	case err == model.ErrNotFound:
		s.mirror.remove(id)
	case err != nil:
		s.mirror.markStale(id)
		return fmt.Errorf("read back session: %w", err)
	default:
		s.mirror.put(sess)
	}
	return nil
}

// sessionFromMirror returns session id from memory, reading it again if it is stale.
func (s *Store) sessionFromMirror(ctx context.Context, id string) (*model.Session, error) {
	sess, found, stale := s.mirror.get(id)
	if found {
		return sess, nil
	}
	if !stale {
		return nil, model.ErrNotFound
	}
	lock := s.mirror.lock(id)
	lock.Lock()
	defer lock.Unlock()
	if err := s.refresh(ctx, id); err != nil {
		return nil, err
	}
	if sess, found, _ := s.mirror.get(id); found {
		return sess, nil
	}
	return nil, model.ErrNotFound
}

// listFromMirror reads stale sessions again and lists from memory.
func (s *Store) listFromMirror(ctx context.Context, f SessionFilter) ([]model.Session, error) {
	for _, id := range s.mirror.staleIDs() {
		if _, err := s.sessionFromMirror(ctx, id); err != nil && err != model.ErrNotFound {
			return nil, err
		}
	}
	return s.mirror.list(f), nil
}
