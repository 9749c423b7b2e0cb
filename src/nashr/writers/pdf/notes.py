"""Put each numbered note's text at its call, as a Span that CSS floats to the page foot.

Pandoc's HTML writer collects notes into an endnote section; WeasyPrint places an element with
`float: footnote` at the foot of the page where it occurs, so the PDF needs the text at the call.
A note is inline content there (a `<p>` or `<ol>` inside the call's paragraph would end it), so its
blocks become Spans that styles/pdf.css shows as blocks: paragraphs, lists whose items are list items
with their own numbers, quotes indented, tables laid out as tables, a verse's hemistichs side by side
(its own classes). The first paragraph runs in after the note's number. The Span carries `data-n`, the
number as printed (call and marker), and `data-note`, its number through the article.
"""
from __future__ import annotations

from nashr.ast import Node, attr_value, has_class, map_lists, map_nodes, span, walk
from nashr.diagnostics import Diagnostic
from nashr.document import Document
from nashr.positions import location
from nashr.vocabulary import (CSS_COUNTER_STYLES, calls_in_a_row, is_note, note_blocks, note_label, note_number, numbered_notes)

NOBREAK_CLASS = "note-anchor"  # a word and the call after it (styles/pdf.css: white-space: nowrap)
AFTER_CALL_CLASS = "footnote-after-call"  # a note called right after another (pdf/page.py: "," before it)
# The Spans standing for a note's blocks (styles/pdf.css)
PARA, LIST, ITEM, QUOTE, CODE, HEADING = ("footnote-para", "footnote-list", "footnote-item", "footnote-quote",
                                          "footnote-code", "footnote-heading")
TABLE, CAPTION, ROW, CELL, HEAD_CELL = ("footnote-table", "footnote-caption", "footnote-row", "footnote-cell",
                                        "footnote-head")
TERM, DEFINITION = "footnote-term", "footnote-definition"
BLOCKS = {PARA, LIST, ITEM, QUOTE, CODE, HEADING, TABLE, CAPTION, ROW, CELL, TERM, DEFINITION}
LIST_STYLES = {"LowerRoman": "lower-roman", "UpperRoman": "upper-roman", "LowerAlpha": "lower-alpha",
               "UpperAlpha": "upper-alpha"}  # else decimal, in the article's digits
ALIGNMENTS = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}


def _block(content: list[Node], classes: list[str], pairs: dict[str, str] | None = None) -> Node:
    """A Span shown as a block. It starts with a space, never drawn at the start of a line, so that
    the note's text read as a string (weasyprint_fixes/note_continuation.py counts its words) parts a
    block's first word from the last word before it."""
    return span([{"t": "Space"}] + content, classes=classes, pairs=pairs)


def _note_inlines(blocks: list[Node], numerals: str) -> tuple[list[Node], str | None]:
    """The note's content as inlines, and its own direction when the bidi transform gave it one."""
    direction = None
    if len(blocks) == 1 and blocks[0]["t"] == "Div" and attr_value(blocks[0], "dir"):
        direction = attr_value(blocks[0], "dir")
        blocks = blocks[0]["c"][1]
    return _inlines(blocks, numerals), direction


def _inlines(blocks: list[Node], numerals: str) -> list[Node]:
    """Blocks as inlines: a first paragraph's own inlines (they run in after a number or a marker), every
    other block a Span shown as a block."""
    inlines: list[Node] = []
    for index, block in enumerate(blocks):
        if index == 0 and block["t"] in ("Para", "Plain"):
            inlines += block["c"]
        elif index == 0 and block["t"] == "Div" and attr_value(block, "dir") and not block["c"][0][1]:
            inlines.append(span(_inlines(block["c"][1], numerals), pairs={"dir": attr_value(block, "dir")}))
        else:
            inlines += _block_span(block, numerals)
    return inlines


def _block_span(block: Node, numerals: str) -> list[Node]:
    kind = block["t"]
    if kind in ("Para", "Plain"):
        return [_block(block["c"], classes=[PARA])]
    if kind == "Div":
        (identifier, classes, pairs), children = block["c"]
        shown = _block(_inlines(children, numerals), [PARA] + classes)
        return [{"t": "Span", "c": [[identifier, [PARA] + classes, pairs], shown["c"][1]]}]
    if kind == "LineBlock":
        lines = block["c"]
        return [_block([i for n, line in enumerate(lines) for i in ([{"t": "LineBreak"}] if n else []) + line],
                       classes=[PARA])]
    if kind == "CodeBlock":
        return [_block([{"t": "Code", "c": block["c"]}], classes=[CODE], pairs={"dir": "ltr"})]
    if kind == "Header":
        return [_block(block["c"][2], classes=[HEADING])]
    if kind in ("BulletList", "OrderedList"):
        return [_list(block, numerals)]
    if kind == "BlockQuote":
        return [_block(_inlines(block["c"], numerals), classes=[QUOTE])]
    if kind == "DefinitionList":
        return [piece for term, definitions in block["c"]
                for piece in [_block(term, classes=[TERM])]
                + [_block(_inlines(definition, numerals), classes=[DEFINITION]) for definition in definitions]]
    if kind == "Table":
        return [_table(block, numerals)]
    if kind in ("HorizontalRule", "RawBlock"):
        return []
    return [_block(child["c"], classes=[PARA]) for child in _child_blocks(block)]


