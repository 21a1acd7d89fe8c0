package app

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
)

// A class answers within the same minute, and a store takes one write at a time far better
// than thirty: answers to a session therefore queue, and one writer per session writes
// everything queued for it in one go (a group commit). The first pupil's answer is
// written at once; the answers that arrive meanwhile wait for that write and go together in
// the next. Each pupil still gets their own result, and the session is read fresh, counted
// and checked for room once per write, so closing and capacity hold as they would for a
// single answer.
type answerQueues struct {
	mu        sync.Mutex
	bySession map[string]*answerQueue
}

// answerQueue holds the answers waiting for a session's next write.
type answerQueue struct {
	pending []*pendingAnswer
}

// pendingAnswer is one pupil's checked answer and where its result goes.
type pendingAnswer struct {
	resp   *model.Response
	result chan answerResult // buffered: the writer never waits for the pupil's request
}

type answerResult struct {
	created bool
	err     error
}

// writeTimeout bounds one group write: a fresh read of the session, perhaps a count, and the
// insert.
const writeTimeout = 10 * time.Second

// storeAnswer queues a pupil's response for its session and returns its result: created, or
// already stored before (a retry), or why it was not stored.
func (l *classrooms) storeAnswer(ctx context.Context, sess *model.Session, resp *model.Response) (created bool, err error) {
	p := &pendingAnswer{resp: resp, result: make(chan answerResult, 1)}
	q := &l.queues
	q.mu.Lock()
	if q.bySession == nil {
		q.bySession = map[string]*answerQueue{}
	}
	queue, writing := q.bySession[sess.ID]
	if !writing {
		queue = &answerQueue{}
		q.bySession[sess.ID] = queue
	}
	queue.pending = append(queue.pending, p)
	q.mu.Unlock()

	if !writing {
		// A writer of its own, so that no pupil waits for more than the write with their
		// answer in it; it outlives a pupil who gives up waiting, as others' answers are in it.
		go l.writeQueue(context.WithoutCancel(ctx), sess, queue)
	}
	select {
	case r := <-p.result:
		return r.created, r.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// writeQueue writes a session's queued answers, batch after batch, until none are left.
//
// Each batch is taken only once the writer holds the session's lock and the store's turn to
// write answers (store.AnswerTurn): the answers that arrive while other classes are being
// written join the batch instead of waiting for another transaction. Pages may show a
// session a second old; storing answers needs its status now. The session's lock is held
// from that read to the end of the insert, and closing takes it to change the status
// (App.Close): an answer is either stored before the close, and so in its summary, or sees
// the session closed. (The lock comes before the turn, everywhere.)
func (l *classrooms) writeQueue(ctx context.Context, sess *model.Session, queue *answerQueue) {
	q := &l.queues
	lock := l.counts.locks.of(sess.ID)
	for {
		lock.Lock()
		turn := l.store.AnswerTurn()
		q.mu.Lock()
		batch := queue.pending
		queue.pending = nil
		if len(batch) == 0 {
			delete(q.bySession, sess.ID)
			q.mu.Unlock()
			turn.Done()
			lock.Unlock()
			return
		}
		q.mu.Unlock()

		wctx, cancel := context.WithTimeout(ctx, writeTimeout)
		retry := l.writeAnswers(wctx, turn, sess, batch)
		cancel()
		turn.Done()
		lock.Unlock()
		if len(retry) > 0 {
			q.mu.Lock()
			queue.pending = append(retry, queue.pending...)
			q.mu.Unlock()
		}
	}
}

// writeAnswers writes one batch in turn and sends every answer its result, except those it
// hands back to be tried in the next write: answers refused for want of room while a retry
// in the batch took a place without using it. The caller holds the session's lock.
func (l *classrooms) writeAnswers(ctx context.Context, turn *store.AnswerTurn, sess *model.Session, batch []*pendingAnswer) (retry []*pendingAnswer) {
	failAll := func(err error) {
		for _, p := range batch {
			p.result <- answerResult{err: err}
		}
	}
	fresh, err := l.freshSession(ctx, sess)
	if err != nil {
		failAll(err)
		return nil
	}
	if !fresh.IsOpen() {
		for _, p := range batch {
			p.result <- l.refuse(ctx, fresh, p, model.ErrSessionClosed)
		}
		return nil
	}
	created, taken, err := l.insertWithinCapacity(ctx, turn, fresh, batch)
	if err != nil {
		failAll(err)
		return nil
	}
	if created > 0 {
		l.hub.Publish(fresh.ID)
	}
	rest := batch[taken:]
	if len(rest) > 0 && created < taken {
		return rest // places are left: the next write counts again
	}
	for _, p := range rest {
		p.result <- l.refuse(ctx, fresh, p, model.ErrSessionFull)
	}
	return nil
}

// insertWithinCapacity stores as many of the batch as the session has room for, in order, and
// sends each of those its result; it returns how many were new and how many it took. The
// count and the insert happen under the session's lock (counts.go), which the caller holds.
// Within a batch the answers are stored in a random order, not the order they came in. With several app
// instances each has its own writer and lock, and sees the others' answers within a second:
// at the very last places a session may go beyond its capacity by what the other instances
// took in that second.
func (l *classrooms) insertWithinCapacity(ctx context.Context, turn *store.AnswerTurn, sess *model.Session, batch []*pendingAnswer) (created, taken int, err error) {
	n, ok := l.counts.cache.Get(sess.ID, capacityCountAge)
	if !ok {
		if n, err = turn.Count(ctx, sess.ID); err != nil {
			return 0, 0, err
		}
		l.counts.cache.Put(sess.ID, n)
	}
	take := batch[:min(max(sess.Capacity()-n, 0), len(batch))]
	if len(take) == 0 {
		return 0, 0, nil
	}
	order := rand.Perm(len(take))
	rs := make([]*model.Response, len(take))
	for i, j := range order {
		rs[i] = take[j].resp
	}
	unsure := false
	for i, err := range turn.Insert(ctx, sess.ID, rs) {
		p := take[order[i]]
		switch {
		case err == nil:
			created++
			p.result <- answerResult{created: true}
		case errors.Is(err, model.ErrConflict):
			// Its id comes from the submission id: this is a retry of a stored answer,
			// acknowledged again and counted once.
			p.result <- answerResult{}
		default:
			unsure = true // it may be stored even so; the pupil's retry will tell
			p.result <- answerResult{err: err}
		}
	}
	if unsure {
		l.counts.cache.Forget(sess.ID)
	} else {
		l.counted(sess.ID, created)
	}
	return created, len(take), nil
}

// refuse answers an answer the session can't take (closed, full): acknowledged if this
// device's submission was stored before, otherwise refused, and a turned-away pupil is
// noted for the teacher's projector.
func (l *classrooms) refuse(ctx context.Context, sess *model.Session, p *pendingAnswer, refusal error) answerResult {
	_, err := l.store.ResponseBySubmission(ctx, sess.ID, p.resp.SubmissionID)
	switch {
	case err == nil:
		return answerResult{}
	case !errors.Is(err, model.ErrNotFound):
		return answerResult{err: err}
	}
	if errors.Is(refusal, model.ErrSessionFull) {
		if err := l.store.NoteTurnedAway(ctx, sess.ID); err != nil {
			l.log.Error("note turned-away answer", "err", err)
		}
		l.sessionChanged(sess) // the projector tells the teacher
	}
	return answerResult{err: refusal}
}
