package web

import (
	"runtime"
	"time"

	"github.com/gofiber/fiber/v2"
)

// answersFirst limits how many survey pages are made at once to the number of cores.
// When a municipality's classes start at the same minute, pupils opening the survey and
// pupils sending their answers compete for the CPU; without a limit, a thousand page views
// slow every answer down with them. With it, a pupil who has finished answering is
// acknowledged first, and opening the page waits its turn: a page that loads a moment later
// costs nothing, an answer that hangs makes a pupil wait with "prøver igen …".
// docs/benchmarks.md has the figures with and without it.
type answersFirst chan struct{}

func newAnswersFirst() answersFirst { return make(answersFirst, runtime.GOMAXPROCS(0)) }

// maxPageWait is how long a page waits for its turn. Longer means the places are held by
// pages waiting for a slow store, not by work; then queuing would only add to the wait.
const maxPageWait = 2 * time.Second

// page is the middleware for a page that yields to answers.
func (g answersFirst) page(c *fiber.Ctx) error {
	select {
	case g <- struct{}{}:
	default:
		timer := time.NewTimer(maxPageWait)
		select {
		case g <- struct{}{}:
			timer.Stop()
		case <-timer.C:
			return c.Next()
		}
	}
	defer func() { <-g }()
	return c.Next()
}
