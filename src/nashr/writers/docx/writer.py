"""DOCX for journal submission: the transformed AST → Pandoc's DOCX writer → fixes in the XML.

Pandoc writes the document with nashr's reference document (templates/docx/reference.docx, generated
from templates/docx/styles.yaml by scripts/make_reference_docx.py): journal styles, right-to-left
paragraph styles, Amiri, footnotes numbered continuously. Then the package is finished here: direction
where Pandoc leaves it out (docx_direction), a font named for each script a run holds (docx_scripts),
the faces embedded (docx_fonts), core properties, and a reproducible ZIP.
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from nashr.ast import Node, attr_value, div, map_lists, map_nodes, stringify
from nashr.document import Document
from nashr.pandoc import run_pandoc
from nashr.reproducible import recorded_datetime, w3c_date
from nashr.resources import bundled_faces, families, templates_dir
from nashr.vocabulary import calls_in_a_row, strong_direction
from nashr.writers.docx import direction
from nashr.writers.docx.fonts import embed_fonts, faces_used, set_complex_script_font
from nashr.writers.docx.images import inline_images
from nashr.writers.docx.scripts import fonts_for_scripts
from nashr.writers.docx.tables import body_sizes, finish_tables, text_area
from nashr.writers.docx.title import title_blocks
from nashr.writers.docx.verse import finish_verse, verse_as_tables
from nashr.writers.kit.title_block import author_line
from nashr.writers.docx.ooxml import ensure_child, parse, read_package, serialize, set_child, w, write_package

MARKS = {"ltr": "\u200e", "rtl": "\u200f"}  # left-to-right and right-to-left marks


def reference_docx() -> Path:
    return templates_dir() / "docx" / "reference.docx"


def _ends_weak(element: Node) -> bool:
    text = stringify(element["c"][1]).rstrip()
    return bool(text) and strong_direction(text[-1]) is None


def docx_blocks(document: Document) -> list[Node]:
    """The title block, then the body. A heading with its own `dir`, and code (always left-to-right),
    go in a Div: the only block whose direction Pandoc's DOCX writer reads. An isolated run that
    ends in a digit or punctuation is followed by a mark of its direction: Word has no isolation, so
    a URL's final "/" or the ")" of "Wolf (1998)" would take the paragraph's direction and jump to
    the run's other side."""
    def block_direction(element: Node) -> Node | list[Node] | None:
        if element["t"] == "Header" and attr_value(element, "dir"):
            return div([element], pairs={"dir": attr_value(element, "dir")})
        if element["t"] == "CodeBlock":
            return div([element], pairs={"dir": "ltr"})
        if element["t"] == "Span" and attr_value(element, "dir") in MARKS and _ends_weak(element):
            return [element, {"t": "Str", "c": MARKS[attr_value(element, "dir")]}]
        return None

    blocks = map_nodes(document.body_blocks(), verse_as_tables)
    blocks = map_lists(map_nodes(blocks, block_direction), _part_adjacent_notes)
    return title_blocks(document) + map_nodes(blocks, box_styles)


BOX_STYLES = {"admonition": "Admonition", "admonition-title": "Admonition Title", "aside": "Aside"}


def box_styles(element: Node) -> Node | None:
    """A box (an admonition, an alert, <details>, <aside>) in the framed, shaded paragraph styles of
    the reference document: Pandoc gives a Div's paragraphs the style its `custom-style` names."""
    style = next((BOX_STYLES[c] for c in element["c"][0][1] if c in BOX_STYLES), None) \
        if element["t"] == "Div" else None
    if style is None:
        return None
    identifier, classes, pairs = element["c"][0]
    return {**element, "c": [[identifier, classes, pairs + [["custom-style", style]]], element["c"][1]]}


def _part_adjacent_notes(siblings: list[Node]) -> list[Node]:
    """A raised comma before a note called right after another (Word sets them "34" otherwise)."""
    parted: list[Node] = []
    for item, after in zip(siblings, calls_in_a_row(siblings)):
        parted += [{"t": "Superscript", "c": [{"t": "Str", "c": ","}]}, item] if after else [item]
    return parted


def core_properties(document: Document, stamp: dt.datetime) -> bytes:
    metadata = document.metadata
    keywords = [word for words in metadata.keywords.values() for word in words]
    abstract = next((stringify(p.blocks) for p in document.abstracts() if p.lang == metadata.lang), "")
    fields = [
        ("dc:title", metadata.title),
        ("dc:creator", "; ".join(author_line(a, metadata.lang) for a in metadata.authors)),
        ("cp:keywords", ", ".join(keywords)),
        ("dc:description", abstract),
        ("dc:language", metadata.lang),
    ]
    lines = [f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value]
    lines += [f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{w3c_date(stamp)}</dcterms:{name}>'
              for name in ("created", "modified")]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + "".join(lines) + "</cp:coreProperties>").encode("utf-8")


NOTE_PARAGRAPHS = {"Compact", "BodyText", "FirstParagraph", "Definition"}  # Pandoc's, at body size


