"""Raw HTML in a manuscript, rendered through the sanitizer into the document model.

Pandoc's Markdown reader (with `markdown_in_html_blocks`) gives raw HTML as RawBlock and RawInline
tags around the Markdown it read between them: `<div dir="rtl" markdown="1">`, the article's blocks,
`</div>`; `<sup>`, "2", `</sup>`. Every list of siblings that holds such tags is one *unit*: its
tags, with a marker standing for each run of Markdown between them, make an HTML fragment. The
fragment is sanitized (html_sanitizer: nh3), recast for Pandoc's HTML reader (html_reshape) and read
by it — the units of the whole article in one Pandoc run, since a Pandoc process costs more than the
reading — and each marker is then replaced by the Markdown it stood for, so an open and a close tag
end up as one element around it (a Superscript, a Div `dir=rtl`). HTML comments are dropped. What
the sanitizer drops is reported once per source line, naming each thing dropped: at the position
parsing recorded for its tag (positions.py), which every node made from a unit's HTML takes too.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nashr.ast import BLOCK_TYPES, Node, map_lists, map_nodes, stringify, walk
from nashr.diagnostics import Diagnostic, Location
from nashr.html_reshape import reshape
from nashr.html_sanitizer import Drop, clean, dropped
from nashr.pandoc import run_pandoc
from nashr.positions import POS, POSITIONED

UNIT = "NashrRawHtml"  # stands for a unit until it is converted; content: its index
BLOCKS_HERE = "NashrBlocks"  # blocks that landed where inlines go; lifted out of their paragraph


@dataclass
class Unit:
    """One list of siblings with raw HTML: `pieces` are raw HTML text or runs of parsed nodes; `places`
    the (line, column) of each raw HTML piece; `path` the file they are in."""

    inline: bool
    pieces: list[str | list[Node]]
    places: list[list[int] | None]
    path: Path


def _is_raw(element: Any) -> bool:
    return element.get("t") in ("RawBlock", "RawInline") and element["c"][0] == "html"


def _is_comment(text: str) -> bool:
    return text.lstrip().startswith("<!--")


def _collect(blocks: list[Node], path: Path, units: list[Unit]) -> list[Node]:
    """`blocks` with each list of siblings holding raw HTML replaced by a UNIT node (appended to
    `units`); raw HTML that is nothing but comments is simply left out."""
    def gather(siblings: list[Node]) -> list[Node]:
        if not any(_is_raw(element) for element in siblings):
            return siblings
        if all(_is_comment(element["c"][1]) for element in siblings if _is_raw(element)):
            return _tidy([element for element in siblings if not _is_raw(element)])
        pieces: list[str | list[Node]] = []
        places: list[list[int] | None] = []
        for element in siblings:
            if _is_raw(element):
                pieces.append(element["c"][1])
                places.append(element.get(POS))
            elif pieces and isinstance(pieces[-1], list):
                pieces[-1].append(element)
            else:
                pieces.append([element])
                places.append(None)
        units.append(Unit(any(e["t"] == "RawInline" for e in siblings), pieces, places, path))
        return [{"t": UNIT, "c": len(units) - 1}]

    return map_lists(blocks, gather)


def _tidy(siblings: list[Node]) -> list[Node]:
    """No two spaces in a row, and none at either end, where a comment was taken out of inlines."""
    tidy: list[Node] = []
    for element in siblings:
        if element["t"] in ("Space", "SoftBreak") and (not tidy or tidy[-1]["t"] in ("Space", "SoftBreak")):
            continue
        tidy.append(element)
    while tidy and tidy[-1]["t"] in ("Space", "SoftBreak"):
        tidy.pop()
    return tidy


def _marker_prefix(units: list[Unit]) -> str:
    """Letters no raw HTML of the article contains, to build the markers from."""
    raw = "\n".join(piece for unit in units for piece in unit.pieces if isinstance(piece, str))
    number = 0
    while f"nashrslot{number}x" in raw:
        number += 1
    return f"nashrslot{number}x"


def _skeleton(unit: Unit, prefix: str) -> str:
    """The unit as one HTML fragment, a marker `<prefix><slot>x` for each run of parsed nodes."""
    texts = [piece if isinstance(piece, str) else f"{prefix}{index}x" for index, piece in enumerate(unit.pieces)]
    return ("" if unit.inline else "\n").join(texts)


def _read_html(fragments: list[str]) -> list[list[Node]]:
    """Pandoc's reading of each sanitized fragment, all in one Pandoc run."""
    wrapped = "\n".join(f'<div id="nashr-unit-{index}">\n{reshape(clean(fragment))}\n</div>'
                        for index, fragment in enumerate(fragments))
    output, _ = run_pandoc(["--from=html-auto_identifiers", "--to=json"], wrapped)
    read = {block["c"][0][0]: block["c"][1] for block in json.loads(output)["blocks"] if block["t"] == "Div"}
    return [read.get(f"nashr-unit-{index}", []) for index in range(len(fragments))]


