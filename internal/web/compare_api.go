package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/heltnormal/heltnormal/internal/compare"
	"github.com/heltnormal/heltnormal/internal/results"
)

// compareRow is one school or class in the compare API.
type compareRow struct {
	Level        string         `json:"level"`
	Municipality string         `json:"municipality,omitempty"`
	SchoolID     string         `json:"school_id"`
	School       string         `json:"school"`
	ClassLabel   string         `json:"class_label,omitempty"`
	SessionID    string         `json:"session_id,omitempty"`
	N            int            `json:"n"`
	Suppressed   bool           `json:"suppressed"`
	Items        []results.Item `json:"items"`
}

// compareRows flattens a comparison tree into rows: for one municipality, each school
// followed by its classes; for a cluster or the region, each municipality followed by its
// schools (the classes are still in the tree, and their hidden figures still protected, but a
// region has too many to list). Only the school asked for is kept when there is one.
func compareRows(root *compare.Node, schoolID string) []compareRow {
	var rows []compareRow
	municipality := ""
	wide := root.Level > results.LevelMunicipality
	root.Walk(func(n *compare.Node) {
		switch n.Level {
		case results.LevelMunicipality:
			municipality = n.Key
			if wide && schoolID == "" {
				rows = append(rows, compareRow{Level: "municipality", Municipality: n.Key,
					N: n.Group.N, Suppressed: n.Group.Suppressed, Items: n.Group.Items})
			}
		case results.LevelSchool:
			if schoolID == "" || n.SchoolID == schoolID {
				rows = append(rows, compareRow{Level: "school", Municipality: municipality, SchoolID: n.SchoolID, School: n.Label,
					N: n.Group.N, Suppressed: n.Group.Suppressed, Items: n.Group.Items})
			}
		case results.LevelClass:
			if !wide && (schoolID == "" || n.SchoolID == schoolID) {
				school := rows[len(rows)-1].School
				rows = append(rows, compareRow{Level: "class", Municipality: municipality, SchoolID: n.SchoolID, School: school,
					ClassLabel: n.Label, SessionID: n.Key, N: n.Group.N, Suppressed: n.Group.Suppressed, Items: n.Group.Items})
			}
		}
	})
	return rows
}

// compareAPI compares a municipality's schools and classes on one survey (SSP consultants
// of that municipality, administrators), every figure protected by the privacy rules.
func (s *sspHandlers) compareAPI(c *fiber.Ctx) error {
	q, sv, root, err := s.compareFromQuery(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{
		"min_group":      s.cfg.MinGroup,
		"survey_id":      sv.ID,
		"survey_version": sv.Version,
		"total":          fiber.Map{"level": levelName(root.Level), "name": root.Label, "n": root.Group.N, "suppressed": root.Group.Suppressed, "items": root.Group.Items},
		"rows":           compareRows(root, q.SchoolID),
	})
}

// levelName is a level as the API spells it.
func levelName(l results.Level) string {
	return [...]string{"class", "school", "municipality", "cluster", "region"}[l]
}