def note_paragraph_styles(notes: etree._Element) -> None:
    """Paragraphs of list items, table cells and definitions inside notes at the notes' size: Pandoc
    gives them the body's styles (Compact …), so a note's list was set larger than its text."""
    for style in notes.iter(w("pStyle")):
        if style.get(w("val")) in NOTE_PARAGRAPHS:
            style.set(w("val"), "FootnoteText")


JUSTIFIED = ("BodyText", "FirstParagraph", "Abstract", "BlockText", "FootnoteText")  # the PDF's p, notes


def justify(styles: etree._Element) -> None:
    """Body text, abstracts, quotes and notes justified like the PDF's. `both` is what Word's Justify
    writes: for Arabic it widens the spaces (Word stretches with kashidas only for lowKashida,
    mediumKashida and highKashida; `distribute` would also spread the letters of every last line).
    LibreOffice (7.4) stretches Arabic with kashidas whatever the value, and nothing in the file turns
    that off: layout.docx_justify: false is for editors who make their PDF with it (docs/docx.md)."""
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) in JUSTIFIED:
            set_child(ensure_child(style, "pPr"), "jc", val="both")


def number_notes(settings: etree._Element, body: etree._Element, per_page: bool) -> None:
    """Footnotes 1..N through the whole document — Pandoc's own reference restarts them per section,
    which LibreOffice reads as a restart at every chapter heading — or from 1 on every page when the
    layout asks for per-page numbering, as the PDF does."""
    notes = set_child(settings, "footnotePr")
    restart = "eachPage" if per_page else "continuous"
    for name, value in (("numFmt", "decimal"), ("numStart", "1"), ("numRestart", restart)):
        etree.SubElement(notes, w(name), {w("val"): value})
    for special in ("-1", "0"):  # the separator and continuation separator in footnotes.xml
        etree.SubElement(notes, w("footnote"), {w("id"): special})
    section_restart = body.find(f"{w('body')}/{w('sectPr')}/{w('footnotePr')}/{w('numRestart')}")
    if section_restart is not None:  # the section's setting wins over the document's in Word
        section_restart.set(w("val"), restart)


def pandoc_docx(document: Document, blocks: list[Node]) -> bytes:
    metadata = document.metadata
    source = {**document.as_pandoc(blocks), "meta": {
        "lang": {"t": "MetaString", "c": metadata.lang},
        "dir": {"t": "MetaString", "c": metadata.direction},
    }}
    with tempfile.TemporaryDirectory(prefix="nashr-docx-") as scratch:
        output = Path(scratch) / "pandoc.docx"
        run_pandoc(["--from=json", "--to=docx", f"--output={output}", "--quiet",
                    f"--reference-doc={reference_docx()}"], json.dumps(source, ensure_ascii=False))
        return output.read_bytes()


def finish(parts: dict[str, bytes], document: Document, blocks: list[Node]) -> None:
    """Direction, language, note numbering and fonts: the package's parts, edited in place."""
    page = document.metadata.direction
    styles, settings = parse(parts["word/styles.xml"]), parse(parts["word/settings.xml"])
    body, notes = parse(parts["word/document.xml"]), parse(parts["word/footnotes.xml"])
    direction.language_and_direction(styles, settings, document.metadata.lang, page)
    if document.metadata.layout.docx_justify:
        justify(styles)
    number_notes(settings, body, per_page=document.metadata.layout.note_numbering == "per-page")
    direction.section_direction(body, page)
    direction.body_text_styles(body)
    direction.join_note_numbers(notes)
    note_paragraph_styles(notes)
    body_tables, note_tables = direction.table_directions(blocks, page)
    direction.mark_tables(body, body_tables)
    direction.mark_tables(notes, note_tables)
    for root in (body, notes):
        finish_verse(root)
        finish_tables(root, text_area(body), body_sizes(styles))
    if page == "rtl":
        direction.paragraph_directions(body)
        direction.paragraph_directions(notes)
    faces = bundled_faces(document.text())  # Amiri, and Frank Ruhl Libre when Hebrew letters need it
    order = families(document.metadata.lang)  # Frank Ruhl Libre first in a Hebrew article
    faces.sort(key=lambda face: order.index(face.family))
    set_complex_script_font(styles, faces[0].family)
    for root in (body, notes):
        fonts_for_scripts(root, faces)
    parts["word/styles.xml"], parts["word/settings.xml"] = serialize(styles), serialize(settings)
    parts["word/document.xml"], parts["word/footnotes.xml"] = serialize(body), serialize(notes)
    embed_fonts(parts, faces, faces_used(styles, [body, notes]))


class DocxWriter:
    name = "docx"
    extension = "docx"

    def write(self, document: Document, target: Path) -> None:
        blocks = docx_blocks(document)
        parts = read_package(pandoc_docx(document, inline_images(document, blocks)))
        finish(parts, document, blocks)
        stamp = recorded_datetime(document)
        parts["docProps/core.xml"] = core_properties(document, stamp)
        write_package(parts, target, stamp)
