"""The title block's view model: what a title page shows (title, authors, abstracts with their
keywords), each string with the direction it is judged to have, for templates and the DOCX title page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from nashr.direction import LEAST, text_direction
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Author, direction_of
from nashr.writers.kit.html_fragments import Fragment


def metadata_direction(text: str, context: str) -> str:
    """The direction of a metadata string a template prints (title, author, keyword), judged as a
    paragraph is (transforms/bidi.py): WeasyPrint does not implement dir="auto", and its rule, the
    first strong letter, would set "Python وأنظمة الشبكات" left to right."""
    return text_direction(text, context, LEAST)


@dataclass(frozen=True)
class AbstractView:
    lang: str
    dir: str
    heading: str
    html: str
    keywords: list[str]
    keywords_label: str
    separator: str

    def directed_keywords(self) -> list[tuple[str, str]]:
        """(keyword, direction): each keyword is isolated, or "Python، DNS" in an Arabic list would
        read as one left-to-right run, DNS first for a right-to-left reader."""
        return [(word, metadata_direction(word, self.dir)) for word in self.keywords]


def author_line(author: Author, lang: str) -> str:
    """How an author is named where a single string is needed (PDF Author field, EPUB creator), with
    the separator of the article's language ("، " in Arabic script, ", " in Hebrew)."""
    if author.name:
        return author.name
    return label(lang, "separator").join(part for part in (author.role, author.affiliation, author.country) if part)


def abstract_fragments(document: Document) -> list[Fragment]:
    """The abstracts as HTML fragments (math as text), for `fragments_to_html` beside the writer's own."""
    return [(part.blocks, False) for part in document.abstracts()]


def title_block(document: Document, abstract_html: Sequence[str] = ()) -> dict:
    """Everything a title page shows, as template variables (values are escaped by Jinja2); each
    abstract's HTML is given in `abstract_html` (from `abstract_fragments`), else left empty."""
    metadata = document.metadata
    abstracts = []
    for index, part in enumerate(document.abstracts()):
        abstracts.append(AbstractView(
            lang=part.lang,
            dir=direction_of(part.lang),
            heading=label(part.lang, "abstract"),
            html=abstract_html[index] if index < len(abstract_html) else "",
            keywords=metadata.keywords.get(part.lang, []),
            keywords_label=label(part.lang, "keywords"),
            separator=label(part.lang, "separator"),
        ))
    for lang, words in metadata.keywords.items():  # keywords in a language without an abstract
        if lang not in metadata.abstract:
            abstracts.append(AbstractView(lang, direction_of(lang), "", "", words,
                                          label(lang, "keywords"), label(lang, "separator")))
    return {
        "title": metadata.title,
        "subtitle": metadata.subtitle,
        "lang": metadata.lang,
        "dir": metadata.direction,
        "authors": metadata.authors,
        "author_lines": [author_line(a, metadata.lang) for a in metadata.authors],
        "abstracts": abstracts,
        "doi": metadata.doi,
        "license": metadata.license,
    }
