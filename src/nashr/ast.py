"""Small helpers for the Pandoc JSON AST (`{"t": type, "c": content}` nodes).

Transforms are plain functions over these dicts, so they can be tested on a hand-written AST without
running Pandoc.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterator

Node = dict[str, Any]
Attr = list[Any]  # [identifier, [classes], [[key, value], …]]

BLOCK_TYPES = {
    "Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList", "BulletList",
    "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div",
}
# Where the attribute sits in the content of nodes that carry one.
ATTR_INDEX = {"Span": 0, "Div": 0, "Header": 1, "CodeBlock": 0, "Code": 0, "Link": 0, "Image": 0,
              "Table": 0, "Figure": 0}


def node(kind: str, content: Any = None) -> Node:
    return {"t": kind} if content is None else {"t": kind, "c": content}


def attr(identifier: str = "", classes: list[str] | None = None, pairs: dict[str, str] | None = None) -> Attr:
    return [identifier, list(classes or []), [[k, v] for k, v in (pairs or {}).items()]]


def span(inlines: list[Node], identifier: str = "", classes: list[str] | None = None,
         pairs: dict[str, str] | None = None) -> Node:
    return node("Span", [attr(identifier, classes, pairs), inlines])


def div(blocks: list[Node], classes: list[str] | None = None, pairs: dict[str, str] | None = None) -> Node:
    return node("Div", [attr("", classes, pairs), blocks])


def get_attr(element: Node) -> Attr | None:
    index = ATTR_INDEX.get(element.get("t", ""))
    return element["c"][index] if index is not None else None


def attr_value(element: Node, name: str) -> str | None:
    attributes = get_attr(element)
    if attributes is None:
        return None
    return next((v for k, v in attributes[2] if k == name), None)


def has_class(element: Node, name: str) -> bool:
    attributes = get_attr(element)
    return attributes is not None and name in attributes[1]


def walk(value: Any) -> Iterator[Node]:
    """Every node below `value`, in document order (pre-order)."""
    if isinstance(value, dict):
        if "t" in value:
            yield value
        if "c" in value:
            yield from walk(value["c"])
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def map_nodes(value: Any, fn: Callable[[Node], Node | list[Node] | None]) -> Any:
    """Rebuild the tree bottom-up; `fn` returns None to keep a node, a node to replace it, a list to splice."""
    if isinstance(value, list):
        result: list[Any] = []
        for item in value:
            mapped = map_nodes(item, fn)
            if isinstance(item, dict) and "t" in item:
                replaced = fn(mapped)
                if replaced is None:
                    result.append(mapped)
                elif isinstance(replaced, list):
                    result.extend(replaced)
                else:
                    result.append(replaced)
            else:
                result.append(mapped)
        return result
    if isinstance(value, dict) and "c" in value:
        return {**value, "c": map_nodes(value["c"], fn)}
    return value


def map_lists(value: Any, fn: Callable[[list], list]) -> Any:
    """Rebuild the tree bottom-up, passing every list of sibling nodes through `fn` — for changes that
    depend on a node's neighbours, which `map_nodes` cannot see."""
    if isinstance(value, list):
        items = [map_lists(item, fn) for item in value]
        return fn(items) if items and all(isinstance(item, dict) and "t" in item for item in items) else items
    if isinstance(value, dict) and "c" in value:
        return {**value, "c": map_lists(value["c"], fn)}
    return value


def stringify(value: Any) -> str:
    """The plain text of a subtree (spaces and breaks as spaces), as Pandoc's stringify does."""
    parts: list[str] = []
    for element in walk(value):
        kind = element["t"]
        if kind in ("Str", "Code", "Math"):
            parts.append(element["c"] if kind == "Str" else element["c"][-1])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
    return "".join(parts)


def text_inlines(text: str) -> list[Node]:
    """Plain text as Pandoc inlines: its words as Str, each run of white space as one Space."""
    return [node("Space") if piece.isspace() else node("Str", piece)
            for piece in re.split(r"(\s+)", text.strip()) if piece]
