"""Numbered lists that do not start at 1, for WeasyPrint.

Pandoc writes a list that starts at 6 — `(6) …` in Markdown — as `<ol start="6">`. WeasyPrint reads
`start` only among the HTML presentational hints, which it follows only on request, so the list would
be numbered from 1. This restates the attribute as the CSS WeasyPrint's own hint would give.
"""
from __future__ import annotations

import re

_ORDERED_LIST = re.compile(r'<ol\b([^>]*?)\sstart="(-?\d+)"')


def list_starts(html: str) -> str:
    """`html` with every `<ol start="N">` also styled to count from N."""
    return _ORDERED_LIST.sub(
        lambda m: f'<ol{m[1]} start="{m[2]}" style="counter-reset: list-item {int(m[2]) - 1}"', html)
