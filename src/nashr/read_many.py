"""Many Markdown texts read by one Pandoc process, each as if alone, and remembered by their content.

A Pandoc process costs more than reading a chapter, and a book's files must be read on their own —
note labels, link references and identifiers belong to their file — so they cannot simply be joined.
One Pandoc runs a custom reader (read_many.lua) that reads each text with `pandoc.read`, as
`pandoc --from=READER` reads its input, and keeps each text's warnings apart (`pandoc.log.silence`),
with the positions in that text. Tabs are expanded first, as Pandoc's command line does with its input.

With a cache folder, each text's reading is kept in a file named by the sha256 of the text, the reader
and the Pandoc binary, so after an edit only the edited file is read again; readings no longer asked
for are deleted. Readings are kept only once the cache folder's parent exists (the output folder's
build cache, saved by a build that succeeded), so a failed first build leaves no output folder behind.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from nashr.ast import Node
from nashr.output import atomic_output
from nashr.pandoc import pandoc_path, run_pandoc

LUA_READER = Path(__file__).with_name("read_many.lua")
TAB_STOP = 4  # Pandoc's default --tab-stop


@dataclass(frozen=True)
class Reading:
    """One text as Pandoc read it: its blocks and warnings (as Pandoc prints them), or its failure."""

    api_version: list[int]
    blocks: list[Node]
    warnings: list[str]
    error: str | None = None


def read_many(texts: list[str], reader: str, options: Sequence[str] = (), cache_dir: Path | None = None) -> list[Reading]:
    """Each text read with Pandoc's `reader` and reader `options` (command-line arguments such as
    `--columns=…`), in one Pandoc run for those the cache does not hold."""
    texts = [expand_tabs(text) for text in texts]
    tool = "\0".join([_tool(), reader, *options])
    keys = [hashlib.sha256(f"{tool}\0{text}".encode("utf-8")).hexdigest() for text in texts]
    found = {key: reading for key in set(keys) if (reading := _cached(cache_dir, key))}
    missing = list(dict.fromkeys(key for key in keys if key not in found))
    if missing:
        text_of = dict(zip(keys, texts))
        found |= dict(zip(missing, _read(reader, options, [text_of[key] for key in missing])))
        if cache_dir is not None and cache_dir.parent.is_dir():
            for key in missing:
                _store(cache_dir, key, found[key])
    if cache_dir is not None:
        _forget_all_but(cache_dir, set(keys))
    return [found[key] for key in keys]


def expand_tabs(text: str) -> str:
    """Tabs as spaces to the next multiple of TAB_STOP in each line, as Pandoc's `tabFilter` does
    with the command line's input (lines end at "\\n" only)."""
    if "\t" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        pieces = line.split("\t")
        expanded = pieces[0]
        for piece in pieces[1:]:
            expanded += " " * (TAB_STOP - len(expanded) % TAB_STOP) + piece
        lines.append(expanded)
    return "\n".join(lines)


def _read(reader: str, options: Sequence[str], texts: list[str]) -> list[Reading]:
    output, _ = run_pandoc([f"--from={LUA_READER}", "--to=json", *options],
                           json.dumps({"reader": reader, "texts": texts}))
    document = json.loads(output)
    readings = []
    for div in document["blocks"]:
        attributes = dict(div["c"][0][2])
        messages = json.loads(attributes.get("messages", "[]")) or []
        warnings = [message["pretty"] for message in reversed(messages)  # the log is newest first
                    if message.get("verbosity") in ("WARNING", "ERROR")]
        readings.append(Reading(document["pandoc-api-version"], div["c"][1], warnings, attributes.get("error")))
    return readings


def _tool() -> str:
    """What else a reading depends on: the Pandoc binary and the Lua reader."""
    binary = os.stat(pandoc_path())
    return f"{pandoc_path()}:{binary.st_size}:{binary.st_mtime_ns}:{hashlib.sha256(LUA_READER.read_bytes()).hexdigest()}"


def _cached(cache_dir: Path | None, key: str) -> Reading | None:
    if cache_dir is None:
        return None
    try:
        return Reading(**json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _store(cache_dir: Path, key: str, reading: Reading) -> None:
    if reading.error is None:
        with atomic_output(cache_dir / f"{key}.json") as temporary:
            temporary.write_text(json.dumps(vars(reading), ensure_ascii=False), encoding="utf-8")


def _forget_all_but(cache_dir: Path, keys: set[str]) -> None:
    for path in cache_dir.glob("*.json") if cache_dir.is_dir() else []:
        if path.stem not in keys:
            path.unlink(missing_ok=True)
