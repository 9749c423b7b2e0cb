"""Note numbers as printed: each numbered note gets its label in the article's digits (nashr.digits)."""
from __future__ import annotations

from nashr.ast import Node, map_nodes
from nashr.digits import digits
from nashr.document import Document
from nashr.vocabulary import is_note, labelled, note_number


def label_notes(document: Document) -> Document:
    """Give each numbered note a `label`: its number in the article's digits, ready to print."""
    numerals = document.metadata.layout.numerals

    def relabel(element: Node) -> Node | None:
        return labelled(element, digits(note_number(element), numerals)) if is_note(element) else None

    return document.with_blocks([map_nodes(part.blocks, relabel) for part in document.parts])
