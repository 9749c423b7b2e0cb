"""EPUB 3: the transformed AST → one XHTML page per top-level section (Pandoc's HTML writer, finished as
XML) + a title page, navigation and package document (Jinja2) → a deterministic ZIP.

nashr assembles the book itself rather than using Pandoc's EPUB writer, which restarts note numbers in
each chapter and has no place for the page direction. Every page carries the article's `lang` and
`dir`, the spine its page progression, and notes keep the numbers they have in the PDF.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from nashr.ast import Node, stringify
from nashr.document import Document
from nashr.reproducible import recorded_datetime, write_zip
from nashr.resources import FontFace, bundled_faces, styles_dir, templates_dir
from nashr.vocabulary import ordered_list_css
from nashr.writers.epub.images import Resource, package_images
from nashr.writers.epub.notes import Note, aside, called_in, calls_to_noterefs
from nashr.writers.epub.xhtml import MATHML, headings, link_pages, make_asides, nest, parse, serialize
from nashr.writers.kit.html_fragments import Fragment, fragments_to_html
from nashr.writers.kit.templating import environment, font_face_css
from nashr.writers.kit.title_block import author_line, title_block, title_fragments
from nashr.writers.kit.latin_punctuation import with_latin_punctuation

# The namespace of the UUIDs derived from slugs. Never change it: every book's identifier would change.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "nashr:epub:slug")
TITLE_PAGE = "title.xhtml"
NAV_PAGE = "nav.xhtml"


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
        pages = _pages(document, {note.number: note for note in notes})
        resources = [*_stylesheet_and_fonts(with_latin_punctuation(bundled_faces(document.text())),
                                            document.metadata.layout.numerals), *images]
        when = recorded_datetime(document)
        entries = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", (templates_dir() / "epub" / "container.xml").read_bytes()),
            ("EPUB/package.opf", _package(document, pages, resources, when).encode("utf-8")),
            *((f"EPUB/{name}", serialize(tree)) for name, tree in pages.items()),
            *((f"EPUB/{resource.href}", resource.data) for resource in resources),
        ]
        write_zip(target, entries, when, stored={"mimetype"})


def _stylesheet_and_fonts(faces: list[FontFace], numerals: str) -> list[Resource]:
    """styles/epub.css and styles/verse.css after an @font-face rule for each bundled face, then the
    digits of numbered lists (as the note numbers: `layout.numerals`); and the font files themselves."""
    # File names become URLs in the package: keep only URL-safe characters ("FrankRuhlLibre[wght].ttf").
    fonts = [Resource(f"fonts/{re.sub(r'[^A-Za-z0-9._-]', '', face.path.name)}", "font/ttf", face.path.read_bytes())
             for face in faces]
    rules = font_face_css([(face, f"../{font.href}") for face, font in zip(faces, fonts)])
    sheets = [(styles_dir() / name).read_text(encoding="utf-8") for name in ("epub.css", "verse.css")]
    css = rules + "\n\n" + "\n".join(sheets) + ordered_list_css(numerals) + "\n"
    return [Resource("styles/epub.css", "text/css", css.encode("utf-8")), *fonts]


def _pages(document: Document, notes_by_number: dict[int, Note]) -> dict[str, ET.Element]:
    """Every XHTML page of the book by file name, in reading order, the navigation last."""
    metadata = document.metadata
    env = environment()
    shell = {"lang": metadata.lang, "dir": metadata.direction}

    def notes(blocks: list[Node]) -> Fragment:
        return [aside(notes_by_number[number]) for number in called_in(blocks)], True

    # all the book's HTML from one Pandoc run: the abstracts, their notes, then each page and its notes
    title = title_fragments(document)
    sections = split_sections(document.body_blocks())
    fragments = [*title, notes([block for part in document.abstracts() for block in part.blocks])]
    fragments += [fragment for blocks in sections for fragment in ((blocks, True), notes(blocks))]
    written = fragments_to_html(document, fragments)
    title_notes, pieces = written[len(title)], iter(written[len(title) + 1:])
    html = {TITLE_PAGE: env.get_template("epub/title.xhtml.j2").render(
        **title_block(document, written[:len(title)]), page_title=metadata.title, notes=title_notes)}
    landmarks = []  # where the body starts, for reading systems' "go to beginning"
    for number, blocks in enumerate(sections, start=1):
        name, title = f"section-{number:02d}.xhtml", _heading(blocks) or metadata.title
        html[name] = env.get_template("epub/page.xhtml.j2").render(
            **shell, page_title=title, body=next(pieces), notes=next(pieces))
        landmarks = landmarks or [{"href": name, "text": title}]
    pages = {name: parse(text) for name, text in html.items()}
    for page in pages.values():
        make_asides(page)
    link_pages(pages)
    toc = nest([entry for name, page in pages.items() if name != TITLE_PAGE for entry in headings(name, page)])
    pages[NAV_PAGE] = parse(env.get_template("epub/nav.xhtml.j2").render(
        **shell, page_title=metadata.title, toc=toc, notes="", body_start=landmarks[0] if landmarks else None))
    return pages


def _package(document: Document, pages: dict[str, ET.Element], resources: list[Resource], when: dt.datetime) -> str:
    """The package document: metadata, every file in the book, the reading order and its direction."""
    metadata = document.metadata
    return environment().get_template("epub/package.opf.j2").render(
        lang=metadata.lang,
        dir=metadata.direction,
        identifier=identifier(document),
        title=metadata.title,
        creators=[author_line(author, metadata.lang) for author in metadata.authors],
        date=_publication_date(document),
        rights=metadata.license,
        subjects=[word for words in metadata.keywords.values() for word in words],
        modified=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        pages=list(pages),
        nav=NAV_PAGE,
        # EPUB 3 asks that a page holding MathML (math is written as MathML, which reading systems lay out) say so
        mathml={name for name, page in pages.items() if next(page.iter(f"{{{MATHML}}}math"), None) is not None},
        resources=resources,
        visual=any(resource.media_type.startswith("image/") for resource in resources),
    )


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
