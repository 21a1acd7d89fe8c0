// Package demo makes realistic, entirely invented data — schools, closed class sessions,
// their pupils' answers and summaries — for benchmarks and for trying the product out.
// Classes differ, guesses lean towards over-estimating harmful behaviour, and a few pupils
// skip questions, so every screen has something true-to-life to show. A share of the
// classes answers again later in the school year (the follow-up wave), some with their
// misperceptions clearly smaller, some larger, some about the same (followup.go).
package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/store"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// Options size the data.
type Options struct {
	Sessions               int // closed class sessions, spread over the region's municipalities
	PupilsPerSession       int // answers per session
	SchoolsPerMunicipality int
	SchoolYear             string // "2026/27"
	Day                    string // the day the sessions were held, YYYY-MM-DD
	Seed                   uint64 // same seed, same data
	// FollowUpShare is the share of the classes (0 to 1) that answer again in the follow-up
	// wave, on FollowUpDay (default: ten weeks after Day, within the school year).
	FollowUpShare float64
	FollowUpDay   string
}

// Counts says what was made: baseline sessions and their responses, and follow-ups apart.
type Counts struct{ Schools, Sessions, Responses, FollowUps, FollowUpResponses int }

// Region fills the store with schools in every municipality of Region Midtjylland and
// closed sessions of sv with answers and summaries.
func Region(ctx context.Context, st *store.Store, sv *survey.Survey, o Options) (Counts, error) {
	region := model.MidtjyllandRegion()
	var schools []model.School
	for _, m := range region.Municipalities {
		for i := 1; i <= o.SchoolsPerMunicipality; i++ {
			sc := model.School{ID: store.NewID(), Municipality: m, Name: fmt.Sprintf("%s Skole %d", m, i), CreatedDay: "2026-08-01"}
			if err := st.CreateSchool(ctx, &sc); err != nil {
				return Counts{}, err
			}
			schools = append(schools, sc)
		}
	}
	emit := func(sessions []model.Session, answers [][]map[string]model.Answer) (int, error) {
		return save(ctx, st, sv, sessions, answers)
	}
	c, err := generate(sv, o, schools, emit)
	c.Schools = len(schools)
	return c, err
}

// generate invents the classes of o at the schools, baseline first, then the follow-ups, and
// hands them to emit a batch at a time; emit returns how many responses it wrote.
func generate(sv *survey.Survey, o Options, schools []model.School,
	emit func([]model.Session, [][]map[string]model.Answer) (int, error)) (Counts, error) {
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	topics := make([]string, len(sv.Items))
	for i, it := range sv.Items {
		topics[i] = it.ID
	}
	var c Counts
	classes := map[string]int{} // sessions made per school, for distinct class labels
	follow := newFollowUps(o)
	for start := 0; start < o.Sessions; start += batch {
		var sessions []model.Session
		var answers [][]map[string]model.Answer
		for i := start; i < min(start+batch, o.Sessions); i++ {
			sc := schools[i%len(schools)]
			k := classes[sc.ID]
			classes[sc.ID]++
			sess := model.Session{
				ID: store.NewID(), Code: fmt.Sprintf("DEMO%06d", i), SurveyID: sv.ID, SurveyVersion: sv.Version,
				Items: topics, ClassLabel: fmt.Sprintf("%d.%c", 7+k%3, 'A'+rune(k/3%26)), Grade: 7 + k%3,
				Wave: model.WaveBaseline, ExpectedPupils: o.PupilsPerSession, SchoolID: sc.ID, Municipality: sc.Municipality,
				Status: model.StatusClosed, CreatedDay: o.Day, ClosedDay: o.Day, SchoolYear: o.SchoolYear,
			}
			a, p := classAnswers(rng, sv, o.PupilsPerSession)
			follow.consider(sess, p, i%len(schools))
			sessions, answers = append(sessions, sess), append(answers, a)
		}
		n, err := emit(sessions, answers)
		if err != nil {
			return c, err
		}
		c.Sessions += len(sessions)
		c.Responses += n
	}
	return c, follow.make(sv, o, emit, &c)
}

