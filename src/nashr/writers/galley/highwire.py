"""The `<meta name="citation_*">` tags (Highwire Press tags) that Google Scholar and other indexes read.

Values are plain metadata, escaped by the template. Dates are written YYYY/MM/DD as Scholar asks.
`citation_pdf_url` names the PDF beside the page (`<slug>.pdf`), relative, as the galley is published
with it. The page range is the PDF's when the PDF is built with the page (`pages`, its page count):
`citation_lastpage` is written only then, as the HTML alone cannot know how many pages the PDF has.
"""
from __future__ import annotations

from nashr.document import Document


def citation_tags(document: Document, pages: int | None) -> list[tuple[str, str]]:
    """(name, content) pairs in the order Scholar's guidelines list them; `pages` is the PDF's page
    count, None without a PDF."""
    metadata = document.metadata
    tags: list[tuple[str, str]] = [("citation_title", metadata.title)]
    for author in metadata.authors:
        if not author.name:
            continue
        tags.append(("citation_author", author.name))
        tags += [("citation_author_institution", author.affiliation)] if author.affiliation else []
        tags += [("citation_author_email", author.email)] if author.email else []
        tags += [("citation_author_orcid", f"https://orcid.org/{author.orcid}")] if author.orcid else []
    dates, journal = metadata.dates, metadata.journal
    published = dates.published if dates else None
    if published:
        tags.append(("citation_publication_date", published.strftime("%Y/%m/%d")))
    elif journal and journal.year:
        tags.append(("citation_publication_date", str(journal.year)))
    if journal:
        for name, value in (("citation_journal_title", journal.name), ("citation_issn", journal.issn),
                            ("citation_volume", journal.volume), ("citation_issue", journal.issue)):
            if value:
                tags.append((name, str(value)))
        tags += [(name, str(number)) for name, number in zip(("citation_firstpage", "citation_lastpage"),
                                                               page_range(document, pages))]
    if metadata.doi:
        tags.append(("citation_doi", metadata.doi))
    tags.append(("citation_pdf_url", f"{document.slug}.pdf"))
    tags.append(("citation_language", metadata.lang))
    for lang, words in metadata.keywords.items():
        tags += [("citation_keywords", word) for word in words]
    if metadata.license:
        tags.append(("dc.rights", metadata.license))
    return tags


def page_range(document: Document, pages: int | None) -> tuple[int, ...]:
    """The article's first and last page in its journal, as the PDF prints them (the first page is
    1 when `journal` gives none); the first alone without the PDF's page count, none when the
    article names neither a journal nor its first page."""
    journal = document.metadata.journal
    if journal is None:
        return ()
    first = journal.first_page or 1
    if pages:
        return first, first + pages - 1
    return (first,) if journal.first_page else ()
