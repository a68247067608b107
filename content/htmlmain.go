package content

import (
	"log/slog"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page's main content is found in two steps. First everything that is
// never content is removed: scripts and styles, form controls, navigation,
// the page's header and footer, asides, hidden elements, and blocks whose
// class or id names them as page furniture (cookie banners, share buttons,
// breadcrumbs...). Then the content is the page's <main> (or role=main),
// else its one <article>; pages that mark neither are handed to
// readability, which scores the blocks of the page the way a browser's
// reader view does.

// furnitureTags are elements that are never an article's text.
var furnitureTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Img: true, atom.Picture: true,
	atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Label: true,
	atom.Dialog: true, atom.Nav: true, atom.Aside: true, atom.Menu: true, atom.Head: true,
}

// furnitureRoles are ARIA landmark roles of page furniture.
var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alertdialog": true, "menu": true, "menubar": true,
}

// furnitureNames are words in a class or id that name page furniture.
var furnitureNames = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "breadcrumb": true,
	"breadcrumbs": true, "skiplink": true, "share": true, "sharing": true, "social": true,
	"newsletter": true, "sidebar": true, "advert": true, "advertisement": true, "ads": true,
	"sponsored": true, "related": true, "comments": true, "toc": true, "popup": true,
	"modal": true, "navbar": true, "menu": true, "sr-only": true, "visually-hidden": true,
}

// mainContent prunes page furniture from doc and returns the element that
// holds the page's main content. pageURL may be "".
func mainContent(doc *html.Node, pageURL string) *html.Node {
	body := doc
	if b := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body }); len(b) > 0 {
		body = b[0]
	}
	prune(body, len(strings.TrimSpace(textContent(body))))
	if m := findAll(body, func(n *html.Node) bool {
		return n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main")
	}); len(m) > 0 {
		return m[0]
	}
	if a := findAll(body, func(n *html.Node) bool { return n.DataAtom == atom.Article }); len(a) == 1 {
		return a[0]
	}
	if n := readableContent(doc); n != nil {
		return n
	}
	return body
}

// prune removes page furniture below n. bodyText is the length of the
// page's text: a block holding half of it is the page itself, whatever its
// class says ("page-with-sidebar").
func prune(n *html.Node, bodyText int) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode:
				n.RemoveChild(c)
			case c.Type != html.ElementNode:
			case depth > maxHTMLDepth || isFurniture(c, bodyText):
				n.RemoveChild(c)
			case c.DataAtom == atom.Header || c.DataAtom == atom.Footer:
				liftHeadings(n, c)
			default:
				walk(c, depth+1)
			}
			c = next
		}
	}
	walk(n, 0)
}

// isFurniture reports whether an element is page furniture by its tag,
// role, visibility, or class and id.
func isFurniture(n *html.Node, bodyText int) bool {
	if furnitureTags[n.DataAtom] || furnitureRoles[strings.ToLower(attr(n, "role"))] {
		return true
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	if !furnitureName(attr(n, "class")+" "+attr(n, "id")) || n.DataAtom == atom.Main || n.DataAtom == atom.Article {
		return false
	}
	// A furniture name on the block that holds the article is a page
	// layout's name, not furniture.
	if len(findAll(n, func(m *html.Node) bool { return isElement(m, atom.H1, atom.Main, atom.Article) })) > 0 {
		return false
	}
	return 2*len(strings.TrimSpace(textContent(n))) < bodyText
}

// furnitureName reports whether a class or id list names furniture: one of
// its names is, or one of the words of a name ("cookie-banner").
func furnitureName(names string) bool {
	for _, name := range strings.Fields(strings.ToLower(names)) {
		if furnitureNames[name] {
			return true
		}
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
			if furnitureNames[w] {
				return true
			}
		}
	}
	return false
}

// liftHeadings replaces a <header> or <footer> by the headings in it: the
// page's header is furniture, but an article's header holds its title.
func liftHeadings(parent, hf *html.Node) {
	if hf.DataAtom == atom.Header && insideArticle(hf) {
		for _, h := range findAll(hf, func(n *html.Node) bool { return headingLevel(n) > 0 }) {
			h.Parent.RemoveChild(h)
			parent.InsertBefore(h, hf)
		}
	}
	parent.RemoveChild(hf)
}

// insideArticle reports whether n stands in an <article> or <main>.
func insideArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if isElement(p, atom.Article, atom.Main) || strings.EqualFold(attr(p, "role"), "main") {
			return true
		}
	}
	return false
}

// readableContent asks readability for the article in a page that marks
// no main content; nil when it finds none.
func readableContent(doc *html.Node) *html.Node {
	p := readability.NewParser()
	p.Logger = slog.New(slog.DiscardHandler)
	p.DisableJSONLD = true
	art, err := p.ParseDocument(doc, nil)
	if err != nil || art.Node == nil || strings.TrimSpace(textContent(art.Node)) == "" {
		return nil
	}
	return art.Node
}
