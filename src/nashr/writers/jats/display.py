"""Figures and tables: `<fig>` and `<table-wrap>` with the label nashr printed ("شكل 1") as `<label>`
and the rest of the caption as `<caption>`; a table in the XHTML model JATS4R asks for, with headers as
`<th>`; every image with its `alt-text`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from nashr.ast import Node, get_attr, stringify, walk
from nashr.vocabulary import is_caption_label
from nashr.writers.jats.tagset import XLINK
from nashr.writers.jats.xml import opened, sub

if TYPE_CHECKING:
    from nashr.writers.jats.content import Content

ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}


def split_caption(blocks: list[Node]) -> tuple[str, list[Node]]:
    """The label captions.py put at the start of a caption, and the caption without it (nor the ": ");
    also when the bidi transform wrapped the caption in a Div of its direction."""
    if blocks and blocks[0]["t"] == "Div":
        label, inner = split_caption(blocks[0]["c"][1])
        return label, ([{**blocks[0], "c": [blocks[0]["c"][0], inner]}] if inner else []) + blocks[1:]
    if not blocks or blocks[0]["t"] not in ("Plain", "Para"):
        return "", blocks
    inlines = blocks[0]["c"]
    if not inlines or not is_caption_label(inlines[0]):
        return "", blocks
    label, rest = stringify(inlines[0]), inlines[1:]
    if rest[:1] == [{"t": "Str", "c": ":"}]:
        rest = rest[1:]
    while rest and rest[0]["t"] == "Space":
        rest = rest[1:]
    return label, ([{**blocks[0], "c": rest}] if rest else []) + blocks[1:]


def _labelled(content: "Content", tag: str, kind: str, element: Node, parent: etree._Element,
              lang: str | None) -> tuple[etree._Element, str]:
    """The figure or table element with its id, label and caption; and the caption's text."""
    identifier = get_attr(element)[0]
    xml_id = content.ids.add(identifier, kind) if identifier else content.ids.new(kind)
    wrapper = opened(parent, tag, lang, {"id": xml_id})
    label, caption = split_caption(element["c"][1][1])
    if label:
        sub(wrapper, "label", text=label)
    if caption:
        content.paragraphs(caption, sub(wrapper, "caption"))
    return wrapper, stringify(caption).strip()


def figure(content: "Content", block: Node, parent: etree._Element, lang: str | None) -> None:
    images = [element for element in walk(block["c"][2]) if element["t"] == "Image"]
    if not images:  # a figure of text or a table: its caption and content, as they are
        content.blocks(block["c"][1][1] + block["c"][2], parent, lang)
        return
    fig, caption = _labelled(content, "fig", "fig", block, parent, lang)
    for image in images:
        graphic = sub(fig, "graphic", {f"{{{XLINK}}}href": image["c"][2][0]})
        sub(graphic, "alt-text", text=stringify(image["c"][1]).strip() or caption or "null")


def table(content: "Content", block: Node, parent: etree._Element, lang: str | None) -> None:
    _, _, _, head, bodies, foot = block["c"]
    wrap, _ = _labelled(content, "table-wrap", "table", block, parent, lang)
    element = sub(wrap, "table")
    head_rows = head[1]
    body_rows = [row for body in bodies for row in body[2] + body[3]]
    if not head_rows and body_rows:  # JATS4R: a data table has header cells; the first row is the nearest
        head_rows, body_rows = body_rows[:1], body_rows[1:]
    _rows(content, head_rows, sub(element, "thead"), "th")
    if body_rows:
        _rows(content, body_rows, sub(element, "tbody"), "td")
    if foot[1]:
        _rows(content, foot[1], sub(element, "tfoot"), "td")


def _rows(content: "Content", rows: list, parent: etree._Element, cell_tag: str) -> None:
    for _, cells in rows:
        row = sub(parent, "tr")
        for _, align, rowspan, colspan, blocks in cells:
            cell = sub(row, cell_tag, {"align": ALIGN.get(align["t"]),
                                       "rowspan": str(rowspan) if rowspan > 1 else None,
                                       "colspan": str(colspan) if colspan > 1 else None})
            if len(blocks) == 1 and blocks[0]["t"] in ("Plain", "Para"):
                content.inlines(blocks[0]["c"], cell)
            else:
                content.blocks(blocks, cell)
