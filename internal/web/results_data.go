package web

import (
	"context"
	"errors"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/results"
	"github.com/heltnormal/heltnormal/internal/survey"
)

// rules are the privacy thresholds from the configuration.
func (s *Server) rules() results.Rules {
	return results.Rules{MinGroup: s.cfg.MinGroup, MinSensitive: s.cfg.MinSensitive}
}

// classResults computes a session's figures at class level, every privacy rule applied
// (see package results). Pages, the API, charts and exports all read them from here. After
// the retention period has deleted the raw answers, the figures come from the counts the
// summary kept when the session closed: the same figures, under the same rules.
func (s *Server) classResults(ctx context.Context, sess *model.Session) (results.Group, *survey.Survey, error) {
	sv, err := s.sessionSurvey(sess)
	if err != nil {
		return results.Group{}, nil, err
	}
	if sess.ResponsesDeleted {
		sum, err := s.store.SessionSummary(ctx, sess, sv)
		if err != nil {
			return results.Group{}, nil, err
		}
		return results.FromTallies(sv, sess.Items, sum.N, sum.Tallies, results.LevelClass, s.rules()), sv, nil
	}
	_, answers, err := s.sessionAnswers(ctx, sess)
	if err != nil {
		return results.Group{}, nil, err
	}
	return results.Compute(sv, sess.Items, answers, results.LevelClass, s.rules()), sv, nil
}

// answerCount is how many pupils answered a session: counted (and cached for a moment) while
// it is open; once closed, from the summary written at close, which is exact, cheap to read
// for a list of sessions, and outlives the raw answers.
func (s *Server) answerCount(ctx context.Context, sess *model.Session) (int, error) {
	if sess.IsOpen() {
		return s.count(ctx, sess.ID, displayCountAge)
	}
	sv, err := s.sessionSurvey(sess)
	if err != nil {
		return 0, err
	}
	sum, err := s.store.SessionSummary(ctx, sess, sv)
	switch {
	case err == nil:
		return sum.N, nil
	case !errors.Is(err, model.ErrNotFound):
		return 0, err
	}
	return s.store.CountResponses(ctx, sess.ID) // closed, but its summary was never written
}

// sessionSurvey is the survey version a session was made with.
func (s *Server) sessionSurvey(sess *model.Session) (*survey.Survey, error) {
	sv, ok := s.surveys.Get(sess.SurveyID, sess.SurveyVersion)
	if !ok {
		return nil, model.Errorf(model.ECodeInternal, "survey %s version %d is not installed", sess.SurveyID, sess.SurveyVersion)
	}
	return sv, nil
}

// sessionAnswers reads a session's survey definition and every pupil's answers to it.
func (s *Server) sessionAnswers(ctx context.Context, sess *model.Session) (*survey.Survey, []map[string]model.Answer, error) {
	sv, err := s.sessionSurvey(sess)
	if err != nil {
		return nil, nil, err
	}
	responses, err := s.store.SessionResponses(ctx, sess.ID)
	if err != nil {
		return nil, nil, err
	}
	answers := make([]map[string]model.Answer, len(responses))
	for i, r := range responses {
		answers[i] = r.Answers
	}
	return sv, answers, nil
}

// resultsVisible reports whether a session's results may be shown on screen: once it is
// closed, or earlier when the teacher chose to show them (which needs the minimum group).
func resultsVisible(sess *model.Session) bool {
	return !sess.IsOpen() || sess.ShowResults
}
