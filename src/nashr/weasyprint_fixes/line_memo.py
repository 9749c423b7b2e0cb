"""Each line of text broken once per render: a memo around WeasyPrint 70.0's `split_first_line`.

Why: WeasyPrint lays the same lines out again and again within one render — the whole footnote area
each time a note joins it, the blocks at a page's foot on the page that cannot hold them and again on
the next, the first page again when a `target-counter()` resolves — and every time `split_first_line`
has Pango shape the text (a draft of the line, then the line itself), which is the costly part of
laying out Arabic set in Amiri. On the bundled article 64 % of its calls repeat an earlier call with
the same arguments, and take about 60 % of its time (docs/benchmarks.md).

What: inside `lines_broken_once()`, `layout/inline.py` calls `split_first_line` through a memo kept for
the block: the same text, style, width, justification and flags give the same line, without shaping
it again. `split_first_line` returns its Pango layout deactivated (a small record: text, direction,
width), and each caller gets its own copy, since drawing may change the record (an ellipsis). The
style is part of the key by identity, and the memo holds it, so no other style can take its identity.
`context` is left out of the key: WeasyPrint uses it only to keep hyphenation dictionaries. Refuses
any WeasyPrint but the pinned one (pin.py), and a `split_first_line` with other parameters.
"""
from __future__ import annotations

import copy
import inspect
from contextlib import contextmanager
from typing import Callable, Iterator

from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint, check_version, replaced

WORKAROUND = "nashr/weasyprint_fixes/line_memo.py"
# the parameters the memo passes on, in WeasyPrint 70.0's order (all of them make the key but `context`)
PARAMETERS = ("text", "style", "context", "max_width", "justification_spacing", "is_line_start", "minimum")


def _remembering(split_first_line: Callable) -> Callable:
    """`split_first_line`, answering a call it has answered before from memory."""
    memo: dict[tuple, tuple[object, tuple]] = {}

    def split(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        key = (text, id(style), max_width, justification_spacing, is_line_start, minimum)
        if key not in memo:
            memo[key] = (style, split_first_line(text, style, context, max_width, justification_spacing,
                                                 is_line_start, minimum))
        layout, *metrics = memo[key][1]
        return (copy.copy(layout), *metrics)

    return split


@contextmanager
def lines_broken_once() -> Iterator[None]:
    """Within this block (one render), WeasyPrint breaks each distinct line of text once."""
    check_version(f"line-break memo ({WORKAROUND})", "tests/weasyprint_canaries/test_line_memo.py")
    from weasyprint.layout import inline

    if tuple(inspect.signature(inline.split_first_line).parameters) != PARAMETERS:
        raise UnsupportedWeasyPrint(f"WeasyPrint's split_first_line no longer takes {PARAMETERS}: port {WORKAROUND}")
    with replaced((inline, "split_first_line", _remembering(inline.split_first_line))):
        yield
