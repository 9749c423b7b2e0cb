"""A single Markdown file as a manuscript: YAML front matter (the keys of manuscript.yaml) between two
`---` lines at the top, then the body — what Pandoc, Quarto, Jekyll and Hugo users write.

The file is cut into two texts of the same length in lines, the other part blanked in each, so the
YAML loader and Pandoc report their problems at the file's own line numbers with no offset to apply.
"""
from __future__ import annotations

from dataclasses import dataclass

OPENING = "---"
CLOSINGS = ("---", "...")  # Pandoc closes a metadata block with either


@dataclass(frozen=True)
class Split:
    yaml: str  # the front matter, every other line blank
    body: str  # the Markdown after it, the front matter's lines blank
    closed: bool  # False when no closing line was found (then `body` is empty)


def split_front_matter(text: str) -> Split | None:
    """The front matter and body of `text`, or None when it does not start with a `---` line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != OPENING:
        return None
    end = next((index for index in range(1, len(lines)) if lines[index].rstrip() in CLOSINGS), None)
    if end is None:
        return Split(yaml="\n".join([""] + lines[1:]), body="", closed=False)
    return Split(yaml="\n".join([""] + lines[1:end]),
                 body="\n".join([""] * (end + 1) + lines[end + 1:]), closed=True)
