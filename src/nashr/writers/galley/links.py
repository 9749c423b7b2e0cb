"""Links inside the galley: citations to their reference-list entries, and one stable id per heading.

Pandoc makes a heading's id from its text, file by file, so two content files that both open with
"مقدمة" give two elements `id="مقدمة"`; the second becomes "مقدمة-2" here (the same text gives the
same id from one build to the next). Heading levels move one down: the article title is the page's h1.

citeproc renders each citation into a Cite whose ids name the entries (`ref-<key>` in the list), each
work's words marked by citations.py (CITED Spans, from citeproc's own `link-citations`): each work of
a group ("(Brauch 2011; Buzan 1998)") links to its own entry. A Cite without those marks (a note
style's citation) links as a whole to the first entry it names.
"""
from __future__ import annotations

from nashr.ast import Node, attr, attr_value, get_attr, has_class, map_nodes, node, walk
from nashr.citations import CITED, works_are_marked

REF_PREFIX = "ref-"


def link_citations(blocks: list[Node]) -> list[Node]:
    """Each cited work's words made a link to its reference-list entry."""
    entries = {get_attr(e)[0] for e in walk(blocks) if e["t"] == "Div" and get_attr(e)[0].startswith(REF_PREFIX)}

    def link_work(element: Node) -> Node | None:
        target = REF_PREFIX + (attr_value(element, "ref") or "")
        if element["t"] != "Span" or not has_class(element, CITED) or target not in entries:
            return None
        return _linked(element["c"][1], target)

    def link(element: Node) -> Node | None:
        if element["t"] != "Cite":
            return None
        if works_are_marked(element):
            return {**element, "c": [element["c"][0], map_nodes(element["c"][1], link_work)]}
        target = next((REF_PREFIX + c["citationId"] for c in element["c"][0]
                       if REF_PREFIX + c["citationId"] in entries), None)
        if target is None or any(e["t"] == "Link" for e in walk(element["c"][1])):
            return None
        return {**element, "c": [element["c"][0], [_linked(element["c"][1], target)]]}

    return map_nodes(blocks, link)


def _linked(inlines: list[Node], target: str) -> Node:
    return node("Link", [attr(classes=["citation-link"]), inlines, [f"#{target}", ""]])


def number_headings(blocks: list[Node]) -> list[Node]:
    """Headings one level down (h1 is the title) with ids unique through the article."""
    seen: set[str] = {get_attr(e)[0] for e in walk(blocks) if get_attr(e) and e["t"] != "Header"}

    def unique(element: Node) -> Node | None:
        if element["t"] != "Header":
            return None
        level, (identifier, classes, pairs), inlines = element["c"]
        base = identifier or "section"
        identifier, suffix = base, 1
        while identifier in seen:
            suffix += 1
            identifier = f"{base}-{suffix}"
        seen.add(identifier)
        return {**element, "c": [min(level + 1, 6), [identifier, classes, pairs], inlines]}

    return map_nodes(blocks, unique)
