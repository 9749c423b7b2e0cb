"""Tables in Word as in the PDF: columns sized by their content, cells aligned on the same side.

- Widths. Pandoc gives every column of a table without widths the same width in its grid, and
  LibreOffice keeps it: narrow columns cut Latin words in two and stack Arabic ones, while other columns
  have room. nashr estimates each column's narrowest width (its longest word) and its widest (its
  longest paragraph) from the advance widths of the body font, and shares the text width between them
  as CSS's automatic table layout does; the table stays `autofit`, so Word may still refine it. A table
  whose widths the author set (Pandoc writes it `fixed`) keeps them.
- Alignment. Pandoc writes a cell's alignment as `w:jc` left or right, which Word and LibreOffice
  read in a right-to-left paragraph as start and end: a column right-aligned in the Markdown (`--:`),
  on the right in the PDF, came out on the left. In right-to-left cells the two are swapped back.
"""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from lxml import etree

from nashr.resources import amiri_faces
from nashr.writers.docx.ooxml import child, ensure_child, set_child, w

CELL_MARGINS = 2 * 108  # twips: the Table style's left and right cell margins
SLACK = 1.08  # measured widths are estimates: a little room so a word that fits is not broken
_SWAPPED = {"left": "right", "right": "left"}
_OFF = {"0", "false", "off"}


@cache
def _advances(path: Path) -> tuple[dict[int, float], float]:
    """Advance widths in em of the characters of the font at `path`, and their mean (for the rest).
    An Arabic letter takes the width of its medial form (else its final form), as it is drawn inside
    a word: its isolated form, which the character maps to, is much wider."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        units, metrics = font["head"].unitsPerEm, font["hmtx"]
        widths = {point: metrics[name][0] / units for point, name in font.getBestCmap().items()}
    for point in list(widths):
        name = unicodedata.name(chr(point), "")
        if name.startswith("ARABIC LETTER") and "FORM" not in name:
            form = next((ord(unicodedata.lookup(f"{name} {kind} FORM")) for kind in ("MEDIAL", "FINAL")
                         if _known(f"{name} {kind} FORM")), None)
            if form in widths:
                widths[point] = widths[form]
    return widths, sum(widths.values()) / len(widths)


def _known(name: str) -> bool:
    try:
        unicodedata.lookup(name)
    except KeyError:
        return False
    return True


def _complex(char: str) -> bool:
    """A character Word may set in the complex-script size: Arabic, Hebrew … and, inside their runs,
    digits and punctuation (the larger size is the safer guess for those)."""
    return not unicodedata.category(char).startswith("L") or unicodedata.bidirectional(char) in ("R", "AL")


def text_width(text: str, sizes: tuple[float, float]) -> float:
    """Estimated width of `text` in twips at (Latin, complex-script) sizes in points."""
    widths, mean = _advances(amiri_faces()[0].path)
    return sum(widths.get(ord(char), mean) * (max(sizes) if _complex(char) else sizes[0]) * 20 for char in text
               if not unicodedata.combining(char))  # a vowel mark sits on its letter


def body_sizes(styles: etree._Element) -> tuple[float, float]:
    """The Normal style's (Latin, complex-script) sizes in points, which table cells inherit."""
    sizes = [12.0, 13.0]
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) == "Normal":
            for index, name in enumerate(("sz", "szCs")):
                found = style.find(f"{w('rPr')}/{w(name)}")
                if found is not None:
                    sizes[index] = int(found.get(w("val"))) / 2
    return sizes[0], sizes[1]


def text_area(document: etree._Element) -> float:
    """The width of the page's text in twips, from the section's page size and margins."""
    section = document.find(f"{w('body')}/{w('sectPr')}")
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))


def _paragraphs(cell: etree._Element) -> list[str]:
    return ["".join(text.text or "" for text in paragraph.iter(w("t"))) for paragraph in cell.iter(w("p"))]


