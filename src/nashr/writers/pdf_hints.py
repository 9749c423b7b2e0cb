"""HTML attributes WeasyPrint reads only as presentational hints, restated as CSS.

Pandoc writes a list that starts at 6 — `(6) …` in Markdown — as `<ol start="6">`, and an image sized
in pixels — `{width=60px}` — as `<img width="60">`. WeasyPrint follows such attributes only when asked
for presentational hints, so the list would be numbered from 1 and the image drawn at its natural size.
This restates them as the CSS WeasyPrint's own hints would give.
"""
from __future__ import annotations

import re

_ORDERED_LIST = re.compile(r'<ol\b([^>]*?)\sstart="(-?\d+)"')
_IMAGE = re.compile(r"<img\b[^>]*>")
_SIZE = re.compile(r'\s(width|height)="(\d+(?:\.\d+)?)"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')


def presentational_hints(html: str) -> str:
    """`html` with `<ol start="N">` counting from N and `<img width="W" height="H">` sized W×H pixels."""
    html = _ORDERED_LIST.sub(
        lambda m: f'<ol{m[1]} start="{m[2]}" style="counter-reset: list-item {int(m[2]) - 1}"', html)
    return _IMAGE.sub(_sized_image, html)


def _sized_image(match: re.Match) -> str:
    tag = match[0]
    sizes = "".join(f"{name}: {value}px; " for name, value in _SIZE.findall(tag))
    if not sizes:
        return tag
    if style := _STYLE.search(tag):
        return tag[:style.start()] + f' style="{sizes}{style[1]}"' + tag[style.end():]
    return tag.replace("<img", f'<img style="{sizes.strip()}"', 1)
