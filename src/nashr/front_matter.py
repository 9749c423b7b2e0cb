"""A single Markdown file as a manuscript: YAML front matter (the keys of manuscript.yaml) between two
`---` lines at the top, then the body — what Pandoc, Quarto, Jekyll and Hugo users write; or Hugo's
TOML between two `+++` lines, or Pandoc's older title block (`% title`, `% authors`, `% date`), both
given to the loader as YAML with each key on its own line in the file.

The file is cut into two texts of the same length in lines, the other part blanked in each, so the
YAML loader and Pandoc report their problems at the file's own line numbers with no offset to apply.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass

OPENING = "---"
CLOSINGS = ("---", "...")  # Pandoc closes a metadata block with either
TOML = "+++"  # Hugo's TOML front matter, between two such lines
TITLE_BLOCK = "%"  # Pandoc's title block: "% title", "% author; author", "% date" on the first lines
TITLE_BLOCK_KEYS = ("title", "author", "date")


@dataclass(frozen=True)
class Split:
    yaml: str  # the front matter, every other line blank
    body: str  # the Markdown after it, the front matter's lines blank
    closed: bool  # False when no closing line was found (then `body` is empty)


def split_front_matter(text: str) -> Split | None:
    """The front matter and body of `text`, or None when it starts with none of a `---` line, a `+++`
    line (Hugo's TOML) or a Pandoc title block. Raises TomlError for TOML that cannot be read."""
    lines = text.split("\n")
    if lines and lines[0].startswith(TITLE_BLOCK):
        return _title_block(lines)
    if not lines or lines[0].rstrip() not in (OPENING, TOML):
        return None
    closings = (TOML,) if lines[0].rstrip() == TOML else CLOSINGS
    end = next((index for index in range(1, len(lines)) if lines[index].rstrip() in closings), None)
    if end is not None and closings == (TOML,):
        return Split(yaml=_toml_as_yaml(lines[1:end]), body="\n".join([""] * (end + 1) + lines[end + 1:]), closed=True)
    if end is None:
        return Split(yaml="\n".join([""] + lines[1:]), body="", closed=False)
    return Split(yaml="\n".join([""] + lines[1:end]),
                 body="\n".join([""] * (end + 1) + lines[end + 1:]), closed=True)


def _title_block(lines: list[str]) -> Split:
    """Pandoc's title block (`% title`, `% authors`, `% date`, each field continued on lines that start
    with a space) as the YAML of the same keys, each field on its first line, so that the body and
    every message keep the file's line numbers. Authors are parted by ";" or by a continuation line."""
    end = next((index for index, line in enumerate(lines) if not line.strip()), len(lines))
    fields: list[tuple[int, list[str]]] = []  # (first line, its pieces)
    for index, line in enumerate(lines[:end]):
        if line.startswith(TITLE_BLOCK) and len(fields) < len(TITLE_BLOCK_KEYS):
            fields.append((index, [line[1:].strip()]))
        elif fields:
            fields[-1][1].append(line.strip())
    yaml_lines = [""] * end
    for (index, pieces), key in zip(fields, TITLE_BLOCK_KEYS):
        if key == "author":
            value = [name.strip() for piece in pieces for name in piece.split(";") if name.strip()]
        else:
            value = " ".join(piece for piece in pieces if piece)
        if value:
            yaml_lines[index] = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    return Split(yaml="\n".join(yaml_lines), body="\n".join([""] * end + lines[end:]), closed=True)


class TomlError(ValueError):
    """TOML front matter that cannot be read, at its line (1-based, in the file) and column."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column = line, column


def _toml_as_yaml(lines: list[str]) -> str:
    """Hugo's TOML front matter as YAML holding the same values, each top-level key on the line the
    TOML gives it (its value written on that line as JSON, which YAML reads), so every message keeps
    the file's lines. `lines` are those between the two `+++` lines."""
    try:
        values = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(where[1]) + 1, int(where[2])) if where else (1, 0)
        raise TomlError(line, column, str(exc).split(" (at ")[0]) from None
    yaml_lines = [""] * (len(lines) + 1)
    for key, value in values.items():
        quoted = re.escape(key)
        pattern = re.compile(rf"^\s*(?:\[\s*{quoted}\s*\]|\[\[\s*{quoted}\s*\]\]|\"?{quoted}\"?\s*=)")
        index = next((number for number, line in enumerate(lines, start=1) if pattern.match(line)), None)
        if index is None or yaml_lines[index]:  # a dotted key (a.b = 1): the last free line
            index = max(number for number, line in enumerate(yaml_lines) if not line)
        yaml_lines[index] = f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False, default=str)}"
    return "\n".join(yaml_lines)
