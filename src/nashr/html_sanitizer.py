"""Raw HTML from a manuscript, made safe: what is kept, what is dropped, and a report of the drops.

The allow-list holds the elements that map onto the document model (Pandoc's AST) and that every
writer can show: phrasing (sup, sub, br, em, strong, b, i, u, small, mark, abbr, kbd, code, q, del,
s, ins, cite, span), blocks (div, p, h1–h6, blockquote, aside, pre, hr, figure, lists, tables,
details/summary) and links and images. `dir`, `lang`, `class` and `id` are kept on all of them;
a few elements keep the attributes that mean something in print (an image's size, a list's start,
a cell's span). Everything else is dropped: scripts, styles, frames, objects, forms and media with
their content, any other element with its tag only (its text stays), event handlers, `style`, and
any image that is not a file in the manuscript folder or a link to a `file:` or `javascript:` URL.

nh3 (the binding of Ammonia, a maintained HTML5 sanitizer) does the cleaning; `dropped` reads the
same fragments with the standard library's tokenizer to say, tag by tag, what nh3 will leave out,
so an author learns what is missing from the outputs. Both follow the rules written here once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Iterable

import nh3

from nashr.sandbox import NETWORK_SCHEMES, SCHEME

PHRASING = {"sup", "sub", "br", "em", "strong", "b", "i", "u", "small", "mark", "abbr", "kbd", "code",
            "q", "del", "s", "ins", "cite", "span", "a", "img"}
BLOCKS = {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "pre", "hr",
          "figure", "figcaption", "ol", "ul", "li", "dl", "dt", "dd", "details", "summary",
          "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
ALLOWED = PHRASING | BLOCKS
# Dropped together with everything inside them: code, styling, embedded documents, forms and media.
WITH_CONTENT = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
                "template", "form", "textarea", "select", "button", "svg", "math", "video", "audio",
                "canvas", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
GLOBAL = {"dir", "lang", "class", "id"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span", "align"},
    "colgroup": {"span"},
}
# Honoured otherwise, so dropped without a word: Markdown inside an HTML block is always read
# (`markdown="1"`), and a details box is always open on paper.
HONOURED = {"markdown", "open"}
LINK_SCHEMES = {"http", "https", "mailto"}


def _scheme(value: str) -> str | None:
    match = SCHEME.match(value.strip())
    return match.group(0)[:-1].lower() if match else None


def source_problem(value: str) -> str | None:
    """Why an image source written in raw HTML cannot be shown, or None when it names a file inside
    the manuscript folder (whether it exists is checked with every other embedded file, by sandbox.py)."""
    value = value.strip()
    scheme = _scheme(value)
    if value.startswith("//") or scheme in NETWORK_SCHEMES:
        return "it would come from the network and nashr fetches nothing"
    if scheme == "data":
        return None if value[5:].lower().startswith("image/") else "it is a data: URL that is no image"
    if scheme:
        return f"a {scheme}: address is not a file in the manuscript folder"
    if value.startswith(("/", "\\")):
        return "an absolute path is not a file in the manuscript folder"
    return None


def link_problem(value: str) -> str | None:
    """Why a link written in raw HTML is dropped (a `javascript:` or `file:` URL), or None."""
    scheme = _scheme(value)
    return None if scheme is None or scheme in LINK_SCHEMES else f"a {scheme}: link"


def _keep(tag: str, name: str, value: str) -> bool:
    if tag == "img" and name == "src":
        return source_problem(value) is None
    if tag == "a" and name == "href":
        return link_problem(value) is None
    return True


_CLEANER = nh3.Cleaner(
    tags=ALLOWED,
    clean_content_tags=WITH_CONTENT,
    attributes={"*": GLOBAL, **ATTRIBUTES},
    attribute_filter=lambda tag, name, value: value if _keep(tag, name, value) else None,
    url_schemes=LINK_SCHEMES | {"data"},
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """`html` with only the allowed elements and attributes left, balanced and escaped."""
    return _CLEANER.clean(html)


@dataclass(frozen=True)
class Drop:
    """Something `clean` leaves out, and the start tag it was found in: its name, its text as written
    (to locate it) and its place among the tags of the piece (to locate it once)."""

    what: str
    tag: str
    written: str
    index: int
    fragment: int = 0  # which of the fragments given to `dropped` holds it


class _Scanner(HTMLParser):
    """Reads the fragments of a piece of raw HTML in order, noting each drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drops: list[Drop] = []
        self._inside: list[str] = []  # open elements dropped with their content
        self._tags = 0

    def _note(self, tag: str, what: str) -> None:
        self.drops.append(Drop(what, tag, self.get_starttag_text() or f"<{tag}", self._tags))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tags += 1
        if self._inside:
            if tag == self._inside[-1]:
                self._inside.append(tag)
            return
        if tag in WITH_CONTENT:
            if tag not in VOID:
                self._inside.append(tag)
            self._note(tag, f"<{tag}> and its content")
            return
        if tag not in ALLOWED:
            self._note(tag, f"the tag <{tag}> (its text is kept; if the tag is text, put it in `backticks`)")
            return
        allowed = GLOBAL | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name in HONOURED:
                continue
            if name not in allowed:
                self._note(tag, f"the {name} attribute of <{tag}>")
            elif tag == "img" and name == "src" and (reason := source_problem(value)):
                self._note(tag, f"the image {value} ({reason}: copy the file into the manuscript folder "
                                "and give its relative path)")
            elif tag == "a" and name == "href" and (reason := link_problem(value)):
                self._note(tag, f"{reason} ({value})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()


def dropped(fragments: Iterable[str]) -> list[Drop]:
    """What `clean` will leave out of a piece of raw HTML given as its fragments, in order."""
    scanner = _Scanner()
    fragment: list[int] = []  # for each drop, the fragment it was found in
    number = 0
    for number, text in enumerate(fragments):
        scanner.feed(text)
        fragment += [number] * (len(scanner.drops) - len(fragment))
    scanner.close()
    fragment += [number] * (len(scanner.drops) - len(fragment))
    return [replace(drop, fragment=where) for drop, where in zip(scanner.drops, fragment)]
