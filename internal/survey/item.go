package survey

import "go.yaml.in/yaml/v3"

var (
	itemKeys = keys{
		required: []string{"id", "topic", "healthy", "self", "perceived", "discussion", "campaign"},
		optional: []string{"sensitive", "approval"},
	}
	approvalKeys  = keys{required: []string{"topic", "self", "perceived", "statement"}}
	selfKeys      = keys{required: []string{"text", "options"}}
	optionKeys    = keys{required: []string{"id", "label"}, optional: []string{"norm", "not_applicable"}}
	perceivedKeys = keys{required: []string{"text", "scale"}}
	campaignKeys  = keys{required: []string{"statement"}, optional: []string{"approval"}}
)

// items reads the survey's items; scales are the declared scales a perceived question
// may name.
func (c *checker) items(n *yaml.Node, scales map[string][]Option) []Item {
	list, ok := c.sequence(n, where{path: "items"})
	if !ok {
		return nil
	}
	if len(list) == 0 {
		c.report(n, where{path: "items"}, "list at least one item")
	}
	var items []Item
	first := seen{}
	for i, e := range list {
		it, idNode, approvalNode := c.item(e, i, scales)
		c.unique(first, idNode, where{}, "item id", it.ID)
		items = append(items, it)
		if approvalNode != nil {
			ap := c.approval(approvalNode, it, where{prefix: entryName(e, "item", i)}.key("approval"), scales)
			c.unique(first, idNode, where{}, "item id", ap.ID)
			items = append(items, ap)
		}
	}
	return items
}

// approval reads an item's optional approval pair (an injunctive norm): "Synes du, det er i
// orden at …?" and "Hvor mange i din klasse tror du synes, det er i orden?". It becomes a
// topic of its own, right after its item, named "<item>-ok": counted, suppressed, released,
// compared and exported like any other, and the measured approval line of its item's
// campaign message. Its norm options are those that approve of the item's counted
// behaviour, so its healthy side is the same as the item's; Statement words that side
// ("synes ikke, det er i orden at drikke sig fuld").
func (c *checker) approval(n *yaml.Node, of Item, w where, scales map[string][]Option) Item {
	ap := Item{ID: of.ID + ApprovalSuffix, ApprovalOf: of.ID, Healthy: of.Healthy, Sensitive: of.Sensitive, Discussion: of.Discussion}
	f, ok := c.mapping(n, w, approvalKeys)
	if !ok {
		return ap
	}
	if n := f.value("topic"); n != nil {
		ap.Topic = c.pupilText(n, w.key("topic"))
	}
	if n := f.value("self"); n != nil {
		ap.Self = c.self(n, w.key("self"))
	}
	if n := f.value("perceived"); n != nil {
		ap.Perceived = c.perceived(n, w.key("perceived"), scales)
	}
	if n := f.value("statement"); n != nil {
		ap.Campaign.Statement = c.teacherText(n, w.key("statement"))
	}
	return ap
}

// item reads one item; messages about it start with its id. It returns the item's approval
// pair unread, for items to add after it.
func (c *checker) item(n *yaml.Node, index int, scales map[string][]Option) (it Item, idNode, approval *yaml.Node) {
	w := where{prefix: entryName(n, "item", index)}
	f, ok := c.mapping(n, w, itemKeys)
	if !ok {
		return it, nil, nil
	}
	idNode = f.value("id")
	if idNode != nil {
		it.ID, _ = c.id(idNode, w.key("id"), idPattern)
	}
	if n := f.value("topic"); n != nil {
		it.Topic = c.pupilText(n, w.key("topic"))
	}
	if n := f.value("healthy"); n != nil {
		it.Healthy, _ = c.boolean(n, w.key("healthy"))
	}
	if n := f.value("sensitive"); n != nil {
		it.Sensitive, _ = c.boolean(n, w.key("sensitive"))
	}
	if n := f.value("self"); n != nil {
		it.Self = c.self(n, w.key("self"))
	}
	if n := f.value("perceived"); n != nil {
		it.Perceived = c.perceived(n, w.key("perceived"), scales)
	}
	if n := f.value("discussion"); n != nil {
		it.Discussion = c.discussion(n, w.key("discussion"))
	}
	if n := f.value("campaign"); n != nil {
		it.Campaign = c.campaign(n, w.key("campaign"))
	}
	return it, idNode, f.value("approval")
}

