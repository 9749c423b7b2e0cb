"""The front matter as parts of the Document: the title, subtitle, short title and translated titles,
each author's lines, and the keywords in each language.

Why: as strings in `Metadata` they escaped the transforms, so every writer judged their direction and
isolated their runs of the other script itself (a Jinja filter, the DOCX title page, the JATS front),
each a little differently. As parts, the transforms treat them as they treat an abstract — the bidi
transform gives each line the direction of most of its words and isolates its opposite-direction
runs — and every writer shows that one result.

Each value is read as one line of Markdown, as Pandoc reads a metadata string (`title: "The
*Muqaddima*"` sets the book's name in italics), by the same Pandoc run as the content files
(parse.py), except that quotes and `<` are taken as typed (`as_markdown`): HTML in metadata is text. What does not read as one paragraph ("1. Introduction" would be a list, "# x" a heading)
is kept as the text typed; a note has no place in a title line and is left out with a warning, and
"@name" is kept as typed, not read as a citation. An author's lines are each in a Div whose class names the field (name, role, affiliation,
country). Each line carries the position of its value in the metadata file (positions.py), so a
message about it names that line. E-mail addresses and ORCID iDs are identifiers, always left to
right: they stay strings in `Metadata`, whose other front-matter strings become the lines' plain text
(`plain_metadata`) for what needs text (the PDF's and EPUB's metadata, running heads).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from nashr.ast import Node, attr_value, div, map_nodes, node, stringify, text_inlines
from nashr.diagnostics import Diagnostic, Location
from nashr.document import Document, Part
from nashr.metadata import Metadata
from nashr.positions import POS
from nashr.project import Project

TITLE, SUBTITLE, SHORT_TITLE, TRANSLATED_TITLE = "title", "subtitle", "short_title", "translated_title"
AUTHOR, KEYWORDS = "author", "keywords"
AUTHOR_LINES = ("name", "role", "affiliation", "country")  # an author's fields that are text, in order


@dataclass(frozen=True)
class Field:
    """One front-matter value: the part it belongs to (`group`, counted from the first front part),
    its kind and language, its text, and its key path in the metadata (e.g. "authors", 0, "name")."""

    group: int
    kind: str
    lang: str
    text: str
    path: tuple[str | int, ...]

    @property
    def name(self) -> str:
        """The key path as an author reads it: authors[0].name, keywords.en[2]."""
        shown = str(self.path[0])
        for step in self.path[1:]:
            shown += f"[{step}]" if isinstance(step, int) else f".{step}"
        return shown


def front_matter_fields(metadata: Metadata) -> list[Field]:
    """Every front-matter value that is text, in the order of the parts they make."""
    article = metadata.lang
    groups: list[list[tuple[str, str, str, tuple]]] = [[(TITLE, article, metadata.title, ("title",))]]
    if metadata.subtitle:
        groups.append([(SUBTITLE, article, metadata.subtitle, ("subtitle",))])
    if metadata.short_title:
        groups.append([(SHORT_TITLE, article, metadata.short_title, ("short_title",))])
    groups += [[(TRANSLATED_TITLE, lang, title, ("translated_titles", lang))]
               for lang, title in metadata.translated_titles.items()]
    groups += [[(AUTHOR, article, value, ("authors", index, name)) for name in AUTHOR_LINES
                if (value := getattr(author, name))] or [(AUTHOR, article, "", ("authors", index))]
               for index, author in enumerate(metadata.authors)]
    groups += [[(KEYWORDS, lang, word, ("keywords", lang, index)) for index, word in enumerate(words) if word.strip()]
               for lang, words in metadata.keywords.items()]  # an empty keyword ("") is none
    groups = [values for values in groups if values]  # a language with no keywords makes no part
    return [Field(group, *value) for group, values in enumerate(groups) for value in values]


def as_markdown(text: str) -> str:
    """A value as the Markdown Pandoc reads: its quotes and angle brackets escaped, so that a title's
    "quoted words" and apostrophes stay the characters typed (the document properties repeat them
    exactly) and `<b>` or `<script>` is text, never markup — the metadata is not a place for HTML."""
    return re.sub(r"([\"'<])", r"\\\1", text)


def field_inlines(field: Field, blocks: list[Node], where: Location) -> tuple[list[Node], list[Diagnostic]]:
    """A value's inlines from Pandoc's reading of it (`blocks`), else its text as typed; a note left
    out, with a warning at `where`."""
    if len(blocks) != 1 or blocks[0]["t"] not in ("Para", "Plain"):
        return text_inlines(field.text), []
    warnings = []

    def leave_out(element: Node) -> list[Node] | None:
        if element["t"] == "Cite":  # "@name" in an affiliation is no citation: the text as typed
            return element["c"][1]
        if element["t"] != "Note":
            return None
        warnings.append(Diagnostic(where, f"{field.name}: a note has no place here: left out; put what it "
                                          "says in the text (a note on the title: the first note of the body)",
                                   "warning"))
        return []

    return map_nodes(blocks[0]["c"], leave_out), warnings


def front_matter_parts(project: Project, fields: list[Field], inlines: list[list[Node]], places: list[Location],
                       first: int) -> list[Part]:
    """The front matter's parts, from each field's inlines and where its value is written; they are to
    be the Document's parts from index `first` on (a position names its part by index)."""
    blocks: dict[int, list[Node]] = {}
    kinds: dict[int, tuple[str, str]] = {}
    for field, found, where in zip(fields, inlines, places, strict=True):
        kinds[field.group] = (field.kind, field.lang)
        if not field.text:
            blocks.setdefault(field.group, [])
            continue
        line = {**node("Plain", _in_part(found, first + field.group)), POS: [where.line, where.column, first + field.group]}
        blocks.setdefault(field.group, []).append(div([line], classes=[field.path[2]]) if field.kind == AUTHOR else line)
    return [Part(kinds[group][0], kinds[group][1], project.manifest, blocks[group]) for group in sorted(kinds)]