// batch is how many sessions are written at a time.
const batch = 100

// save writes sessions with their answers and summaries.
func save(ctx context.Context, st *store.Store, sv *survey.Survey, sessions []model.Session, answers [][]map[string]model.Answer) (int, error) {
	var responses []model.Response
	for i := range sessions {
		sess := &sessions[i]
		for j, a := range answers[i] {
			responses = append(responses, model.Response{
				SessionID: sess.ID, SubmissionID: fmt.Sprintf("demo-%s-%04d", sess.ID[:12], j),
				SurveyID: sv.ID, SurveyVersion: sv.Version, Lang: "da", Day: sess.ClosedDay, Answers: a,
			})
		}
		if err := st.SaveSummary(ctx, sv, compare.SummarizeAnswers(sv, sess, answers[i])); err != nil {
			return 0, err
		}
	}
	if err := st.InsertSessions(ctx, sessions); err != nil {
		return 0, err
	}
	if err := st.InsertResponses(ctx, responses); err != nil {
		return 0, err
	}
	return len(responses), nil
}

// profile is what a class is like, per topic: how many really do it (rate) and how far
// their guesses lean from that (bias). A follow-up keeps the rates and changes the biases.
type profile map[string]struct{ rate, bias float64 }

// classAnswers invents one class's answers: per topic a true rate for the class, each
// pupil's own answer drawn from it, and guesses that miss the truth by a topic-wide bias
// plus personal noise. About one pupil in twenty skips a question.
func classAnswers(rng *rand.Rand, sv *survey.Survey, pupils int) ([]map[string]model.Answer, profile) {
	p := profile{}
	for _, it := range sv.Items {
		rate := 0.5 + 0.35*math.Sin(float64(len(it.ID))) + 0.1*rng.NormFloat64()
		rate = math.Max(0.02, math.Min(0.98, rate))
		// Some topics are misjudged much more than others (10 to 25 points).
		bias := 0.10 + 0.15*math.Abs(math.Cos(1.7*float64(len(it.ID))))
		if it.Healthy {
			bias = -bias // healthy habits are under-estimated, harmful ones over-estimated
		}
		p[it.ID] = struct{ rate, bias float64 }{rate, bias}
	}
	return answersOf(rng, sv, pupils, p), p
}

// answersOf draws a class's answers from its profile.
func answersOf(rng *rand.Rand, sv *survey.Survey, pupils int, p profile) []map[string]model.Answer {
	out := make([]map[string]model.Answer, pupils)
	for i := range out {
		out[i] = map[string]model.Answer{}
	}
	for _, it := range sv.Items {
		rate, bias := p[it.ID].rate, p[it.ID].bias
		var norm, other []string
		for _, o := range it.Self.Options {
			if o.Norm {
				norm = append(norm, o.ID)
			} else {
				other = append(other, o.ID)
			}
		}
		scale := sv.Scale(&it)
		for p := 0; p < pupils; p++ {
			var a model.Answer
			if rng.Float64() > 0.05 {
				if rng.Float64() < rate {
					a.Self = norm[rng.IntN(len(norm))]
				} else {
					a.Self = other[rng.IntN(len(other))]
				}
			}
			if rng.Float64() > 0.05 {
				guess := math.Max(0, math.Min(1, rate+bias+0.15*rng.NormFloat64()))
				a.Perceived = nearestStep(scale, guess)
			}
			if a.Self != "" || a.Perceived != "" {
				out[p][it.ID] = a
			}
		}
	}
	return out
}

func nearestStep(scale []survey.Option, v float64) string {
	best, bestD := scale[0].ID, math.Inf(1)
	for _, s := range scale {
		if d := math.Abs(s.Value - v); d < bestD {
			best, bestD = s.ID, d
		}
	}
	return best
}
