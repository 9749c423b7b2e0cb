"""Hand-numbered notes: find the notes list after its heading and attach each note at its call.

Editors receive notes typed by hand — calls written `[12]`, `(12)`, `¹²` or in Arabic-Indic digits,
and the notes listed at the end under a heading such as "الإحالات" or "Notes". A call is accepted
only for a note that exists; the ambiguous forms `(12)` and `¹²` (years, enumerations and units look
the same) only when they are the next notes in sequence. Every call without a note and every note without a call is
reported at its line.
"""
from __future__ import annotations

import re

from nashr.importers.blocks import Block, Note, normalized, note_mark, plain
from nashr.importers.report import Report

NOTES_HEADINGS = {
    "الإحالات", "الاحالات", "الهوامش", "الحواشي", "الإحالات والهوامش", "المراجع والهوامش", "الهوامش والمراجع",
    "الهوامش والإحالات", "المراجع والإحالات", "الإحالات والمراجع", "هوامش", "إحالات", "الإحالات المرجعية",
    "notes", "endnotes", "footnotes", "references", "notes and references", "references and notes",
    "références", "notes de bas de page", "پی‌نوشت‌ها", "پانوشت‌ها", "یادداشت‌ها", "הערות",
}

_DIGITS = "0-9٠-٩۰-۹"
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹⁰¹²³⁴⁵⁶⁷⁸⁹", "012345678901234567890123456789")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Call styles, in the Markdown the readers produce: `\[12\]` (escaped by the text reader) or `[12]`,
# `(12)`, superscript digits (a Word or HTML superscript number arrives as these too).
_CALL = re.compile(
    rf"(?P<space>[ \u00a0]?)(?:\\?\[\s?(?P<bracket>[{_DIGITS}]{{1,4}})\s?\\?\]"
    rf"|\((?P<paren>[{_DIGITS}]{{1,4}})\\?\)"
    rf"|(?P<usup>[{_SUPERSCRIPTS}]{{1,4}}))"
)
# How a note starts in the notes list when it is not a numbered list item: "[12] …", "(12) …",
# "12. …", "12- …", "¹² …".
_NOTE_START = re.compile(
    rf"^\s*(?:\\?\[(?P<a>[{_DIGITS}]{{1,4}})\\?\]|\\?\((?P<b>[{_DIGITS}]{{1,4}})\\?\)|(?P<c>[{_DIGITS}]{{1,4}})\\?[.)\-–]"
    rf"|(?P<d>[{_SUPERSCRIPTS}]{{1,4}}))\s*"
)
# "(12)" and "¹²" also occur outside notes ("(2011)", "m²"): accepted only as the next calls in sequence.
_AMBIGUOUS = ("paren", "usup")
_MAX_SKIP = 3  # how far the sequence may jump when calls are missing in between
_CODE = re.compile(r"^(?:```|~~~|    )")
# A note's "paragraph" that follows text not ending a sentence ("DOI:" then the DOI on its own line)
# is the same paragraph, broken by the copy.
_BROKEN_PARAGRAPH = re.compile(r"(?<![.!?؟…])\n\n")
_BACKLINK = re.compile(r"\s*(?:\\?\[\s*)?[↑↩⤴⬆](?:\ufe0e|\ufe0f)?(?:\s*\\?\])?\s*")


def attach_hand_numbered_notes(blocks: list[Block], report: Report) -> tuple[list[Block], dict[int, Note]]:
    """Take the notes list out of `blocks` and put a note mark at each call; returns the remaining
    blocks and the notes by number."""
    start = _notes_heading(blocks)
    if start is None:
        _report_calls_without_list(blocks, report)
        return blocks, {}
    section_end = next((i for i in range(start + 1, len(blocks)) if blocks[i].kind == "heading"), len(blocks))
    entries = len(report.entries)
    notes, leftovers = _read_notes(blocks[start + 1:section_end], report)
    body = blocks[:start] + leftovers + blocks[section_end:]
    if not notes or not _place_calls(body, notes, report):
        # No call refers to the list: it is a bibliography or a numbered list, not notes.
        del report.entries[entries:]
        report.consumed.clear()
        _report_calls_without_list(blocks, report)
        return blocks, {}
    heading = blocks[start]
    report.add("note", heading.line, f"notes heading {plain(heading.text)!r} removed: "
                                     f"its {len(notes)} notes are now footnotes at their calls")
    return body, notes


