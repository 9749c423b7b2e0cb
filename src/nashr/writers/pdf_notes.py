"""Put each numbered note's text at its call, as a Span that CSS floats to the page foot.

Pandoc's HTML writer collects notes into an endnote section; WeasyPrint places an element with
`float: footnote` at the foot of the page where it occurs, so the PDF needs the text at the call.
Block structure inside a note becomes Spans shown as blocks (`footnote-para`), so no text is lost.
The Span carries `data-n`, the number as printed (call and marker), and `data-note`, its number
through the article.
"""
from __future__ import annotations

from nashr.ast import Node, attr_value, has_class, map_lists, map_nodes, span, stringify, walk
from nashr.diagnostics import Diagnostic, Location
from nashr.document import Document
from nashr.project import locate
from nashr.transforms.footnotes import NOTE_CLASS, calls_in_a_row, numbered_notes
from nashr.transforms.numerals import LABEL

NOBREAK_CLASS = "note-anchor"  # a word and the call after it (styles/pdf.css: white-space: nowrap)
AFTER_CALL_CLASS = "footnote-after-call"  # a note called right after another (pdf_page.py: "," before it)


def _note_inlines(blocks: list[Node]) -> tuple[list[Node], str | None]:
    """The note's content as inlines, and its own direction when the bidi transform gave it one."""
    direction = None
    if len(blocks) == 1 and blocks[0]["t"] == "Div" and attr_value(blocks[0], "dir"):
        direction = attr_value(blocks[0], "dir")
        blocks = blocks[0]["c"][1]
    inlines: list[Node] = []
    for index, block in enumerate(blocks):
        content = _block_inlines(block)
        inlines.append(content[0] if index == 0 and len(content) == 1 and content[0]["t"] == "Span"
                       else span(content, classes=["footnote-para"] if index else []))
    return inlines, direction


def _block_inlines(block: Node) -> list[Node]:
    kind = block["t"]
    if kind in ("Para", "Plain"):
        return block["c"]
    if kind == "Div":
        d = attr_value(block, "dir")
        inner = [i for b in block["c"][1] for i in _block_inlines(b)]
        return [span(inner, pairs={"dir": d})] if d else inner
    if kind == "LineBlock":
        lines = block["c"]
        return [i for n, line in enumerate(lines) for i in ([{"t": "LineBreak"}] if n else []) + line]
    if kind == "CodeBlock":
        return [{"t": "Code", "c": block["c"]}]
    if kind in ("BulletList", "OrderedList"):
        items = block["c"] if kind == "BulletList" else block["c"][1]
        return [span([i for b in item for i in _block_inlines(b)], classes=["footnote-para"]) for item in items]
    if kind == "BlockQuote":
        return [span([i for b in block["c"] for i in _block_inlines(b)], classes=["footnote-para"])]
    return [i for child in _child_blocks(block) for i in _block_inlines(child)]


def _child_blocks(value: Node) -> list[Node]:
    """The paragraphs nested in an unusual block (tables, definition lists, figures), in order."""
    return [n for n in walk(value.get("c", [])) if n["t"] in ("Para", "Plain")]


def notes_at_calls(blocks: list[Node]) -> list[Node]:
    def inline(element: Node) -> Node | None:
        if element["t"] != "Span" or not has_class(element, NOTE_CLASS):
            return None
        note = element["c"][1][0]
        inlines, direction = _note_inlines(note["c"])
        number = attr_value(element, "number") or ""
        pairs = {"n": attr_value(element, LABEL) or number, "note": number}
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


def _where(document: Document, part, note: Node) -> Location:
    """The line where the note's first words are, else its file."""
    words = stringify(note).split()
    for count in (4, 3, 2):
        if len(words) >= count and (found := locate(document.project, " ".join(words[:count]))).line:
            return found
    return Location(part.source)


def too_tall_for_a_page(document: Document, numbers: list[int]) -> list[Diagnostic]:
    """An error for each note in `numbers`, at the line where the note's text starts."""
    return [Diagnostic(_where(document, part, note),
                       f"note {number} is taller than a page: the PDF cannot continue a note on the next "
                       "page and would cut it off; split it into two notes or move part of it into the text")
            for part in document.parts for number, note in numbered_notes(part.blocks) if number in numbers]
