package app

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heltnormal/heltnormal/internal/i18n"
	"github.com/heltnormal/heltnormal/internal/model"
)

// localHelpMaxAge is how long the thank-you page may show a help line after its SSP
// consultant changed it: a whole class reads it at once, the store once.
const localHelpMaxAge = 30 * time.Second

// LocalHelpFor is the municipality's own help line for the pupils' thank-you page, or nil.
func (a *App) LocalHelpFor(ctx context.Context, municipality string) (*model.LocalHelp, error) {
	if municipality == "" {
		return nil, nil
	}
	return a.localHelp.Load(ctx, municipality, localHelpMaxAge, func(ctx context.Context) (*model.LocalHelp, error) {
		h, err := a.store.LocalHelp(ctx, municipality)
		if errors.Is(err, model.ErrNotFound) {
			return nil, nil
		}
		return h, err
	})
}

// SetLocalHelp sets, changes or (with every field empty) removes a municipality's help line:
// its SSP consultant or an administrator. Every field is checked and trimmed; a refusal
// names each field's problem in l's language.
func (a *App) SetLocalHelp(ctx context.Context, actor *model.User, municipality string, in model.LocalHelp, l *i18n.Localizer) (*model.LocalHelp, error) {
	if !(actor.Role == model.RoleAdmin || (actor.Role == model.RoleSSP && actor.Municipality == municipality)) || municipality == "" {
		return nil, model.Errorf(model.ECodeForbidden, "%s", l.T("help.forbidden"))
	}
	h := model.LocalHelp{Municipality: municipality, UpdatedDay: a.Today(),
		Name: oneLine(in.Name), Phone: oneLine(in.Phone), URL: strings.TrimSpace(in.URL), Text: oneLine(in.Text)}
	if h.Name == "" && h.Phone == "" && h.URL == "" && h.Text == "" {
		if err := a.store.DeleteLocalHelp(ctx, municipality); err != nil {
			return nil, err
		}
		a.localHelp.Put(municipality, nil)
		return nil, nil
	}
	fields := map[string]string{}
	switch {
	case h.Name == "":
		fields["name"] = l.T("help.name_required")
	case utf8.RuneCountInString(h.Name) > 80:
		fields["name"] = l.T("help.too_long", "Max", 80)
	}
	if h.Phone == "" && h.URL == "" {
		fields["phone"] = l.T("help.phone_or_url")
	}
	if h.Phone != "" && !validPhone(h.Phone) {
		fields["phone"] = l.T("help.phone_invalid")
	}
	if h.URL != "" {
		if u, err := url.Parse(h.URL); err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
			fields["url"] = l.T("help.url_invalid")
		}
	}
	if utf8.RuneCountInString(h.Text) > 200 {
		fields["text"] = l.T("help.too_long", "Max", 200)
	}
	if len(fields) > 0 {
		return nil, model.Invalid(l.T("help.invalid"), fields)
	}
	if err := a.store.SetLocalHelp(ctx, h); err != nil {
		return nil, err
	}
	a.localHelp.Put(municipality, &h)
	return &h, nil
}

// oneLine trims s and folds its runs of white space (new lines included) into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// validPhone accepts a Danish or international number as people write it: digits, spaces,
// a leading +, and 3 to 15 digits in all (112, 1813, 70 201 201, +45 87 13 45 00).
func validPhone(p string) bool {
	digits := 0
	for i, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}
