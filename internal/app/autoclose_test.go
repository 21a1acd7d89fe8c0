package app

import (
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
)

func TestSessionsCloseAtFourOrAfterADayWhicheverComesFirst(t *testing.T) {
	tz, _ := time.LoadLocation(model.TimeZone)
	at := func(day, clock string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, tz)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tt := range []struct {
		name   string
		rule   Lifecycle
		opened time.Time
		want   time.Time
	}{
		{"a lesson in the morning closes at four", Lifecycle{CloseAt: 16 * 60, MaxOpen: 24 * time.Hour}, at("2026-12-02", "09:05"), at("2026-12-02", "16:00")},
		{"opened after four: a day later", Lifecycle{CloseAt: 16 * 60, MaxOpen: 24 * time.Hour}, at("2026-12-02", "17:30"), at("2026-12-03", "17:30")},
		{"a short maximum comes first", Lifecycle{CloseAt: 16 * 60, MaxOpen: 2 * time.Hour}, at("2026-12-02", "09:05"), at("2026-12-02", "11:05")},
		{"no time of day", Lifecycle{CloseAt: -1, MaxOpen: 24 * time.Hour}, at("2026-12-02", "09:05"), at("2026-12-03", "09:05")},
		{"summer time", Lifecycle{CloseAt: 16 * 60, MaxOpen: 24 * time.Hour}, at("2026-06-02", "08:00"), at("2026-06-02", "16:00")},
	} {
		a := &App{tz: tz, lifecycle: tt.rule}
		if got := a.closeBy(tt.opened); !got.Equal(tt.want) {
			t.Errorf("%s: closes %v, want %v", tt.name, got.In(tz), tt.want)
		}
	}
	// Sessions from before deadlines were stored close by their day.
	a := &App{tz: tz, lifecycle: Lifecycle{CloseAt: 16 * 60, MaxOpen: 24 * time.Hour}}
	if got := a.Deadline(&model.Session{CreatedDay: "2026-11-30"}); !got.Equal(at("2026-11-30", "16:00")) {
		t.Errorf("an old session's deadline: %v", got)
	}
	if got := a.Deadline(&model.Session{CloseBy: at("2026-12-05", "10:00")}); !got.Equal(at("2026-12-05", "10:00")) {
		t.Errorf("a stored deadline: %v", got)
	}
}
