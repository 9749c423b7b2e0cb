"""Right-to-left words with vowel marks, written so that text extractors read them in logical order.

Why (see docs/pdf-text.md): poppler (`pdftotext`) and MuPDF read a page's text in drawing order and
reverse each right-to-left run. A glyph that carries a letter with its marks ("بِ") comes back with
them reversed ("ِب": every mark one letter early); a mark drawn as a glyph of its own is a
zero-width, often raised or shifted box, where poppler breaks the word; and Amiri puts kashidas
between marked letters that carry no text at all.

What: such a word (a combining mark, or a glyph for several characters that reads differently
reversed) keeps its glyphs exactly as drawn, in an empty ActualText span, and its text goes on
carriers: ink-less glyphs (INVISIBLE, appended to the font by text_layer) drawn first, on the baseline
across the word's width, one character each (a repeated one together: MuPDF drops a character drawn
where the same one was just drawn), in drawing order, marks with no advance. Their span's ActualText
is the same text: poppler reads a span as one piece spread over its width, and MuPDF, finding the
span's text equal to its glyphs', reads the carriers; both reverse it with the line.
In a right-to-left run whose first mark comes before its first letter, a carrier for U+200F
RIGHT-TO-LEFT MARK opens that mark's word (and its span's text): both extractors read a run as
right-to-left only from a strong right-to-left character on (poppler leaves a mark before it where it
is, MuPDF reads it left to right), and MuPDF files a mark that starts a line under the line before.
So the run comes back with a RIGHT-TO-LEFT MARK at its logical end.

The ActualText is in drawing (visual) order, because that is how poppler and MuPDF read it; pdfium
(Chrome) reads it in logical order, as the PDF specification intends, and gets these words reversed.
Renders do not change: carriers have no ink, and the glyphs are drawn as before, in the same order
(poppler renders pixel-identically; MuPDF keeps the pen in single precision, so after the carriers'
advance and the move back a glyph can land a rounding error away, a few antialiased pixels).
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nashr.weasyprint_fixes.text_layer_runs import Glyph

INVISIBLE = -1  # the glyph id of a carrier: an ink-less glyph
RIGHT_TO_LEFT_MARK = "\u200f"
QUANTUM = 100  # carrier advances are multiples of this (thousandths of an em): few alias glyphs,
# while MuPDF reads a gap under 150 as no space


def _mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _marks_only(text: str) -> bool:
    return not text.isalnum() and all(_mark(char) for char in text)


def _spelt(glyph: Glyph) -> bool:
    """Whether the glyph needs its word spelt out: right to left, and spelt_text."""
    return glyph.rtl and spelt_text(glyph.text)


def spelt_text(text: str | None) -> bool:
    """Whether a right-to-left glyph with this text needs its word spelt out: several characters that read
    differently reversed (a letter and its marks; not "ــ", Amiri's one glyph for two tatweels) or with
    marks. text_layer joins a mark to the letter before it: a glyph of one character has none."""
    return (text is not None and len(text) > 1
            and (text != text[::-1] or (not text.isalnum() and any(map(_mark, text)))))


def _carrier(glyph: Glyph, text: str, advance: int, actual: str) -> Glyph:
    return type(glyph)(glyph.font, glyph.size, INVISIBLE, text, extra=advance, rtl=True, actual=actual)


def spell_out(glyphs: list[Glyph]) -> list[Glyph]:
    """The line's glyphs (in drawing order), its right-to-left words with marks spelt out on carriers."""
    if not any(glyph.rtl and glyph.text and len(glyph.text) > 1 for glyph in glyphs):  # a cheap test first
        return glyphs
    units: list[list[Glyph]] = []  # the words, and the glyphs between them
    word: list[Glyph] = []
    spelt = carried = False
    for glyph in [*glyphs, None]:
        if glyph is not None and glyph.rtl and not (glyph.text and glyph.text.isspace()):
            word.append(glyph)
            spelt = spelt or _spelt(glyph)
            continue
        if word:
            before = units[-1][-1] if units and units[-1][-1].glyph is not None else None
            units.append(_carried(word, before) if spelt else word)
            carried = carried or spelt
        word, spelt = [], False
        if glyph is not None:
            units.append([glyph])
    return _anchored(units) if carried else glyphs


def _anchored(units: list[list[Glyph]]) -> list[Glyph]:
    """The units' glyphs, with an anchor opening the word of each right-to-left run's mark that comes
    before the run's first letter."""
    result: list[Glyph] = []
    leading = False  # in a right-to-left run, before its first letter
    for unit in units:
        if not unit[0].rtl:
            leading = False
        elif not result or not result[-1].rtl:
            leading = True
        first = _first_letter_or_mark(unit) if leading else None
        visual = unit[0].actual if unit[0].glyph == INVISIBLE else None  # a carried word's text
        if first == "mark" and visual:
            result.append(_carrier(unit[0], RIGHT_TO_LEFT_MARK, 0, RIGHT_TO_LEFT_MARK + visual))
            for glyph in unit:
                if glyph.actual == visual:
                    glyph.actual = RIGHT_TO_LEFT_MARK + visual
        leading = leading and first is None
        result += unit
    return result


def _first_letter_or_mark(glyphs: list[Glyph]) -> str | None:
    for glyph in glyphs:
        for char in glyph.text or "":
            if unicodedata.bidirectional(char) in ("L", "R", "AL"):
                return "letter"
            if _mark(char):
                return "mark"
    return None


def _advance(glyph: Glyph) -> float:
    """How far the glyph moves the pen, in thousandths of an em."""
    return -glyph.after if glyph.glyph is None else -glyph.before + glyph.width + glyph.extra - glyph.after


def _carried(word: list[Glyph], before: Glyph | None) -> list[Glyph]:
    """The word's carriers, a move back to where the word starts, and its glyphs in an empty span.

    The carriers start where the glyph drawn `before` the word ends, taking in the space after it
    (justification, kerning): MuPDF adds a space where the pen jumps after a mark, as one often starts
    a right-to-left word, and the space would come back between the mark and its letter."""
    visual = "".join(glyph.text for glyph in reversed(word) if glyph.text)[::-1]
    pieces = ["".join(run) for _, run in groupby(visual)]
    movers = [index for index, piece in enumerate(pieces) if not _marks_only(piece)] or [len(pieces) - 1]
    gap = 0.0
    if before is not None:
        gap, before.after = -before.after, 0
    width, position, moved, carriers = gap + sum(map(_advance, word)), 0, 0, []
    for index, piece in enumerate(pieces):
        advance = 0
        if index in movers:
            moved += 1
            advance = max(0, QUANTUM * round((width * moved / len(movers) - position) / QUANTUM))
        carriers.append(_carrier(word[0], piece, advance, visual))
        position += advance
    back = replace(word[0], glyph=None, text=None, after=position - gap, actual=None)
    hidden = [replace(glyph, glyph=None) if glyph.glyph == INVISIBLE else glyph for glyph in word]
    for glyph in hidden:
        glyph.text, glyph.actual = None, ""
    return [*carriers, back, *hidden]
