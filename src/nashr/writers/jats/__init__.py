"""JATS XML (`-f jats` → dist/<slug>.xml), the format archives and indexes take, and the MECA package
(`-f meca`, meca.py) built around it. See docs/jats.md for what goes where.

The article is written with lxml from the transformed Document rather than by Pandoc's JATS writer,
which puts no `xml:lang` on anything, names a DTD file that does not exist and writes citations as plain
text. Its page range and note numbers are the PDF's: the JATS needs the PDF of the same build.
"""
from __future__ import annotations

from pathlib import Path

from nashr.document import Document
from nashr.writers import Built
from nashr.writers.epub.images import package_images
from nashr.writers.jats.article import article_xml


class JatsWriter:
    name = "jats"
    extension = "xml"
    needs = ("pdf",)

    def write(self, document: Document, target: Path, built: dict[str, Built]) -> None:
        document, _ = package_images(document)  # images named as the MECA package holds them
        pdf = built["pdf"].facts
        target.write_bytes(article_xml(document, pdf.get("pages"), pdf.get("notes", {})))
