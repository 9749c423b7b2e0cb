"""EPUB notes: each numbered note becomes a noteref at its call and an aside in the same content document.

Reading systems show an `<aside epub:type="footnote">` as a pop-up when its `epub:type="noteref"` call is
tapped, and hide it in the running text. The number shown is the one `transforms/footnotes.py` gave the
note, so notes run 1..N through the whole book, as in the PDF, however the book is split into files.
"""
from __future__ import annotations

from dataclasses import dataclass

from nashr.ast import Node, attr, attr_value, has_class, map_lists, map_nodes, node, walk
from nashr.vocabulary import calls_in_a_row, is_note, note_blocks, note_label, note_number

NOTEREF_CLASS = "nashr-noteref"
ASIDE_CLASS = "nashr-aside"  # a Div that epub/xhtml.py renames to <aside>


def note_id(number: int) -> str:
    return f"nashr-note-{number}"


def noteref_id(number: int) -> str:
    return f"nashr-noteref-{number}"


@dataclass(frozen=True)
class Note:
    number: int
    blocks: list[Node]
    shown: str  # the number as printed, in the article's digits (vocabulary.note_label)


def _noteref(note: Note) -> Node:
    link = node("Link", [
        attr(noteref_id(note.number), [NOTEREF_CLASS],
             {"epub:type": "noteref", "role": "doc-noteref", "number": str(note.number)}),
        [node("Str", note.shown)],
        [f"#{note_id(note.number)}", ""],
    ])
    return node("Superscript", [link])


def calls_to_noterefs(blocks: list[Node], notes: list[Note]) -> list[Node]:
    """`blocks` with every numbered note replaced by its noteref; the notes are appended to `notes`."""

    def replace(element: Node) -> Node | None:
        if not is_note(element):
            return None
        note = Note(note_number(element), note_blocks(element), note_label(element))
        notes.append(note)
        return _noteref(note)

    return map_lists(map_nodes(blocks, replace), _part_adjacent_calls)


def _is_noteref(element: Node) -> bool:
    return element["t"] == "Superscript" and any(has_class(e, NOTEREF_CLASS) for e in element["c"] if e["t"] == "Link")


def _part_adjacent_calls(siblings: list[Node]) -> list[Node]:
    """A comma starts a call right after another call."""
    return [{**item, "c": [node("Str", ","), *item["c"]]} if after else item
            for item, after in zip(siblings, calls_in_a_row(siblings, _is_noteref))]


def called_in(blocks: list[Node]) -> list[int]:
    """The numbers of the notes called in `blocks`, in reading order."""
    return [int(attr_value(link, "number") or 0) for link in walk(blocks)
            if link["t"] == "Link" and has_class(link, NOTEREF_CLASS)]


def aside(note: Note) -> Node:
    """The note as a footnote aside that starts with its number, a link back to the call.

    A note the bidi transform found to be of the other direction (one Div with `dir`) gives the aside
    that direction, so an English note in an Arabic book reads left to right, number first.
    """
    blocks = note.blocks
    pairs = {"epub:type": "footnote", "role": "doc-footnote"}
    if len(blocks) == 1 and blocks[0]["t"] == "Div" and attr_value(blocks[0], "dir"):
        pairs["dir"] = attr_value(blocks[0], "dir") or ""
        blocks = blocks[0]["c"][1]
    backlink = node("Link", [attr("", [], {"role": "doc-backlink"}), [node("Str", f"{note.shown}.")],
                             [f"#{noteref_id(note.number)}", ""]])
    return node("Div", [attr(note_id(note.number), [ASIDE_CLASS], pairs),
                        with_first_inline(blocks, [backlink, node("Space")])])


def with_first_inline(blocks: list[Node], inlines: list[Node]) -> list[Node]:
    """`inlines` put at the start of the first paragraph (inside a leading Div), else in a new one."""
    if blocks and blocks[0]["t"] in ("Para", "Plain"):
        return [{**blocks[0], "c": inlines + blocks[0]["c"]}, *blocks[1:]]
    if blocks and blocks[0]["t"] == "Div":
        first = blocks[0]
        return [{**first, "c": [first["c"][0], with_first_inline(first["c"][1], inlines)]}, *blocks[1:]]
    return [node("Plain", inlines), *blocks]
