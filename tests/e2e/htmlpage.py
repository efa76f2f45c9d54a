"""Reads board-report.html into a small tree (Python's html.parser, no other
package) and reads back what the page says: its key messages, its change
table, the figures of its tables, its headings and tables' structure."""
import re
from html.parser import HTMLParser

VOID = {"meta", "br", "link", "img", "input", "hr", "col", "source", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        """The text inside, a <br> read as a newline."""
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag == "br":
                out.append("\n")
            else:
                out.append(c.text())
        return "".join(out)

    def words(self):
        """The text with its white space squashed (line breaks as spaces)."""
        return re.sub(r"\s+", " ", self.text()).strip()

    def all(self, tag=None, cls=None, **attrs):
        """Every element below (depth first) with the tag, class and attributes."""
        for c in self.children:
            if isinstance(c, str):
                continue
            if ((tag is None or c.tag == tag)
                    and (cls is None or cls in c.attrs.get("class", "").split())
                    and all(c.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                yield c
            yield from c.all(tag, cls, **attrs)

    def first(self, tag=None, cls=None, **attrs):
        return next(self.all(tag, cls, **attrs), None)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.errors = []

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None or n is self.root:
            self.errors.append(f"</{tag}> closes nothing")
            return
        if n is not self.cur:
            self.errors.append(f"</{tag}> closes <{self.cur.tag}>")
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    """The page's tree and the nesting errors found while reading it."""
    with open(path, encoding="utf-8") as f:
        b = _Builder()
        b.feed(f.read())
        b.close()
    return b.root, b.errors


def messages(root):
    """The key messages, as the page says them."""
    ul = root.first("ul", cls="messages")
    return [li.words() for li in ul.all("li")] if ul else []


def table_after(root, heading_id):
    """The first table after the heading with this id, as rows of cell words."""
    seen = False
    for el in root.all():
        if el.attrs.get("id") == heading_id:
            seen = True
        elif seen and el.tag == "table":
            return rows(el)
    return []


def rows(table):
    """The body rows of a table: each a list of the words of its cells."""
    body = table.first("tbody")
    return [[c.words() for c in tr.children if not isinstance(c, str) and c.tag in ("th", "td")]
            for tr in body.all("tr")]


def changes(root):
    """{measure: (then, now, change words)} of the change table."""
    return {r[0]: (r[1], r[2], r[3]) for r in table_after(root, "changes")}


def figures(root):
    """The rows of the appendix's table of every figure: (measure, unit,
    counted, out of, value, rating words)."""
    for cap in root.all("caption"):
        if cap.words().startswith("A3. "):
            return [tuple(r) for r in rows(cap.parent)]
    return []
