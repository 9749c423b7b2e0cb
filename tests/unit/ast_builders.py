"""Tiny builders for hand-written Pandoc ASTs in unit tests."""
from nashr.ast import Node


def words(text: str) -> list[Node]:
    """Str/Space inlines for `text`, split on spaces as Pandoc does."""
    inlines: list[Node] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def para(*inlines: Node | list[Node]) -> Node:
    flat: list[Node] = []
    for item in inlines:
        flat.extend(item if isinstance(item, list) else [item])
    return {"t": "Para", "c": flat}


def note(*blocks: Node) -> Node:
    return {"t": "Note", "c": list(blocks)}
