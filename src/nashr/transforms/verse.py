"""Verse: a `::: verse` div becomes bayts of two hemistichs that every writer can set side by side.

The author writes one bayt per line, the two hemistichs parted by `||` (or `***`, as verse is often
typed in Arabic text from the web); a blank line starts a new stanza; a line without a separator is
a line of its own (a single hemistich, as in rajaz), centred:

    ::: {.verse number=1}
    قفا نبك من ذكرى حبيب ومنزل || بسقط اللوى بين الدخول فحومل
    :::

becomes a Div `verse` holding, for each run of bayts, a Div `verse-bayts` of Divs `bayt`, each a
paragraph of a Span `sadr` (the first hemistich, on the start side) and a Span `ajuz` (the second, on
the end side), after a Span `verse-number` when the verse is numbered (`number=N`: the first bayt's
number, in the article's digits); and for each run of single lines a Div `verse-lines` of Divs
`verse-line`. Any other block in the div stays where it is. The
hemistichs keep their inline content (emphasis, notes). styles/pdf.css and styles/epub.css lay the
bayts out as a table; the DOCX writer makes them a Word table (writers/docx/verse.py). The text stays
in reading order: each bayt's sadr, then its ajuz.
"""
from __future__ import annotations

from nashr.ast import Node, attr_value, div, has_class, map_nodes, node, span
from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.project import locate
from nashr.digits import digits
from nashr.vocabulary import AJUZ, BAYT, BAYTS, LINE, LINES, SADR, STANZA, VERSE, VERSE_NUMBER

SEPARATORS = ("||", "***")
_BREAKS = ("SoftBreak", "LineBreak")
_BLANK = ("Space", "SoftBreak", "LineBreak")


def set_verse(document: Document) -> Document:
    """Every `verse` div of the article, body and notes, as bayts and lines (see the module docstring)."""
    numerals = document.metadata.layout.numerals
    problems: list[Diagnostic] = []

    def verse(element: Node) -> Node | None:
        if element["t"] != "Div" or not has_class(element, VERSE):
            return None
        first = _first_number(document, element, problems)
        return _verse(element, first, numerals)

    blocks = [map_nodes(part.blocks, verse) for part in document.parts]
    if problems:
        raise ManuscriptError(problems)
    return document.with_blocks(blocks)


def _first_number(document: Document, element: Node, problems: list[Diagnostic]) -> int | None:
    value = attr_value(element, "number")
    if value is None:
        return None
    if value.isdigit() and int(value) >= 1:
        return int(value)
    problems.append(Diagnostic(locate(document.project, f"number={value}"),
                               f'a verse\'s number="{value}" must be the number of its first line, '
                               'a whole number from 1, e.g. ::: {.verse number=1}'))
    return None


def _lines(block: Node) -> list[list[Node]]:
    """The lines of a paragraph (parted by its line breaks) or of a line block, blank ones left out."""
    if block["t"] == "LineBlock":
        lines = block["c"]
    else:
        lines = [[]]
        for inline in block["c"]:
            if inline["t"] in _BREAKS:
                lines.append([])
            else:
                lines[-1].append(inline)
    return [line for line in (_trimmed(line) for line in lines) if line]


def _trimmed(inlines: list[Node]) -> list[Node]:
    start, end = 0, len(inlines)
    while start < end and inlines[start]["t"] in _BLANK:
        start += 1
    while end > start and inlines[end - 1]["t"] in _BLANK:
        end -= 1
    return inlines[start:end]


def hemistichs(line: list[Node]) -> tuple[list[Node], list[Node]] | None:
    """The line cut at its first separator into (sadr, ajuz); None when it has none."""
    for index, inline in enumerate(line):
        if inline["t"] != "Str":
            continue
        text = inline["c"]
        for separator in SEPARATORS:
            if separator == "***" and text != separator:
                continue  # a word of asterisks parts hemistichs only standing alone
            at = text.find(separator)
            if at < 0:
                continue
            before, after = text[:at], text[at + len(separator):]
            sadr = line[:index] + ([node("Str", before)] if before else [])
            ajuz = ([node("Str", after)] if after else []) + line[index + 1:]
            if _trimmed(sadr) and _trimmed(ajuz):
                return _trimmed(sadr), _trimmed(ajuz)
    return None


def _verse(element: Node, first: int | None, numerals: str) -> Node:
    """The verse div with its paragraphs made bayts and lines; any other block kept where it stands."""
    (identifier, classes, pairs), blocks = element["c"]
    groups: list[Node] = []
    number = first
    for block in blocks:
        if block["t"] not in ("Para", "Plain", "LineBlock"):
            groups.append(block)
            continue
        for index, line in enumerate(_lines(block)):
            stanza = index == 0 and any(has_class(group, BAYTS) or has_class(group, LINES) for group in groups)
            kind, row = _row(line, number, numerals, stanza)
            if groups and has_class(groups[-1], kind):
                groups[-1]["c"][1].append(row)
            else:
                groups.append(div([row], classes=[kind]))
            number = number + 1 if number else None
    kept = [pair for pair in pairs if pair[0] != "number"]
    return {"t": "Div", "c": [[identifier, classes, kept], groups]}


def _row(line: list[Node], number: int | None, numerals: str, stanza: bool) -> tuple[str, Node]:
    """(group class, Div) for one line: a bayt of two hemistichs, or a line of its own. A bayt's parts are
    Spans in one paragraph, spaced, so its text reads "sadr ajuz" wherever it is copied from; and no
    part ends in a line break, whose space WeasyPrint counts in a table cell's width and wraps."""
    label = [span([node("Str", digits(number, numerals))], classes=[VERSE_NUMBER]), node("Space")] if number else []
    more = [STANZA] if stanza else []
    parts = hemistichs(line)
    if parts is None:
        return LINES, div([node("Plain", label + line)], classes=[LINE] + more)
    cells = label + [span(parts[0], classes=[SADR]), node("Space"), span(parts[1], classes=[AJUZ])]
    return BAYTS, div([node("Plain", cells)], classes=[BAYT] + more)
