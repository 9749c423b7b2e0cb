"""Warn about characters that nashr's fonts cannot draw.

Every glyph should come from the bundled fonts (Amiri; Frank Ruhl Libre for Hebrew; JetBrains Mono for
code, Greek and symbols). A character they lack — an emoji, a Chinese character — is drawn from whatever
system font the machine has (in the PDF) or left to the reader's device (EPUB, DOCX), so the editor
hears about it, at its first use (its line and column), with the other places it is used.
"""
from __future__ import annotations

import unicodedata

from nashr.ast import walk
from nashr.diagnostics import Diagnostic, Location, grouped
from nashr.document import Document
from nashr.positions import POS, character_location, location
from nashr.resources import bundled_faces, code_points


def covered() -> frozenset[int]:
    """Every code point some bundled face can draw."""
    return frozenset().union(*(code_points(face.path) for face in bundled_faces()))


def _drawn(ch: str) -> bool:
    """Whitespace and format characters (joiners, direction marks) have no glyph to miss."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def _uses(document: Document, missing: set[str]) -> dict[str, list[Location]]:
    """Where each character of `missing` is written, in document order: at its own line and column
    (positions.py positions every word holding one), else at the nearest element before it that has
    a position."""
    uses: dict[str, list[Location]] = {}
    for part in document.parts:
        last = None
        for element in walk(part.blocks):
            last = element if POS in element else last
            kind = element["t"]
            text = element["c"] if kind == "Str" else element["c"][-1] if kind in ("Code", "Math") else ""
            if last is None or missing.isdisjoint(text):
                continue
            for index, ch in enumerate(text):
                if ch in missing:
                    uses.setdefault(ch, []).append(character_location(document, element, index)
                                                   if last is element else location(document, last))
    return uses


def uncovered_characters(document: Document) -> list[Diagnostic]:
    """One warning per character the bundled fonts lack, at its first use, naming the others."""
    known = covered()
    families = ", ".join(dict.fromkeys(face.family for face in bundled_faces()))
    missing = {ch for ch in document.text() if _drawn(ch) and ord(ch) not in known}
    uses = _uses(document, missing) if missing else {}
    warnings = []
    for ch in sorted(missing):
        name = unicodedata.name(ch, "unnamed character")
        message = (f"'{ch}' (U+{ord(ch):04X} {name}) is not in nashr's fonts ({families}): the PDF draws it "
                   "from a system font and readers may show a box; replace it if you can")
        places = uses.get(ch) or [Location(document.project.manifest)]
        warnings += grouped([Diagnostic(place, message, severity="warning") for place in places])
    return warnings
