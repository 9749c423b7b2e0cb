"""DOAJ's article upload XML (doajArticles.xsd): one record per article of the issue."""
from __future__ import annotations

from lxml import etree

from nashr.issue.records import ArticleRecord, IssueRecord, iso_639_2b

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _lang(lang: str) -> dict[str, str]:
    code = iso_639_2b(lang)
    return {"language": code} if code else {}


def doaj_records(issue: IssueRecord, articles: list[ArticleRecord]) -> bytes:
    root = etree.Element("records", {f"{{{XSI}}}noNamespaceSchemaLocation": "https://doaj.org/static/doaj/doajArticles.xsd"},
                         nsmap={"xsi": XSI})
    for article in articles:
        _record(_element(root, "record"), article, issue)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _record(record: etree._Element, article: ArticleRecord, issue: IssueRecord) -> None:
    metadata = article.metadata
    if code := iso_639_2b(article.lang):
        _element(record, "language", code)
    if issue.publisher:
        _element(record, "publisher", issue.publisher)
    _element(record, "journalTitle", issue.journal)
    if issue.issn:
        _element(record, "issn", issue.issn)
    if issue.eissn:
        _element(record, "eissn", issue.eissn)
    published = metadata.dates.published if metadata.dates and metadata.dates.published else issue.published
    _element(record, "publicationDate", published.isoformat() if published else str(issue.year))
    for tag, value in (("volume", issue.volume), ("issue", issue.number)):
        if value:
            _element(record, tag, value)
    _element(record, "startPage", str(article.first_page))
    _element(record, "endPage", str(article.last_page))
    if article.doi:
        _element(record, "doi", article.doi)
    _element(record, "documentType", "article")
    _element(record, "title", metadata.title, **_lang(article.lang))
    for lang, title in article.other_titles().items():
        _element(record, "title", title, **_lang(lang))
    authors = [author for author in metadata.authors if author.name]
    affiliations = list(dict.fromkeys(author.affiliation for author in authors if author.affiliation))
    if authors:
        names = _element(record, "authors")
        for author in authors:
            entry = _element(names, "author")
            _element(entry, "name", author.name)
            if author.email:
                _element(entry, "email", author.email)
            if author.affiliation:
                _element(entry, "affiliationId", str(affiliations.index(author.affiliation)))
            if author.orcid:
                _element(entry, "orcid_id", f"https://orcid.org/{author.orcid}")
    if affiliations:
        listing = _element(record, "affiliationsList")
        for index, name in enumerate(affiliations):
            _element(listing, "affiliationName", name, affiliationId=str(index))
    for lang, paragraphs in article.abstracts.items():
        _element(record, "abstract", "\n\n".join(paragraphs), **_lang(lang))
    _element(record, "fullTextUrl", article.url or "", format="html")  # required by DOAJ; the issue loader asks for it
    for lang, words in metadata.keywords.items():
        keywords = _element(record, "keywords", **_lang(lang))
        for word in words:
            _element(keywords, "keyword", word)
