package web

import (
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pupilTraffic counts pupils' requests instead of logging each: a log line per answer, with
// its time, could be matched to the stored answers (docs/privacy.md). Once a minute, when
// there were any, one line gives the counts by status.
type pupilTraffic struct {
	mu       sync.Mutex
	byStatus map[int]int
}

// pupilTrafficEvery is how often the counts are logged.
const pupilTrafficEvery = time.Minute

// isPupilPath reports whether a request is a pupil's: the survey pages and the answer API.
func isPupilPath(path string) bool {
	return path == "/j" || strings.HasPrefix(path, "/j/") || strings.HasPrefix(path, "/api/v1/join/")
}

func (p *pupilTraffic) add(status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byStatus == nil {
		p.byStatus = map[int]int{}
	}
	p.byStatus[status]++
}

// take returns the counts so far and starts afresh.
func (p *pupilTraffic) take() map[int]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	counts := p.byStatus
	p.byStatus = nil
	return counts
}

// report logs the counts every pupilTrafficEvery until stop is closed.
func (p *pupilTraffic) report(stop <-chan struct{}, log *slog.Logger) {
	tick := time.NewTicker(pupilTrafficEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		counts := p.take()
		if len(counts) == 0 {
			continue
		}
		args := []any{"minutes", int(pupilTrafficEvery.Minutes())}
		for status, n := range counts {
			args = append(args, "status_"+strconv.Itoa(status), n)
		}
		log.Info("pupil requests", args...)
	}
}
