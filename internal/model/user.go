package model

import "slices"

// Role is what a user may do.
type Role string

// Roles: an administrator sees everything; an SSP consultant one municipality; a teacher
// the sessions of one school; a coordinator reads the comparisons of a region or one of its
// clusters and changes nothing.
const (
	RoleAdmin       Role = "admin"
	RoleSSP         Role = "ssp"
	RoleTeacher     Role = "teacher"
	RoleCoordinator Role = "coordinator"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleSSP || r == RoleTeacher || r == RoleCoordinator
}

// User is a staff account (pupils have none).
type User struct {
	ID           string `bson:"_id"`
	Email        string `bson:"email"` // lower-case
	PasswordHash string `bson:"password_hash"`
	Role         Role   `bson:"role"`
	Municipality string `bson:"municipality,omitempty"` // ssp and teacher
	SchoolID     string `bson:"school_id,omitempty"`    // teacher
	Region       string `bson:"region,omitempty"`       // coordinator: a region's key ("Midtjylland")
	Cluster      string `bson:"cluster,omitempty"`      // coordinator of one of the region's clusters
	CreatedDay   string `bson:"created_day"`
	Name         string `bson:"name,omitempty"`
	// Disabled accounts can't log in, and their logins and tokens stop working at once (a
	// teacher who left the school).
	Disabled bool `bson:"disabled,omitempty"`
	// OIDCIssuer and OIDCSubject link the account to one person at a single sign-on
	// provider: its issuer URL and the subject ("sub") it gives them, which, unlike an email,
	// is never reused for someone else. Empty for an account that signs in with a password.
	OIDCIssuer  string `bson:"oidc_issuer,omitempty"`
	OIDCSubject string `bson:"oidc_subject,omitempty"`
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

// CanSeeMunicipality reports whether u may see the comparisons of a municipality:
// administrators any, SSP consultants their own, coordinators those of their area.
func (u *User) CanSeeMunicipality(m string) bool {
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleSSP:
		return u.Municipality != "" && u.Municipality == m
	case RoleCoordinator:
		return m != "" && slices.Contains(u.Area(), m)
	}
	return false
}

// CanSeeRegion reports whether u may compare a whole region: administrators any, a
// coordinator of the whole region (not of one cluster) theirs.
func (u *User) CanSeeRegion(key string) bool {
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleCoordinator:
		return u.Cluster == "" && u.Region != "" && u.Region == key
	}
	return false
}

// CanSeeCluster reports whether u may compare a cluster of a region: administrators any,
// coordinators those of their region or their own cluster.
func (u *User) CanSeeCluster(region, cluster string) bool {
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleCoordinator:
		return u.Region != "" && u.Region == region && (u.Cluster == "" || u.Cluster == cluster)
	}
	return false
}

// Area lists the municipalities a coordinator oversees: their cluster's, else their
// region's. Nothing for other roles, or for a region or cluster the reference data lacks.
func (u *User) Area() []string {
	if u.Role != RoleCoordinator {
		return nil
	}
	r, ok := LookupRegion(u.Region)
	if !ok || r.Key != u.Region {
		return nil
	}
	if u.Cluster == "" {
		return r.Municipalities
	}
	c, ok := r.LookupCluster(u.Cluster)
	if !ok || c.Name != u.Cluster {
		return nil
	}
	return c.Municipalities
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
