"""A line's glyph runs read from Pango once per distinct run, for the text workaround (text_layer).

Why: the workaround draws every glyph itself, with WeasyPrint's own numbers, so it reads each line's
glyphs from Pango's structures. Read glyph by glyph through cffi that cost more than the rest of the
workaround; a run (in practice a word or a justified space) is read here in one copy of its glyph
array, and what the workaround needs of it, its glyphs' texts and widths, is worked out the first time
the same glyphs, text, font and size are drawn in the PDF, and shared after (Run).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator

from nashr.weasyprint_fixes.text_layer_rtl import INVISIBLE, spelt_text


@dataclass(slots=True)
class Glyph:
    """One glyph occurrence of a line, with the TJ numbers WeasyPrint writes around it."""

    font: object
    size: float
    glyph: int  # glyph id, INVISIBLE (an ink-less carrier), or None for Pango's empty glyph (only a move)
    text: str | None  # the text it carries; None: none
    before: float = 0.0  # TJ number before the glyph (x offset)
    after: float = 0.0  # TJ number after it (kerning, spacing), as WeasyPrint writes it
    width: int = 0  # advance in thousandths of an em
    rise: float = 0.0
    code: int = 0  # the character code finally written
    extra: int = 0  # advance added to the glyph's own
    rtl: bool = False  # in a right-to-left run
    actual: str | None = None  # the ActualText of the span it is drawn in (text_layer_rtl)


def _handled(font) -> bool:
    return not (font.bitmap or font.png or font.svg or font.colr) and "glyf" in font.tables


def _runs(line) -> Iterator:
    run = line.runs[0]
    from weasyprint.text.ffi import ffi

    while run != ffi.NULL:
        yield run.data
        run = run.next


@lru_cache(maxsize=8192)
def _cluster_texts(clusters: bytes, text: bytes, rtl: bool) -> tuple[str | None, ...]:
    """Per glyph of a run (its log clusters as C ints, its UTF-8 text): its cluster's text on the
    cluster's logically first glyph, None on the others. Cached: words recur.

    A cluster of combining marks only (Pango gives a vowel mark its own cluster) joins the cluster
    before it, so the base letter carries "لّ" and the zero-width mark, drawn apart, carries nothing.
    """
    starts_of = memoryview(clusters).cast("i").tolist()
    count = len(starts_of)
    starts = sorted(set(starts_of))
    texts_by_start: dict[int, str] = {}
    head = None
    for start, end in zip(starts, starts[1:] + [len(text)]):
        piece = text[start:end].decode()
        if head is not None and all(unicodedata.combining(char) for char in piece):
            texts_by_start[head] += piece
        else:
            head, texts_by_start[start] = start, piece
    texts: list[str | None] = []
    for i, cluster in enumerate(starts_of):
        neighbour = i + 1 if rtl else i - 1  # the glyph logically before, in the same cluster?
        first = not (0 <= neighbour < count and starts_of[neighbour] == cluster)
        texts.append(texts_by_start.get(cluster) if first else None)
    return tuple(texts)


JOINER_CONTROLS = ("\u200c", "\u200d")  # zero-width non-joiner and joiner
# A glyph of a run as Glyph's first numbers: glyph id (None: only a move), text, before, after, width, rise
_Template = tuple[int | None, str | None, float, float, int, float]


@cache
def _glyph_info_ints() -> int:
    """How many C ints a PangoGlyphInfo takes: its glyph id and geometry (width, x and y offset), then
    visual attributes, bits of which Pango leaves unset (so they are no part of a run's key)."""
    from weasyprint.text.ffi import ffi

    return ffi.sizeof("PangoGlyphInfo") // 4


def _read_run(runs: dict[tuple, Run], stream, glyph_item, font, font_size: float, utf8: bytes) -> Run:
    """The run's glyphs with WeasyPrint's own numbers: worked out once per font, size, glyphs and text
    (a word drawn again is the same run) and cached in `runs`, unless a glyph is missing."""
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    glyphs, item = glyph_item.glyphs, glyph_item.item
    count, rtl = glyphs.num_glyphs, bool(item.analysis.level % 2)
    stride = _glyph_info_ints()
    infos = memoryview(ffi.buffer(glyphs.glyphs, count * stride * 4)).cast("i").tolist()
    for ints in range(stride, 4, -1):  # keep the first four ints of each glyph
        del infos[ints - 1::ints]
    clusters = ffi.buffer(glyphs.log_clusters, count * 4)[:]
    text = utf8[item.offset:item.offset + item.length]
    key = (font, font_size, rtl, tuple(infos), clusters, text)
    if (cached := runs.get(key)) is not None:
        return cached
    from weasyprint.logger import LOGGER

    texts = _cluster_texts(clusters, text, rtl)
    empty, unknown = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    result: list[_Template] = []
    missing = False
    for index, glyph_text in enumerate(texts):
        glyph_id, width, x_offset, y_offset = infos[4 * index:4 * index + 4]
        glyph_id &= 0xFFFFFFFF  # a PangoGlyph is unsigned
        if glyph_id == empty:
            # Pango's empty glyph carries no text: «همکاری‌ها» would copy back as «همکاریها». A joiner
            # control is drawn as an ink-less glyph of no advance that carries it, where it stands
            # (not added to the letter's text: extractors reverse a glyph's text in RTL lines).
            # Not the font's own glyph for it: Amiri draws a visible mark there.
            joiner = glyph_text in JOINER_CONTROLS
            result.append((INVISIBLE if joiner else None, glyph_text if joiner else None, 0.0, -width / font_size, 0, 0.0))
            continue
        if glyph_id & unknown:
            codepoint = glyph_id - unknown
            LOGGER.warning('.notdef glyph rendered for Unicode string unsupported by fonts: '
                           '"%s" (U+%04X)', chr(codepoint), codepoint)
            glyph_id, missing = font.get_unused_glyph_id(codepoint), True
            font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
            font.widths.setdefault(0, font.widths[glyph_id])
        if glyph_id not in font.widths:
            pango.pango_font_get_glyph_extents(item.analysis.font, glyph_id, stream.ink_rect, stream.logical_rect)
            font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
        offset = x_offset / font_size
        logical = font.widths[glyph_id]
        kerning = logical + offset - width * 1000 * FROM_UNITS / font_size
        result.append((glyph_id, glyph_text, -offset, int(kerning), logical, y_offset / 1000))
    run = Run(font, font_size, rtl, tuple(result))
    if not missing:  # a missing glyph is warned about each time, as WeasyPrint does
        runs[key] = run
    return run


@cache
def _pango_positions_glyphs() -> bool:
    """Whether Pango gives glyph positions at the font's size (Pango issue 530, fixed in 1.48.2)."""
    from weasyprint.text.ffi import pango

    return pango.pango_version() >= 14802


@dataclass(slots=True)
class Run:
    """A glyph run as drawn: what every occurrence of the same glyphs and text in the same font shares."""

    font: object
    size: float
    rtl: bool
    templates: tuple[_Template, ...]
    spelt: bool = False  # a word of it is spelt out on carriers (text_layer_rtl)
    open_end: bool = False  # the gap after its last letter is looked for past the run (_assign_codes)
    continues: bool = True  # a look for the gap after a letter before it goes on into it
    word_at_start: bool = False  # its first glyph belongs to a right-to-left word (text_layer_rtl)
    word_at_end: bool = False  # and its last
    ops: list[tuple] | None = None  # how it is drawn on its own (_ops), worked out at first use

    def __post_init__(self) -> None:
        self.spelt = self.rtl and any(spelt_text(template[1]) for template in self.templates)
        for glyph, text, *_, rise in reversed(self.templates):  # the last glyph that copies back
            if glyph is not None and text is not None:
                self.open_end = letter(text) and not rise
                break
        glyph, text = self.templates[0][:2] if self.templates else (None, None)
        self.continues = glyph is None or text is None or letter(text)
        if self.rtl and self.templates:
            self.word_at_start = not (text and text.isspace())
            self.word_at_end = not (self.templates[-1][1] and self.templates[-1][1].isspace())

    def glyphs(self) -> list[Glyph]:
        font, size, rtl = self.font, self.size, self.rtl
        return [Glyph(font, size, *template, 0, 0, rtl) for template in self.templates]


def line_runs(runs: dict[tuple, Run], stream, line, utf8: bytes) -> list[Run] | None:
    """The line's runs, or None when a font needs WeasyPrint's drawing."""
    if not _pango_positions_glyphs():
        return None
    result: list[Run] = []
    pango_font = None
    for glyph_item in _runs(line):
        if glyph_item.item.analysis.font != pango_font:  # as WeasyPrint: a font is looked up when it changes
            pango_font = glyph_item.item.analysis.font
            font, font_size = stream.add_font(pango_font)
            if not _handled(font):
                return None
        result.append(_read_run(runs, stream, glyph_item, font, font_size, utf8))
    return result


def letter(text: str | None) -> bool:
    return bool(text) and not text.isspace()
