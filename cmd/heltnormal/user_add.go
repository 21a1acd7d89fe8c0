package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/heltnormal/heltnormal/internal/auth"
	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/model"
)

const userAddUsage = "usage: heltnormal user add --email E --role admin|ssp|teacher|coordinator [--municipality NAME] [--school NAME] [--region NAME [--cluster NAME]] < password"

// userAdd creates a staff account: `heltnormal user add --email E --role R [--municipality M]
// [--school S] [--region R [--cluster C]]`, with the password as the first line of standard input (so it is in no
// shell history or process list). It opens the store itself, so it works with the server
// stopped (the embedded store in HELTNORMAL_DATA_DIR) or against MONGODB_URI. A teacher's
// school is created when the municipality has none of that name. It prints the new id.
func userAdd(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	email := fs.String("email", "", "the user's email address (required)")
	role := fs.String("role", "", "admin, ssp, teacher or coordinator (required)")
	municipality := fs.String("municipality", "", "the municipality of an ssp or teacher")
	school := fs.String("school", "", "a teacher's school (created when missing)")
	region := fs.String("region", "", "a coordinator's region: Hovedstaden, Sjælland, Syddanmark, Midtjylland or Nordjylland")
	cluster := fs.String("cluster", "", "a coordinator's cluster of Region Midtjylland (none: the whole region)")
	own, settings := splitFlags(args, fs)
	if err := fs.Parse(own); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(userAddUsage)
	}
	cfg, err := config.Load(settings, e.getenv)
	if err != nil {
		return usageError(err.Error())
	}
	a, err := accountFromFlags(*email, *role, *municipality, *school, *region, *cluster)
	if err != nil {
		return err
	}
	if a.Password, err = readPassword(e.stdin); err != nil {
		return err
	}

	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer p.store.Close(context.Background())
	u, err := createAccount(ctx, p.app, p.locales, a)
	if model.ErrorCode(err) == model.ECodeConflict {
		return fmt.Errorf("a user with email %s already exists", a.Email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, u.ID)
	return nil
}

// accountFromFlags checks the flags of `user add` against the role.
func accountFromFlags(email, role, municipality, school, region, cluster string) (account, error) {
	a := account{Role: model.Role(role), School: strings.TrimSpace(school)}
	var ok bool
	if a.Email, ok = model.ParseEmail(email); !ok {
		return a, usageError(fmt.Sprintf("--email %q is not an email address\n%s", email, userAddUsage))
	}
	if !a.Role.Valid() {
		return a, usageError(fmt.Sprintf("--role must be admin, ssp, teacher or coordinator, not %q", role))
	}
	if a.Role == model.RoleCoordinator {
		return coordinatorFromFlags(a, municipality, school, region, cluster)
	}
	if region != "" || cluster != "" {
		return a, usageError(fmt.Sprintf("--region and --cluster are for a coordinator, not a %s", a.Role))
	}
	if a.Role == model.RoleAdmin {
		if municipality != "" || school != "" {
			return a, usageError("an admin belongs to no municipality or school: drop --municipality and --school")
		}
		return a, nil
	}
	if municipality == "" {
		return a, usageError(fmt.Sprintf("a %s needs --municipality", a.Role))
	}
	if a.Municipality, ok = model.LookupMunicipality(municipality); !ok {
		return a, usageError(fmt.Sprintf("--municipality %q is not a Danish municipality: one of %s",
			municipality, strings.Join(model.Municipalities(), ", ")))
	}
	switch {
	case a.Role == model.RoleTeacher && a.School == "":
		return a, usageError("a teacher needs --school (it is created when missing)")
	case a.Role == model.RoleSSP && a.School != "":
		return a, usageError("an ssp belongs to a municipality, not a school: drop --school")
	}
	return a, nil
}

// coordinatorFromFlags checks a coordinator's region and optional cluster.
func coordinatorFromFlags(a account, municipality, school, region, cluster string) (account, error) {
	if municipality != "" || school != "" {
		return a, usageError("a coordinator oversees a region or cluster, not a municipality or school: drop --municipality and --school")
	}
	r, ok := model.LookupRegion(region)
	if !ok {
		var keys []string
		for _, r := range model.Denmark() {
			keys = append(keys, r.Key)
		}
		return a, usageError(fmt.Sprintf("a coordinator needs --region, one of %s (not %q)", strings.Join(keys, ", "), region))
	}
	a.Region = r.Key
	if cluster == "" {
		return a, nil
	}
	c, ok := r.LookupCluster(cluster)
	if !ok {
		var names []string
		for _, c := range r.Clusters {
			names = append(names, c.Name)
		}
		if len(names) == 0 {
			return a, usageError(fmt.Sprintf("%s has no clusters: drop --cluster", r.Name))
		}
		return a, usageError(fmt.Sprintf("--cluster %q is not a cluster of %s: one of %s", cluster, r.Name, strings.Join(names, ", ")))
	}
	a.Cluster = c.Name
	return a, nil
}

// readPassword takes the first line of r and applies the password policy.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("no password on standard input: give it as the first line, e.g. printf '%s\\n' \"$PASSWORD\" | heltnormal user add ...")
	}
	if err := auth.CheckPassword(pw); err != nil {
		return "", fmt.Errorf("password refused: %w", err)
	}
	return pw, nil
}

// isBoolFlag reports whether f is a switch, which takes no value of its own.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// splitFlags separates fs's own flags (with their values) from the rest, which are the
// server settings config.Load takes (-data-dir, -mongodb-uri, ...).
func splitFlags(args []string, fs *flag.FlagSet) (own, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case !strings.HasPrefix(a, "-") || a == "--":
			rest = append(rest, a)
		case name == "h" || name == "help":
			own = append(own, a)
		case fs.Lookup(name) != nil:
			own = append(own, a)
			if !hasValue && !isBoolFlag(fs.Lookup(name)) && i+1 < len(args) {
				own = append(own, args[i+1])
				i++
			}
		default:
			rest = append(rest, a) // a setting; its value, if separate, follows as a non-flag
		}
	}
	return own, rest
}
