"""The DOCX title block as Pandoc blocks: title, authors, abstracts and keywords in journal styles.

Pandoc's DOCX writer builds its own title block from metadata, without keywords, author details or
directional isolation. nashr writes the block itself as ordinary paragraphs in Divs with a
`custom-style` (the styles of templates/docx/reference.docx), from the title block's view model the
PDF, EPUB and HTML title pages use: the front-matter lines as the transforms left them, each in its
own direction with its opposite-direction runs isolated. Like the
PDF's first page, it opens with the masthead (journal, volume, issue, year, ISSN, pages) and ends with
the dates, DOI and licence, with the PDF's labels and the article's digits (`layout.numerals`).
"""
from __future__ import annotations

from nashr.ast import Node, div, node, span, text_inlines
from nashr.document import Document
from nashr.labels import label
from nashr.vocabulary import in_digits, isolate_blocks
from nashr.writers.kit.title_block import AbstractView, AuthorView, Shown, metadata_direction, title_block
from nashr.writers.pdf.page import masthead

PARTS = [node("Space"), node("Str", "·"), node("Space")]  # between the masthead's parts, and dates, as in the PDF


def styled(style: str, blocks: list[Node]) -> Node:
    return div(blocks, pairs={"custom-style": style})


def _paragraph(style: str, inlines: list[Node], base: str, page: str, fixed: bool = False) -> Node:
    """A paragraph in the direction of most of its words, or in `base` when `fixed`."""
    return styled(style, isolate_blocks([node("Para", inlines)], base, page, fixed))


def _line(style: str, shown: Shown, page: str) -> Node:
    """A front-matter line as a paragraph in its own direction (the bidi transform's)."""
    paragraph = [node("Para", shown.line.inlines)]
    return styled(style, paragraph if shown.dir == page else [div(paragraph, pairs={"dir": shown.dir})])


def _runs(lines: list[Shown], separator: str, base: str) -> list[Node]:
    """Lines joined on one paragraph of direction `base` by `separator`, each one a run of its own
    direction where that is the other one (a Span of the same direction would only make Word split
    the paragraph's runs)."""
    inlines: list[Node] = []
    for index, line in enumerate(lines):
        inlines += (text_inlines(separator) + [node("Space")] if index else [])
        inlines += line.line.inlines if line.dir == base else [span(line.line.inlines, pairs={"dir": line.dir})]
    return inlines


def _keywords(abstract: AbstractView) -> list[Node]:
    """"Keywords: a، b، c", between separators in the abstract's direction, so "Python، DNS" keeps
    its order in an Arabic list."""
    label_run = [node("Strong", text_inlines(abstract.keywords_label + ":")), node("Space")]
    return label_run + _runs(abstract.keywords, abstract.separator, abstract.dir)


def _author(author: AuthorView, separator: str, page: str) -> list[Node]:
    """Name, then role, affiliation and country on one line, then e-mail and ORCID."""
    blocks = [_line("Author", author.name, page)] if author.name else []
    if author.details:
        blocks.append(_paragraph("Author", _runs(author.details, separator, page), page, page))
    contact = " · ".join(part for part in (author.email, author.orcid and f"ORCID {author.orcid}") if part)
    return blocks + ([_paragraph("Author", text_inlines(contact), page, page)] if contact else [])


def _masthead(document: Document, page: str) -> list[Node]:
    """Journal name, then "Volume 3 · Issue 2 · 2024 · ISSN 1234-5679 · Pages 45": the PDF's masthead,
    with the first page alone — the last is known only once the PDF is laid out — and only when
    `journal.first_page` gives it (a Word file has no place in the issue of its own)."""
    metadata = document.metadata
    journal, numerals = metadata.journal, metadata.layout.numerals
    if journal is None:
        return []
    view = masthead(metadata)
    blocks = [_paragraph("Masthead", text_inlines(journal.name), page, page)] if journal.name else []
    parts = [text_inlines(in_digits(part, numerals)) for part in view["issue_parts"]]
    if journal.issn:
        parts.append([span(text_inlines(f"ISSN {journal.issn}"), pairs={"dir": "ltr"})])
    if journal.first_page:
        parts.append(text_inlines(f"{view['pages_label']} {view['first_page']}"))
    if parts:
        inlines = [inline for index, part in enumerate(parts)
                   for inline in (PARTS if index else []) + part]
        blocks.append(_paragraph("MastheadIssue", inlines, page, page, fixed=True))
    return blocks


def _date(iso: str, numerals: str) -> Node:
    """2024-03-15 left to right, as in the PDF; in Arabic-Indic or Persian digits it reads from the right
    like the words around it, year first: Word cannot isolate it, and would join it to its
    neighbours whatever its run's direction."""
    if numerals == "western":
        return span(text_inlines(iso), pairs={"dir": "ltr"})
    return span(text_inlines(in_digits(iso, numerals)))


def _article_meta(document: Document, page: str) -> list[Node]:
    """Received, accepted and published dates on one line, the DOI as a link, the licence."""
    metadata = document.metadata
    view = masthead(metadata)
    blocks = []
    if view["dates"]:
        inlines: list[Node] = []
        for index, (name, value) in enumerate(view["dates"]):
            inlines += (PARTS if index else []) + text_inlines(f"{name}:") + [node("Space")]
            inlines.append(_date(value, metadata.layout.numerals))
        blocks.append(_paragraph("ArticleMeta", inlines, page, page, fixed=True))
    if metadata.doi:
        url = f"https://doi.org/{metadata.doi}"
        link = node("Link", [["", [], []], text_inlines(url), [url, ""]])
        doi = _paragraph("ArticleMeta", text_inlines("DOI:") + [node("Space"), link], "ltr", page, fixed=True)
        blocks.append(div([doi], pairs={"dir": "ltr"}) if page == "rtl" else doi)
    if metadata.license:
        licence = span(text_inlines(metadata.license), pairs={"dir": metadata_direction(metadata.license, page)})
        inlines = text_inlines(f"{view['license_label']}:") + [node("Space"), licence]
        blocks.append(_paragraph("ArticleMeta", inlines, page, page, fixed=True))
    return blocks


def title_blocks(document: Document) -> list[Node]:
    view = title_block(document)
    page = view["dir"]
    blocks = _masthead(document, page)
    blocks.append(_line("Title", view["title"], page))
    if view["subtitle"]:
        blocks.append(_line("Subtitle", view["subtitle"], page))
    for author in view["authors"]:
        blocks += _author(author, label(view["lang"], "separator"), page)
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
    return blocks + _article_meta(document, page)
