"""Notes in the HTML galley: a call linked to the note list, and a copy of the note beside the call.

Each numbered note becomes a call (`doc-noteref`, the number as the PDF prints it) linking to its entry
in the note list at the end of the article, whose number links back (`doc-backlink`): that works
without JavaScript or CSS. Right after the call, a copy of the note's text (a Span, since a paragraph
holds only inline content; pdf/notes.notes_at_calls makes it) is what styles/html.css shows as a pop-up
when the call is hovered or focused, as a side note on the inline-end side of wide screens, and under
the line of its call on the printed page. The copy is hidden from assistive technology, which reads
the note list, and holds no link or id of its own (no focusable element in a hidden one, no id twice).
"""
from __future__ import annotations

from nashr.ast import Node, attr, attr_value, has_class, map_nodes, node, span, walk
from nashr.vocabulary import is_note, note_blocks, note_label, note_number
from nashr.writers.epub.notes import with_first_inline
from nashr.writers.pdf.notes import AFTER_CALL_CLASS, notes_at_calls

CALL_CLASS = "note-call"
POPUP_CLASS = "note-popup"
LIST_ID = "nashr-notes"


def note_id(number: str) -> str:
    return f"nashr-note-{number}"


def call_id(number: str) -> str:
    return f"nashr-noteref-{number}"


def popup_id(number: str) -> str:
    return f"nashr-popup-{number}"


def shown(label: str, parentheses: bool) -> str:
    """The number as the call and the note list show it: "٣", or "(٣)" with `note_calls: parentheses`."""
    return f"({label})" if parentheses else label


def calls_with_popups(blocks: list[Node], parentheses: bool, numerals: str = "western") -> list[Node]:
    """`blocks` with every numbered note replaced by its call and its hidden copy (a list in it numbered
    in `numerals`)."""

    def replace(element: Node) -> list[Node] | None:
        if element["t"] != "Span" or not has_class(element, "footnote"):
            return None
        number, label = attr_value(element, "note") or "", attr_value(element, "n") or ""
        comma = [node("Str", ",")] if has_class(element, AFTER_CALL_CLASS) else []
        call = node("Link", [
            attr(call_id(number), [CALL_CLASS], {"role": "doc-noteref", "aria-describedby": popup_id(number)}),
            [node("Superscript", [*comma, node("Str", shown(label, parentheses))])],
            [f"#{note_id(number)}", ""],
        ])
        pairs = {"aria-hidden": "true"} | ({"dir": direction} if (direction := attr_value(element, "dir")) else {})
        marker = span([node("Str", label)], classes=["note-number"])
        popup = span([marker, node("Space"), *_inert(element["c"][1])], popup_id(number), [POPUP_CLASS], pairs)
        return [call, popup]

    return map_nodes(notes_at_calls(blocks, numerals), replace)


def _inert(inlines: list[Node]) -> list[Node]:
    """The copy's inlines without links (their text stays) and without ids."""

    def inert(element: Node) -> Node | None:
        if element["t"] == "Link":
            return span(element["c"][1], classes=["link"])
        attributes = element.get("c", [None])[0] if element["t"] in ("Span", "Code") else None
        if attributes and attributes[0]:
            return {**element, "c": [[""] + attributes[1:], *element["c"][1:]]}
        return None

    return map_nodes(inlines, inert)


def note_list(parts_blocks: list[list[Node]], heading: str, parentheses: bool) -> list[Node]:
    """The notes of `parts_blocks` (before `calls_with_popups`) as a titled section, each note starting
    with its number linked back to its call; empty when the article has no notes."""
    entries = []
    for element in walk(parts_blocks):
        if not is_note(element):
            continue
        number = str(note_number(element))
        blocks, pairs = note_blocks(element), {}
        if len(blocks) == 1 and blocks[0]["t"] == "Div" and attr_value(blocks[0], "dir"):
            pairs["dir"] = attr_value(blocks[0], "dir") or ""  # a note of the other direction (transforms/bidi.py)
            blocks = blocks[0]["c"][1]
        backlink = node("Link", [attr("", ["note-number"], {"role": "doc-backlink"}),
                                 [node("Str", shown(note_label(element), parentheses))],
                                 [f"#{call_id(number)}", ""]])
        entries.append(node("Div", [attr(note_id(number), ["note"], pairs),
                                    with_first_inline(blocks, [backlink, node("Space")])]))
    if not entries:
        return []
    # level 1: moved one down with the body's headings (links.number_headings); Pandoc writes a Div
    # whose only class is "section" as a <section>
    title = node("Header", [1, attr(f"{LIST_ID}-title", ["unnumbered"]), [node("Str", heading)]])
    return [node("Div", [attr(LIST_ID, ["section"], {"role": "doc-endnotes",
                                                                "aria-labelledby": f"{LIST_ID}-title"}),
                         [title, *entries]])]
