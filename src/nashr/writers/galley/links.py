"""Links inside the galley: citations to their reference-list entries, and one stable id per heading.

Pandoc makes a heading's id from its text, file by file, so two content files that both open with
"مقدمة" give two elements `id="مقدمة"`; the second becomes "مقدمة-2" here (the same text gives the
same id from one build to the next). Heading levels move one down: the article title is the page's h1.

citeproc renders each citation into a Cite whose ids name the entries (`ref-<key>` in the list). A
citation of one work links to that work's entry; a group of works ("(Brauch 2011; Buzan 1998)") is
rendered by citeproc as one run of text, which cannot be cut into its works reliably (styles sort and
collapse them), so it links to the first entry it names.
"""
from __future__ import annotations

from nashr.ast import Node, attr, get_attr, map_nodes, node, walk

REF_PREFIX = "ref-"


def link_citations(blocks: list[Node]) -> list[Node]:
    """Each citation made a link to the reference-list entry of the (first) work it cites."""
    entries = {get_attr(e)[0] for e in walk(blocks) if e["t"] == "Div" and get_attr(e)[0].startswith(REF_PREFIX)}

    def link(element: Node) -> Node | None:
        if element["t"] != "Cite":
            return None
        target = next((REF_PREFIX + c["citationId"] for c in element["c"][0]
                       if REF_PREFIX + c["citationId"] in entries), None)
        if target is None or any(e["t"] == "Link" for e in walk(element["c"][1])):
            return None
        linked = node("Link", [attr(classes=["citation-link"]), element["c"][1], [f"#{target}", ""]])
        return {**element, "c": [element["c"][0], [linked]]}

    return map_nodes(blocks, link)


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
