package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Kind is how a class's misperceptions moved between the waves in the demo data.
type Kind int

// The kinds of follow-up, in turn: after a campaign that worked the guesses come close to
// the truth; in a class where it did not they lean further off; elsewhere they stay as they
// were, so any change is chance.
const (
	Better Kind = iota
	Worse
	Same
)

// followUps picks the classes that answer again and remembers what they are like. It has its
// own random source, so the baseline data of a seed is the same with or without follow-ups.
type followUps struct {
	rng     *rand.Rand
	share   float64
	classes []followUp
}

type followUp struct {
	base    model.Session
	profile profile
	kind    Kind
}

func newFollowUps(o Options) *followUps {
	return &followUps{rng: rand.New(rand.NewPCG(o.Seed^0x5eed0f011, o.Seed+0xf0110)), share: o.FollowUpShare}
}

// consider lets a baseline class of the school-th school answer again with the chance of the
// share.
func (f *followUps) consider(sess model.Session, p profile, school int) {
	if f.share > 0 && f.rng.Float64() < f.share {
		f.classes = append(f.classes, followUp{base: sess, profile: p, kind: KindOf(school)})
	}
}

// KindOf is the kind of follow-up at the school-th school: the kinds in turn. A whole school
// shares one, as a campaign is usually run school-wide, so a school's change shows too.
func KindOf(school int) Kind { return Kind(school % 3) }

// make invents the follow-up sessions: the same school, class label and grade, the
// follow-up wave, a later day in the same school year; the same true rates, the guesses'
// bias changed by the class's kind.
func (f *followUps) make(sv *survey.Survey, o Options, emit func([]model.Session, [][]map[string]model.Answer) (int, error), c *Counts) error {
	day, err := followUpDay(o)
	if err != nil {
		return err
	}
	for start := 0; start < len(f.classes); start += batch {
		var sessions []model.Session
		var answers [][]map[string]model.Answer
		for i := start; i < min(start+batch, len(f.classes)); i++ {
			fu := f.classes[i]
			sess := fu.base
			sess.ID, sess.Code, sess.Wave = store.NewID(), fmt.Sprintf("DEMOF%05d", i), model.WaveFollowUp
			sess.CreatedDay, sess.ClosedDay = day, day
			p := profile{}
			for id, t := range fu.profile {
				switch fu.kind {
				case Better:
					t.bias *= 0.1
				case Worse:
					t.bias = t.bias*1.6 + sign(t.bias)*0.1
				}
				p[id] = t
			}
			sessions = append(sessions, sess)
			answers = append(answers, answersOf(f.rng, sv, o.PupilsPerSession, p))
		}
		n, err := emit(sessions, answers)
		if err != nil {
			return err
		}
		c.FollowUps += len(sessions)
		c.FollowUpResponses += n
	}
	return nil
}

// followUpDay is Options.FollowUpDay, or ten weeks after the baseline, but never after the
// school year's last day (31 July).
func followUpDay(o Options) (string, error) {
	if o.FollowUpDay != "" {
		return o.FollowUpDay, nil
	}
	base, err := time.Parse(time.DateOnly, o.Day)
	if err != nil {
		return "", fmt.Errorf("demo day: %w", err)
	}
	var first int
	if _, err := fmt.Sscanf(o.SchoolYear, "%d/", &first); err != nil {
		return "", fmt.Errorf("demo school year %q: %w", o.SchoolYear, err)
	}
	last := time.Date(first+1, time.July, 31, 0, 0, 0, 0, time.UTC)
	day := base.AddDate(0, 0, 70)
	if day.After(last) {
		day = last
	}
	return day.Format(time.DateOnly), nil
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}
