"""Identifiers unique through the article: the second `id="bar"` becomes `bar-2`, the third `bar-3`.

Why here: an identifier given twice — three `<hr id="bar">` in raw HTML, or the same heading in two
chapters — is an anchor defined twice in the PDF (WeasyPrint complains on the terminal), an invalid
EPUB, and an HTML page that assistive technology cannot navigate. Pandoc's reader warns only about
Markdown's own identifiers repeated within one file, and each writer then fixed what it could by
itself. Renamed once here, in document order across every part, every format gets the same ids; a
link `#bar` still goes to the first.
"""
from __future__ import annotations

from typing import Any, Callable

from nashr.ast import ATTR_INDEX, Node, get_attr, walk
from nashr.document import Document


def unique_identifiers(document: Document) -> Document:
    given = [identifier for part in document.parts for element in walk(part.blocks)
             if (attributes := get_attr(element)) and (identifier := attributes[0])]
    if len(given) == len(set(given)):
        return document  # the usual case: nothing to rebuild
    seen: set[str] = set()

    def rename(element: Node) -> Node | None:
        index = ATTR_INDEX.get(element.get("t", ""))
        if index is None or not element["c"][index][0]:
            return None
        identifier, classes, pairs = element["c"][index]
        unique, suffix = identifier, 1
        while unique in seen:
            suffix += 1
            unique = f"{identifier}-{suffix}"
        seen.add(unique)
        if unique == identifier:
            return None
        content = list(element["c"])
        content[index] = [unique, classes, pairs]
        return {**element, "c": content}

    return document.with_blocks([_in_order(part.blocks, rename) for part in document.parts])


def _in_order(blocks: list[Node], rename: Callable[[Node], Node | None]) -> list[Node]:
    """The blocks with `rename` applied to each element before its children (ast.map_nodes visits
    children first, which would rename a heading before a Div that holds it and comes first)."""
    def visit(value: Any) -> Any:
        if isinstance(value, list):
            return [visit(item) for item in value]
        if isinstance(value, dict) and "t" in value:
            value = rename(value) or value
            return {**value, "c": visit(value["c"])} if "c" in value else value
        return value

    return visit(blocks)
