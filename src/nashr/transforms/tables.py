"""Tables: column widths only where the author chose them, and Latin words that may be hyphenated.

- Widths. A pipe table's columns are sized by their content in every format (parse.py keeps Pandoc from
  deriving widths from its dashes, which gave every column of `|---|---|` the same width and broke
  Arabic words in the narrow ones). A grid or multiline table keeps the widths its author drew, rescaled
  from parse.COLUMNS to Pandoc's usual 72 columns. A `widths` attribute on the caption — `: … {#tbl:x
  widths="3 2 1"}`, or Quarto's `tbl-colwidths="[50,30,20]"` — sets relative widths for any table
  (the numbers are proportions; the table then spans the text width).
- Language. Latin runs in the cells of a right-to-left article (the bidi transform made them `dir="ltr"`
  Spans and Divs), and a table of mostly Latin text as a whole (its `dir="ltr"` Div), take
  `citation_lang` (else English) as their language unless the author gave one (`[Déclinaison]{lang=fr}`),
  so the PDF and the EPUB can hyphenate them by that language's rules (styles: `hyphens: auto`)
  instead of cutting them.

Runs after the bidi transform, which makes the `dir` Spans this one gives a language.
"""
from __future__ import annotations

import json

from nashr.ast import Node, attr_value, map_nodes
from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.parse import COLUMNS
from nashr.positions import POS, location

PANDOC_COLUMNS = 72  # Pandoc's default --columns, against which grid and multiline widths are drawn
WIDTH_KEYS = ("widths", "tbl-colwidths")


def size_tables(document: Document) -> Document:
    """Widths where the author asked for them, and a language for the Latin runs in the cells."""
    problems: list[Diagnostic] = []
    latin = document.metadata.citation_lang or "en"
    rtl = document.metadata.direction == "rtl"

    def table(element: Node) -> Node | None:
        if element["t"] == "Div" and rtl and any(block["t"] == "Table" for block in element["c"][1]):
            return _with_language(element, latin)  # a table mostly in a Latin-script language
        if element["t"] != "Table":
            return None
        content = list(element["c"])
        content[2] = _column_specs(document, element, problems)
        if rtl:
            content[3:] = map_nodes(content[3:], lambda inner: _with_language(inner, latin))
        return {**element, "c": content}

    blocks = [map_nodes(part.blocks, table) for part in document.parts]
    if problems:
        raise ManuscriptError(problems)
    return document.with_blocks(blocks)


def _column_specs(document: Document, table: Node, problems: list[Diagnostic]) -> list:
    """The table's [alignment, width] pairs: the author's `widths`, else the drawn widths rescaled."""
    specs = table["c"][2]
    asked = next(((key, value) for key in WIDTH_KEYS if (value := attr_value(table, key)) is not None), None)
    if asked is not None:
        widths = _parse_widths(asked[1])
        if widths is None or len(widths) != len(specs):
            problems.append(Diagnostic(
                location(document, next((block for block in table["c"][1][1] if POS in block), table)),  # the caption
                f'{asked[0]}="{asked[1]}" must give one positive number per column ({len(specs)} here), '
                f'e.g. {asked[0]}="{" ".join(["1"] * len(specs))}"'))
            return specs
        return [[alignment, {"t": "ColWidth", "c": width / sum(widths)}] for (alignment, _), width in zip(specs, widths)]
    drawn = [width["c"] * COLUMNS / PANDOC_COLUMNS for _, width in specs if width["t"] == "ColWidth"]
    if len(drawn) != len(specs):
        return specs
    scale = max(1.0, sum(drawn))  # Pandoc's own rule: a table wider than the columns fills the width
    return [[alignment, {"t": "ColWidth", "c": width / scale}] for (alignment, _), width in zip(specs, drawn)]


def _parse_widths(text: str) -> list[float] | None:
    """Positive numbers from "3 2 1", "3,2,1", "[50,30,20]" or "50% 50%"; None when not that."""
    try:
        values = json.loads(text) if text.strip().startswith("[") else text.replace(",", " ").replace("%", " ").split()
        numbers = [float(value) for value in values]
    except (ValueError, TypeError):
        return None
    return numbers if numbers and all(number > 0 for number in numbers) else None


def _with_language(element: Node, lang: str) -> Node | None:
    """A left-to-right Span or Div without a language gets `lang`."""
    if element["t"] not in ("Span", "Div") or attr_value(element, "dir") != "ltr" or attr_value(element, "lang"):
        return None
    (identifier, classes, pairs), content = element["c"]
    return {**element, "c": [[identifier, classes, pairs + [["lang", lang]]], content]}