def _cells(table: etree._Element) -> list[list[tuple[etree._Element, int]]]:
    """Each row's cells with the number of grid columns each spans."""
    rows = []
    for row in table.findall(w("tr")):
        cells = []
        for cell in row.findall(w("tc")):
            span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
            cells.append((cell, int(span.get(w("val"))) if span is not None else 1))
        rows.append(cells)
    return rows


def _margins(cell: etree._Element) -> int:
    """The cell's left and right margins in twips: its own (`w:tcMar`) where it sets them."""
    own = cell.find(f"{w('tcPr')}/{w('tcMar')}")
    sides = {side: CELL_MARGINS // 2 for side in ("left", "right")}
    for element in own if own is not None else []:
        side = {"start": "left", "end": "right"}.get(etree.QName(element).localname, etree.QName(element).localname)
        if side in sides and element.get(w("type"), "dxa") == "dxa":
            sides[side] = int(element.get(w("w"), "0"))
    return sum(sides.values())


def column_widths(lows: list[float], highs: list[float], available: float) -> list[float]:
    """CSS 2.1's automatic table layout: every column its widest when they all fit, else its narrowest
    plus a share of the room left in proportion to how much more it would take."""
    if sum(highs) <= available:
        return highs
    room, wants = available - sum(lows), [high - low for low, high in zip(lows, highs)]
    if room <= 0 or not sum(wants):
        return lows
    return [low + want * room / sum(wants) for low, want in zip(lows, wants)]


def fit_columns(table: etree._Element, available: float, sizes: tuple[float, float]) -> None:
    """Grid and cell widths from the content of `table`, unless its author fixed them."""
    properties = ensure_child(table, "tblPr")
    layout = child(properties, "tblLayout")
    grid = table.find(w("tblGrid"))
    if (layout is not None and layout.get(w("type")) == "fixed") or grid is None:
        return
    columns = grid.findall(w("gridCol"))
    lows, highs = [float(CELL_MARGINS)] * len(columns), [float(CELL_MARGINS)] * len(columns)
    rows = _cells(table)
    for cells in rows:
        position = 0
        for cell, span in cells:
            if span == 1 and position < len(columns):
                paragraphs, margins = _paragraphs(cell), _margins(cell)
                words = [word for paragraph in paragraphs for word in paragraph.split()]
                lows[position] = max([lows[position]] + [text_width(word, sizes) * SLACK + margins for word in words])
                highs[position] = max([highs[position]] + [text_width(p, sizes) * SLACK + margins for p in paragraphs])
            position += span
    widths = [round(width) for width in column_widths(lows, highs, available)]
    for column, width in zip(columns, widths):
        column.set(w("w"), str(width))
    set_child(properties, "tblW", type="dxa", w=str(sum(widths)))
    set_child(properties, "tblLayout", type="autofit")
    for cells in rows:
        position = 0
        for cell, span in cells:
            width = sum(widths[position:position + span])
            set_child(ensure_child(cell, "tcPr"), "tcW", type="dxa", w=str(width))
            position += span


def align_cells_as_written(table: etree._Element) -> None:
    """Swap `w:jc` left and right in the table's right-to-left paragraphs (see the module docstring)."""
    for paragraph in table.iter(w("p")):
        properties = paragraph.find(w("pPr"))
        if properties is None:
            continue
        bidi, jc = child(properties, "bidi"), child(properties, "jc")
        if bidi is not None and bidi.get(w("val"), "1") not in _OFF and jc is not None and jc.get(w("val")) in _SWAPPED:
            jc.set(w("val"), _SWAPPED[jc.get(w("val"))])


def finish_tables(root: etree._Element, available: float, sizes: tuple[float, float]) -> None:
    """Widths and alignment of every table in a part (the body, or the footnotes)."""
    for table in root.iter(w("tbl")):
        fit_columns(table, available, sizes)
        align_cells_as_written(table)
