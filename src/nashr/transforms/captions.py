"""Number figures and tables, label their captions ("شكل 1: …") and resolve references to them.

A figure or table is numbered when it has a caption or an identifier (`{#fig:map}`, `{#tbl:data}`),
in reading order, figures and tables separately. A reference is `@fig:map` or `[@fig:map]` (Pandoc's
citation syntax), or an empty link `[](#fig:map)`; it becomes a link reading "شكل 1" ("Figure 1" in
an English article). A reference to an unknown figure or table is an error at its line. A reference
glued to an Arabic proclitic («و@tbl:data») is read as one too (proclitics.py).
"""
from __future__ import annotations

from nashr.ast import Node, get_attr, map_nodes, node
from nashr.digits import digits
from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.labels import label
from nashr.project import locate
from nashr.vocabulary import caption_label, cross_reference

KINDS = {"Figure": "figure", "Table": "table"}
PREFIXES = ("fig:", "tbl:")
NBSP = "\u00a0"


def _caption(element: Node) -> list[Node]:
    return element["c"][1][1]


def _numbered(element: Node) -> bool:
    identifier = get_attr(element)[0]
    return bool(_caption(element)) or identifier.startswith(PREFIXES)


def number_figures_and_tables(document: Document) -> Document:
    lang, numerals = document.metadata.lang, document.metadata.layout.numerals
    names: dict[str, str] = {}  # identifier → "شكل 1"
    counters = dict.fromkeys(KINDS, 0)

    def label_caption(element: Node) -> Node | None:
        if element["t"] not in KINDS or not _numbered(element):
            return None
        counters[element["t"]] += 1
        name = f"{label(lang, KINDS[element['t']])}{NBSP}{digits(counters[element['t']], numerals)}"
        if get_attr(element)[0]:
            names[get_attr(element)[0]] = name
        prefix = [caption_label(name)]
        blocks = _caption(element)
        if blocks and blocks[0]["t"] in ("Plain", "Para"):
            first = blocks[0]
            blocks = [{**first, "c": prefix + [node("Str", ":"), node("Space")] + first["c"]}] + blocks[1:]
        else:
            blocks = [node("Plain", prefix)] + blocks
        content = list(element["c"])
        content[1] = [content[1][0], blocks]
        return {**element, "c": content}

    bodies = [map_nodes(part.blocks, label_caption) if part.kind == "body" else part.blocks
              for part in document.parts]
    missing: list[Diagnostic] = []
    separator = label(lang, "separator")

    def reference(identifier: str) -> Node:
        return cross_reference(identifier, names[identifier])

    def resolve(element: Node) -> Node | list[Node] | None:
        if element["t"] == "Cite":
            ids = [c["citationId"] for c in element["c"][0]]
            if not all(i.startswith(PREFIXES) for i in ids):
                return None
            unknown = [i for i in ids if i not in names]
            if unknown:
                missing.extend(_unknown(document, i) for i in unknown)
                return None
            result: list[Node] = []
            for index, identifier in enumerate(ids):
                result += ([node("Str", separator.strip()), node("Space")] if index else []) + [reference(identifier)]
            return result
        if element["t"] == "Link" and not element["c"][1] and element["c"][2][0].startswith(("#fig:", "#tbl:")):
            identifier = element["c"][2][0][1:]
            if identifier not in names:
                missing.append(_unknown(document, identifier))
                return None
            return reference(identifier)
        return None

    resolved = [map_nodes(blocks, resolve) for blocks in bodies]
    if missing:
        raise ManuscriptError(missing)
    return document.with_blocks(resolved)


def _unknown(document: Document, identifier: str) -> Diagnostic:
    """An error at the first place in the manuscript that mentions the identifier."""
    kind = "figure" if identifier.startswith("fig:") else "table"
    return Diagnostic(locate(document.project, identifier),
                      f"reference to {identifier}, but no {kind} has the identifier {{#{identifier}}}; "
                      f"check its spelling or add it to the {kind}")
