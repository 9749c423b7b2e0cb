"""Directional isolation: give each paragraph its own base direction, isolate opposite-direction runs.

- A paragraph, heading, caption or note takes the direction opposite to its context (an English
  note in an Arabic article) only when most of its words are of that direction (nashr.direction:
  URLs, code, math, citations and note calls do not count; a text of one word keeps its context,
  except a note). It is then wrapped in a Div (a heading given an attribute) `dir="…"`. So
  "Python لغة برمجة …" stays right to left, its first word one more isolated run, and an English
  sentence that opens with an Arabic name stays left to right. HTML's `dir="auto"` — the first
  strong letter — is the wrong rule in a document whose language is known.
- A list, a table or a note takes the direction of most of its words as a whole, so the markers of
  a list written in English sit on the left inside an Arabic article, and the first column of an
  English table too; its items, cells and paragraphs are then judged against that direction. A
  table's caption, which nashr opens with its label ("جدول 1"), does not count for the table.
- Explicit `dir` wins: a Div's sets the direction of every block inside it (notes excepted: they
  are judged against the page), a heading's its own, a Span's its run.
- Inside a paragraph, each maximal run of opposite-direction words — from its first to its last
  strong letter, with the spaces, digits and punctuation between — becomes a Span `dir="…"`, so an
  English title, a DOI or "(FAR)" keeps its internal order and the punctuation around it stays where
  the author put it.
- A paragraph of nothing but code or math reads left to right, and so does a code block.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterator

from nashr.ast import BLOCK_TYPES, Node, attr_value, div, has_class, span, stringify, walk
from nashr.document import Document
from nashr.metadata import direction_of
from nashr.direction import OPPOSITE, inline_word_counts, mostly, strong_direction

_CONTAINERS = {"Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
               "Quoted", "Cite", "Link", "Span"}
_NEUTRAL_CONTENT = {"Code", "Math", "RawInline", "Image"}


def _strong_letters(value: Any) -> Iterator[str]:
    """Directions of the strong letters in reading order, skipping notes, URLs, code and math."""
    if isinstance(value, list):
        for item in value:
            yield from _strong_letters(item)
        return
    if not isinstance(value, dict):
        return
    kind = value.get("t")
    if kind == "Str":
        for ch in value["c"]:
            direction = strong_direction(ch)
            if direction:
                yield direction
    elif kind == "Note" or kind in _NEUTRAL_CONTENT or (kind == "Link" and has_class(value, "uri")):
        return
    elif "c" in value:
        yield from _strong_letters(value["c"])


def _paragraph_direction(inlines: list[Node], base: str) -> str:
    """The direction of most of its words; a paragraph of nothing but code or math reads left to right."""
    counts = inline_word_counts(inlines)
    if not counts and any(element["t"] in ("Code", "Math") for element in walk(inlines)):
        return "ltr"
    return mostly(counts, base)


def isolate_directions(document: Document) -> Document:
    page, article = document.metadata.direction, document.metadata.lang
    new_blocks = []
    for part in document.parts:  # the body, and an abstract or front matter in the article's language, on the page's
        base = page if part.kind == "body" or part.lang == article else direction_of(part.lang)
        blocks = _blocks(_without_page_wrapper(part.blocks, base), base, page)
        if base != page:
            blocks = [div(blocks, pairs={"dir": base, "lang": part.lang})]
        new_blocks.append(blocks)
    return document.with_blocks(new_blocks)


def _without_page_wrapper(blocks: list[Node], base: str) -> list[Node]:
    """The blocks inside a wrapper that only restates the article's direction around a whole file —
    `<div dir="rtl" markdown="1">` around an Arabic blog post, there to make a web page right to left —
    so that an English paragraph inside it is still judged by its words, not fixed right to left."""
    while len(blocks) == 1 and blocks[0]["t"] == "Div":
        (identifier, classes, pairs), inside = blocks[0]["c"]
        if identifier or classes or dict(pairs).get("dir") != base or set(dict(pairs)) - {"dir", "lang"}:
            break
        blocks = inside
    return blocks


def isolate_blocks(blocks: list[Node], base: str, page: str, fixed: bool = False) -> list[Node]:
    """The same isolation for blocks a writer makes itself (a title block from the metadata); with
    `fixed`, the blocks are in `base` whatever their words."""
    return _blocks(blocks, base, page, fixed)


def _blocks(blocks: list[Node], base: str, page: str, fixed: bool = False) -> list[Node]:
    """`fixed`: inside a Div with an explicit `dir`, which every block takes."""
    return [_block(block, base, page, fixed) for block in blocks]


def _block(block: Node, base: str, page: str, fixed: bool) -> Node:
    kind = block["t"]
    if kind in ("Para", "Plain"):
        own = base if fixed else _paragraph_direction(block["c"], base)
        result = {**block, "c": _inlines(block["c"], own, page)}
        return result if own == base else div([result], pairs={"dir": own})
    if kind == "Header":
        level, attributes, inlines = block["c"]
        explicit = attr_value(block, "dir")
        own = explicit or (base if fixed else mostly(inline_word_counts(inlines), base))
        if own != base and not explicit:
            attributes = [attributes[0], attributes[1], attributes[2] + [["dir", own]]]
        return {**block, "c": [level, attributes, _inlines(inlines, own, page)]}
    if kind == "Div":
        explicit = attr_value(block, "dir")
        return {**block, "c": [block["c"][0], _blocks(block["c"][1], explicit or base, page, fixed or bool(explicit))]}
    if kind in ("BulletList", "OrderedList", "DefinitionList", "Table"):
        content = block["c"][3:] if kind == "Table" else block["c"]  # not the caption
        own = base if fixed else mostly(inline_word_counts(content), base)
        result = {**block, "c": _descend(block["c"], own, page, fixed)}
        return result if own == base else div([result], pairs={"dir": own})
    if kind == "CodeBlock" and base == "rtl" and not attr_value(block, "dir"):
        (identifier, classes, pairs), code = block["c"]  # code reads left to right, in any article
        return {**block, "c": [[identifier, classes, pairs + [["dir", "ltr"]]], code]}
    if kind in ("CodeBlock", "RawBlock", "HorizontalRule"):
        return block
    return {**block, "c": _descend(block["c"], base, page, fixed)}


def _descend(value: Any, base: str, page: str, fixed: bool) -> Any:
    """Recurse through any structure, treating each block list and inline list with `base`."""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "t" in v for v in value):
            if value[0]["t"] in BLOCK_TYPES:
                return _blocks(value, base, page, fixed)
            return _inlines(value, base, page)
        return [_descend(v, base, page, fixed) for v in value]
    return value


def _note(note: Node, page: str) -> Node:
    """A note in the direction of most of its words, one word enough ("Ibid."): its blocks are judged
    against it, and a note of the other direction is one Div, which the writers read as the note's
    direction (its number on that side)."""
    own = mostly(inline_word_counts(note["c"]), page, least=1)
    blocks = _blocks(note["c"], own, page)
    return {**note, "c": blocks if own == page else [div(blocks, pairs={"dir": own})]}


def _inlines(inlines: list[Node], base: str, page: str) -> list[Node]:
    """Isolate runs of the direction opposite to `base` among sibling inlines."""
    other = OPPOSITE[base]
    atoms: list[tuple[str, Node]] = []  # (class, node): class is base, other, "N"eutral or "B"oundary
    for element in inlines:
        atoms.extend(_classify(element, base, page))
    result: list[Node] = []
    index = 0
    while index < len(atoms):
        cls, element = atoms[index]
        if cls != other:
            result.append(element)
            index += 1
            continue
        end = index
        probe = index + 1
        while probe < len(atoms) and atoms[probe][0] in (other, "N"):
            if atoms[probe][0] == other:
                end = probe
            probe += 1
        end = _extend_run(atoms, index, end, other)
        run = [a[1] for a in atoms[index:end + 1]]
        if len(run) == 1 and run[0]["t"] == "Span" and attr_value(run[0], "dir") == other:
            result.append(run[0])
        else:
            result.append(span(run, pairs={"dir": other}))
        index = end + 1
    return result


_LATIN_NEUTRAL = set(" \u00a0\u2009\u202f!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789\u2013")  # Pandoc writes "p.\u00a0112"
_PAIRS = {"(": ")", "[": "]"}


def _extend_run(atoms: list[tuple[str, Node]], start: int, end: int, direction: str) -> int:
    """Extend a run of `direction` ending at atom `end` over the neutral text after it that belongs to
    it, and return the new end (a Str is split where the run stops):
    - the closing brackets of brackets opened inside the run — "Arberry (London, 1957)." — which,
      left outside, the surrounding direction would draw mirrored on the run's other side;
    - in a left-to-right run, the European digits that follow it with only spaces and Latin
      punctuation between — "Wolf (1998)", "(World Bank, 2014)", "Press Act of 1910" — as the bidi
      algorithm does (rule W7: such digits take the Latin run's direction); isolated without them,
      the number would be put on the run's other side. A number after Arabic punctuation (،) or in
      Arabic-Indic or Persian digits stays outside; brackets opened outside the run are not closed
      inside it."""
    text, owners = "", []
    for position in range(end + 1, len(atoms)):
        cls, element = atoms[position]
        if cls != "N" or element["t"] not in ("Str", "Space"):
            break
        piece = element["c"] if element["t"] == "Str" else " "
        if not set(piece) <= _LATIN_NEUTRAL:
            break
        text += piece
        owners += [position] * len(piece)
    run = "".join(stringify(element) for _, element in atoms[start:end + 1])
    opened = {opening: run.count(opening) - run.count(closing) for opening, closing in _PAIRS.items()}
    digits = [i for i, ch in enumerate(text) if ch.isdigit()] if direction == "ltr" else []
    cut = digits[-1] + 1 if digits else 0
    while cut < len(text) and text[cut] == "%" and digits:
        cut += 1
    for opening, closing in _PAIRS.items():
        while opened[opening] + text[:cut].count(opening) - text[:cut].count(closing) > 0:
            following = text.find(closing, cut)
            if following == -1:
                break
            cut = following + 1
    taken = text[:cut]
    if not cut or any(opened[opening] + taken.count(opening) - taken.count(closing) < 0
                      or taken.count(opening) > taken.count(closing) for opening, closing in _PAIRS.items()):
        return end
    last = owners[cut - 1]
    element = atoms[last][1]
    inside = cut - owners.index(last)  # characters of the last atom that belong to the run
    if element["t"] == "Str" and inside < len(element["c"]):
        atoms[last:last + 1] = [("N", {"t": "Str", "c": element["c"][:inside]}),
                                ("N", {"t": "Str", "c": element["c"][inside:]})]
    return last


def _classify(element: Node, base: str, page: str) -> list[tuple[str, Node]]:
    kind = element["t"]
    if kind == "Str":
        return _classify_str(element, base)
    if kind in ("Space", "SoftBreak"):
        return [("N", element)]
    if kind == "LineBreak":
        return [("B", element)]
    if kind in ("Code", "Math"):
        return [("ltr", element)]
    if kind in ("RawInline", "Image"):
        return [("N", element)]
    if kind == "Note":
        return [("N", _note(element, page))]
    if kind == "Span" and attr_value(element, "dir"):
        own = attr_value(element, "dir")
        attributes, children = element["c"]
        return [(own, {**element, "c": [attributes, _inlines(children, own, page)]})]
    if kind == "Span" and element["c"][1] and element["c"][1][0]["t"] == "Note":
        attributes, children = element["c"]  # a numbered note: keep the wrapper, isolate inside the note
        return [("N", {**element, "c": [attributes, [_classify(children[0], base, page)[0][1]]]})]
    if kind in _CONTAINERS:
        if kind == "Link" and has_class(element, "uri"):
            return [("ltr", element)]
        directions = set(_strong_letters(element["c"]))
        if not directions:
            return [("N", element)]
        if directions == {OPPOSITE[base]}:
            return [(OPPOSITE[base], element)]
        # only base letters: an atom of the base direction; mixed: a boundary, isolated inside
        return [(base if len(directions) == 1 else "B", _recurse_container(element, base, page))]
    return [("N", element)]


def _recurse_container(element: Node, base: str, page: str) -> Node:
    kind, content = element["t"], element["c"]
    if kind == "Link":  # [attr, inlines, target]
        return {**element, "c": [content[0], _inlines(content[1], base, page), content[2]]}
    if kind in ("Span", "Quoted", "Cite"):  # [attr | quote type | citations, inlines]
        return {**element, "c": [content[0], _inlines(content[1], base, page)]}
    return {**element, "c": _inlines(content, base, page)}


def _classify_str(element: Node, base: str) -> list[tuple[str, Node]]:
    """A word is one atom unless it mixes in the other direction; then it is cut at each change of
    class ('ltr', 'rtl', or 'N' for digits and punctuation), so "(FAR)،" isolates only FAR. A combining
    mark is of its letter's class: «يَغْشَىٰ» in English text keeps its last vowel inside the run."""
    text = element["c"]
    classes: list[str] = []
    for ch in text:
        mark = classes and unicodedata.category(ch)[0] == "M"
        classes.append(classes[-1] if mark else strong_direction(ch) or "N")
    if OPPOSITE[base] not in classes:
        return [(base if base in classes else "N", element)]
    pieces: list[tuple[str, Node]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or classes[index] != classes[start]:
            pieces.append((classes[start], {"t": "Str", "c": text[start:index]}))
            start = index
    return pieces
