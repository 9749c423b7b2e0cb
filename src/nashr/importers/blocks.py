"""The common intermediate every source is read into: a flat list of blocks with Markdown text.

Readers differ (a line reader for plain text, Pandoc for Word/ODT/HTML/Markdown), but the steps
after them — residue, notes, structure, front matter, writing — work on this one shape, so a rule
written once applies to every source type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A note call, once recognised, is written into the text as NOTE_OPEN + number + NOTE_CLOSE:
# private-use characters that no source contains and that Pandoc's Markdown writer leaves alone.
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")


def note_mark(number: int) -> str:
    return f"{NOTE_OPEN}{number}{NOTE_CLOSE}"


@dataclass
class Block:
    """One block of the source, in reading order.

    `text` is Markdown: inline Markdown for paragraphs, headings, list items and quotes (an item may
    hold several paragraphs separated by a blank line); the whole block's Markdown for `raw` blocks
    (tables, code, figures) which are copied through unchanged.
    """

    kind: str  # "para" | "heading" | "item" | "raw"
    text: str
    line: int  # where the block starts: a line (plain text) or a block number (other sources)
    level: int = 0  # heading level; nesting depth of a list item (0 = outermost)
    ordered: bool = False  # list item of a numbered list
    number: int | None = None  # the item's number in a numbered list
    quote: int = 0  # block-quote depth


@dataclass
class Note:
    number: int
    text: str  # Markdown; paragraphs separated by a blank line
    line: int


@dataclass
class Source:
    """What a reader returns: the blocks, the notes it already knows (Word's native footnotes) and
    the source's plain words, the reference for the no-text-lost check."""

    blocks: list[Block]
    notes: dict[int, Note] = field(default_factory=dict)
    words_text: str = ""
    unit: str = "line"  # how `Block.line` counts: "line" or "block"
    # What the source declares as metadata (Word's Title/Author/Abstract styles, <title>, YAML).
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    abstract: str | None = None  # Markdown
    dropped: list[str] = field(default_factory=list)  # what the reader could not carry over, for the report


_ESCAPED = re.compile(r"\\(.)")
_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")  # Arabic short vowels, shadda, sukun, tatweel


def plain(markdown: str) -> str:
    """The text of inline Markdown with its backslash escapes undone, for matching words in it."""
    return _ESCAPED.sub(r"\1", markdown)


def normalized(markdown: str) -> str:
    """`plain` text without Arabic vowel marks and tatweel, case-folded, trailing colon and spaces
    removed: the form in which headings such as "أولاً-" / "أولا-" or "Notes:" are compared."""
    return _TASHKEEL.sub("", plain(markdown)).strip().rstrip(":：").strip().casefold()
