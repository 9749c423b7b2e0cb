"""Raw HTML in a manuscript: comments are dropped, every other tag is printed as the author typed it.

A manuscript from outside must not inject markup into the outputs, so HTML is never passed through.
Pandoc still reads it as HTML (its `raw_html` extension) so that a comment — `<!-- … -->`, which authors
use to hide a draft passage — is recognised as one and left out, and so that a tag keeps the exact
characters typed (no curly quotes in `class="x"`, no dash in `<!--`). What is left becomes plain text.
"""
from __future__ import annotations

import re

from nashr.ast import Node, map_nodes

_WORDS = re.compile(r"\S+|\s+")


def _is_comment(text: str) -> bool:
    return text.lstrip().startswith("<!--")


def _inlines(text: str) -> list[Node]:
    """`text` as Pandoc inlines: words, spaces, and soft breaks where the text had a line break."""
    inlines: list[Node] = []
    for piece in _WORDS.findall(text):
        if not piece.isspace():
            inlines.append({"t": "Str", "c": piece})
        else:
            inlines.append({"t": "SoftBreak"} if "\n" in piece else {"t": "Space"})
    return inlines


def _tidy(inlines: list[Node]) -> list[Node]:
    """No two spaces in a row, and none at either end, where a comment was taken out."""
    tidy: list[Node] = []
    for element in inlines:
        if element["t"] in ("Space", "SoftBreak") and (not tidy or tidy[-1]["t"] in ("Space", "SoftBreak")):
            continue
        tidy.append(element)
    while tidy and tidy[-1]["t"] in ("Space", "SoftBreak"):
        tidy.pop()
    return tidy


def raw_html_as_text(blocks: list[Node]) -> list[Node]:
    """`blocks` with HTML comments removed and every other raw HTML block or inline made text."""
    def convert(element: Node) -> Node | list[Node] | None:
        kind = element["t"]
        if kind not in ("RawBlock", "RawInline"):
            return None
        text = element["c"][1]
        if _is_comment(text):
            return []
        if kind == "RawInline":
            return _inlines(text)
        return {"t": "Para", "c": _inlines(text.strip())}

    def tidy(element: Node) -> Node | list[Node] | None:
        if element["t"] in ("Para", "Plain"):
            inlines = _tidy(element["c"])
            if inlines != element["c"]:
                return {**element, "c": inlines} if inlines else []
        return None

    return map_nodes(map_nodes(blocks, convert), tidy)
