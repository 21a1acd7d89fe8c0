package poster

// segment is one step of a path: move, line, cubic curve (through two control points) or
// close. Both renderers draw shapes from the same paths, filled with the non-zero winding
// rule, so an outline is a box with a smaller box inside it, traced the other way round.
type segment struct {
	op  byte // 'M', 'L', 'C' or 'Z'
	pts [3][2]float64
}

// kappa places a cubic Bézier's control points so that it follows a quarter circle.
const kappa = 0.5522847498

func (s shape) path() []segment {
	if len(s.points) > 0 {
		p := []segment{{op: 'M', pts: [3][2]float64{s.points[0]}}}
		for _, pt := range s.points[1:] {
			p = append(p, segment{op: 'L', pts: [3][2]float64{pt}})
		}
		return append(p, segment{op: 'Z'})
	}
	p := roundedBox(s.x, s.y, s.w, s.h, s.radii, false)
	if s.stroke > 0 && s.stroke*2 < s.w && s.stroke*2 < s.h {
		var inner [4]float64
		for i, r := range s.radii {
			inner[i] = max(r-s.stroke, 0)
		}
		p = append(p, roundedBox(s.x+s.stroke, s.y+s.stroke, s.w-2*s.stroke, s.h-2*s.stroke, inner, true)...)
	}
	return p
}

// roundedBox traces a box with rounded corners clockwise (on a page whose y grows
// downwards), or anticlockwise when reverse is set.
func roundedBox(x, y, w, h float64, r [4]float64, reverse bool) []segment {
	tl, tr, br, bl := r[0], r[1], r[2], r[3]
	// Each corner: where its curve starts, the page corner it rounds, where it ends,
	// going clockwise.
	type corner struct{ from, at, to [2]float64 }
	corners := []corner{
		{[2]float64{x + w - tr, y}, [2]float64{x + w, y}, [2]float64{x + w, y + tr}},
		{[2]float64{x + w, y + h - br}, [2]float64{x + w, y + h}, [2]float64{x + w - br, y + h}},
		{[2]float64{x + bl, y + h}, [2]float64{x, y + h}, [2]float64{x, y + h - bl}},
		{[2]float64{x, y + tl}, [2]float64{x, y}, [2]float64{x + tl, y}},
	}
	if reverse {
		for i, j := 0, len(corners)-1; i < j; i, j = i+1, j-1 {
			corners[i], corners[j] = corners[j], corners[i]
		}
		for i := range corners {
			corners[i].from, corners[i].to = corners[i].to, corners[i].from
		}
	}
	last := corners[len(corners)-1].to
	p := []segment{{op: 'M', pts: [3][2]float64{last}}}
	for _, c := range corners {
		p = append(p, segment{op: 'L', pts: [3][2]float64{c.from}})
		if c.from != c.to {
			p = append(p, segment{op: 'C', pts: [3][2]float64{
				lerp(c.from, c.at, kappa), lerp(c.to, c.at, kappa), c.to,
			}})
		}
	}
	return append(p, segment{op: 'Z'})
}

func lerp(a, b [2]float64, t float64) [2]float64 {
	return [2]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
}
