"""A right-to-left paragraph's first-line indent on its right, where it starts: a one-line patch to
WeasyPrint 70.0's line layout.

Why: WeasyPrint lays every line out from the left and, for a right-to-left line, moves it right
after aligning it; `text-indent` shortens the first line from the left and the move ignores it, so an
Arabic, Persian or Hebrew paragraph's indent lands at the left end of its first line (or nowhere, on a
one-line paragraph), and a hanging indent never hangs.

What: inside `indent_on_the_start_side()`, `layout/inline.py`'s `get_next_linebox` is a copy of
WeasyPrint's own, compiled from its source with the right-to-left move taking the indent into account
(`offset_x -= line.width + linebox.text_indent`): the first line keeps its width and alignment and
moves by the indent towards the left, leaving it on the right. Left-to-right lines are untouched.
Refuses any WeasyPrint but the pinned one (pin.py).
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from typing import Callable, Iterator

from nashr.weasyprint_fixes.pin import check_version, recompiled, replaced

WORKAROUND = "nashr/weasyprint_fixes/rtl_indent.py"
RTL_MOVE = ("            offset_x -= line.width\n", "            offset_x -= line.width + linebox.text_indent\n")


@cache
def _patched() -> Callable:
    from weasyprint.layout import inline

    return recompiled(inline.get_next_linebox, inline, [RTL_MOVE], WORKAROUND)


@contextmanager
def indent_on_the_start_side() -> Iterator[None]:
    """Within this block, a right-to-left paragraph's text-indent is on its right."""
    check_version(f"right-to-left indent patch ({WORKAROUND})", "tests/weasyprint_canaries/test_rtl_indent.py")
    from weasyprint.layout import inline

    with replaced((inline, "get_next_linebox", _patched())):
        yield
