"""The pin: one WeasyPrint version, the same in pyproject.toml; every fix refuses another (or warns, when
judging an upgrade); every fix is in the registry with its canary."""
from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest
import weasyprint

import nashr.weasyprint_fixes as fixes
from nashr.weasyprint_fixes import FIXES, UNPINNED, WEASYPRINT_VERSION
from nashr.weasyprint_fixes.line_memo import lines_broken_once
from nashr.weasyprint_fixes.note_continuation import continue_long_notes
from nashr.weasyprint_fixes.note_placement import notes_stay_with_calls
from nashr.weasyprint_fixes.rtl_indent import indent_on_the_start_side
from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint

REPO = Path(__file__).resolve().parents[2]
PATCHES = {"note_placement.py": notes_stay_with_calls, "rtl_indent.py": indent_on_the_start_side,
           "line_memo.py": lines_broken_once, "note_continuation.py": continue_long_notes}


def test_pyproject_pins_the_same_weasyprint():
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert [d for d in dependencies if re.match(r"weasyprint\b", d, re.I)] == [f"weasyprint=={WEASYPRINT_VERSION}"]


def test_every_fix_is_registered_with_a_canary():
    modules = {f"nashr.weasyprint_fixes.{m.name}" for m in pkgutil.iter_modules(fixes.__path__)} - {"nashr.weasyprint_fixes.pin"}
    registered = {fix.module for fix in FIXES}
    # a fix's own parts share its name (text_layer_rtl, text_layer_runs belong to text_layer)
    assert {module for module in modules if not any(module == fix or module.startswith(fix + "_") for fix in registered)} == set()
    for fix in FIXES:
        importlib.import_module(fix.module)
        assert (REPO / fix.canary).is_file() and fix.upstream.startswith("https://github.com/Kozea/WeasyPrint/issues/")


@pytest.mark.parametrize("module, patch", PATCHES.items())
def test_refuses_another_weasyprint(monkeypatch, module, patch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    monkeypatch.delenv(UNPINNED, raising=False)
    with pytest.raises(UnsupportedWeasyPrint, match=f"{module}.*WeasyPrint 71.0 is installed"):
        _apply(patch)


@pytest.mark.parametrize("module, patch", PATCHES.items())
def test_unpinned_warns_instead(monkeypatch, module, patch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    monkeypatch.setenv(UNPINNED, "1")
    with pytest.warns(UserWarning, match=module):
        _apply(patch)


def _apply(patch) -> None:
    """Enter and leave a fix's context, or make its layout pass."""
    made = patch()
    if hasattr(made, "__enter__"):
        with made:
            pass
