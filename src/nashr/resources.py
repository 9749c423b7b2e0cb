"""Where nashr's own templates, styles and fonts are.

In a checkout (or an editable install) templates/ and styles/ sit at the top of the repository; a
regular install copies them into the package (see pyproject.toml). Fonts come from PyPI packages.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _directory(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"nashr's {name}/ folder is missing; reinstall nashr")


def templates_dir() -> Path:
    return _directory("templates")


def styles_dir() -> Path:
    return _directory("styles")


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: str  # CSS font-weight: "normal" or "bold"
    style: str  # CSS font-style: "normal" or "italic"
    path: Path


def amiri_faces() -> list[FontFace]:
    """The four Amiri faces shipped by the fontpkg-amiri package."""
    import fontpkg_amiri

    files = Path(fontpkg_amiri.__file__).parent / "files"
    faces = [
        FontFace("Amiri", "normal", "normal", files / "Amiri-Regular.ttf"),
        FontFace("Amiri", "bold", "normal", files / "Amiri-Bold.ttf"),
        FontFace("Amiri", "normal", "italic", files / "Amiri-Italic.ttf"),
        FontFace("Amiri", "bold", "italic", files / "Amiri-BoldItalic.ttf"),
    ]
    missing = [face.path.name for face in faces if not face.path.is_file()]
    if missing:
        raise FileNotFoundError(f"fontpkg-amiri is incomplete ({', '.join(missing)} missing); reinstall it")
    return faces


def hebrew_faces() -> list[FontFace]:
    """Frank Ruhl Libre (fontpkg-frank-ruhl-libre), a variable-weight Hebrew serif: Amiri has no Hebrew."""
    import fontpkg_frank_ruhl_libre

    files = Path(fontpkg_frank_ruhl_libre.__file__).parent / "files"
    fonts = sorted(files.glob("FrankRuhlLibre*.ttf"))
    if not fonts:
        raise FileNotFoundError("fontpkg-frank-ruhl-libre is incomplete (no font file); reinstall it")
    return [FontFace("Frank Ruhl Libre", "normal", "normal", fonts[0])]  # bold comes from its weight axis


HEBREW_SCRIPT_LANGUAGES = {"he", "yi"}  # written in Hebrew letters, which Amiri lacks


MONOSPACE = "JetBrains Mono"


def families(lang: str) -> list[str]:
    """The bundled families in the order an article in `lang` uses them: Amiri first (Arabic script
    and Latin), but Frank Ruhl Libre first in a Hebrew article, so its Latin letters, digits and
    punctuation match the Hebrew letters; Arabic quoted in it still comes from Amiri. JetBrains Mono
    (Greek, symbols) comes last in every article."""
    order = list(dict.fromkeys(face.family for face in bundled_faces()))
    if lang.split("-")[0].lower() in HEBREW_SCRIPT_LANGUAGES:
        order[:2] = order[1::-1]
    return order


def monospace_faces() -> list[FontFace]:
    """JetBrains Mono (fontpkg-jetbrains-mono), variable weight: the face of code, and the last
    fallback of the text for what Amiri lacks (Greek letters, math symbols such as ∈ ∧, arrows)."""
    import fontpkg_jetbrains_mono

    files = Path(fontpkg_jetbrains_mono.__file__).parent / "files"
    upright, italic = files / "JetBrainsMono[wght].ttf", files / "JetBrainsMono-Italic[wght].ttf"
    if not (upright.is_file() and italic.is_file()):
        raise FileNotFoundError("fontpkg-jetbrains-mono is incomplete (a font file is missing); reinstall it")
    return [FontFace(MONOSPACE, "normal", "normal", upright), FontFace(MONOSPACE, "normal", "italic", italic)]


def bundled_faces(text: str | None = None) -> list[FontFace]:
    """The fonts nashr ships, in fallback order: Amiri (Arabic script and Latin), then Frank Ruhl Libre
    (Hebrew), then JetBrains Mono (code; Greek and symbols). With `text`, a later family is kept only
    when it draws a character of `text` that the families before it cannot, so formats that embed whole
    fonts (EPUB) carry only what they use."""
    faces = amiri_faces() + hebrew_faces() + monospace_faces()
    if text is None:
        return faces
    wanted = {ord(ch) for ch in text}
    chosen: list[FontFace] = []
    drawn: set[int] = set()
    for family in dict.fromkeys(face.family for face in faces):
        members = [face for face in faces if face.family == family]
        points = frozenset().union(*(code_points(face.path) for face in members))
        if not chosen or (wanted - drawn) & points:
            chosen += members
            drawn |= points
    return chosen


@cache
def code_points(path: Path) -> frozenset[int]:
    """The characters a font file can draw (its cmap), read once per process. Glyphs are given plain
    numbered names first: the cmap needs a glyph order, and fontTools would otherwise build the font's
    own names from its post table and cmap, four times the cost of reading the cmap (75 ms a build)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        font.setGlyphOrder([f"glyph{index}" for index in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap())
