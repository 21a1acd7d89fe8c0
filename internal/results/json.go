package results

import "encoding/json"

// MarshalJSON writes a suppressed item as its id and the flag only: a zero in place of a
// hidden figure would read as a figure.
func (it Item) MarshalJSON() ([]byte, error) {
	if it.Suppressed {
		return json.Marshal(struct {
			ID         string `json:"id"`
			Suppressed bool   `json:"suppressed"`
			Reason     string `json:"reason,omitempty"`
		}{it.ID, true, it.Reason})
	}
	type plain Item // without this method
	return json.Marshal(plain(it))
}
