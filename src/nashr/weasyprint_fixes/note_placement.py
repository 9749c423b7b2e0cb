"""Notes stay on the page of their call, and take no more of the page than they must: small patches
to WeasyPrint 70.0's layout.

Why: journals print a note at the foot of the page that calls it. WeasyPrint 70 moves notes overleaf
while their calls stay behind in two cases:
- when a paragraph's next line does not fit and `orphans`/`widows` forbid breaking before it, it
  makes room by moving the page's last notes to the next page (`layout/block.py`, `_linebox_layout`,
  "report footnotes", added upstream for Kozea/WeasyPrint#2432). CSS allows notes after their call's
  page; journals want lines moved instead;
- it decides that a note "overflows" its footnote area by comparing two sums of the same lengths
  added in different orders (`layout/__init__.py`, `_update_footnote_area`), so a long note that fits
  can be declared too tall by 1e-13 px and sent to the next page.
And `widows` moves the line before a paragraph's last line along with it, with that line's notes:
several lines of the page's foot go empty to save one widow line.

What: inside `notes_stay_with_calls()`, those two functions are copies of WeasyPrint's own, compiled
from its source with a few lines changed: the first never reports notes for orphans and widows (the
paragraph breaks as they allow, or moves whole to the next page) and keeps widows only when the
lines it would move call no notes; the second compares with a tolerance. Everything else,
footnote-policy `line` included, is WeasyPrint's code. This replaces laying the whole document out
again to push the offending blocks, which doubled the PDF's cost. Refuses any WeasyPrint but the
pinned one (pin.py). Upstream: Kozea/WeasyPrint#2432 (docs/weasyprint-fixes.md).
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from typing import Callable, Iterator

from nashr.weasyprint_fixes.pin import check_version, recompiled, replaced

WORKAROUND = "nashr/weasyprint_fixes/note_placement.py"

REPORT_NOTES = ("report = not context.in_column and can_break_now and not could_break_before",
                "report = False")


def _soft_widows(indent: str, call: str) -> tuple[str, str]:
    """Keep `widows` unless the lines it would move to the next page call notes: moving them takes
    their notes along and empties the page's foot (a widow costs less than a gap of several lines)."""
    return (f"{indent}{call}", f"{indent}if needed and any(child.footnote for moved in new_children[-needed:]\n"
                               f"{indent}                  for child in moved.descendants()):\n"
                               f"{indent}    needed = 0\n{indent}{call}")


# a line that does not fit, and a line whose note does not fit (footnote-policy: line)
SOFT_WIDOWS = [_soft_widows(" " * 16, "abort, stop, resume_at = _break_line(\n" + " " * 20
                            + "context, box, line, new_children, needed, page_is_empty, index,"),
               _soft_widows(" " * 28, "abort, stop, resume_at = _break_line(\n" + " " * 32
                            + "context, box, line, new_children, needed, page_is_empty,")]
AREA_OVERFLOW = ("overflow = last_child_bottom > footnote_area_bottom",
                 "overflow = last_child_bottom > footnote_area_bottom + 0.01  # px")


@cache
def _patched() -> tuple[Callable, Callable]:
    from weasyprint import layout
    from weasyprint.layout import block

    return (recompiled(block._linebox_layout, block, [REPORT_NOTES, *SOFT_WIDOWS], WORKAROUND),
            recompiled(layout.LayoutContext._update_footnote_area, layout, [AREA_OVERFLOW], WORKAROUND))


@contextmanager
def notes_stay_with_calls() -> Iterator[None]:
    """Within this block, WeasyPrint breaks lines instead of moving notes away from their calls."""
    check_version(f"note placement patch ({WORKAROUND})", "tests/weasyprint_canaries/test_note_placement.py")
    from weasyprint.layout import LayoutContext, block

    line_layout, footnote_area = _patched()
    with replaced((block, "_linebox_layout", line_layout), (LayoutContext, "_update_footnote_area", footnote_area)):
        yield
