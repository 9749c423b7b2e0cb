"""The whole JATS article from the transformed Document: front, body, back, and the XML text."""
from __future__ import annotations

from lxml import etree

from nashr.ast import Node, get_attr, walk
from nashr.document import Document
from nashr.writers.jats.body import body, lift_headings, take_references
from nashr.writers.jats.content import Content
from nashr.writers.jats.front import front
from nashr.writers.jats.ids import Identifiers
from nashr.writers.jats.languages import Languages
from nashr.writers.jats.mathml import formulas
from nashr.writers.jats.references import csl_items, reference_list
from nashr.writers.jats.tagset import NAMESPACES, XML_LANG, tag_set
from nashr.writers.jats.xml import opened, sub

TARGETS = {"Figure": "fig", "Table": "table"}


def article_xml(document: Document, pages: int | None, printed: dict[str, str]) -> bytes:
    """The article as JATS XML: `pages` is the PDF's page count, `printed` the note numbers it prints."""
    metadata = document.metadata
    tags = tag_set(metadata)
    blocks, refs, refs_title = take_references(lift_headings(document.body_blocks()))
    ids = _targets(blocks, refs)
    content = Content(ids, Languages(metadata), formulas(document), printed, metadata.layout.numerals)
    root = etree.Element("article", {"article-type": metadata.jats.article_type, "dtd-version": tags.version,
                                     XML_LANG: metadata.lang}, nsmap=NAMESPACES)
    front(document, content, pages, root)
    body(content, blocks, root)
    _back(document, content, refs, refs_title, root)
    etree.cleanup_namespaces(root, top_nsmap=NAMESPACES, keep_ns_prefixes=list(NAMESPACES))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=tags.doctype())


def _targets(blocks: list[Node], refs: Node | None) -> Identifiers:
    """Identifiers with every element a link may point at registered: sections (top-level headings),
    figures, tables and reference list entries."""
    ids = Identifiers()
    for block in blocks:
        if block["t"] == "Header" and block["c"][1][0]:
            ids.add(block["c"][1][0], "sec")
    for element in walk(blocks):
        if element["t"] in TARGETS and get_attr(element)[0]:
            ids.add(get_attr(element)[0], TARGETS[element["t"]])
    for entry in _entries(refs):
        ids.add(entry["c"][0][0], "bibr")
    return ids


def _entries(refs: Node | None) -> list[Node]:
    """The reference list's entries (Div#ref-…), also when the list is split under headings by script."""
    return [element for element in walk(refs["c"][1]) if element["t"] == "Div"
            and element["c"][0][0].startswith("ref-")] if refs else []


def _back(document: Document, content: Content, refs: Node | None, title: list[Node], root: etree._Element) -> None:
    back = etree.Element("back")
    entries = _entries(refs)
    if entries:
        reference_list(content, entries, title, csl_items(document), back)
    if content.notes:
        group = sub(back, "fn-group")
        for note in content.notes:
            fn = opened(group, "fn", note.lang, {"id": note.xml_id})
            sub(fn, "label", text=note.label)
            content.paragraphs(note.blocks, fn)
    if len(back):
        root.append(back)
