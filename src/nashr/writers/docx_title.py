"""The DOCX title block as Pandoc blocks: title, authors, abstracts and keywords in journal styles.

Pandoc's DOCX writer builds its own title block from metadata, without keywords, author details or
directional isolation. nashr writes the block itself as ordinary paragraphs in Divs with a
`custom-style` (the styles of templates/docx/reference.docx), from the same view of the metadata the
PDF title page uses, and isolates opposite-direction runs in them as the bidi transform does.
"""
from __future__ import annotations

import re

from nashr.ast import Node, div, node, span
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Author
from nashr.transforms.bidi import isolate_blocks
from nashr.writers.html import AbstractView, title_block


def text_inlines(text: str) -> list[Node]:
    """Plain metadata text as Pandoc inlines (words and spaces)."""
    return [node("Space") if piece.isspace() else node("Str", piece)
            for piece in re.split(r"(\s+)", text.strip()) if piece]


def styled(style: str, blocks: list[Node]) -> Node:
    return div(blocks, pairs={"custom-style": style})


def _paragraph(style: str, inlines: list[Node], base: str, page: str, fixed: bool = False) -> Node:
    """A paragraph in the direction of most of its words, or in `base` when `fixed`."""
    return styled(style, isolate_blocks([node("Para", inlines)], base, page, fixed))


def _keywords(abstract: AbstractView) -> list[Node]:
    """"Keywords: a، b، c": each keyword a run in its own direction, between separators in the
    abstract's, so "Python، DNS" keeps its order in an Arabic list."""
    inlines = [node("Strong", text_inlines(abstract.keywords_label + ":")), node("Space")]
    for index, (word, direction) in enumerate(abstract.directed_keywords()):
        inlines += (text_inlines(abstract.separator) + [node("Space")] if index else [])
        inlines.append(span(text_inlines(word), pairs={"dir": direction}))
    return inlines


def _author_lines(author: Author, separator: str) -> list[str]:
    """Name, then role, affiliation and country on one line, then e-mail and ORCID."""
    details = separator.join(part for part in (author.role, author.affiliation, author.country) if part)
    contact = " · ".join(part for part in (author.email, author.orcid and f"ORCID {author.orcid}") if part)
    return [line for line in (author.name, details, contact) if line]


def title_blocks(document: Document) -> list[Node]:
    view = title_block(document)
    page = view["dir"]
    blocks = [_paragraph("Title", text_inlines(view["title"]), page, page)]
    if view["subtitle"]:
        blocks.append(_paragraph("Subtitle", text_inlines(view["subtitle"]), page, page))
    for author in view["authors"]:
        lines = _author_lines(author, label(view["lang"], "separator"))
        blocks += [_paragraph("Author", text_inlines(line), page, page) for line in lines]
    parts = {part.lang: part for part in document.abstracts()}
    for abstract in view["abstracts"]:
        section = []
        if abstract.heading:
            section.append(_paragraph("AbstractTitle", text_inlines(abstract.heading), abstract.dir, page, fixed=True))
        if abstract.lang in parts:
            section.append(styled("Abstract", parts[abstract.lang].blocks))
        if abstract.keywords:
            section.append(_paragraph("Keywords", _keywords(abstract), abstract.dir, page, fixed=True))
        if abstract.dir != page:
            section = [div(section, pairs={"dir": abstract.dir, "lang": abstract.lang})]
        blocks += section
    return blocks
