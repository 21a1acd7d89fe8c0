package model

// Answer is one pupil's answer to one topic; an empty field means "Vil ikke svare".
type Answer struct {
	Self      string `bson:"self,omitempty" json:"self,omitempty"`
	Perceived string `bson:"perceived,omitempty" json:"perceived,omitempty"`
}

// Response is one pupil's answers to one session. It holds nothing that identifies the pupil:
// no name, address, device or time of day — a random id, the day, the chosen language.
// SubmissionID is the random id the pupil's device made for this submission; it is never
// stored: the response's id is derived from it, so a retried submission is recognised and
// counted once.
type Response struct {
	ID            string            `bson:"_id"`
	SessionID     string            `bson:"session_id"`
	SubmissionID  string            `bson:"-"`
	SurveyID      string            `bson:"survey_id"`
	SurveyVersion int               `bson:"survey_version"`
	Lang          string            `bson:"lang"`
	Day           string            `bson:"day"`
	Answers       map[string]Answer `bson:"answers"`
}
