"""Warn about characters that nashr's fonts cannot draw.

Every glyph should come from the bundled fonts (Amiri; Frank Ruhl Libre for Hebrew; JetBrains Mono for
code, Greek and symbols). A character they lack — an emoji, a Chinese character — is drawn from whatever
system font the machine has (in the PDF) or left to the reader's device (EPUB, DOCX), so the editor
hears about it, at its first use.
"""
from __future__ import annotations

import unicodedata

from nashr.diagnostics import Diagnostic
from nashr.ast import walk
from nashr.diagnostics import Location
from nashr.document import Document
from nashr.positions import POS, location
from nashr.resources import bundled_faces, code_points


def covered() -> frozenset[int]:
    """Every code point some bundled face can draw."""
    return frozenset().union(*(code_points(face.path) for face in bundled_faces()))


def _drawn(ch: str) -> bool:
    """Whitespace and format characters (joiners, direction marks) have no glyph to miss."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def _first_use(document: Document, ch: str) -> Location:
    """Where `ch` is first written: at the element with a position nearest before its text (the metadata
    file for a title or an author's name)."""
    for part in document.parts:
        last = None
        for element in walk(part.blocks):
            last = element if POS in element else last
            kind = element["t"]
            text = element["c"] if kind == "Str" else element["c"][-1] if kind in ("Code", "Math") else ""
            if ch in text and last is not None:
                return location(document, last)
    return Location(document.project.manifest)


def uncovered_characters(document: Document) -> list[Diagnostic]:
    """One warning per character the bundled fonts lack, at its first occurrence."""
    known = covered()
    families = ", ".join(dict.fromkeys(face.family for face in bundled_faces()))
    warnings = []
    for ch in sorted({ch for ch in document.text() if _drawn(ch) and ord(ch) not in known}):
        name = unicodedata.name(ch, "unnamed character")
        warnings.append(Diagnostic(
            _first_use(document, ch),
            f"'{ch}' (U+{ord(ch):04X} {name}) is not in nashr's fonts ({families}): the PDF draws it from a "
            "system font and readers may show a box; replace it if you can",
            severity="warning",
        ))
    return warnings
