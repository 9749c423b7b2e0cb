"""Text that copies back out of the PDF: a workaround for WeasyPrint 70.0's text output.

Why (see docs/pdf-text.md): WeasyPrint 70 maps each glyph id to text once, at its first occurrence
(`draw/text.py`, written as ToUnicode `bfchar` entries by `pdf/fonts.py`), so a glyph drawn for two
different texts — Amiri's kashida joining a lam to a kaf, and a real tatweel — copies back wrongly
("الممللكة"). And kerning writes real gaps between glyph boxes (reh|yeh, waw|yeh), where poppler
splits words ("العسكر ية"). Upstream: WeasyPrint issue #2841.

What: while the pages are drawn, each glyph occurrence gets a character code of its own text:
- a cluster's text goes to its logically first glyph (the base letter); the cluster's other glyphs
  (kashida, vowel marks) carry no text and are drawn inside an empty ActualText span. A right-to-left
  word with vowel marks has its text carried by ink-less glyphs instead (text_layer_rtl);
- a glyph whose id already maps to another text, or that is followed by a gap inside a word, is
  drawn with an alias: a new glyph appended to the embedded font, a composite of the original glyph
  whose advance reaches the next glyph, so the `/W` widths and the font agree (PDF/A) and the glyph
  boxes touch. Pen positions are unchanged: renders are pixel-identical. An ink-less glyph of no
  advance (INVISIBLE) carries text that no glyph is drawn for (a zero-width non-joiner).

Cost: a line is read from Pango run by run (a word, a justified space: text_layer_runs), each run in one
copy of its glyph array; what a run needs (its glyphs' texts and widths, and, past the last run of its line that
spells out a word or looks for a letter's gap in the next run, its codes and TJ operands) is worked out
at the run's first occurrence in the PDF and reused after. Codes are given in the same order as glyph by glyph, so the
PDF is the same byte for byte (benchmarks/text_layer.py measures the cost).

The workaround replaces `weasyprint.draw.text.draw_first_line` and wraps `Font.clean` only inside
`faithful_text()`, and refuses to run on any WeasyPrint but 70.0: it depends on their internals.
Lines it does not handle (ellipsis, bitmap, colour or CFF fonts) are drawn by WeasyPrint itself.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from nashr.weasyprint_fixes.text_layer_font import with_alias_glyphs
from nashr.weasyprint_fixes.text_layer_rtl import INVISIBLE, spell_out
from nashr.weasyprint_fixes.text_layer_runs import Glyph, Run, letter, line_runs
from nashr.weasyprint_fixes.pin import check_version, replaced

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


class _Session:
    """The alias glyphs of one PDF being written, shared by the fonts drawn from the same file."""

    def __init__(self) -> None:
        self.files: dict[str, _FileAliases] = {}
        self.runs: dict[tuple, Run] = {}  # see text_layer_runs
        self.codes: dict[tuple, int] = {}  # code's answers, which do not change once given

    def code(self, font, glyph: int, text: str | None, extra: int, hidden: bool = False) -> int:
        """The code to draw `glyph` with its `text` and `extra` advance: the glyph id when free. A
        `hidden` glyph (drawn in an empty ActualText span, its text carried by others) keeps any text
        its id has: no extractor that reads the span reads it."""
        key = (font, glyph, text, extra, hidden)
        if (code := self.codes.get(key)) is None:
            code = self._code(font, glyph, text, extra, hidden)
            if glyph < font.glyph_count:  # a .notdef stand-in's text is that of its latest use
                self.codes[key] = code
        return code

    def _code(self, font, glyph: int, text: str | None, extra: int, hidden: bool) -> int:
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


def _worked_out_together(runs: list[Run]) -> int:
    """How many of the line's runs, from its start, are worked out together glyph by glyph: through the
    last that spells out a word (text_layer_rtl reads a right-to-left run from its start, and a spelt word
    takes in the glyph before it) with the rest of its word, and through any run into which a letter's
    gap is looked for. Each run after them is drawn on its own."""
    count = 0
    for index, run in enumerate(runs):
        before = runs[index - 1] if index else None
        if run.spelt or (before is not None and (
                (before.open_end and run.continues and run.font is before.font)
                or (count == index and before.word_at_end and run.word_at_start))):
            count = index + 1
    return count


def _assign_codes(session: _Session, glyphs: list[Glyph]) -> None:
    """Give each glyph its code; widen a letter followed by a gap so its box reaches the next letter."""
    count = len(glyphs)
    for index, glyph in enumerate(glyphs):
        if glyph.glyph is None:
            continue
        extra = 0
        text = glyph.text
        if text and not glyph.rise and glyph.actual is None and not text.isspace():  # a letter, not spelt out (text_layer_rtl)
            gap = -glyph.after
            for position in range(index + 1, count):  # the next glyph that copies back, past text-less ones
                other = glyphs[position]
                if other.font is not glyph.font:
                    break
                if other.glyph is not None and other.text is not None:
                    if letter(other.text):
                        gap += -other.before
                        extra = int(gap) if gap >= 1 else 0
                    break
                gap += -other.before + other.width - other.after if other.glyph is not None else -other.after
        if extra:
            glyph.after += extra
        glyph.code = session.code(glyph.font, glyph.glyph, text, glyph.extra + extra, glyph.actual == "")


def _number(value: float) -> str:
    """A PDF number (never in exponent notation)."""
    return f"{value:f}".rstrip("0").rstrip(".") or "0"


_UNKNOWN = object()
FONT, SPAN, SHOW, RISE = range(4)  # what _ops writes: (FONT, font, size), (SPAN, ActualText or None),
# (SHOW, TJ operands), (RISE, rise, TJ operands drawn raised)


def _ops(glyphs: list[Glyph]) -> list[tuple]:
    """How to write the glyphs as WeasyPrint would, text-less ones inside empty ActualText spans and
    spelt-out right-to-left words inside theirs: a list that _play writes, the same whether the glyphs
    are a line or one run of it (a run's list sets its font and spans; _play skips what is set)."""
    ops: list[tuple] = []
    parts: list[str] = []

    def show() -> None:
        if parts:
            ops.append((SHOW, "".join(parts)))
            parts.clear()

    font, current = None, _UNKNOWN  # the span open before the glyphs is not known: the first sets its own
    for glyph in glyphs:
        if glyph.font is not font:
            show()
            font = glyph.font
            ops.append((FONT, font, glyph.size))
        if glyph.glyph is None:
            parts.append(f" {_number(glyph.after)} ")
            continue
        span = "" if glyph.text is None else glyph.actual
        if span != current:
            show()
            ops.append((SPAN, span))
            current = span
        before = f" {_number(glyph.before)} " if glyph.before else ""
        after = f" {int(glyph.after)} " if glyph.after else ""
        if glyph.rise:
            show()
            ops.append((RISE, -glyph.rise, f"{before}<{glyph.code:04x}>"))
            parts.append(after)
        else:
            parts.append(f"{before}<{glyph.code:04x}>{after}")
    show()
    return ops


def _play(stream, ops: list[tuple]) -> None:
    """Write the operations of _ops to the content stream, text shown at once up to a change."""
    import pydyf

    font, current = None, None  # the font set, the ActualText of the span open
    parts: list[str] = []

    def flush() -> None:
        if parts:
            stream.show_text("".join(parts))
            parts.clear()

    for op in ops:
        kind = op[0]
        if kind == SHOW:
            parts.append(op[1])
        elif kind == FONT:
            if op[1] is not font:
                flush()
                font = op[1]
                stream.set_font_size(font.hash, op[2])
        elif kind == SPAN:
            if op[1] != current:
                flush()
                if current is not None:
                    stream.end_marked_content()
                if op[1] is not None:
                    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(op[1])}))
                current = op[1]
        else:
            flush()
            stream.set_text_rise(op[1])
            stream.show_text(op[2])
            stream.set_text_rise(0)
    flush()
    if current is not None:
        stream.end_marked_content()


