"""EPUB 3: the transformed AST → one XHTML page per top-level section (Pandoc's HTML writer, finished as
XML) + a title page, navigation and package document (Jinja2) → a deterministic ZIP.

nashr assembles the book itself rather than using Pandoc's EPUB writer, which restarts note numbers in
each chapter and has no place for the page direction. Every page carries the article's `lang` and
`dir`, the spine its page progression, and notes keep the numbers they have in the PDF.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from nashr.ast import Node, stringify
from nashr.document import Document
from nashr.reproducible import fixed_datetime, write_zip
from nashr.resources import amiri_faces, styles_dir, templates_dir
from nashr.writers.epub_images import Resource, package_images
from nashr.writers.epub_notes import Note, aside, called_in, calls_to_noterefs
from nashr.writers.epub_xhtml import headings, link_pages, make_asides, nest, parse, serialize
from nashr.writers.html import author_line, blocks_to_html, environment, title_block

XHTML_TYPE = "application/xhtml+xml"
# Where every slug's UUID comes from: the same slug always gives the same book identifier.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/nashr/identifiers")


def identifier(document: Document) -> str:
    """The DOI when the article has one, else a UUID derived from the slug (stable across builds)."""
    if document.metadata.doi:
        return f"urn:doi:{document.metadata.doi}"
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, document.slug)}"


def split_sections(blocks: list[Node]) -> list[list[Node]]:
    """The body cut before each heading of the highest level used at the top (usually `#`)."""
    levels = [block["c"][0] for block in blocks if block["t"] == "Header"]
    sections: list[list[Node]] = []
    for block in blocks:
        if not sections or (block["t"] == "Header" and block["c"][0] == min(levels)):
            sections.append([])
        sections[-1].append(block)
    return sections


class EpubWriter:
    name = "epub"
    extension = "epub"

    def write(self, document: Document, target: Path) -> None:
        document, images = package_images(document)
        notes: list[Note] = []
        document = document.with_blocks([calls_to_noterefs(part.blocks, notes) for part in document.parts])
        by_number = {note.number: note for note in notes}
        metadata = document.metadata
        env = environment()
        shell = {"lang": metadata.lang, "dir": metadata.direction}

        def notes_html(blocks: list[Node]) -> str:
            return blocks_to_html(document, [aside(by_number[n]) for n in called_in(blocks)])

        context = title_block(document)
        pages = {"title.xhtml": env.get_template("epub/title.xhtml.j2").render(
            **context, page_title=metadata.title,
            notes=notes_html([b for part in document.abstracts() for b in part.blocks]))}
        for number, blocks in enumerate(split_sections(document.body_blocks()), start=1):
            pages[f"section-{number:02d}.xhtml"] = env.get_template("epub/page.xhtml.j2").render(
                **shell, page_title=_heading(blocks) or metadata.title, body=blocks_to_html(document, blocks), notes=notes_html(blocks))

        trees = {name: parse(html) for name, html in pages.items()}
        for tree in trees.values():
            make_asides(tree)
        link_pages(trees)
        toc = nest([entry for name, tree in trees.items() if name != "title.xhtml" for entry in headings(name, tree)])
        trees["nav.xhtml"] = parse(env.get_template("epub/nav.xhtml.j2").render(
            **shell, page_title=metadata.title, toc=toc, notes=""))

        fonts = [Resource(f"fonts/{face.path.name}", face.path, "font/ttf") for face in amiri_faces()]
        stylesheet = Resource("styles/epub.css", styles_dir() / "epub.css", "text/css")
        when = fixed_datetime(metadata)
        package = env.get_template("epub/package.opf.j2").render(
            **shell,
            identifier=identifier(document),
            title=metadata.title,
            creators=[author_line(author) for author in metadata.authors],
            date=_publication_date(document),
            rights=metadata.license,
            subjects=[word for words in metadata.keywords.values() for word in words],
            modified=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            spine=[name for name in trees if name != "nav.xhtml"],
            documents=list(trees),
            resources=[stylesheet, *fonts, *images],
        )
        entries = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", (templates_dir() / "epub" / "container.xml").read_bytes()),
            ("EPUB/package.opf", package.encode("utf-8")),
            *((f"EPUB/{name}", serialize(tree)) for name, tree in trees.items()),
            *((f"EPUB/{resource.href}", resource.path.read_bytes()) for resource in [stylesheet, *fonts, *images]),
        ]
        write_zip(target, entries, when, stored={"mimetype"})


def _publication_date(document: Document) -> str | None:
    metadata = document.metadata
    if metadata.dates and metadata.dates.published:
        return metadata.dates.published.isoformat()
    if metadata.journal and metadata.journal.year:
        return str(metadata.journal.year)
    return None


def _heading(blocks: list[Node]) -> str:
    """The plain text of the section's first heading, for its page title."""
    return next((stringify(block["c"][2]) for block in blocks if block["t"] == "Header"), "")