def plain_metadata(metadata: Metadata, fields: list[Field], inlines: list[list[Node]]) -> Metadata:
    """`metadata` with each front-matter string replaced by the plain text of its line ("The
    *Muqaddima*" → "The Muqaddima"), for what needs text: document properties, running heads."""
    text = {field.path: stringify(found) for field, found in zip(fields, inlines) if field.text}
    authors = [dataclasses.replace(author, **{name: text[("authors", index, name)] for name in AUTHOR_LINES
                                              if ("authors", index, name) in text})
               for index, author in enumerate(metadata.authors)]
    return dataclasses.replace(
        metadata, title=text[("title",)], subtitle=text.get(("subtitle",)), short_title=text.get(("short_title",)),
        translated_titles={lang: text[("translated_titles", lang)] for lang in metadata.translated_titles},
        authors=authors,
        keywords={lang: [text[key] for index in range(len(words)) if (key := ("keywords", lang, index)) in text]
                  for lang, words in metadata.keywords.items()})


def _in_part(inlines: list[Node], part: int) -> list[Node]:
    """The inlines with their positions naming part `part` (Pandoc read the value as a text of its own)."""
    def renumber(element: Node) -> None:
        if POS in element:
            element[POS] = [*element[POS][:2], part]
    return map_nodes(inlines, renumber)


@dataclass(frozen=True)
class Line:
    """One line of the front matter after the transforms: its inlines, the direction the bidi transform
    gave it, its language, and for an author's line its field."""

    inlines: list[Node]
    dir: str
    lang: str  # its part's
    field: str = ""

    @property
    def text(self) -> str:
        return stringify(self.inlines)


def lines(part: Part, page: str) -> list[Line]:
    """The lines of a transformed front-matter part on a page of direction `page`: a line (or a part
    in a language of the other direction) that the bidi transform set in the other direction is
    inside a Div `dir`."""
    found: list[Line] = []

    def visit(blocks: list[Node], direction: str, field: str) -> None:
        for block in blocks:
            if block["t"] == "Div":
                (_, classes, _), inside = block["c"]
                visit(inside, attr_value(block, "dir") or direction, classes[0] if classes else field)
            elif block["t"] in ("Plain", "Para"):
                found.append(Line(block["c"], direction, part.lang, field))

    visit(part.blocks, page, "")
    return found


def front_lines(document: Document, kind: str) -> list[list[Line]]:
    """The lines of each part of `kind` (one list per author, per language's keywords …), as every
    writer reads the front matter."""
    return [lines(part, document.metadata.direction) for part in document.parts if part.kind == kind]
