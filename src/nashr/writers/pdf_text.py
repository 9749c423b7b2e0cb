"""Text that copies back out of the PDF: a workaround for WeasyPrint 70.0's text output.

Why (see docs/pdf-text.md): WeasyPrint 70 maps each glyph id to text once, at its first occurrence
(`draw/text.py`, written as ToUnicode `bfchar` entries by `pdf/fonts.py`), so a glyph drawn for two
different texts — Amiri's kashida joining a lam to a kaf, and a real tatweel — copies back wrongly
("الممللكة"). And kerning writes real gaps between glyph boxes (reh|yeh, waw|yeh), where poppler
splits words ("العسكر ية"). Upstream: WeasyPrint issue #2841.

What: while the pages are drawn, each glyph occurrence gets a character code of its own text:
- a cluster's text goes to its logically first glyph (the base letter); the cluster's other glyphs
  (kashida, vowel marks) carry no text and are drawn inside an empty ActualText span. A right-to-left
  word with vowel marks has its text carried by ink-less glyphs instead (pdf_text_rtl);
- a glyph whose id already maps to another text, or that is followed by a gap inside a word, is
  drawn with an alias: a new glyph appended to the embedded font, a composite of the original glyph
  whose advance reaches the next glyph, so the `/W` widths and the font agree (PDF/A) and the glyph
  boxes touch. Pen positions are unchanged: renders are pixel-identical. An ink-less glyph of no
  advance (INVISIBLE) carries text that no glyph is drawn for (a zero-width non-joiner).

The workaround replaces `weasyprint.draw.text.draw_first_line` and wraps `Font.clean` only inside
`faithful_text()`, and refuses to run on any WeasyPrint but 70.0: it depends on their internals.
Lines it does not handle (ellipsis, bitmap, colour or CFF fonts) are drawn by WeasyPrint itself.
"""
from __future__ import annotations

import io
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from nashr.writers.pdf_text_rtl import INVISIBLE, spell_out
from nashr.writers.weasyprint_pin import check_version, replaced

MISSING_RESERVE = 256  # glyph ids after the font's own kept for WeasyPrint's .notdef stand-ins


@dataclass
class _FileAliases:
    """Alias glyphs of one embedded font file: alias id → (original glyph id or INVISIBLE, extra advance)."""

    first_id: int
    glyphs: dict[int, tuple[int, int]] = field(default_factory=dict)
    ids: dict[tuple[int, int, str], int] = field(default_factory=dict)

    def alias(self, glyph: int, extra: int, text: str) -> int:
        key = (glyph, extra, text)
        if key not in self.ids:
            self.ids[key] = self.first_id + len(self.ids)
            self.glyphs[self.ids[key]] = (glyph, extra)
        return self.ids[key]


@dataclass
class _Glyph:
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
    actual: str | None = None  # the ActualText of the span it is drawn in (pdf_text_rtl)


class _Session:
    """The alias glyphs of one PDF being written, shared by the fonts drawn from the same file."""

    def __init__(self) -> None:
        self.files: dict[str, _FileAliases] = {}

    def code(self, font, glyph: int, text: str | None, extra: int, hidden: bool = False) -> int:
        """The code to draw `glyph` with its `text` and `extra` advance: the glyph id when free. A
        `hidden` glyph (drawn in an empty ActualText span, its text carried by others) keeps any text
        its id has: no extractor that reads the span reads it."""
        text = text or ""
        if glyph != INVISIBLE:
            known = font.to_unicode.get(glyph)
            if hidden and extra == 0 and known is not None:
                return glyph
            if (extra == 0 and known in (None, text)) or glyph >= font.glyph_count:  # a .notdef stand-in
                font.to_unicode[glyph] = text
                return glyph
        if len(font.missing) > MISSING_RESERVE:
            raise RuntimeError(f'too many glyphs missing from font "{font.family}" for nashr\'s text workaround')
        aliases = self.files.setdefault(font.hash, _FileAliases(font.glyph_count + MISSING_RESERVE))
        code = aliases.alias(glyph, extra, text)
        font.to_unicode[code] = text
        font.widths[code] = (0 if glyph == INVISIBLE else font.widths[glyph]) + extra
        return code


def _handled(font) -> bool:
    return not (font.bitmap or font.png or font.svg or font.colr) and "glyf" in font.tables


def _runs(line) -> Iterator:
    run = line.runs[0]
    from weasyprint.text.ffi import ffi

    while run != ffi.NULL:
        yield run.data
        run = run.next


