"""The pin and the tools every fix uses: refuse another WeasyPrint, recompile, swap in.

Each fix (FIXES in this package) calls `check_version` before patching, so another WeasyPrint fails
loudly with what to do instead of silently misplacing text or notes; `recompiled` makes the small
changes, and refuses when a line it changes is gone; `replaced` swaps the patched functions in for the
length of a block. With NASHR_WEASYPRINT_UNPINNED=1 (scripts/try-weasyprint, judging an upgrade) another
WeasyPrint is warned about instead, and the canaries say which fixes still apply.
"""
from __future__ import annotations

import inspect
import os
import textwrap
import warnings
from contextlib import contextmanager
from types import ModuleType
from typing import Callable, Iterator

from nashr.weasyprint_fixes import UNPINNED, WEASYPRINT_VERSION


class UnsupportedWeasyPrint(RuntimeError):
    pass


def check_version(workaround: str, test: str) -> None:
    """Raise UnsupportedWeasyPrint unless the installed WeasyPrint is WEASYPRINT_VERSION (warn instead
    when UNPINNED is set to 1).

    `workaround` names the patching module, `test` the test file that shows the port works."""
    import weasyprint

    if weasyprint.__version__ == WEASYPRINT_VERSION:
        return
    problem = (f"nashr's {workaround} is written against WeasyPrint {WEASYPRINT_VERSION} internals, but "
               f"WeasyPrint {weasyprint.__version__} is installed. Install weasyprint=={WEASYPRINT_VERSION} "
               f"(as pyproject.toml pins it), or port the workaround and raise WEASYPRINT_VERSION after "
               f"checking it with {test} (docs/weasyprint-fixes.md).")
    if os.environ.get(UNPINNED) != "1":
        raise UnsupportedWeasyPrint(problem)
    warnings.warn(problem, stacklevel=2)


def recompiled(function: Callable, module: ModuleType, changes: list[tuple[str, str]], workaround: str) -> Callable:
    """`function` compiled from its own source with each (old, new) text replaced, resolving names in
    `module` as the original does; UnsupportedWeasyPrint, naming `workaround`, when a text is not there
    exactly once."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except OSError as error:  # WeasyPrint installed without its sources
        raise UnsupportedWeasyPrint(f"nashr needs WeasyPrint's Python sources to patch {function.__qualname__}: "
                                    f"reinstall weasyprint from its wheel ({error})") from None
    for old, new in changes:
        if source.count(old) != 1:
            raise UnsupportedWeasyPrint(f"WeasyPrint's {function.__qualname__} no longer has `{old.strip()}`: "
                                        f"port {workaround}")
        source = source.replace(old, new)
    namespace = dict(vars(module))
    exec(compile(source, module.__file__, "exec"), namespace)
    return namespace[function.__name__]


@contextmanager
def replaced(*swaps: tuple[object, str, object]) -> Iterator[None]:
    """Within this block, each (owner, attribute, replacement) is in place; the originals come back after."""
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in swaps]
    for owner, name, replacement in swaps:
        setattr(owner, name, replacement)
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
