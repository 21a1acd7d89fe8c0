package model

// Role is what a user may do.
type Role string

// Roles: an administrator sees everything; an SSP consultant one municipality; a teacher
// the sessions of one school.
const (
	RoleAdmin   Role = "admin"
	RoleSSP     Role = "ssp"
	RoleTeacher Role = "teacher"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleSSP || r == RoleTeacher }

// User is a staff account (pupils have none).
type User struct {
	ID           string `bson:"_id"`
	Email        string `bson:"email"` // lower-case
	PasswordHash string `bson:"password_hash"`
	Role         Role   `bson:"role"`
	Municipality string `bson:"municipality,omitempty"` // ssp and teacher
	SchoolID     string `bson:"school_id,omitempty"`    // teacher
	CreatedDay   string `bson:"created_day"`
	Name         string `bson:"name,omitempty"`
	// Disabled accounts can't log in, and their logins and tokens stop working at once (a
	// teacher who left the school).
	Disabled bool `bson:"disabled,omitempty"`
}

// CanManageUser reports whether u may change, deactivate or reset the password of target:
// administrators anyone but themselves, SSP consultants the teachers of their municipality.
func (u *User) CanManageUser(target *User) bool {
	switch u.Role {
	case RoleAdmin:
		return u.ID != target.ID
	case RoleSSP:
		return target.Role == RoleTeacher && target.Municipality == u.Municipality
	}
	return false
}

// CanSeeMunicipality reports whether u may see data of a municipality.
func (u *User) CanSeeMunicipality(m string) bool {
	return u.Role == RoleAdmin || (u.Role == RoleSSP && u.Municipality == m)
}

// CanManageSession reports whether u may see, close, re-open or delete a class session:
// its teacher's school colleagues, the municipality's SSP consultants, administrators.
func (u *User) CanManageSession(s *Session) bool {
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleSSP:
		return u.Municipality == s.Municipality
	case RoleTeacher:
		return u.SchoolID == s.SchoolID
	}
	return false
}
