"""Digits for the numbers nashr generates (note numbers, figure and table numbers, page numbers, and
the masthead's volume, issue, year and dates).

`layout.numerals` chooses western (0-9), Arabic-Indic (٠-٩) or Persian (۰-۹) digits. Only numbers
nashr writes itself change: the author's own text keeps the digits the author typed.
"""
from __future__ import annotations


from nashr.ast import Node, has_class, map_nodes
from nashr.document import Document
from nashr.transforms.footnotes import NOTE_CLASS

ZEROS = {"western": "0", "arabic-indic": "\u0660", "persian": "\u06f0"}
CSS_COUNTER_STYLES = {"western": "decimal", "arabic-indic": "arabic-indic", "persian": "persian"}
LABEL = "label"  # the note Span attribute holding the note number as printed


def digits(number: int, numerals: str) -> str:
    """`number` written in the `numerals` digits."""
    return in_digits(str(number), numerals)


def in_digits(text: str, numerals: str) -> str:
    """`text` with its Western digits written in the `numerals` digits (a volume "12", a date)."""
    zero = ord(ZEROS[numerals])
    return "".join(chr(zero + ord(ch) - ord("0")) if "0" <= ch <= "9" else ch for ch in text)


def ordered_list_css(numerals: str) -> str:
    """The CSS that numbers Pandoc's numbered lists (<ol type="1">, or no type) in `numerals` digits;
    their items too, which HTML's presentational hints give decimal digits of their own."""
    return (f'ol:not([type]), ol[type="1"], ol[type="1"] > li '
            f'{{ list-style-type: {CSS_COUNTER_STYLES[numerals]}; }}')


def label_notes(document: Document) -> Document:
    """Give each numbered note a `label`: its number in the article's digits, ready to print."""
    numerals = document.metadata.layout.numerals

    def relabel(element: Node) -> Node | None:
        if element["t"] != "Span" or not has_class(element, NOTE_CLASS):
            return None
        identifier, classes, pairs = element["c"][0]
        number = dict(pairs)["number"]
        pairs = [p for p in pairs if p[0] != LABEL] + [[LABEL, digits(int(number), numerals)]]
        return {"t": "Span", "c": [[identifier, classes, pairs], element["c"][1]]}

    return document.with_blocks([map_nodes(part.blocks, relabel) for part in document.parts])
