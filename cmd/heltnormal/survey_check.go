package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/heltnormal/heltnormal/internal/survey"
	"github.com/heltnormal/heltnormal/surveys"
)

// surveyCheck validates the named files, or every survey in surveys/ (the directory on disk
// when run from the repository, else the surveys built into the binary) and
// $HELTNORMAL_SURVEYS_DIR. Problems go to stdout as file:line: message.
func surveyCheck(files []string, e env) error {
	var all []*survey.Survey
	var problems survey.Problems
	collect := func(found []*survey.Survey, err error) error {
		all = append(all, found...)
		var ps survey.Problems
		if errors.As(err, &ps) {
			problems = append(problems, ps...)
			return nil
		}
		return err
	}

	if len(files) == 0 {
		var err error
		if info, statErr := os.Stat("surveys"); statErr == nil && info.IsDir() {
			err = collect(survey.ParseDir("surveys"))
		} else {
			err = collect(survey.ParseFS(surveys.FS))
		}
		if err != nil {
			return err
		}
		if dir := e.getenv("HELTNORMAL_SURVEYS_DIR"); dir != "" {
			if err := collect(survey.ParseDir(dir)); err != nil {
				return err
			}
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		s, err := survey.Parse(f, data)
		var found []*survey.Survey
		if s != nil && err == nil {
			found = append(found, s)
		}
		if err := collect(found, err); err != nil {
			return err
		}
	}
	if len(problems) == 0 {
		if _, err := survey.NewCatalog(all...); err != nil {
			fmt.Fprintln(e.stdout, err)
			return silentError{}
		}
	}

	for _, p := range problems {
		fmt.Fprintln(e.stdout, p.String())
	}
	if len(problems) > 0 {
		fmt.Fprintf(e.stderr, "%d problem(s) in survey files\n", len(problems))
		return silentError{}
	}
	for _, s := range all {
		fmt.Fprintf(e.stdout, "ok %s version %d (%d items, %s): %s\n", s.ID, s.Version, len(s.Items), strings.Join(s.Languages, ","), s.File)
	}
	return nil
}
