"""MECA (`-f meca` → dist/<slug>.meca.zip): the package manuscript systems exchange (NISO RP-30, MECA).

`manifest.xml` (manifest-version 2.0) lists every file with its media type: the JATS article as
`article-metadata`, the PDF, EPUB, DOCX and HTML galley (when nashr has that format) as `manuscript`
renditions, and the images, named as the JATS refers to them (`images/image-1.png`), as `figure`. When
`journal.destination` names where the package goes, `transfer.xml` says who sends it to whom. The other
outputs are those of the same build (the pipeline renders them first), so the package holds one version
of the article.
"""
from __future__ import annotations

import mimetypes

from pathlib import Path

from lxml import etree

from nashr.document import Document
from nashr.metadata import Metadata
from nashr.writers.galley.files import folder_name
from nashr.reproducible import recorded_datetime, write_zip
from nashr.writers import WRITERS, Built
from nashr.writers.epub.images import package_images
from nashr.writers.jats.tagset import XLINK

MANIFEST = "https://manuscriptexchange.org/schema/manifest"
TRANSFER = "https://manuscriptexchange.org/schema/transfer"
RENDITIONS = {"pdf": ("application/pdf", "The article as typeset (PDF)"),
              "epub": ("application/epub+zip", "The article as an e-book (EPUB 3)"),
              "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "The article for editing (Word)"),
              "html": ("text/html", "The article's web full text (HTML galley)")}


class MecaWriter:
    name = "meca"
    extension = "meca.zip"
    needs = tuple(name for name in ("jats", *RENDITIONS) if name in WRITERS)

    def write(self, document: Document, target: Path, built: dict[str, Built]) -> None:
        metadata = document.metadata
        _, images = package_images(document)
        files = [(f"{document.slug}.xml", "application/xml", "article-metadata", "The article's metadata and "
                  "full text (JATS XML)", built["jats"].path.read_bytes())]
        for name, (media_type, description) in RENDITIONS.items():
            if name in built:
                output = built[name].path
                files.append((f"{document.slug}.{name}", media_type, "manuscript", description, output.read_bytes()))
        if "html" in built:  # the galley's images and font subsets, beside it as in dist/
            folder = built["html"].path.parent / folder_name(document.slug)
            files += [(f"{folder.name}/{path.name}", mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                       "supplementary-material", "A file of the HTML galley", path.read_bytes())
                      for path in sorted(folder.glob("*")) if path.is_file()]
        files += [(image.href, image.media_type, "figure", "An image of the article", image.data) for image in images]
        entries = [("manifest.xml", _manifest(files, transfer=_destined(metadata)))]
        if _destined(metadata):
            entries.append(("transfer.xml", _transfer(metadata)))
        entries += [(name, data) for name, _, _, _, data in files]
        write_zip(target, entries, recorded_datetime(document))


def _destined(metadata: Metadata) -> bool:
    return bool(metadata.journal and metadata.journal.destination)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _manifest(files: list[tuple[str, str, str, str, bytes]], transfer: bool) -> bytes:
    root = etree.Element(f"{{{MANIFEST}}}manifest", {"manifest-version": "2.0"},
                         nsmap={None: MANIFEST, "xlink": XLINK})
    listed = [("transfer.xml", "application/xml", "transfer-metadata", "Where the package goes")] if transfer else []
    listed += [(name, media_type, kind, description) for name, media_type, kind, description, _ in files]
    for order, (name, media_type, kind, description) in enumerate(listed, start=1):
        item = etree.SubElement(root, f"{{{MANIFEST}}}item", {"id": f"item-{order}", "item-type": kind})
        etree.SubElement(item, f"{{{MANIFEST}}}item-description").text = description
        etree.SubElement(item, f"{{{MANIFEST}}}file-order").text = str(order)
        etree.SubElement(item, f"{{{MANIFEST}}}instance", {"media-type": media_type, f"{{{XLINK}}}href": name})
    return _xml(root)


def _transfer(metadata: Metadata) -> bytes:
    """Who sends the package (the journal named in `journal`) and to whom (`journal.destination`)."""
    journal, destination = metadata.journal, metadata.journal.destination

    def element(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        child = etree.SubElement(parent, f"{{{TRANSFER}}}{tag}")
        child.text = text
        return child

    root = etree.Element(f"{{{TRANSFER}}}transfer", {"transfer-version": "2.0"}, nsmap={None: TRANSFER})
    source = element(root, "transfer-source")
    element(element(source, "publication"), "publication-title", journal.name)
    target = element(root, "destination")
    provider = element(target, "service-provider")
    if destination.provider:
        element(provider, "provider-name", destination.provider)
    element(element(target, "publication"), "publication-title", destination.journal)
    return _xml(root)
