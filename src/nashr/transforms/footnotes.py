"""Number the notes 1..N in order of their call across the whole article (abstracts, then body).

Each Note is wrapped in a Span of class `nashr-note` with attribute `number`, so every writer shows
the same number whatever its own habits (Pandoc restarts EPUB and DOCX numbering per section).
"""
from __future__ import annotations

from typing import Callable

from nashr.ast import Node, attr_value, has_class, map_nodes, span, walk
from nashr.document import Document

NOTE_CLASS = "nashr-note"


def number_notes(document: Document) -> Document:
    counter = 0

    def wrap(element: Node) -> Node | None:
        nonlocal counter
        if element["t"] != "Note":
            return None
        counter += 1
        return span([element], classes=[NOTE_CLASS], pairs={"number": str(counter)})

    return document.with_blocks([map_nodes(part.blocks, wrap) for part in document.parts])


def numbered_notes(blocks: list[Node]) -> list[tuple[int, Node]]:
    """(number, Note node) for every numbered note below `blocks`, in reading order."""
    found = []
    for element in walk(blocks):
        if element["t"] == "Span" and has_class(element, NOTE_CLASS):
            number = int(attr_value(element, "number") or 0)
            found.append((number, element["c"][1][0]))
    return found


def calls_in_a_row(siblings: list[Node], is_call: Callable[[Node], bool]) -> list[bool]:
    """For each sibling, whether it is a call right after another: writers set such calls apart,
    so two calls in a row read "³,⁴", not "³⁴" (note 34)."""
    return [index > 0 and is_call(siblings[index - 1]) and is_call(item) for index, item in enumerate(siblings)]
