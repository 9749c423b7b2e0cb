"""Problems the importer can see but should not guess at: they go to the report for the editor.

Right-to-left text copied out of some web pages and PDFs comes with mirrored parentheses — ")" where
"(" was meant — because the copy kept the glyphs' visual order. Which one is wrong needs a reader,
so the importer leaves the text as it is and names the line.
"""
from __future__ import annotations

from nashr.importers.blocks import Block, Note, plain
from nashr.importers.report import Report


def report_mirrored_parentheses(blocks: list[Block], notes: dict[int, Note], report: Report) -> None:
    """Name each block and note whose parentheses do not pair up."""
    for block in blocks:
        if block.kind != "raw" and not _paired(plain(block.text)):
            report.add("check", block.line, "parentheses do not pair up (mirrored when the text was copied?); "
                                            "check them in the manuscript")
    for number, note in sorted(notes.items()):
        if not _paired(plain(note.text)):
            report.add("check", note.line or None, f"parentheses in note {number} do not pair up; check them")


def _paired(text: str) -> bool:
    depth = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0