def _list(block: Node, numerals: str) -> Node:
    """A list as a Span of list items, numbered as written (its start, its style, the article's digits)."""
    if block["t"] == "BulletList":
        return _block([_block(_inlines(item, numerals), classes=[ITEM]) for item in block["c"]], classes=[LIST])
    (start, style, _), items = block["c"]
    marker = LIST_STYLES.get(style["t"], CSS_COUNTER_STYLES[numerals])
    return _block([_block(_inlines(item, numerals), classes=[ITEM]) for item in items], classes=[LIST],
                  pairs={"style": f"counter-reset: list-item {start - 1}; list-style-type: {marker}"})


def _table(block: Node, numerals: str) -> Node:
    """A table as Spans laid out as one (rows of cells, the caption above), cells aligned as written."""
    _, caption, specs, head, bodies, foot = block["c"]
    alignments = [ALIGNMENTS.get(alignment["t"]) for alignment, _ in specs]
    rows = [(row, True) for row in head[1]] + [(row, False) for body in bodies for row in body[2] + body[3]]
    rows += [(row, False) for row in foot[1]]
    content = [_block(_inlines(caption[1], numerals), classes=[CAPTION])] if caption[1] else []
    for row, heading in rows:
        cells = []
        for column, cell in enumerate(row[1]):
            _, alignment, _, _, blocks = cell
            align = ALIGNMENTS.get(alignment["t"]) or (alignments[column] if column < len(alignments) else None)
            cells.append(_block(_inlines(blocks, numerals), classes=[CELL] + ([HEAD_CELL] if heading else []),
                                pairs={"style": f"text-align: {align}"} if align else None))
        content.append(_block(cells, classes=[ROW]))
    return _block(content, classes=[TABLE])


def _child_blocks(value: Node) -> list[Node]:
    """The paragraphs nested in an unusual block (a figure), in order."""
    return [n for n in walk(value.get("c", [])) if n["t"] in ("Para", "Plain")]


def notes_at_calls(blocks: list[Node], numerals: str = "western") -> list[Node]:
    """`blocks` with every numbered note set at its call (numbered lists in notes in `numerals`)."""
    def inline(element: Node) -> Node | None:
        if not is_note(element):
            return None
        inlines, direction = _note_inlines(note_blocks(element), numerals)
        pairs = {"n": note_label(element), "note": str(note_number(element))}
        if direction:
            pairs["dir"] = direction
        return span(inlines, classes=["footnote"], pairs=pairs)

    return map_lists(map_nodes(blocks, inline), _glue_calls)


def _is_footnote(element: Node) -> bool:
    return element.get("t") == "Span" and has_class(element, "footnote")


def _glue_calls(siblings: list[Node]) -> list[Node]:
    """Keep each call on the line of the word before it: WeasyPrint may break a line between a word's
    final full stop and the note's call, leaving the call alone on the next line. The word (with the
    spaces after it) and the note go into a Span that does not wrap. A call right after a call is
    marked, to be set apart ("³,⁴", not "³⁴")."""
    glued: list = []
    for item, after in zip(siblings, calls_in_a_row(siblings, _is_footnote)):
        if after:
            attributes, content = item["c"]
            item = {**item, "c": [[attributes[0], attributes[1] + [AFTER_CALL_CLASS], attributes[2]], content]}
        if _is_footnote(item):
            spaces = 0
            while len(glued) > spaces and glued[-1 - spaces].get("t") == "Space":
                spaces += 1
            if len(glued) > spaces and glued[-1 - spaces].get("t") == "Str":
                word = glued[-1 - spaces:]
                del glued[-1 - spaces:]
                item = span([*word, item], classes=[NOBREAK_CLASS])
        glued.append(item)
    return glued


def too_tall_for_a_page(document: Document, numbers: list[int]) -> list[Diagnostic]:
    """An error for each note in `numbers`, where its text starts."""
    return [Diagnostic(location(document, (note["c"] or [note])[0]),
                       f"note {number} is taller than a page: the PDF cannot continue a note on the next "
                       "page and would cut it off; split it into two notes or move part of it into the text")
            for part in document.parts for number, note in numbered_notes(part.blocks) if number in numbers]
