"""Word's complex-script font, chosen per run by the letters it draws.

Word draws every Arabic or Hebrew letter with one complex-script font (`w:rFonts/@w:cs`), the
style's: Frank Ruhl Libre in a Hebrew article, Amiri otherwise. Arabic quoted in a Hebrew article
(or Hebrew in an Arabic one) has no glyph in it, nor have Greek letters or math symbols, and Word or
LibreOffice falls back to a system font (DejaVu Sans). So a run whose letters the style's font cannot
draw is split where the script changes, and each piece that needs another bundled family names it
(as its complex-script and its Latin fonts) — as the PDF's font fallback does.
"""
from __future__ import annotations

import copy
import unicodedata

from lxml import etree

from nashr.resources import FontFace, code_points
from nashr.writers.docx.ooxml import ensure_child, w


def _coverage(faces: list[FontFace]) -> dict[str, frozenset[int]]:
    """Each family's characters, in the article's order of families."""
    families: dict[str, frozenset[int]] = {}
    for face in faces:
        families[face.family] = families.get(face.family, frozenset()) | code_points(face.path)
    return families


def _pieces(text: str, families: dict[str, frozenset[int]]) -> list[tuple[str, str]]:
    """(family, text) pieces: a letter takes the first family that draws it; a space, digit or
    punctuation mark stays in the current piece when its family draws it (else takes the first
    that does); invisible format characters (ZWNJ, LRM) always stay."""
    first = next(iter(families))
    pieces: list[tuple[str, str]] = []
    for char in text:
        point, current = ord(char), pieces[-1][0] if pieces else None
        if unicodedata.category(char) == "Cf":
            family = current or first
        elif current and not char.isalpha() and point in families[current]:
            family = current
        else:  # drawn by none of them: left to the style's font
            family = next((name for name in families if point in families[name]), first)
        if pieces and family == current:
            pieces[-1] = (family, pieces[-1][1] + char)
        else:
            pieces.append((family, char))
    return pieces


def fonts_for_scripts(root: etree._Element, faces: list[FontFace]) -> None:
    """Split the text runs under `root` by the family their letters need (`faces` in the article's
    order of families, the style's first) and name it on each piece that needs another."""
    families = _coverage(faces)
    if len(families) < 2:
        return
    first = next(iter(families))
    for run in list(root.iter(w("r"))):
        content = [child for child in run if child.tag != w("rPr")]
        if len(content) != 1 or content[0].tag != w("t") or not content[0].text:
            continue
        pieces = _pieces(content[0].text, families)
        if all(family == first for family, _ in pieces):
            continue
        parent, position = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        for offset, (family, text) in enumerate(pieces):
            piece = copy.deepcopy(run)
            piece.find(w("t")).text = text
            if family != first:
                properties = piece.find(w("rPr"))
                if properties is None:
                    properties = etree.Element(w("rPr"))
                    piece.insert(0, properties)  # a run's properties come first
                fonts = ensure_child(properties, "rFonts")
                for slot in ("ascii", "hAnsi", "cs"):  # Word takes Greek and symbols from ascii/hAnsi
                    fonts.set(w(slot), family)
            parent.insert(position + offset, piece)
