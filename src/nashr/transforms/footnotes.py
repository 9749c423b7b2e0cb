"""Number the notes 1..N in order of their call across the whole article (abstracts, then body).

Each Note becomes the vocabulary's note call, carrying its number, so every writer shows the same
number whatever its own habits (Pandoc restarts EPUB and DOCX numbering per section).
"""
from __future__ import annotations

from nashr.ast import Node, map_nodes
from nashr.document import Document
from nashr.vocabulary import note_call


def number_notes(document: Document) -> Document:
    counter = 0

    def wrap(element: Node) -> Node | None:
        nonlocal counter
        if element["t"] != "Note":
            return None
        counter += 1
        return note_call(element, counter)

    return document.with_blocks([map_nodes(part.blocks, wrap) for part in document.parts])

