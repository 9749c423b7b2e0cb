"""Lines of a Markdown text that remember the author's line they come from, for the dialect rewrites
(dialects.py): a rewrite may add, drop or change lines, and every warning still names the right one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class Line(NamedTuple):
    number: int  # the author's line it comes from (1-based)
    text: str


@dataclass(frozen=True)
class Note:
    """A warning about the author's line `number`."""

    number: int
    message: str


Pass = Callable[[list[Line], str], tuple[list[Line], list[Note]]]


def in_code(lines: list[Line]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included) or to the YAML
    front matter: lines no rewrite may touch."""
    inside: list[bool] = []
    fence = ""
    if lines and lines[0].text.rstrip() == "---":  # YAML front matter, up to its closing line
        fence = "---"
    for line in lines:
        if fence == "---":
            inside.append(True)
            fence = "" if len(inside) > 1 and line.text.rstrip() in ("---", "...") else fence
            continue
        match = FENCE.match(line.text)
        if fence:
            inside.append(True)
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) and not line.text.strip(fence[0] + " \t"):
                fence = ""
        else:
            inside.append(bool(match))
            fence = match[1] if match else ""
    return inside


CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")


def outside_code_spans(text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to everything but its inline code spans."""
    pieces, start = [], 0
    for span in CODE_SPAN.finditer(text):
        pieces += [change(text[start:span.start()]), span[0]]
        start = span.end()
    return "".join(pieces + [change(text[start:])])


