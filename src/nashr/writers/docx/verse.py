"""Verse in Word: each run of bayts (transforms/verse.py) as a borderless table, centred, one row per
bayt — the sadr's cell on the start side, the ʿajuz's after a gap — so Word and LibreOffice keep the
hemistichs side by side at any page width, and copy them in reading order.

Before Pandoc, `verse_as_tables` makes each `verse-bayts` (and `verse-lines`) Div a Pandoc Table whose
cells hold runs of the custom character styles `Verse` and `Verse Number` (Pandoc adds them to the
styles; a paragraph style would give way to the cells' own); after Pandoc, `finish_verse` finds those
tables by their styles, takes off their borders, centres them, spaces their rows and opens the gap.
Their columns are sized by their content with every other table's (docx_tables.py).
"""
from __future__ import annotations

from lxml import etree

from nashr.ast import Node, attr, has_class, node, span
from nashr.vocabulary import AJUZ, BAYTS, LINE, LINES, SADR, VERSE_NUMBER
from nashr.writers.docx.ooxml import ensure_child, set_child, w

STYLE, NUMBER_STYLE = "Verse", "Verse Number"
GAP = 720  # twips after the sadr (half an inch, about the PDF's 2.5 em)
_STYLE_IDS = {"Verse", "VerseNumber"}
ROW_SPACE = 100  # twentieths of a point after each row's paragraphs, as the PDF spaces its bayts
SIDES = {True: "left", False: "right"}  # the sadr cell's side facing the ajuz


def _cell(inlines: list[Node], style: str) -> list:
    return [attr(), {"t": "AlignDefault"}, 1, 1, [node("Plain", [span(inlines, pairs={"custom-style": style})])]]


def _row(group: Node) -> list[list]:
    """The cells of one bayt (number, sadr, ajuz) or line (number, line) from its Div."""
    plain = group["c"][1][0]
    cells = []
    for inline in plain["c"]:
        if inline["t"] == "Span" and has_class(inline, VERSE_NUMBER):
            cells.append(_cell(inline["c"][1], NUMBER_STYLE))
        elif inline["t"] == "Span" and (has_class(inline, SADR) or has_class(inline, AJUZ)):
            cells.append(_cell(inline["c"][1], STYLE))
    if has_class(group, LINE):
        rest = [inline for inline in plain["c"] if not (inline["t"] == "Span" and has_class(inline, VERSE_NUMBER))]
        cells.append(_cell(rest[1:] if cells and rest and rest[0]["t"] == "Space" else rest, STYLE))
    return [attr(), cells]


def _table(group: Node) -> Node:
    rows = [_row(line) for line in group["c"][1]]
    columns = max(len(row[1]) for row in rows)
    specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(columns)]
    body = [attr(), 0, [], rows]
    return node("Table", [attr(classes=[BAYTS]), [None, []], specs, [attr(), []], [body], [attr(), []]])


def verse_as_tables(element: Node) -> Node | None:
    """A `map_nodes` function: a verse's group of bayts or of lines as a Pandoc Table."""
    if element["t"] == "Div" and (has_class(element, BAYTS) or has_class(element, LINES)):
        return _table(element)
    return None


def _styles(element: etree._Element) -> set[str]:
    return {style.get(w("val")) for style in element.iter(w("rStyle"))}


def finish_verse(root: etree._Element) -> None:
    """Borderless, centred verse tables, rows apart, with the gap after each sadr."""
    for table in root.iter(w("tbl")):
        if not _STYLE_IDS & _styles(table):
            continue
        properties = ensure_child(table, "tblPr")
        set_child(properties, "jc", val="center")
        borders = set_child(properties, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(borders, w(side), {w("val"): "nil"})
        set_child(properties, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
                  noHBand="1", noVBand="1")
        for paragraph in table.iter(w("p")):
            properties = paragraph.find(w("pPr"))
            if properties is None:
                properties = etree.Element(w("pPr"))
                paragraph.insert(0, properties)
            set_child(properties, "spacing", before="0", after=str(ROW_SPACE))
        for row in table.findall(w("tr")):
            hemistichs = [cell for cell in row.findall(w("tc")) if "Verse" in _styles(cell)]
            if len(hemistichs) == 2:  # a bayt: room after the sadr, on the side of the ajuz
                margins = ensure_child(ensure_child(hemistichs[0], "tcPr"), "tcMar")
                etree.SubElement(margins, w(SIDES[_rtl(table)]), {w("w"): str(GAP), w("type"): "dxa"})


def _rtl(table: etree._Element) -> bool:
    return table.find(f"{w('tblPr')}/{w('bidiVisual')}") is not None
