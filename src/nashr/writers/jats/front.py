"""The front matter: `journal-meta` from `journal`, `article-meta` from the rest of manuscript.yaml and the
abstracts, with the page range the PDF really has (its page count, from the PDF built in the same run)."""
from __future__ import annotations

import datetime as dt

from lxml import etree

from nashr.document import Document
from nashr.labels import label
from nashr.licences import licence
from nashr.front_matter_parts import AUTHOR, KEYWORDS, SUBTITLE, TITLE, TRANSLATED_TITLE, Line, front_lines
from nashr.metadata import Metadata
from nashr.writers.jats.content import Content
from nashr.writers.jats.tagset import ALI, XML_LANG
from nashr.writers.jats.xml import opened, sub


def front(document: Document, content: Content, pages: int | None, parent: etree._Element) -> None:
    element = sub(parent, "front")
    metadata = document.metadata
    if metadata.journal and (metadata.journal.name or metadata.journal.issn or metadata.journal.publisher):
        _journal_meta(metadata, content, element)
    meta = sub(element, "article-meta")
    if metadata.doi:
        sub(meta, "article-id", {"pub-id-type": "doi"}, metadata.doi)
    _titles(document, content, meta)
    if metadata.authors:
        _contributors(document, content, sub(meta, "contrib-group"))
    _issue(metadata, pages, meta)
    _history(metadata, meta)
    _permissions(metadata, content, sub(meta, "permissions"))
    _abstracts(document, content, meta)
    for words in front_lines(document, KEYWORDS):
        group = opened(meta, "kwd-group", words[0].lang)
        for word in words:
            content.inlines(word.inlines, sub(group, "kwd"))


def _journal_meta(metadata: Metadata, content: Content, parent: etree._Element) -> None:
    journal = metadata.journal
    element = sub(parent, "journal-meta")
    if journal.name:
        sub(element, "journal-id", {"journal-id-type": "publisher-id"}, journal.name)
        content.text(journal.name, sub(sub(element, "journal-title-group"), "journal-title"))
    if journal.issn:
        sub(element, "issn", text=journal.issn)
    if journal.publisher:
        sub(sub(element, "publisher"), "publisher-name", text=journal.publisher)


def _titles(document: Document, content: Content, parent: etree._Element) -> None:
    """The titles' lines as the transforms left them (front_matter_parts.py)."""
    group = sub(parent, "title-group")
    for kind, tag in ((TITLE, "article-title"), (SUBTITLE, "subtitle")):
        for (line,) in front_lines(document, kind):
            content.inlines(line.inlines, sub(group, tag))
    for (line,) in front_lines(document, TRANSLATED_TITLE):
        content.inlines(line.inlines, sub(sub(group, "trans-title-group", {XML_LANG: line.lang}), "trans-title"))


def _contributors(document: Document, content: Content, group: etree._Element) -> None:
    """A `contrib` per author, linked to an `aff` per distinct affiliation (and country)."""
    affiliations: dict[tuple[str | None, str | None], tuple[str, dict[str, Line]]] = {}
    for author, author_lines in zip(document.metadata.authors, front_lines(document, AUTHOR), strict=True):
        shown = {line.field: line for line in author_lines}  # as the transforms left them
        contrib = sub(group, "contrib", {"contrib-type": "author"})
        if author.orcid:
            sub(contrib, "contrib-id", {"contrib-id-type": "orcid"}, f"https://orcid.org/{author.orcid}")
        if author.name:
            sub(contrib, "string-name", text=author.name)
        if "role" in shown:
            content.inlines(shown["role"].inlines, sub(contrib, "role"))
        where = (author.affiliation, author.country)
        if any(where):
            xml_id, _ = affiliations.setdefault(where, (f"aff-{len(affiliations) + 1}", shown))
            sub(contrib, "xref", {"ref-type": "aff", "rid": xml_id})
        if author.email:
            sub(contrib, "email", text=author.email)
    separator = label(content.languages.article, "separator")
    for (institution, country), (xml_id, shown) in affiliations.items():
        aff = sub(group, "aff", {"id": xml_id})
        if institution:
            content.inlines(shown["affiliation"].inlines, sub(aff, "institution"))
        if institution and country:
            aff[-1].tail = separator
        if country:
            content.inlines(shown["country"].inlines, sub(aff, "country"))


def _date(parent: etree._Element, tag: str, day: dt.date, attributes: dict[str, str]) -> None:
    element = sub(parent, tag, {**attributes, "iso-8601-date": day.isoformat()})
    sub(element, "day", text=f"{day.day:02d}")
    sub(element, "month", text=f"{day.month:02d}")
    sub(element, "year", text=str(day.year))


def _issue(metadata: Metadata, pages: int | None, parent: etree._Element) -> None:
    """Publication date, volume, issue and page range (when the article belongs to a journal)."""
    journal, dates = metadata.journal, metadata.dates
    if dates and dates.published:
        _date(parent, "pub-date", dates.published, {"publication-format": "electronic", "date-type": "pub"})
    elif journal and journal.year:
        sub(sub(parent, "pub-date", {"date-type": "pub"}), "year", text=str(journal.year))
    else:
        sub(parent, "pub-date-not-available")
    if journal is None:
        return
    if journal.volume:
        sub(parent, "volume", text=journal.volume)
    if journal.issue:
        sub(parent, "issue", text=journal.issue)
    first = journal.first_page or 1
    sub(parent, "fpage", text=str(first))
    if pages:
        sub(parent, "lpage", text=str(first + pages - 1))


def _history(metadata: Metadata, parent: etree._Element) -> None:
    dates = metadata.dates
    known = [(name, getattr(dates, name)) for name in ("received", "accepted") if dates and getattr(dates, name)]
    if known:
        history = sub(parent, "history")
        for name, day in known:
            _date(history, "date", day, {"date-type": name})


def _permissions(metadata: Metadata, content: Content, element: etree._Element) -> None:
    if not metadata.license:
        return
    named = licence(metadata.license)
    text = sub(element, "license")
    if named.url:
        sub(text, f"{{{ALI}}}license_ref", text=named.url)
    content.text(named.statement, sub(text, "license-p"))


def _abstracts(document: Document, content: Content, parent: etree._Element) -> None:
    """The abstract in the article's language as `abstract`, the others as `trans-abstract`."""
    article = document.metadata.lang
    for part in sorted(document.abstracts(), key=lambda part: part.lang != article):
        tag = "abstract" if part.lang == article else "trans-abstract"
        element = sub(parent, tag, {XML_LANG: part.lang} if tag == "trans-abstract" else None)
        sub(element, "title", text=label(part.lang, "abstract"))
        content.blocks(part.blocks, element, part.lang)