class _Resolver:
    """Puts the Markdown back where its markers are, unit by unit, innermost first."""

    def __init__(self, units: list[Unit], read: list[list[Node]], prefix: str) -> None:
        self._units, self._read = units, read
        self._marker = re.compile(rf"{re.escape(prefix)}(\d+)x")
        self._done: dict[int, list[Node]] = {}

    def tree(self, value: Any) -> Any:
        """`value` with every UNIT node replaced by its converted content."""
        def splice(siblings: list[Node]) -> list[Node]:
            if not any(element["t"] == UNIT for element in siblings):
                return siblings
            return [item for element in siblings
                    for item in (self.unit(element["c"]) if element["t"] == UNIT else [element])]
        return _lift(map_lists(value, splice))

    def unit(self, index: int) -> list[Node]:
        if index not in self._done:
            unit = self._units[index]
            slots = {i: self.tree(piece) for i, piece in enumerate(unit.pieces) if isinstance(piece, list)}
            blocks = _lift(map_nodes(map_lists(self._read[index], lambda s: self._fill(s, slots, unit.inline)),
                                     lambda e: self._fill_code(e, slots)))
            if unit.inline:
                blocks = _as_inlines(blocks)
            _place(blocks, next((place for place in unit.places if place), None))
            self._done[index] = blocks
        return self._done[index]

    def _fill(self, siblings: list[Node], slots: dict[int, list[Node]], inline: bool) -> list[Node]:
        """Split each Str at the markers it holds and put the slots' nodes in their place."""
        filled: list[Node] = []
        for element in siblings:
            if element["t"] != "Str" or not self._marker.search(element["c"]):
                filled.append(element)
                continue
            for position, text in enumerate(self._marker.split(element["c"])):
                if position % 2 == 0:
                    filled += [{"t": "Str", "c": text}] if text else []
                elif inline:
                    filled += slots.get(int(text), [])
                else:
                    filled.append({"t": BLOCKS_HERE, "c": slots.get(int(text), [])})
        return filled

    def _fill_code(self, element: Node, slots: dict[int, list[Node]]) -> Node | None:
        """Code written as `<code>…</code>` around Markdown: the markers in its text become that text."""
        if element["t"] not in ("Code", "CodeBlock") or not self._marker.search(element["c"][1]):
            return None
        text = self._marker.sub(lambda m: stringify(slots.get(int(m[1]), [])), element["c"][1])
        return {**element, "c": [element["c"][0], text]}


def _place(blocks: list[Node], place: list[int] | None) -> None:
    """Give each block and positioned inline made from a unit's HTML the place of the unit's first tag."""
    for element in walk(blocks) if place else []:
        if POS not in element and (element["t"] in BLOCK_TYPES or element["t"] in POSITIONED):
            element[POS] = place


