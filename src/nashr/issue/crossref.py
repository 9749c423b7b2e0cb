"""One Crossref deposit (schema 5.3.1) for a whole issue: the journal, the issue, and each article with
its titles in both languages, contributors with ORCID iDs, abstracts (JATS), pages, DOI and citation list.

Crossref wants one deposit per issue so the issue and its articles are registered together; a redeposit
needs a larger `timestamp`, which is why the caller passes it.
"""
from __future__ import annotations

import datetime as dt

from lxml import etree

from nashr.issue.records import ArticleRecord, Depositor, IssueRecord, name_parts, primary

CROSSREF = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{CROSSREF} https://www.crossref.org/schemas/crossref5.3.1.xsd"


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    namespace = JATS if tag.startswith("jats:") else CROSSREF
    element = etree.SubElement(parent, f"{{{namespace}}}{tag.removeprefix('jats:')}", attributes)
    if text is not None:
        element.text = text
    return element


def _date(parent: etree._Element, tag: str, date: dt.date | None, year: int, media_type: str = "online") -> None:
    when = _element(parent, tag, media_type=media_type) if tag == "publication_date" else _element(parent, tag)
    if date is not None:
        _element(when, "month", f"{date.month:02d}")
        _element(when, "day", f"{date.day:02d}")
    _element(when, "year", str(date.year if date else year))


def crossref_deposit(issue: IssueRecord, articles: list[ArticleRecord], depositor: Depositor,
                     batch_id: str, timestamp: int) -> bytes:
    """The deposit XML; `timestamp` is Crossref's version number (e.g. yyyymmddhhmmss), larger each time."""
    root = etree.Element(f"{{{CROSSREF}}}doi_batch", {"version": "5.3.1", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
                         nsmap={None: CROSSREF, "jats": JATS, "xsi": XSI})
    head = _element(root, "head")
    _element(head, "doi_batch_id", batch_id)
    _element(head, "timestamp", str(timestamp))
    who = _element(head, "depositor")
    _element(who, "depositor_name", depositor.name)
    _element(who, "email_address", depositor.email)
    _element(head, "registrant", issue.publisher or depositor.name)

    journal = _element(_element(root, "body"), "journal")
    journal_metadata = _element(journal, "journal_metadata", language=primary(issue.lang))
    _element(journal_metadata, "full_title", issue.journal)
    if issue.issn:
        _element(journal_metadata, "issn", issue.issn, media_type="print")
    if issue.eissn:
        _element(journal_metadata, "issn", issue.eissn, media_type="electronic")
    journal_issue = _element(journal, "journal_issue")
    _date(journal_issue, "publication_date", issue.published, issue.year)
    if issue.volume:
        _element(_element(journal_issue, "journal_volume"), "volume", issue.volume)
    if issue.number:
        _element(journal_issue, "issue", issue.number)
    for article in articles:
        _article(journal, article, issue)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _article(journal: etree._Element, article: ArticleRecord, issue: IssueRecord) -> None:
    metadata = article.metadata
    element = _element(journal, "journal_article", publication_type="full_text", language=primary(article.lang))
    titles = _element(element, "titles")
    _element(titles, "title", metadata.title)
    if metadata.subtitle:
        _element(titles, "subtitle", metadata.subtitle)
    for lang, title in list(article.other_titles().items())[:1]:  # the schema takes one
        _element(titles, "original_language_title", title, language=primary(lang))
    authors = [author for author in metadata.authors if author.name]
    if authors:
        contributors = _element(element, "contributors")
        for index, author in enumerate(authors):
            person = _element(contributors, "person_name", sequence="first" if index == 0 else "additional",
                              contributor_role="author")
            given, surname = name_parts(author)
            if given:
                _element(person, "given_name", given)
            _element(person, "surname", surname)
            if author.affiliation:
                institution = _element(_element(person, "affiliations"), "institution")
                _element(institution, "institution_name", author.affiliation)
                if author.country:
                    _element(institution, "institution_place", author.country)
            if author.orcid:
                _element(person, "ORCID", f"https://orcid.org/{author.orcid}")
    for lang, paragraphs in article.abstracts.items():
        abstract = _element(element, "jats:abstract", **{f"{{{XML}}}lang": primary(lang)})
        for paragraph in paragraphs:
            _element(abstract, "jats:p", paragraph)
    dates = metadata.dates
    _date(element, "publication_date", dates.published if dates and dates.published else issue.published, issue.year)
    if dates and dates.accepted:
        _date(element, "acceptance_date", dates.accepted, dates.accepted.year)
    pages = _element(element, "pages")
    _element(pages, "first_page", str(article.first_page))
    _element(pages, "last_page", str(article.last_page))
    doi_data = _element(element, "doi_data")
    _element(doi_data, "doi", article.doi or "")
    _element(doi_data, "resource", article.url or "")
    if article.references:
        citations = _element(element, "citation_list")
        for number, reference in enumerate(article.references, 1):
            _element(_element(citations, "citation", key=f"ref{number}"), "unstructured_citation", reference)
