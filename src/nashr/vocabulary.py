"""nashr's conventions in the Pandoc AST, named in one place: what transforms make and writers read.

Pandoc has no node for a note numbered across the whole article, a caption's label kept apart from its
text, a cross-reference nashr resolved, or a bayt of verse. Transforms mark them with spans and divs
carrying nashr's classes and attributes; every writer reads those marks. This module makes and
recognises them, so that transforms and writers agree by construction and nobody matches a class name
by hand. Writers import what they share with transforms from here (the digits and the direction rule
included), never from `nashr.transforms`.
"""
from __future__ import annotations

from typing import Callable

from nashr.ast import Node, attr, attr_value, has_class, node, span, walk
from nashr.digits import CSS_COUNTER_STYLES, digits, in_digits, ordered_list_css
from nashr.direction import LEAST, strong_direction, text_direction

__all__ = [
    "CSS_COUNTER_STYLES", "digits", "in_digits", "ordered_list_css",
    "isolate_blocks", "LEAST", "strong_direction", "text_direction",
    "NOTE", "note_call", "is_note", "note_number", "note_label", "labelled", "note_blocks", "numbered_notes",
    "calls_in_a_row",
    "CAPTION_LABEL", "caption_label", "is_caption_label",
    "CROSS_REFERENCE", "cross_reference",
    "VERSE", "BAYTS", "BAYT", "STANZA", "SADR", "AJUZ", "VERSE_NUMBER", "LINES", "LINE",
]

def isolate_blocks(blocks: list[Node], base: str, page: str, fixed: bool = False) -> list[Node]:
    """Blocks a writer makes itself (a title block from the metadata) isolated by direction as the
    `isolate_directions` transform isolates the body; with `fixed`, in `base` whatever their words."""
    from nashr.transforms.bidi import isolate_blocks as isolate  # the transforms import this module
    return isolate(blocks, base, page, fixed)


# A numbered note: Span.nashr-note [number=N, label=as printed] holding the Pandoc Note.
NOTE = "nashr-note"
_NUMBER = "number"
_LABEL = "label"


def note_call(note: Node, number: int) -> Node:
    """The Pandoc Note `note` as the article's note `number` (every writer shows this number, whatever
    its own habits: Pandoc restarts EPUB and DOCX numbering per section)."""
    return span([note], classes=[NOTE], pairs={_NUMBER: str(number)})


def is_note(element: Node) -> bool:
    return element["t"] == "Span" and has_class(element, NOTE)


def note_number(element: Node) -> int:
    return int(attr_value(element, _NUMBER) or 0)


def note_label(element: Node) -> str:
    """The note's number as printed (in the article's digits once labelled, else western)."""
    return attr_value(element, _LABEL) or str(note_number(element))


def labelled(element: Node, label: str) -> Node:
    """The note with `label` as its printed number."""
    identifier, classes, pairs = element["c"][0]
    pairs = [pair for pair in pairs if pair[0] != _LABEL] + [[_LABEL, label]]
    return {"t": "Span", "c": [[identifier, classes, pairs], element["c"][1]]}


def note_blocks(element: Node) -> list[Node]:
    """The note's text: the blocks of the Pandoc Note it holds."""
    return element["c"][1][0]["c"]


def numbered_notes(blocks: list[Node]) -> list[tuple[int, Node]]:
    """(number, Pandoc Note) for every numbered note below `blocks`, in reading order."""
    return [(note_number(element), element["c"][1][0]) for element in walk(blocks) if is_note(element)]


def calls_in_a_row(siblings: list[Node], is_call: Callable[[Node], bool] = is_note) -> list[bool]:
    """For each sibling, whether it is a call right after another: writers set such calls apart,
    so two calls in a row read "³,⁴", not "³⁴" (note 34)."""
    return [index > 0 and is_call(siblings[index - 1]) and is_call(item) for index, item in enumerate(siblings)]


# A caption's label ("شكل ١"), a Span before the caption text so writers can set or tag it apart.
CAPTION_LABEL = "nashr-caption-label"


def caption_label(name: str) -> Node:
    return span([node("Str", name)], classes=[CAPTION_LABEL])


def is_caption_label(element: Node) -> bool:
    return element["t"] == "Span" and has_class(element, CAPTION_LABEL)


# A cross-reference to a figure or table, resolved to its label ("شكل ١").
CROSS_REFERENCE = "nashr-ref"


def cross_reference(identifier: str, name: str) -> Node:
    return node("Link", [attr(classes=[CROSS_REFERENCE]), [node("Str", name)], ["#" + identifier, ""]])


# Verse (transforms/verse.py): Div.verse holding runs of Div.verse-bayts (of Div.bayt, each a paragraph
# of Span.sadr and Span.ajuz after an optional Span.verse-number; Div.bayt.stanza opens a stanza) and
# runs of Div.verse-lines (of Div.verse-line).
VERSE, BAYTS, BAYT, STANZA, SADR, AJUZ, VERSE_NUMBER, LINES, LINE = (
    "verse", "verse-bayts", "bayt", "stanza", "sadr", "ajuz", "verse-number", "verse-lines", "verse-line")