def _lift(value: Any) -> Any:
    """Blocks that landed among a paragraph's inlines split it there; deeper down (inside an
    emphasis, say) they give their inlines."""
    def split(element: Node) -> Node | list[Node] | None:
        if element["t"] not in ("Para", "Plain") or not any(e["t"] == BLOCKS_HERE for e in element["c"]):
            return None
        blocks: list[Node] = []
        run: list[Node] = []
        for item in element["c"] + [{"t": BLOCKS_HERE, "c": []}]:
            if item["t"] != BLOCKS_HERE:
                run.append(item)
                continue
            run = _tidy(run)
            if run:
                blocks.append({"t": element["t"], "c": run})
            # what stood alone in a paragraph (<p>, then Markdown without a blank line) is one
            blocks += [{**block, "t": "Para"} if block["t"] == "Plain" and element["t"] == "Para" else block
                       for block in item["c"]]
            run = []
        return blocks

    def flatten(element: Node) -> Node | list[Node] | None:
        return _as_inlines(element["c"]) if element["t"] == BLOCKS_HERE else None

    def tidy(element: Node) -> Node | list[Node] | None:
        """A paragraph whose HTML was all dropped goes; one that ended with it loses its last space."""
        if element["t"] not in ("Para", "Plain") or not element["c"] \
                or element["c"][-1]["t"] not in ("Space", "SoftBreak"):
            return [] if element["t"] in ("Para", "Plain") and not element["c"] else None
        inlines = _tidy(element["c"])
        return {**element, "c": inlines} if inlines else []

    return map_nodes(map_nodes(map_nodes(value, split), flatten), tidy)


def _as_inlines(blocks: list[Node]) -> list[Node]:
    """Blocks where inlines are wanted: one paragraph's inlines as they are; several, or other
    blocks, held for the paragraph around them to be split (see `_lift`)."""
    if not blocks:
        return []
    if len(blocks) == 1 and blocks[0]["t"] in ("Plain", "Para"):
        return blocks[0]["c"]
    return [{"t": BLOCKS_HERE, "c": blocks}]


def _warnings(units: list[Unit]) -> list[Diagnostic]:
    """One warning per source line, naming everything the sanitizer drops there."""
    by_line: dict[tuple[Path, int], list[str]] = {}
    order = {path: index for index, path in enumerate(dict.fromkeys(unit.path for unit in units))}
    for unit in units:
        raw = [(piece, place) for piece, place in zip(unit.pieces, unit.places) if isinstance(piece, str)]
        for drop in dropped(piece for piece, _ in raw):
            piece, place = raw[drop.fragment]
            found = by_line.setdefault((unit.path, _line_of(piece, place, drop)), [])
            if drop.what not in found:
                found.append(drop.what)
    return [Diagnostic(Location(path, line), "raw HTML left out: " + "; ".join(what), "warning")
            for (path, line), what in sorted(by_line.items(), key=lambda item: (order[item[0][0]], item[0][1]))]


def _line_of(piece: str, place: list[int] | None, drop: Drop) -> int:
    """The line of the tag a drop was found in: its raw HTML piece's line, and the lines before the tag
    within the piece (a block of HTML). Pandoc rewrites a block's tag when it takes out `markdown="1"`;
    then the tag's name is looked for."""
    if not place:
        return 0
    start = piece.find(drop.written)
    start = piece.find(f"<{drop.tag}") if start < 0 else start
    return place[0] + piece.count("\n", 0, max(start, 0))


def render_raw_html(parts: list[tuple[list[Node], Path]]) -> tuple[list[list[Node]], list[Diagnostic]]:
    """For each (blocks, source path), the blocks with their raw HTML sanitized and made
    part of the document; and the warnings for what was dropped."""
    units: list[Unit] = []
    collected = [_collect(blocks, path, units) for blocks, path in parts]
    if not units:
        return collected, []
    prefix = _marker_prefix(units)
    resolver = _Resolver(units, _read_html([_skeleton(unit, prefix) for unit in units]), prefix)
    return [resolver.tree(blocks) for blocks in collected], _warnings(units)
