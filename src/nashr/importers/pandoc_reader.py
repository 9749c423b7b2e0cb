"""Word (.docx), OpenDocument (.odt), HTML and Markdown → blocks, through Pandoc's own readers.

Pandoc knows each format's structure (headings, lists, quotes, tables, Word's native footnotes);
this module flattens its AST into the importer's blocks, each block's text rendered to Markdown by
Pandoc in one batch. Native notes become note marks at their calls. Links to anchors inside the
page (a web page's note links "[1]") are unwrapped and superscript numbers become superscript
digits, so hand-numbered notes are found by the same rules as in plain text.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import pypandoc

from nashr.ast import BLOCK_TYPES, Node, map_nodes, node, stringify
from nashr.importers.blocks import Block, Note, Source, note_mark

PANDOC_FORMATS = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html", ".md": "markdown",
                  ".markdown": "markdown"}
MARKDOWN = "markdown-raw_html-raw_tex-raw_attribute-smart"  # keep quotation marks as typed
_SPLIT = "NASHRSPLITNASHR"
# The metadata an importer takes from the source; the rest (an HTML page's viewport, generator …)
# is not article text.
_META_KEYS = ("title", "subtitle", "author", "abstract")
_DIRECTION_MARKS = re.compile("[\u200e\u200f]")  # left-to-right and right-to-left marks
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def read_with_pandoc(path: Path) -> Source:
    """Read `path` with Pandoc; raises RuntimeError (Pandoc's message) when Pandoc cannot."""
    document = json.loads(pypandoc.convert_file(str(path), "json", format=PANDOC_FORMATS[path.suffix.lower()],
                                                extra_args=["--sandbox"]))
    meta = document.get("meta", {})
    notes_blocks: list[list[Node]] = []
    dropped: list[str] = []
    blocks = map_nodes(document["blocks"], lambda element: _simplify(element, notes_blocks, dropped))
    flat: list[tuple[Block, list[Node]]] = []
    _flatten(blocks, flat, quote=0)
    abstract = _meta_blocks(meta.get("abstract"))
    jobs = [content for _, content in flat] + notes_blocks + ([abstract] if abstract else [])
    rendered = iter(_render(jobs, document["pandoc-api-version"]))
    result = []
    for block, _ in flat:
        block.text = next(rendered)
        if block.text.strip():
            result.append(block)
    notes = {number: Note(number, next(rendered), 0) for number in range(1, len(notes_blocks) + 1)}
    authors = meta.get("author", {})
    authors = authors.get("c", []) if authors.get("t") == "MetaList" else [authors] if authors else []
    declared = {key: stringify(meta[key]).strip() or None for key in _META_KEYS if key in meta}
    return Source(blocks=result, notes=notes, unit="block",
                  words_text="".join(_words([document["blocks"], *(meta[key] for key in _META_KEYS if key in meta)])),
                  title=declared.get("title"), subtitle=declared.get("subtitle"),
                  authors=[name for name in (stringify(a).strip() for a in authors) if name],
                  abstract=next(rendered) if abstract else None, dropped=dropped)


def _meta_blocks(value: Node | None) -> list[Node] | None:
    """A metadata value (MetaBlocks or MetaInlines) as blocks, for rendering."""
    if not value:
        return None
    if value["t"] == "MetaBlocks":
        return value["c"]
    if value["t"] == "MetaInlines":
        return [node("Para", value["c"])]
    return [node("Para", [node("Str", stringify(value))])]


def _words(value: object) -> Iterator[str]:
    """The text of an AST for the no-text-lost check: every word, code included, with blocks, notes
    and superscripts kept apart from their neighbours ("word¹" is a word and a call)."""
    if isinstance(value, list):
        for item in value:
            yield from _words(item)
    elif isinstance(value, dict) and "t" in value:
        kind = value["t"]
        if kind in ("Str", "MetaString"):
            yield f" {value['c']} " if kind == "MetaString" else value["c"]
        elif kind in ("Code", "Math", "CodeBlock"):
            yield f" {value['c'][-1]} "
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            yield " "
        else:
            apart = kind in BLOCK_TYPES or kind in ("Note", "Superscript", "Subscript", "MetaInlines", "MetaBlocks")
            yield " " if apart else ""
            yield from _words(value.get("c"))
            yield " " if apart else ""


def _simplify(element: Node, notes: list[list[Node]], dropped: list[str]) -> Node | list[Node] | None:
    kind = element["t"]
    if kind == "Image":
        description = stringify(element["c"][1]).strip()
        dropped.append(f"image {element['c'][2][0]!r} not imported (a manuscript holds text only)"
                       + (f"; its description: {description}" if description else ""))
        return []
    if kind == "Figure":  # its images are gone; the caption stays as text
        return node("Div", [["", [], []], [*element["c"][1][1], *element["c"][2]]])
    if kind == "Note":
        notes.append(element["c"])
        return node("Str", note_mark(len(notes)))
    if kind == "Link" and element["c"][2][0].startswith("#"):
        return element["c"][1]
    if kind == "Span" and all(c.startswith("Mso") for c in element["c"][0][1]) \
            and all(key == "dir" for key, _ in element["c"][0][2]):
        # A bare anchor (<li id="fn1">, Word bookmarks), a direction Word marks on every run or a
        # style class of Word's "Save as HTML": only the text matters, and nashr gives each run its
        # direction again.
        return element["c"][1]
    if kind == "Str" and _DIRECTION_MARKS.search(element["c"]):
        # Marks Word documents (nashr's own included) put after Latin runs: nashr isolates runs itself.
        text = _DIRECTION_MARKS.sub("", element["c"])
        return node("Str", text) if text else []
    if kind == "Header":
        return node("Header", [element["c"][0], ["", [], []], element["c"][2]])
    if kind == "Superscript":
        text = stringify(element["c"]).strip().strip("[]()").strip()
        if text.isdigit():
            return node("Str", text.translate(_SUPERSCRIPT))
    return None


def _flatten(blocks: list[Node], out: list[tuple[Block, list[Node]]], quote: int, depth: int = 0) -> None:
    for element in blocks:
        kind, content = element["t"], element.get("c")
        number = len(out) + 1
        if kind == "Header":
            out.append((Block("heading", "", number, level=content[0], quote=quote), [node("Plain", content[2])]))
        elif kind in ("Para", "Plain"):
            out.append((Block("para", "", number, quote=quote), [node("Plain", content)]))
        elif kind == "BlockQuote":
            _flatten(content, out, quote + 1, depth)
        elif kind == "Div":
            _flatten(content[1], out, quote, depth)
        elif kind in ("BulletList", "OrderedList"):
            _flatten_list(element, out, quote, depth)
        elif kind == "RawBlock":
            continue
        else:
            out.append((Block("raw", "", number, quote=quote), [element]))


def _flatten_list(element: Node, out: list[tuple[Block, list[Node]]], quote: int, depth: int) -> None:
    ordered = element["t"] == "OrderedList"
    items = element["c"][1] if ordered else element["c"]
    start = element["c"][0][0] if ordered else None
    for offset, item in enumerate(items):
        paragraphs = [b for b in item if b["t"] in ("Para", "Plain")]
        block = Block("item", "", len(out) + 1, level=depth, ordered=ordered,
                      number=start + offset if ordered else None, quote=quote)
        joined: list[Node] = []
        for paragraph in paragraphs:
            joined += ([node("Str", _PARAGRAPH_BREAK)] if joined else []) + paragraph["c"]
        out.append((block, [node("Plain", joined)]))
        rest = [b for b in item if b["t"] not in ("Para", "Plain")]
        for nested in rest:
            if nested["t"] in ("BulletList", "OrderedList"):
                _flatten_list(nested, out, quote, depth + 1)
            else:
                _flatten([nested], out, quote, depth)


_PARAGRAPH_BREAK = "\ue002"


def _render(jobs: list[list[Node]], api_version: list[int]) -> list[str]:
    """Each job (a list of blocks) as Markdown, in one Pandoc run."""
    if not jobs:
        return []
    blocks: list[Node] = []
    for job in jobs:
        if blocks:
            blocks.append(node("Para", [node("Str", _SPLIT)]))
        blocks += job
    markdown = pypandoc.convert_text(json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": blocks}),
                                     MARKDOWN, format="json", extra_args=["--wrap=none"])
    parts = re.split(rf"\n*^{_SPLIT}$\n*", markdown.strip("\n"), flags=re.MULTILINE)
    if len(parts) != len(jobs):
        raise RuntimeError(f"Pandoc rendered {len(parts)} pieces for {len(jobs)} blocks")
    return [part.strip("\n").replace(_PARAGRAPH_BREAK, "\n\n") for part in parts]