def _cluster_texts(glyph_item, utf8: bytes) -> list[str | None]:
    """Per glyph of a run: its cluster's text on the cluster's logically first glyph, None on the others.

    A cluster of combining marks only (Pango gives a vowel mark its own cluster) joins the cluster
    before it, so the base letter carries "لّ" and the zero-width mark, drawn apart, carries nothing.
    """
    glyphs = glyph_item.glyphs
    count, clusters = glyphs.num_glyphs, glyphs.log_clusters
    offset, length = glyph_item.item.offset, glyph_item.item.length
    rtl = glyph_item.item.analysis.level % 2
    starts = sorted({clusters[i] for i in range(count)})
    texts_by_start: dict[int, str] = {}
    head = None
    for start, end in zip(starts, starts[1:] + [length]):
        text = utf8[offset + start:offset + end].decode()
        if head is not None and all(unicodedata.combining(char) for char in text):
            texts_by_start[head] += text
        else:
            head, texts_by_start[start] = start, text
    texts: list[str | None] = []
    for i in range(count):
        neighbour = i + 1 if rtl else i - 1  # the glyph logically before, in the same cluster?
        first = not (0 <= neighbour < count and clusters[neighbour] == clusters[i])
        texts.append(texts_by_start.get(clusters[i]) if first else None)
    return texts


JOINER_CONTROLS = ("\u200c", "\u200d")  # zero-width non-joiner and joiner


def _line_glyphs(session: _Session, stream, line, utf8: bytes) -> list[_Glyph] | None:
    """The line's glyphs with WeasyPrint's own numbers, or None when a font needs WeasyPrint's drawing."""
    from weasyprint.text.ffi import FROM_UNITS, pango
    from weasyprint.logger import LOGGER

    result: list[_Glyph] = []
    for glyph_item in _runs(line):
        font, font_size = stream.add_font(glyph_item.item.analysis.font)
        if not _handled(font):
            return None
        if pango.pango_version() < 14802:
            return None
        texts = _cluster_texts(glyph_item, utf8)
        rtl = bool(glyph_item.item.analysis.level % 2)
        infos = glyph_item.glyphs.glyphs
        for i in range(glyph_item.glyphs.num_glyphs):
            info = infos[i]
            glyph_id, width = info.glyph, info.geometry.width
            if glyph_id == pango.PANGO_GLYPH_EMPTY and texts[i] in JOINER_CONTROLS:
                # Pango's empty glyph carries no text: «همکاری‌ها» would copy back as «همکاریها». The
                # control is drawn as an ink-less glyph of no advance that carries it, where it stands
                # (not added to the letter's text: extractors reverse a glyph's text in RTL lines).
                # Not the font's own glyph for it: Amiri draws a visible mark there.
                result.append(_Glyph(font, font_size, INVISIBLE, texts[i], after=-width / font_size, rtl=rtl))
                continue
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                result.append(_Glyph(font, font_size, None, None, after=-width / font_size, rtl=rtl))
                continue
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                LOGGER.warning('.notdef glyph rendered for Unicode string unsupported by fonts: '
                               '"%s" (U+%04X)', chr(codepoint), codepoint)
                glyph_id = font.get_unused_glyph_id(codepoint)
                font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                font.widths.setdefault(0, font.widths[glyph_id])
            if glyph_id not in font.widths:
                pango.pango_font_get_glyph_extents(
                    glyph_item.item.analysis.font, glyph_id, stream.ink_rect, stream.logical_rect)
                font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
            offset = info.geometry.x_offset / font_size
            logical = font.widths[glyph_id]
            kerning = logical + offset - width * 1000 * FROM_UNITS / font_size
            result.append(_Glyph(font, font_size, glyph_id, texts[i], before=-offset,
                                 after=int(kerning), width=logical, rise=info.geometry.y_offset / 1000,
                                 rtl=rtl))
    return result


def _word_letter(glyph: _Glyph) -> bool:
    return bool(glyph.text) and not glyph.text.isspace()


def _assign_codes(session: _Session, glyphs: list[_Glyph]) -> None:
    """Give each glyph its code; widen a letter followed by a gap so its box reaches the next letter."""
    for index, glyph in enumerate(glyphs):
        if glyph.glyph is None:
            continue
        extra = 0
        if _word_letter(glyph) and not glyph.rise and glyph.actual is None:  # not a spelt-out word (pdf_text_rtl)
            gap, following = -glyph.after, glyphs[index + 1:]
            for other in following:  # the next glyph that copies back, past text-less ones
                if other.font is not glyph.font or (other.glyph is not None and other.text is not None
                                                    and not _word_letter(other)):
                    break
                if other.glyph is not None and other.text is not None:
                    gap += -other.before
                    extra = int(gap) if gap >= 1 else 0
                    break
                gap += -other.before + other.width - other.after if other.glyph is not None else -other.after
        if extra:
            glyph.after += extra
        glyph.code = session.code(glyph.font, glyph.glyph, glyph.text, glyph.extra + extra, glyph.actual == "")


