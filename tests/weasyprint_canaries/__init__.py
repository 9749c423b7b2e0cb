"""Canaries: one file per WeasyPrint fix (nashr.weasyprint_fixes.FIXES), on small HTML rendered by
WeasyPrint. Its `test_weasyprint_alone_*` tests show stock WeasyPrint still getting something wrong (they
fail, saying so, the day upstream fixes it); its other tests show the fix getting it right.
scripts/try-weasyprint runs them against another WeasyPrint (docs/weasyprint-fixes.md)."""
from __future__ import annotations


def still_wrong(wrong: bool, what: str, fix: str) -> None:
    """Assert that stock WeasyPrint still gets `what` wrong; the failure says that `fix` can go."""
    assert wrong, f"upstream fixed {what}: the fix {fix} can go (docs/weasyprint-fixes.md)"
