"""Read what matters about a manuscript for import tests: its notes (with the word before each call),
headings and lists, through nashr's own loader and Pandoc parse."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nashr.ast import stringify, walk
from nashr.parse import parse_project
from nashr.project import load_project


@dataclass(frozen=True)
class Shape:
    notes: list[tuple[str, str]]  # (word before the call, note text), in call order
    headings: list[tuple[int, str]]
    lists: list[tuple[str, int]]  # (BulletList|OrderedList, item count), in order


def shape(manuscript: Path) -> Shape:
    blocks = parse_project(load_project(manuscript)).body_blocks()
    notes: list[tuple[str, str]] = []
    headings: list[tuple[int, str]] = []
    lists: list[tuple[str, int]] = []
    _collect(blocks, notes, headings, lists)
    return Shape(notes, headings, lists)


def _collect(blocks: list, notes: list, headings: list, lists: list) -> None:
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            headings.append((content[0], stringify(content[2]).strip().rstrip(":").strip()))
            _inline_notes(content[2], notes)
        elif kind in ("Para", "Plain"):
            _inline_notes(content, notes)
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            lists.append((kind, len(items)))
            for item in items:
                _collect(item, notes, headings, lists)
        elif kind == "BlockQuote":
            _collect(content, notes, headings, lists)
        elif kind == "Div":
            _collect(content[1], notes, headings, lists)
        elif kind == "Table":
            _collect([cell for cell in walk(content) if cell["t"] in ("Plain", "Para")], notes, headings, lists)


def _inline_notes(inlines: list, notes: list) -> None:
    text = ""
    for inline in inlines:
        if inline["t"] == "Note":
            notes.append((text.split()[-1] if text.split() else "", stringify(inline["c"])))
        else:
            text += stringify([inline])


def modulo_parentheses(text: str) -> str:
    """Text compared without parentheses and spacing (the hand conversion fixed mirrored
    parentheses and joined a note's paragraphs)."""
    return re.sub(r"[()\s]", "", text)
