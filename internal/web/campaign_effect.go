package web

import (
	"context"
	"math"

	"github.com/heltnormal/heltnormal/internal/app"
	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// effectRow says for one topic whether a group's misperception shrank from the baseline to
// the follow-up, the campaign's purpose. A change within noise is said to be so.
type effectRow struct {
	Topic         string
	Before, After string // the gap in each wave, in percentage points
	Change        string // the change of the gap, with its interval
	Verdict       string
	Shrank, Noise bool
}

// effectTable is a group's effects with the localizer that words the table's headings
// (templates take one value).
type effectTable struct {
	L    *i18n.Localizer
	Rows []effectRow
}

// waveEffects words the gap changes of one group seen in both waves (compare.LinkWaves),
// topic by topic in survey order.
func waveEffects(l *i18n.Localizer, sv *survey.Survey, pair compare.WavePair) []effectRow {
	var out []effectRow
	for _, ch := range pair.Changes {
		def, ok := sv.Item(ch.ID)
		before, okB := pair.Base.Group.Item(ch.ID)
		after, okF := pair.Follow.Group.Item(ch.ID)
		if !ok || !okB || !okF || before.Suppressed || after.Suppressed {
			continue
		}
		r := effectRow{Topic: def.Topic.In(l.Lang), Noise: ch.GapNoise,
			Before: signed(before.GapPP, l.Lang), After: signed(after.GapPP, l.Lang),
			Shrank: math.Abs(after.GapPP) < math.Abs(before.GapPP),
			Change: l.T("campaign.effect.change", "PP", signed(ch.GapChangePP, l.Lang),
				"Low", signed(ch.GapCI[0], l.Lang), "High", signed(ch.GapCI[1], l.Lang))}
		switch {
		case r.Noise:
			r.Verdict = l.T("campaign.effect.noise")
		case r.Shrank:
			r.Verdict = l.T("campaign.effect.shrank")
		default:
			r.Verdict = l.T("campaign.effect.grew")
		}
		out = append(out, r)
	}
	return out
}

// classEffects is the campaign effect for a class that answered in both waves: its
// baseline and follow-up sessions are linked in the protected comparison trees of its
// municipality and school year, as on /ssp/waves. Nil when the class has no partner wave.
func (s *campaignHandlers) classEffects(ctx context.Context, l *i18n.Localizer, sess *model.Session, sv *survey.Survey) ([]effectRow, error) {
	q := app.CompareQuery{Municipality: sess.Municipality, SurveyID: sess.SurveyID, Version: sess.SurveyVersion, SchoolYear: sess.SchoolYear}
	pairs, err := s.wavePairs(ctx, q, sv)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if p.Base.Level == results.LevelClass && (p.Base.Key == sess.ID || p.Follow.Key == sess.ID) {
			return waveEffects(l, sv, p), nil
		}
	}
	return nil, nil
}

// wavePairs links the baseline and follow-up trees of q's filters.
func (s *campaignHandlers) wavePairs(ctx context.Context, q app.CompareQuery, sv *survey.Survey) ([]compare.WavePair, error) {
	q.Wave = string(model.WaveBaseline)
	base, err := s.app.Comparison(ctx, q, sv)
	if err != nil {
		return nil, err
	}
	q.Wave = string(model.WaveFollowUp)
	follow, err := s.app.Comparison(ctx, q, sv)
	if err != nil {
		return nil, err
	}
	return compare.LinkWaves(sv, base, follow), nil
}
