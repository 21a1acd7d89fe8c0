// Package material renders the teaching material (Markdown, in Danish and English) to HTML
// once, at start-up, and finds a document by its name or a survey topic's section in it.
package material

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/heltnormal/heltnormal/internal/survey"
)

// Document is one rendered piece of material.
type Document struct {
	Slug  string // "lektion-2": the file name without .md, and its URL
	Lang  string // "da", "en"; "" for documents in both languages (the references)
	Title string // the first heading
	Lead  string // the first paragraph after the title, for the index
	HTML  template.HTML
}

// order lists the documents in the order teachers need them: the lessons, the guides, the
// letter to parents, the dissemination strategy, the regional rollout plan, the references.
var order = []string{
	"lektion-1", "lesson-1", "lektion-2", "lesson-2", "lektion-3", "lesson-3",
	"laerervejledning", "teacher-guide", "ssp-vejledning", "ssp-guide",
	"foraeldrebrev", "letter-to-parents", "formidlingsstrategi", "dissemination-strategy",
	"regional-udrulning", "regional-rollout", "references",
}

// topicLesson is the lesson with a section per survey topic (anchored by the topic's id).
var topicLesson = map[string]string{"da": "lektion-2", "en": "lesson-2"}

// Library is every document, rendered.
type Library struct {
	docs []Document
}

// Load reads da/*.md, en/*.md and references.md from fsys and renders them. The material is
// ours, so its raw HTML (anchors such as <a id="sleep"></a>) is kept; links to other .md
// files become links to their pages.
func Load(fsys fs.FS) (*Library, error) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(linkRewriter{}, 100))),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	var files []string
	for _, pattern := range []string{"da/*.md", "en/*.md", "references.md"} {
		found, err := fs.Glob(fsys, pattern)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	l := &Library{}
	for _, name := range files {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		doc := Document{Slug: strings.TrimSuffix(path.Base(name), ".md")}
		if dir := path.Dir(name); dir != "." {
			doc.Lang = dir
		}
		var out bytes.Buffer
		root := md.Parser().Parse(text.NewReader(src))
		if err := md.Renderer().Render(&out, src, root); err != nil {
			return nil, fmt.Errorf("teaching-material/%s: %w", name, err)
		}
		doc.HTML = template.HTML(out.String()) // #nosec: our own material, rendered once
		doc.Title, doc.Lead = titleAndLead(root, src)
		if doc.Title == "" {
			return nil, fmt.Errorf("teaching-material/%s: no title (a first-level heading)", name)
		}
		l.docs = append(l.docs, doc)
	}
	slices.SortStableFunc(l.docs, func(a, b Document) int { return rank(a.Slug) - rank(b.Slug) })
	for _, lang := range []string{"da", "en"} {
		if _, ok := l.Get(topicLesson[lang]); !ok {
			return nil, fmt.Errorf("teaching-material: %s/%s.md is missing", lang, topicLesson[lang])
		}
	}
	return l, nil
}

func rank(slug string) int {
	if i := slices.Index(order, slug); i >= 0 {
		return i
	}
	return len(order)
}

// In lists the documents in lang (and those in both languages), in reading order.
func (l *Library) In(lang string) []Document {
	var out []Document
	for _, d := range l.docs {
		if d.Lang == lang || d.Lang == "" {
			out = append(out, d)
		}
	}
	return out
}

// Get finds a document by slug.
func (l *Library) Get(slug string) (Document, bool) {
	for _, d := range l.docs {
		if d.Slug == slug {
			return d, true
		}
	}
	return Document{}, false
}

// TopicURL is where a survey topic is discussed: its section in lesson 2. An approval pair
// ("drunk-ok") is discussed with its item.
func TopicURL(lang, topic string) string {
	topic = strings.TrimSuffix(topic, survey.ApprovalSuffix)
	lesson, ok := topicLesson[lang]
	if !ok {
		lesson = topicLesson["da"]
	}
	return "/materials/" + lesson + "#" + topic
}

// titleAndLead finds the first heading and the first paragraph after it.
func titleAndLead(root ast.Node, src []byte) (title, lead string) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if title == "" && n.Level == 1 {
				title = plain(n, src)
			}
		case *ast.Paragraph:
			if title != "" && lead == "" {
				lead = plain(n, src)
			}
		}
	}
	return title, lead
}

// plain is a node's text without markup.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// linkRewriter turns links between the Markdown files ("lektion-2.md#sleep",
// "../references.md") into links to their pages ("/materials/lektion-2#sleep").
type linkRewriter struct{}

func (linkRewriter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") || strings.HasPrefix(dest, "tel:") {
			return ast.WalkContinue, nil
		}
		file, fragment, _ := strings.Cut(dest, "#")
		if strings.HasSuffix(file, ".md") {
			dest = "/materials/" + strings.TrimSuffix(path.Base(file), ".md")
			if fragment != "" {
				dest += "#" + fragment
			}
			link.Destination = []byte(dest)
		}
		return ast.WalkContinue, nil
	})
}
