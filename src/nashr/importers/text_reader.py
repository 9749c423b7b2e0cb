"""Plain text (.txt, e.g. an article copied from a web page) → blocks, line by line.

Blank lines separate paragraphs. In hard-wrapped text (no line longer than a screen) consecutive
lines are one paragraph; otherwise — text copied from a web page — each line is one. Lines that
start with a bullet (•, -, * …) or a number ("1.", "2)", "٣-") are list items, nested by indentation;
an indented paragraph after an item continues that item, elsewhere it is a block quote. Lines whose
cells are separated by tabs become a table. Text is escaped so Markdown reads it back verbatim.
"""
from __future__ import annotations

import re

from nashr.importers.blocks import Block, Source

_BULLET = re.compile(r"^(\s*)([•●▪◦‣∙·▸►✓✔*+-])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\s*)([0-9]{1,3}|[٠-٩]{1,3}|[۰-۹]{1,3})([.)]|\s?-)\s+(\S.*)$")
_NOTE_LINE = re.compile(r"^\s*(?:\([0-9٠-٩]+\)|\[[0-9٠-٩]+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s")
WRAP_WIDTH = 120  # text whose lines are all this short or shorter was wrapped by its editor
QUOTE_INDENT = 4  # an indented paragraph (not after a list item) is a block quote
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Characters Pandoc Markdown would read as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#^~$@|])")
# What would open a list at the start of a paragraph: "- ", "1.", "(2)", "a)", "iv.".
_LIST_START = re.compile(r"^([-+*]\s|\(?(?:[0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?:\s|$))")


def escape(text: str) -> str:
    """Markdown that Pandoc reads back as exactly `text` (a stripped line or paragraph)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LIST_START.match(text)
    if not match:
        return text
    marker = match.group(1).rstrip()
    cut = 0 if marker[0] in "-+*" else len(marker) - 1  # "- x" → "\- x"; "1." → "1\."
    return text[:cut] + "\\" + text[cut:]


def read_text(text: str) -> Source:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks: list[Block] = []
    indents: list[int] = []  # indentation of the open list levels
    current: Block | None = None  # the block consecutive lines are joined to
    table: list[tuple[int, str]] = []
    lines = text.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    wrapped = width <= WRAP_WIDTH

    def flush_table() -> None:
        if table:
            blocks.append(_table_block(table))
            table.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            flush_table()
            current = None
            continue
        if "\t" in line.strip() and (table or _tab_row_ahead(lines, number)):
            table.append((number, line))
            continue
        flush_table()
        indent = len(line) - len(line.lstrip())
        item = _NUMBERED.match(line) or _BULLET.match(line)
        if item:
            ordered = item.re is _NUMBERED
            depth = _depth(indents, indent, bool(blocks) and blocks[-1].kind == "item")
            content = item.group(4) if ordered else item.group(3)
            current = Block("item", escape(content.strip()), number, level=depth, ordered=ordered,
                            number=int(item.group(2).translate(_DIGITS)) if ordered else None)
            blocks.append(current)
            continue
        if current is not None and wrapped and _continues(lines[number - 2], line, width):
            current.text += " " + escape(line.strip())
            continue
        previous = blocks[-1] if blocks else None
        if indent and previous is not None and previous.kind == "item":
            previous.text += "\n\n" + escape(line.strip())
            current = previous
            continue
        quote = _QUOTE.match(line)
        if quote:
            current = Block("para", escape(quote.group(1).strip()), number, quote=1)
        else:
            current = Block("para", escape(line.strip()), number, quote=1 if indent >= QUOTE_INDENT else 0)
        blocks.append(current)
    flush_table()
    return Source(blocks=blocks, words_text=text, unit="line")


def _continues(previous: str, line: str, width: int) -> bool:
    """In wrapped text, a line continues the paragraph above when that one reached near the wrap
    width and this one does not start a note ("(3) …", "[3] …", "³ …"); short lines (title, author
    lines, note lists) stand alone."""
    return len(previous.rstrip()) >= width * 0.6 and not _NOTE_LINE.match(line)


def _depth(indents: list[int], indent: int, continuing: bool) -> int:
    """Nesting depth of an item from its indentation, relative to the open list levels."""
    if not continuing:
        indents.clear()
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1]:
        indents.append(indent)
    return len(indents) - 1


def _tab_row_ahead(lines: list[str], number: int) -> bool:
    """A tab-separated line starts a table only when the next line is one too."""
    return number < len(lines) and "\t" in lines[number].strip()


def _table_block(rows: list[tuple[int, str]]) -> Block:
    cells = [[escape(cell.strip()) for cell in line.strip().split("\t")] for _, line in rows]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    markdown = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    markdown += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return Block("raw", "\n".join(markdown), rows[0][0])
