"""The body as nested `sec`s with titles, and what the back matter takes out of it (the reference list).

Headings become sections: each heading opens a `sec` inside the nearest open section of a higher level
(a heading level skipped still nests). A Div of another language around headings (`::: {lang=en}`) is
opened so its headings can start sections, its language kept on each piece. citeproc's reference list
(`#refs`) and the heading right before it go to the back matter.
"""
from __future__ import annotations

from lxml import etree

from nashr.ast import Node, attr_value, node
from nashr.writers.jats.content import Content
from nashr.writers.jats.xml import sub

REFS = "refs"


def lift_headings(blocks: list[Node]) -> list[Node]:
    """`blocks` with every Div that holds a heading replaced by its content, each piece keeping the
    Div's language and direction."""
    lifted: list[Node] = []
    for block in blocks:
        if block["t"] != "Div" or block["c"][0][0] == REFS or not any(child["t"] == "Header" for child in block["c"][1]):
            lifted.append(block)
            continue
        (_, _, pairs), children = block["c"]
        keep = [pair for pair in pairs if pair[0] in ("lang", "dir")]
        for child in lift_headings(children):
            if child["t"] == "Header":
                level, (identifier, classes, own), inlines = child["c"]
                named = {key for key, _ in own}
                lifted.append(node("Header", [level, [identifier, classes, own + [p for p in keep if p[0] not in named]], inlines]))
            else:
                lifted.append(node("Div", [["", [], keep], [child]]))
    return lifted


def take_references(blocks: list[Node]) -> tuple[list[Node], Node | None, list[Node]]:
    """The blocks without the reference list, the list's Div (None when there is none) and its title
    (the inlines of the heading right before it)."""
    for index, block in enumerate(blocks):
        if block["t"] == "Div" and block["c"][0][0] == REFS:
            title: list[Node] = []
            start = index
            if index and blocks[index - 1]["t"] == "Header":
                title, start = blocks[index - 1]["c"][2], index - 1
            return blocks[:start] + blocks[index + 1:], block, title
    return blocks, None, []


def body(content: Content, blocks: list[Node], parent: etree._Element) -> None:
    element = sub(parent, "body")
    open_sections: list[tuple[int, etree._Element]] = [(0, element)]
    for block in blocks:
        if block["t"] != "Header":
            content.block(block, open_sections[-1][1])
            continue
        level, attributes, inlines = block["c"]
        while open_sections[-1][0] >= level:
            open_sections.pop()
        identifier = attributes[0]
        section = sub(open_sections[-1][1], "sec", {"id": content.ids.add(identifier, "sec") if identifier else None})
        title = sub(section, "title")
        own = content.languages.of_element(attr_value(block, "lang"), attr_value(block, "dir"), inlines)
        content.inlines([node("Span", [["", [], [["lang", own]]], inlines])] if own else inlines, title)
        open_sections.append((level, section))
