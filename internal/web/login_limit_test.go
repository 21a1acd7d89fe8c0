package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heltnormal/heltnormal/internal/model"
	"github.com/heltnormal/heltnormal/internal/web"
)

// testClock is a time the limits read, which a test moves on.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func stopLimitClock(s *testServer) *testClock {
	c := &testClock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	web.SetLimitClock(s.Server, c.now)
	return c
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// retryAfter is a 429's Retry-After in seconds.
func retryAfter(t *testing.T, resp *http.Response) time.Duration {
	t.Helper()
	n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || n < 1 {
		t.Fatalf("%d with Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	return time.Duration(n) * time.Second
}

// The attack: a pupil on the school's NAT address types wrong passwords for the teacher's
// account, to keep her out of the projector. It slows guessing down and never locks her out.
func TestWrongPasswordsSlowTheAccountDownButNeverLockTheTeacherOut(t *testing.T) {
	s := newServer(t)
	clock := stopLimitClock(s)
	seedUser(t, s, "laerer@aarhus.dk", model.RoleTeacher, "Aarhus", "x")
	teacher := newStaffBrowser(t, s)
	if resp, _ := teacher.login("laerer@aarhus.dk", staffPassword); resp.StatusCode != http.StatusSeeOther || teacher.cookies["hn_device"] == nil {
		t.Fatalf("first login: %d, device cookie %v", resp.StatusCode, teacher.cookies["hn_device"])
	}
	delete(teacher.cookies, "hn_session") // the next morning

	pupil := newStaffBrowser(t, s)
	for i := 1; i <= 5; i++ {
		resp, page := pupil.login("Laerer@Aarhus.dk", "forkert kodeord")
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, `role="alert" id="login-error">Forkert e-mail eller adgangskode.`) ||
			!strings.Contains(page, `value="Laerer@Aarhus.dk"`) {
			t.Fatalf("failure %d: %d, no message or the email was not kept:\n%s", i, resp.StatusCode, page)
		}
		if _, ok := pupil.cookies["hn_session"]; ok {
			t.Fatal("a failed login set a session")
		}
	}
	resp, page := pupil.login("laerer@aarhus.dk", "forkert kodeord")
	if resp.StatusCode != http.StatusTooManyRequests || retryAfter(t, resp) != time.Second ||
		!strings.Contains(page, "For mange forkerte forsøg på denne konto eller fra dette netværk. Vent 1 sekunder") {
		t.Fatalf("6th failure at once: %d %q\n%s", resp.StatusCode, resp.Header.Get("Retry-After"), page)
	}
	// The token endpoint shares the count: it is the same password being guessed.
	status, body := accountsAPI(t, s, http.MethodPost, "/api/v1/auth/token", "", `{"email":"laerer@aarhus.dk","password":"`+staffPassword+`"}`)
	if status != http.StatusTooManyRequests || !strings.Contains(body, `"code":"rate_limited"`) {
		t.Errorf("token from an unknown client after 5 failures: %d %s", status, body)
	}

	// The pupil guesses as fast as allowed for an hour: never more than a minute's wait,
	// and no more than about one guess a minute.
	guesses, end := 5, clock.now().Add(time.Hour)
	for clock.now().Before(end) {
		resp, _ := pupil.login("laerer@aarhus.dk", fmt.Sprintf("gæt %d", guesses))
		switch resp.StatusCode {
		case http.StatusUnauthorized:
			guesses++
		case http.StatusTooManyRequests:
			wait := retryAfter(t, resp)
			if wait > time.Minute {
				t.Fatalf("after %d guesses: a wait of %v, which is a lockout", guesses, wait)
			}
			// The teacher, in the browser she always uses, is not slowed down at all.
			if resp, _ := teacher.login("laerer@aarhus.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("the teacher in her own browser, after %d guesses: %d", guesses, resp.StatusCode)
			}
			delete(teacher.cookies, "hn_session")
			clock.advance(wait)
		default:
			t.Fatalf("guess %d: %d", guesses, resp.StatusCode)
		}
	}
	if guesses > 75 {
		t.Errorf("%d guesses in an hour", guesses)
	}
	// Right after a guess, on a laptop the account has never seen, she waits a minute at
	// most, then gets in.
	for {
		resp, _ := pupil.login("laerer@aarhus.dk", "et gæt mere")
		if resp.StatusCode == http.StatusUnauthorized {
			break
		}
		clock.advance(retryAfter(t, resp))
	}
	laptop := newStaffBrowser(t, s)
	resp, _ = laptop.login("laerer@aarhus.dk", staffPassword)
	if resp.StatusCode != http.StatusTooManyRequests || retryAfter(t, resp) > time.Minute {
		t.Fatalf("a new browser during the guessing: %d, Retry-After %s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	clock.advance(retryAfter(t, resp))
	if resp, _ := laptop.login("laerer@aarhus.dk", staffPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the new browser after the wait: %d", resp.StatusCode)
	}
	t.Logf("%d guesses in an hour", guesses)
}

// The other ways round: one account from six addresses, and forty accounts from one.
func TestGuessingAcrossAddressesOrAccountsIsSlowedToo(t *testing.T) {
	s := newServer(t)
	stopLimitClock(s)
	seedUser(t, s, "ssp@horsens.dk", model.RoleSSP, "Horsens", "")
	base := s.listen(t)
	token := func(c *http.Client, email, password string) int {
		return status(t, c, http.MethodPost, base+"/api/v1/auth/token", `{"email":"`+email+`","password":"`+password+`"}`)
	}

	answered := map[int]int{}
	for i := 0; i < 60; i++ {
		from := clientFrom(fmt.Sprintf("127.0.0.%d", 10+i%6))
		answered[token(from, "ssp@horsens.dk", fmt.Sprintf("gæt %d", i))]++
	}
	if answered[http.StatusUnauthorized] != 5 || answered[http.StatusTooManyRequests] != 55 {
		t.Errorf("60 guesses for one account from 6 addresses: %v, want 5 checked and 55 told to wait", answered)
	}

	answered = map[int]int{}
	one := clientFrom("127.0.0.20")
	for i := 0; i < 40; i++ {
		answered[token(one, fmt.Sprintf("laerer%d@horsens.dk", i), "Sommer2026!")]++
	}
	if answered[http.StatusUnauthorized] != 20 || answered[http.StatusTooManyRequests] != 20 {
		t.Errorf("40 accounts from one address: %v, want 20 checked and 20 told to wait", answered)
	}
	if st := token(clientFrom("127.0.0.21"), "laerer99@horsens.dk", "Sommer2026!"); st != http.StatusUnauthorized {
		t.Errorf("another address: %d, want 401", st)
	}
}
