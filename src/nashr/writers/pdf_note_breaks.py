"""Notes stay on the page of their call: a one-line patch to WeasyPrint 70.0's line layout.

Why: when a paragraph's next line does not fit and `orphans`/`widows` forbid breaking before it,
WeasyPrint 70 (`layout/block.py`, `_linebox_layout`, "report footnotes") makes room by moving the
page's last notes to the next page, so their calls stay behind. Pages then print a call whose note is
overleaf. CSS Paged Media asks for the opposite, and so do journals: move lines, not notes.

What: inside `notes_stay_with_calls()`, `_linebox_layout` is a copy of WeasyPrint's own, compiled
from its source with that one decision (`report = …`) set to False, so the paragraph breaks as
orphans and widows allow (or moves whole to the next page) and its notes stay with their calls.
Everything else, footnote-policy `line` included, is WeasyPrint's code. This replaces laying the
whole document out a second time to push the offending blocks (the earlier workaround), which doubled
the PDF's cost. Refuses any WeasyPrint but the pinned one (weasyprint_pin.py).
"""
from __future__ import annotations

import inspect
import textwrap
from contextlib import contextmanager
from functools import cache
from typing import Callable, Iterator

from nashr.writers.weasyprint_pin import UnsupportedWeasyPrint, check_version

REPORT_NOTES = "report = not context.in_column and can_break_now and not could_break_before"


@cache
def _line_layout_keeping_notes() -> Callable:
    from weasyprint.layout import block

    source = textwrap.dedent(inspect.getsource(block._linebox_layout))
    if source.count(REPORT_NOTES) != 1:
        raise UnsupportedWeasyPrint("WeasyPrint's _linebox_layout no longer decides to report footnotes "
                                    f"with `{REPORT_NOTES}`: port nashr/writers/pdf_note_breaks.py")
    namespace = dict(vars(block))  # the copy resolves WeasyPrint's helpers exactly as the original does
    exec(compile(source.replace(REPORT_NOTES, "report = False"), block.__file__, "exec"), namespace)
    return namespace["_linebox_layout"]


@contextmanager
def notes_stay_with_calls() -> Iterator[None]:
    """Within this block, WeasyPrint breaks lines instead of moving notes away from their calls."""
    check_version("note placement patch (nashr/writers/pdf_note_breaks.py)", "tests/test_pdf_note_breaks.py")
    from weasyprint.layout import block

    original = block._linebox_layout
    block._linebox_layout = _line_layout_keeping_notes()
    try:
        yield
    finally:
        block._linebox_layout = original