def _report_calls_without_list(blocks: list[Block], report: Report) -> None:
    """Calls in brackets ("[12]") when no notes list was found: the notes may be missing from the source."""
    for block in blocks:
        for call in _CALL.finditer(block.text):
            if call.group("bracket"):
                report.add("note", block.line, f"call {plain(call.group()).strip()} left as text: no notes list "
                                               f"was found (a heading such as الهوامش or Notes, then the notes)")


def _is_notes_heading(block: Block) -> bool:
    return block.kind in ("para", "heading") and len(block.text) < 60 and normalized(block.text) in NOTES_HEADINGS


def _strip_backlinks(text: str, line: int, report: Report) -> str:
    """Remove back-link arrows (↑ ↩) that web pages put before or after a note."""
    cleaned = _BACKLINK.sub(" ", text).strip()
    if cleaned != text.strip():
        report.add("dropped", line, "back-link arrow removed from a note")
    return cleaned


def _notes_heading(blocks: list[Block]) -> int | None:
    """The last notes heading that has body text before it."""
    found = [i for i, block in enumerate(blocks) if i > 0 and _is_notes_heading(block)]
    return found[-1] if found else None


def _read_notes(section: list[Block], report: Report) -> tuple[dict[int, Note], list[Block]]:
    """Notes from the blocks after a notes heading: numbered items or paragraphs that start with a
    number; unnumbered paragraphs continue the note before them. Blocks before the first note are
    kept in the body."""
    notes: dict[int, Note] = {}
    leftovers: list[Block] = []
    last: Note | None = None
    for block in section:
        number, text = _numbered(block)
        if number is None:
            if last is None:
                leftovers.append(block)
            else:
                last.text += "\n\n" + _strip_backlinks(block.text, block.line, report)
            continue
        if number in notes:
            report.add("note", block.line, f"note {number} appears twice in the notes list; "
                                           f"the second is kept in this report: {plain(text)}")
            continue
        last = Note(number, _strip_backlinks(text, block.line, report), block.line)
        notes[number] = last
    for note in notes.values():
        note.text = _BROKEN_PARAGRAPH.sub(" ", note.text)
    return notes, leftovers


def _numbered(block: Block) -> tuple[int | None, str]:
    if block.kind == "item" and block.ordered and block.number is not None:
        return block.number, block.text
    if block.kind in ("para", "item"):
        match = _NOTE_START.match(block.text)
        if match:
            digits = next(group for group in match.groups() if group)
            return int(digits.translate(_TO_ASCII)), block.text[match.end():]
    return None, block.text


def _place_calls(blocks: list[Block], notes: dict[int, Note], report: Report) -> set[int]:
    """Put a note mark at each call of a note in `notes`; returns the numbers called."""
    called: set[int] = set()
    expected = 1

    def replace(match: re.Match, block: Block) -> str:
        nonlocal expected
        style = next(name for name in ("bracket", "paren", "usup") if match.group(name))
        number = int(match.group(style).translate(_TO_ASCII))
        if number not in notes:
            if style not in _AMBIGUOUS or number <= max(notes):
                report.add("note", block.line, f"call {plain(match.group()).strip()} has no note in the notes list; "
                                               "left as text")
            return match.group()
        if style in _AMBIGUOUS and not expected <= number < expected + _MAX_SKIP:
            return match.group()
        if number in called:
            report.add("note", block.line, f"note {number} is called a second time here; both calls show it")
        called.add(number)
        expected = max(expected, number + 1)
        report.consume(match.group())
        return note_mark(number)

    for block in blocks:
        if not _CODE.match(block.text):
            block.text = _CALL.sub(lambda m: replace(m, block), block.text)
    for number in notes:
        report.consume(str(number))
    return called
