"""Every place nashr reaches into WeasyPrint's internals, pinned to one WeasyPrint version.

Why one package: each fix patches WeasyPrint's private code (a function recompiled from its own source
with a few lines changed, a function wrapped, box state read after layout), so each must be checked
again when WeasyPrint changes. Here they are side by side with what they need: the one version they
are written against (WEASYPRINT_VERSION, the same as pyproject.toml's pin), the one way they are
swapped in (`pin.replaced`, entered by the PDF writer through `patched_layout()`), and FIXES: for each,
its upstream issue and its canary, a test that shows stock WeasyPrint still getting it wrong.

Judging an upgrade: `scripts/try-weasyprint VERSION` runs the canaries against another WeasyPrint
(docs/weasyprint-fixes.md).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

WEASYPRINT_VERSION = "70.0"
UNPINNED = "NASHR_WEASYPRINT_UNPINNED"  # =1: another WeasyPrint is warned about, not refused (canaries only)


@dataclass(frozen=True)
class Fix:
    name: str
    module: str  # import path
    upstream: str  # the upstream issue it works around
    fixes: str  # what goes wrong without it, in one line
    canary: str  # the test file whose `test_weasyprint_alone_*` tests show stock WeasyPrint getting it wrong


_ISSUES = "https://github.com/Kozea/WeasyPrint/issues/"
FIXES = (
    Fix("note placement", "nashr.weasyprint_fixes.note_placement", _ISSUES + "2432",
        "notes moved to the next page, away from their calls, by orphans/widows and by a float comparison",
        "tests/weasyprint_canaries/test_note_placement.py"),
    Fix("right-to-left indent", "nashr.weasyprint_fixes.rtl_indent", _ISSUES + "106",
        "a right-to-left paragraph's text-indent lands on the left end of its first line",
        "tests/weasyprint_canaries/test_rtl_indent.py"),
    Fix("note continuation", "nashr.weasyprint_fixes.note_continuation", _ISSUES + "1833",
        "a long note cannot be split: it goes overleaf whole with its calling line, leaving a gap",
        "tests/weasyprint_canaries/test_note_continuation.py"),
    Fix("line memo", "nashr.weasyprint_fixes.line_memo", _ISSUES + "578",
        "the same line is shaped by Pango again and again within one render (speed, not looks)",
        "tests/weasyprint_canaries/test_line_memo.py"),
    Fix("text layer", "nashr.weasyprint_fixes.text_layer", _ISSUES + "2841",  # with text_layer_rtl, _runs, _font
        "Arabic words copy out of the PDF broken: ligatures, kashidas, kerned pairs, vowel marks",
        "tests/test_pdf_text.py"),
)


@contextmanager
def patched_layout() -> Iterator[None]:
    """Within this block (one render), WeasyPrint lays pages out with every layout fix swapped in. The
    text layer (`text_layer.faithful_text`) is entered around writing, and note continuation
    is a pass between renders (`note_continuation.continue_long_notes`)."""
    from nashr.weasyprint_fixes.line_memo import lines_broken_once
    from nashr.weasyprint_fixes.note_placement import notes_stay_with_calls
    from nashr.weasyprint_fixes.rtl_indent import indent_on_the_start_side

    with notes_stay_with_calls(), indent_on_the_start_side(), lines_broken_once():
        yield
