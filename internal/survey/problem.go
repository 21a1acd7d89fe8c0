package survey

import (
	"errors"
	"strconv"
	"strings"
)

// ErrNotFound is returned when a survey, or something else a caller asked for by id, does
// not exist; callers map it to a 404 in one place.
var ErrNotFound = errors.New("not found")

// Problem is one thing wrong with a survey file, with the line to fix it on.
type Problem struct {
	File    string
	Line    int // 0 when the problem has no line, such as an empty file
	Message string
}

// String formats the problem as "file:line: message", the form editors and CI logs link to.
func (p Problem) String() string {
	if p.Line <= 0 {
		return p.File + ": " + p.Message
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Message
}

// Problems is an error holding every problem found, so an author fixes a file in one round
// instead of one error per run.
type Problems []Problem

// Error returns one "file:line: message" per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
