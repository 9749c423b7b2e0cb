"""The EPUB's content documents as XML: what Pandoc's HTML writer cannot say, and links across files.

Each page is rendered as HTML by Jinja2 and Pandoc, then parsed as XML — so a page that is not
well-formed XHTML fails here, not in a reading system — and finished: note Divs become `<aside>`s,
ids are made unique through the whole book and `#id` links point at the file that holds the target.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote

from nashr.sandbox import SCHEME
from nashr.writers.epub.notes import ASIDE_CLASS

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
MATHML = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", XHTML)
ET.register_namespace("epub", OPS)
ET.register_namespace("m", MATHML)

HEADINGS = {f"{{{XHTML}}}h{level}": level for level in range(1, 7)}
# Characters XML 1.0 does not allow; text pasted from word processors sometimes carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse(html: str) -> ET.Element:
    """The page as an XML tree, without the invisible control characters XML cannot hold."""
    return ET.fromstring(_NOT_XML.sub("", html).encode("utf-8"))


def serialize(root: ET.Element) -> bytes:
    # registered again here, not only above: a library imported later in the same process can take the
    # "" prefix for its own namespace, and the pages would come out with ns0: prefixes
    ET.register_namespace("", XHTML)
    ET.register_namespace("epub", OPS)
    ET.register_namespace("m", MATHML)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + body + "\n").encode("utf-8")


def make_asides(root: ET.Element) -> None:
    """Pandoc writes no <aside>: rename the note Divs marked by epub/notes.aside()."""
    for element in root.iter(f"{{{XHTML}}}div"):
        classes = element.get("class", "").split()
        if ASIDE_CLASS in classes:
            element.tag = f"{{{XHTML}}}aside"
            rest = " ".join(c for c in classes if c != ASIDE_CLASS)
            if rest:
                element.set("class", rest)
            else:
                del element.attrib["class"]


def link_pages(pages: dict[str, ET.Element]) -> None:
    """Give every id one owner page (renaming repeats) and send `#id` links to the page holding `id`.

    A link that cannot lead anywhere from inside the book — a relative path such as `/url/` or
    `chapter.md`, or a `#fragment` no element has — keeps its text but loses its `href`: reading
    systems cannot follow it and EPUBCheck rejects it."""
    owner: dict[str, str] = {}
    for name, root in pages.items():
        for element in root.iter():
            identifier = element.get("id")
            if identifier is None:
                continue
            unique, suffix = identifier, 1
            while unique in owner:
                suffix += 1
                unique = f"{identifier}-{suffix}"
            element.set("id", unique)
            owner[unique] = name
    for name, root in pages.items():
        for link in root.iter(f"{{{XHTML}}}a"):
            href = link.get("href")
            if href is None or SCHEME.match(href):  # https:, mailto: … leave the book on purpose
                continue
            target = owner.get(unquote(href[1:])) if href.startswith("#") else None
            if target is None:
                del link.attrib["href"]
            elif target != name:
                link.set("href", target + href)


@dataclass
class NavEntry:
    href: str
    text: str
    dir: str
    children: list["NavEntry"] = field(default_factory=list)


def headings(name: str, root: ET.Element) -> list[tuple[int, str, str, str]]:
    """(level, href, text, direction) of the page's headings outside notes; a heading without id gets
    one. The direction is the one the heading is set in on its page (its own `dir` or its nearest
    ancestor's), so the table of contents lists each title as the page shows it."""
    found: list[tuple[int, str, str, str]] = []

    def visit(element: ET.Element, direction: str) -> None:
        direction = element.get("dir") or direction
        if element.tag == f"{{{XHTML}}}aside":
            return
        if element.tag in HEADINGS:
            if element.get("id") is None:
                element.set("id", f"nashr-heading-{len(found) + 1}")
            found.append((HEADINGS[element.tag], f"{name}#{element.get('id')}", _text(element), direction))
            return
        for child in element:
            visit(child, direction)

    visit(root, "")
    return found


def _text(element: ET.Element) -> str:
    """The element's text without note calls, spaces collapsed."""
    parts: list[str] = []

    def collect(current: ET.Element) -> None:
        if current.get(f"{{{OPS}}}type") != "noteref":
            parts.append(current.text or "")
            for child in current:
                collect(child)
                parts.append(child.tail or "")

    collect(element)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def nest(entries: list[tuple[int, str, str, str]]) -> list[NavEntry]:
    """Headings as a tree: each one below the nearest preceding heading of a higher level."""
    tree: list[NavEntry] = []
    stack: list[tuple[int, NavEntry]] = []
    for level, href, text, direction in entries:
        entry = NavEntry(href, text, direction)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else tree).append(entry)
        stack.append((level, entry))
    return tree
