package web

// referenceHandlers answer what anyone may read without logging in: the teaching material
// and the survey definitions.
type referenceHandlers struct {
	*Server
}
