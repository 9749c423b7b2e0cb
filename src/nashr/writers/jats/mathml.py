"""Formulas as MathML, written by Pandoc (its texmath), one Pandoc run for the whole article.

The JATS DTD matches MathML elements by the `mml:` prefix, so each formula is copied into the article
with that prefix rather than Pandoc's default namespace declaration.
"""
from __future__ import annotations

import json

from lxml import etree

from nashr.ast import node, walk
from nashr.document import Document
from nashr.pandoc import run_pandoc
from nashr.writers.jats.tagset import MML


def formulas(document: Document) -> dict[int, etree._Element]:
    """MathML for every Math node of the article, by the node's id()."""
    maths = [element for part in document.parts for element in walk(part.blocks) if element["t"] == "Math"]
    if not maths:
        return {}
    blocks = [node("Para", [math]) for math in maths]
    html = run_pandoc(["--from=json", "--to=html5", "--mathml", "--wrap=none", "--quiet"],
                      json.dumps(document.as_pandoc(blocks), ensure_ascii=False))[0]
    paragraphs = etree.fromstring(f"<root>{html}</root>".encode("utf-8"))
    found = {}
    for math, paragraph in zip(maths, paragraphs, strict=True):
        found[id(math)] = paragraph.find(f"{{{MML}}}math")
    return found


def copy_math(source: etree._Element, parent: etree._Element) -> None:
    """Append a copy of the MathML tree `source` to `parent`, its elements under the `mml:` prefix
    (declared on the article's root)."""
    copy = etree.SubElement(parent, f"{{{MML}}}{etree.QName(source).localname}", dict(source.attrib))
    copy.text, copy.tail = source.text, None
    for child in source:
        copy_math(child, copy)
        copy[-1].tail = child.tail