// self reads the self question. It needs an option counted as the norm and an applicable
// one that is not, or the actual share would always be 0 or 100 %; not-applicable options
// count on neither side.
func (c *checker) self(n *yaml.Node, w where) SelfQuestion {
	var q SelfQuestion
	f, ok := c.mapping(n, w, selfKeys)
	if !ok {
		return q
	}
	if n := f.value("text"); n != nil {
		q.Text = c.pupilText(n, w.key("text"))
	}
	optionsKey, n := f.keys["options"], f.value("options")
	if n == nil {
		return q
	}
	list, ok := c.sequence(n, w.key("options"))
	if !ok {
		return q
	}
	item := where{prefix: w.prefix}
	first := seen{}
	norms, notApplicable := 0, 0
	for i, e := range list {
		o, idNode := c.option(e, w.prefix, i)
		c.unique(first, idNode, item, "option id", o.ID)
		switch {
		case o.Norm:
			norms++
		case o.NotApplicable:
			notApplicable++
		}
		q.Options = append(q.Options, o)
	}
	if len(list) < 2 {
		c.report(optionsKey, item, "self question needs at least 2 options, got %d", len(list))
	}
	switch {
	case norms == 0:
		c.report(optionsKey, item, "self question has no option with norm: true")
	case norms == len(list) && len(list) >= 2:
		c.report(optionsKey, item, "self question needs an option without norm: true")
	case norms+notApplicable == len(list) && len(list) >= 2:
		c.report(optionsKey, item, "self question needs an option without norm: true that is not not_applicable")
	}
	return q
}

// option reads one self option; messages name it by id, or by position when it has none.
func (c *checker) option(n *yaml.Node, itemPrefix string, index int) (Option, *yaml.Node) {
	var o Option
	w := where{prefix: itemPrefix + entryName(n, "self option", index)}
	f, ok := c.mapping(n, w, optionKeys)
	if !ok {
		return o, nil
	}
	idNode := f.value("id")
	if idNode != nil {
		o.ID, _ = c.id(idNode, w.key("id"), optionIDPattern)
	}
	if n := f.value("label"); n != nil {
		o.Label = c.pupilText(n, w.key("label"))
	}
	if n := f.value("norm"); n != nil {
		o.Norm, _ = c.boolean(n, w.key("norm"))
	}
	if n := f.value("not_applicable"); n != nil {
		o.NotApplicable, _ = c.boolean(n, w.key("not_applicable"))
		if o.NotApplicable && o.Norm {
			c.report(n, w.key("not_applicable"), "an option cannot be both norm: true and not_applicable: true")
		}
	}
	return o, idNode
}

// perceived reads the perceived question, whose scale must be declared under scales.
func (c *checker) perceived(n *yaml.Node, w where, scales map[string][]Option) PerceivedQuestion {
	var q PerceivedQuestion
	f, ok := c.mapping(n, w, perceivedKeys)
	if !ok {
		return q
	}
	if n := f.value("text"); n != nil {
		q.Text = c.pupilText(n, w.key("text"))
	}
	if n := f.value("scale"); n != nil {
		if name, ok := c.str(n, w.key("scale")); ok {
			q.Scale = name
			// A nil map means scales itself is broken, which is reported already.
			if _, declared := scales[name]; !declared && scales != nil {
				c.report(n, w.key("scale"), "unknown scale %s", quote(name))
			}
		}
	}
	return q
}

// campaign reads the words of positive-norm messages for the item.
func (c *checker) campaign(n *yaml.Node, w where) Campaign {
	var cp Campaign
	f, ok := c.mapping(n, w, campaignKeys)
	if !ok {
		return cp
	}
	if n := f.value("statement"); n != nil {
		cp.Statement = c.teacherText(n, w.key("statement"))
	}
	if n := f.value("approval"); n != nil {
		cp.Approval = c.teacherText(n, w.key("approval"))
	}
	return cp
}
