"""The galley page: the transformed document → the galley's own AST passes → Pandoc HTML → Jinja2 page.

The passes (notes, citation links, heading ids, languages of runs) run over every part at once, so ids
are unique through the page and citations in the abstracts find the reference list of the body. The
stylesheet is written into the page, followed by an @font-face rule for each font subset: the text of
the page decides which characters the subsets keep, so the page is rendered once without them first.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import jinja2
from markupsafe import Markup

from nashr.ast import Node
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import TRIM_SIZES, Metadata
from nashr.resources import FontFace, bundled_faces, styles_dir
from nashr.vocabulary import digits, ordered_list_css
from nashr.writers.galley.files import FileSet, place_images
from nashr.writers.galley.fonts import web_fonts
from nashr.writers.galley.highwire import citation_tags, page_range
from nashr.writers.kit.title_block import Shown, metadata_direction, title_block, title_fragments
from nashr.writers.galley.language import language_of, languages_of_runs
from nashr.writers.galley.links import link_citations, number_headings
from nashr.writers.galley.notes import calls_with_popups, note_list
from nashr.writers.kit.html_fragments import fragments_to_html
from nashr.writers.kit.templating import environment, font_face_css
from nashr.writers.kit.latin_punctuation import with_latin_punctuation
from nashr.writers.pdf.page import masthead

MATH_FAMILY = "STIX Two Math"


def render_page(document: Document, files: FileSet, pages: int | None = None) -> str:
    """The whole page as HTML; its images and fonts are added to `files`. `pages` is the page count of
    the PDF built with it (None without one): the masthead and the citation tags give its page range."""
    metadata = document.metadata
    document = place_images(document, files)
    parentheses = metadata.layout.note_calls == "parentheses"
    parts = [part.blocks for part in document.parts]
    notes = note_list(parts, label(metadata.lang, "notes"), parentheses)
    passes = _page_passes([*[calls_with_popups(blocks, parentheses, metadata.layout.numerals) for blocks in parts], notes], document)
    document = document.with_blocks(passes[:-1])
    body, *title_html = fragments_to_html(document, [(document.body_blocks() + passes[-1], True),
                                                     *title_fragments(document)])
    pages_shown = page_range(document, pages)
    context = title_block(document, title_html) | masthead(metadata) | {
        "body": body,
        "citation_tags": citation_tags(document, pages),
        "last_page": digits(pages_shown[1], metadata.layout.numerals) if len(pages_shown) == 2 else None,
    }
    template = _environment(metadata).get_template("html/article.html.j2")
    css = "\n".join([*((styles_dir() / name).read_text(encoding="utf-8") for name in ("html.css", "verse.css")),
                     ordered_list_css(metadata.layout.numerals), _printed_page(metadata)])
    page = template.render(**context, css=css)
    fonts = web_fonts(_faces(page), page)
    faces = [(font.face, files.add(font.face.path.stem + ".woff2", font.data, "font/woff2")) for font in fonts]
    return template.render(**context, css=font_face_css(faces) + "\n" + css)


def _environment(metadata: Metadata) -> jinja2.Environment:
    """The templates' environment, with a filter giving a metadata string its `dir`, and its `lang`
    when it reads in the other direction: `<span {{ author.name | bidi }}>`."""
    env = environment()

    def bidi(value: str | Shown) -> Markup:
        text = value.text if isinstance(value, Shown) else value
        own = value.dir if isinstance(value, Shown) else metadata_direction(value, metadata.direction)
        lang = f' lang="{language_of(text, own, metadata)}"' if own != metadata.direction else ""
        return Markup(f'dir="{own}"{lang}')

    env.filters["bidi"] = bidi
    return env


def _printed_page(metadata: Metadata) -> str:
    """The printed page's size and margins, as the PDF's (`layout`)."""
    layout, margins = metadata.layout, metadata.layout.margins
    return (f"@page {{ size: {TRIM_SIZES.get(layout.trim, layout.trim)}; "
            f"margin: {margins.top} {margins.outer} {margins.bottom} {margins.inner}; }}")


def _page_passes(parts: list[list[Node]], document: Document) -> list[list[Node]]:
    """Each part's blocks through the galley's passes, run over all parts together."""
    counts = [len(blocks) for blocks in parts]
    blocks = [block for part in parts for block in part]
    blocks = languages_of_runs(number_headings(link_citations(blocks)), document.metadata)
    split, start = [], 0
    for count in counts:
        split.append(blocks[start:start + count])
        start += count
    return split


def _faces(page: str) -> list[FontFace]:
    """The bundled faces the page's characters need, Amiri with its Latin punctuation; STIX Two Math
    (shipped with ziamath) when the page has math."""
    faces = with_latin_punctuation(bundled_faces(page))
    spec = importlib.util.find_spec("ziamath")
    if "<math" in page and spec and spec.origin:
        math = Path(spec.origin).parent / "fonts" / "STIXTwoMath-Regular.ttf"
        faces += [FontFace(MATH_FAMILY, "normal", "normal", math)] if math.is_file() else []
    return faces