def _number(value: float) -> str:
    """A PDF number (never in exponent notation)."""
    return f"{value:f}".rstrip("0").rstrip(".") or "0"


def _draw(stream, glyphs: list[_Glyph]) -> None:
    """Write the glyphs as WeasyPrint would, text-less ones inside empty ActualText spans and spelt-out
    right-to-left words inside theirs."""
    import pydyf

    font = None
    parts: list[str] = []

    def flush() -> None:
        if parts:
            stream.show_text("".join(parts))
            parts.clear()

    current: str | None = None  # the ActualText of the span open
    for glyph in glyphs:
        if glyph.font is not font:
            flush()
            font = glyph.font
            stream.set_font_size(font.hash, glyph.size)
        if glyph.glyph is None:
            parts.append(f" {_number(glyph.after)} ")
            continue
        span = "" if glyph.text is None else glyph.actual
        if span != current:
            flush()
            if current is not None:
                stream.end_marked_content()
            if span is not None:
                stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(span)}))
            current = span
        before = f" {_number(glyph.before)} " if glyph.before else ""
        after = f" {int(glyph.after)} " if glyph.after else ""
        if glyph.rise:
            flush()
            stream.set_text_rise(-glyph.rise)
            stream.show_text(f"{before}<{glyph.code:04x}>")
            stream.set_text_rise(0)
            parts.append(after)
        else:
            parts.append(f"{before}<{glyph.code:04x}>{after}")
    flush()
    if current is not None:
        stream.end_marked_content()


def _draw_first_line(original, session: _Session):
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
            return []
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        from weasyprint.text.ffi import pango

        pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        line, _ = textbox.pango_layout.get_first_line()
        glyphs = _line_glyphs(session, stream, line, textbox.pango_layout.text.encode())
        if glyphs is None:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        stream.set_text_matrix(*matrix.values)
        glyphs = spell_out(glyphs)
        _assign_codes(session, glyphs)
        _draw(stream, glyphs)
        return []

    return draw_first_line


def _with_alias_glyphs(content: bytes, aliases: dict[int, tuple[int, int]]) -> bytes:
    """The font file with each alias appended: a composite of its original glyph, wider by `extra`."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    # No recalculated bounding boxes: the font's header stays as subset, so renderers draw the same.
    font = TTFont(io.BytesIO(content), recalcBBoxes=False, recalcTimestamp=False)
    order = list(font.getGlyphOrder())
    glyf, hmtx, units = font["glyf"], font["hmtx"], font["head"].unitsPerEm / 1000
    for glyph_id in range(len(order), max(aliases) + 1):
        name = f"nashr.alias{glyph_id}"
        order.append(name)
        glyph, advance, lsb = Glyph(), 0, 0
        if glyph_id in aliases:
            original, extra = aliases[glyph_id]
            if original != INVISIBLE:
                advance, lsb = hmtx[order[original]]
            # `extra` is in thousandths of an em; an instance of a variable font can be narrower than /W says
            advance = max(0, advance + round(extra * units))
            base = glyf[order[original]] if original != INVISIBLE else None
            if base is not None and base.numberOfContours:
                component = GlyphComponent()
                component.glyphName, component.x, component.y, component.flags = order[original], 0, 0, 0x4
                glyph.numberOfContours, glyph.components = -1, [component]
                glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax = base.xMin, base.yMin, base.xMax, base.yMax
        glyf.glyphs[name] = glyph
        hmtx.metrics[name] = (advance, lsb)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["maxp"].numGlyphs = len(order)
    if "post" in font:
        font["post"].formatType = 3.0  # no glyph names: a PDF does not use them
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _clean(original, session: _Session):
    def clean(self, to_unicode, hinting):
        file_aliases = session.files.get(self.hash)
        if not file_aliases:
            return original(self, to_unicode, hinting)
        aliases = file_aliases.glyphs
        kept = {glyph: text for glyph, text in to_unicode.items() if glyph not in aliases}
        for glyph, _ in aliases.values():
            if glyph != INVISIBLE:
                kept.setdefault(glyph, "")
        original(self, kept, hinting)
        self.file_content = _with_alias_glyphs(self.file_content, aliases)

    return clean


@contextmanager
def faithful_text():
    """Within this block, WeasyPrint writes PDFs whose text copies back (see the module docstring)."""
    check_version("PDF text workaround (nashr/writers/pdf_text.py)", "tests/test_pdf_text.py")
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf.fonts import Font

    session = _Session()
    with replaced((draw_text, "draw_first_line", _draw_first_line(draw_text.draw_first_line, session)),
                  (Font, "clean", _clean(Font.clean, session))):
        yield