def _line_ops(session: _Session, runs: list[Run]) -> list[tuple]:
    """The line's drawing operations: its first runs worked out together where they must be, then each
    other run's own, worked out once."""
    together = _worked_out_together(runs)
    ops: list[tuple] = []
    if together:
        glyphs = spell_out([glyph for run in runs[:together] for glyph in run.glyphs()])
        _assign_codes(session, glyphs)
        ops = _ops(glyphs)
    for run in runs[together:]:
        if run.ops is None:
            glyphs = run.glyphs()
            _assign_codes(session, glyphs)
            run.ops = _ops(glyphs)
        ops += run.ops
    return ops


def _draw_first_line(original, session: _Session):
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
            return []
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        from weasyprint.text.ffi import pango

        pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        line, _ = textbox.pango_layout.get_first_line()
        runs = line_runs(session.runs, stream, line, textbox.pango_layout.text.encode())
        if runs is None:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        stream.set_text_matrix(*matrix.values)
        _play(stream, _line_ops(session, runs))
        return []

    return draw_first_line


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
        self.file_content = with_alias_glyphs(self.file_content, aliases)

    return clean


@contextmanager
def faithful_text():
    """Within this block, WeasyPrint writes PDFs whose text copies back (see the module docstring)."""
    check_version("PDF text workaround (nashr/weasyprint_fixes/text_layer.py)", "tests/test_pdf_text.py")
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf.fonts import Font

    session = _Session()
    with replaced((draw_text, "draw_first_line", _draw_first_line(draw_text.draw_first_line, session)),
                  (Font, "clean", _clean(Font.clean, session))):
        yield
