package poster

// scene is a poster drawn in the abstract: what goes where on a w×h page, in the renderer's
// units (points for the PDF, pixels for the PNG), with y growing downwards. Both renderers
// draw the same kind of scene, so the PDF and the PNG look alike, and the layout is tested
// without either.
type scene struct {
	w, h       float64
	margin     float64 // nothing but decoration comes closer to the edge
	background rgb
	shapes     []shape // drawn first, in order
	texts      []textRun
}

// shape is a filled box with rounded corners (a circle when the radii are half its side),
// an outline of one (stroke > 0: a ring of that width inside the box), or a polygon.
type shape struct {
	x, y, w, h float64
	radii      [4]float64 // top-left, top-right, bottom-right, bottom-left
	stroke     float64
	points     [][2]float64 // when set, a filled polygon instead of a box
	color      rgb
	decoration bool // may reach past the margins and off the page
}

// textRun is one line of text, drawn from the left end of its baseline.
type textRun struct {
	x, y  float64
	size  float64
	bold  bool
	color rgb
	text  string
	width float64 // as measured by the layout; the renderers draw exactly this wide
}
