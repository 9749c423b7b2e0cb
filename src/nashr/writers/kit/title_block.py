"""The title block's view model: what a title page shows (title, subtitle, authors, abstracts with their
keywords), built from the Document's transformed front-matter parts (front_matter_parts.py), for the
templates (PDF, EPUB, the HTML galley) and the DOCX title page alike.

A template writer asks Pandoc for each line's HTML beside its own fragments (`title_fragments`), so a
line's isolated runs, languages and digits are those the transforms gave it, as in the body; the DOCX
writer reads the same lines' inlines."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from markupsafe import Markup, escape

from nashr.ast import node
from nashr.direction import LEAST, text_direction
from nashr.document import Document
from nashr.front_matter_parts import AUTHOR, KEYWORDS, SUBTITLE, TITLE, Line, front_lines
from nashr.labels import label
from nashr.metadata import Author, direction_of
from nashr.writers.kit.html_fragments import Fragment


def metadata_direction(text: str, context: str) -> str:
    """The direction of a metadata string that is no front-matter part (a journal's name, a licence),
    judged as a paragraph is (transforms/bidi.py): WeasyPrint does not implement dir="auto", and its
    rule, the first strong letter, would set "Python وأنظمة الشبكات" left to right."""
    return text_direction(text, context, LEAST)


@dataclass(frozen=True)
class Shown:
    """A line as a template prints it: `html` (Pandoc's, escaped text when none was asked for) in `dir`."""

    line: Line
    html: Markup

    @property
    def dir(self) -> str:
        return self.line.dir

    @property
    def text(self) -> str:
        return self.line.text


@dataclass(frozen=True)
class AuthorView:
    name: Shown | None
    details: list[Shown]  # role, affiliation, country: those given, in that order
    email: str | None
    orcid: str | None


@dataclass(frozen=True)
class AbstractView:
    lang: str
    dir: str
    heading: str
    html: str
    keywords_label: str
    separator: str
    keywords: list[Shown] = field(default_factory=list)


def author_line(author: Author, lang: str) -> str:
    """How an author is named where a single string is needed (PDF Author field, EPUB creator), with
    the separator of the article's language ("، " in Arabic script, ", " in Hebrew)."""
    if author.name:
        return author.name
    return label(lang, "separator").join(part for part in (author.role, author.affiliation, author.country) if part)


def title_fragments(document: Document) -> list[Fragment]:
    """Everything of the title block a template shows as HTML, for `fragments_to_html` beside the
    writer's own fragments (math as text): each abstract, then each front-matter line."""
    shown: list[Line] = []
    _view(document, [], lambda line: shown.append(line) or Shown(line, Markup()))
    return [(part.blocks, False) for part in document.abstracts()] + [([node("Plain", line.inlines)], False)
                                                                      for line in shown]


def title_block(document: Document, html: Sequence[str] = ()) -> dict:
    """Everything a title page shows, as template variables (strings are escaped by Jinja2). `html` is
    Pandoc's HTML of `title_fragments`; without it, lines are shown as escaped text and abstracts
    empty (the DOCX title page reads the lines' inlines)."""
    abstracts = len(document.abstracts())
    pieces: Iterator[str] = iter(html[abstracts:])

    def show(line: Line) -> Shown:
        return Shown(line, Markup(next(pieces).strip()) if html else escape(line.text))

    return _view(document, html[:abstracts], show)


def _view(document: Document, abstract_html: Sequence[str], show: Callable[[Line], Shown]) -> dict:
    """The view, each line passed through `show` in one fixed order (title, subtitle, each author's
    lines, each language's keywords), which `title_fragments` and `title_block` share."""
    metadata = document.metadata
    page = metadata.direction

    def shown(kind: str) -> list[list[Shown]]:
        return [[show(line) for line in part] for part in front_lines(document, kind)]

    title, subtitle = shown(TITLE), shown(SUBTITLE)
    authors = [AuthorView(next((line for line in lines_ if line.line.field == "name"), None),
                          [line for line in lines_ if line.line.field != "name"], author.email, author.orcid)
               for author, lines_ in zip(metadata.authors, shown(AUTHOR))]
    keywords = {words[0].line.lang: words for words in shown(KEYWORDS)}  # a keywords part is never empty
    abstracts = [AbstractView(part.lang, direction_of(part.lang), label(part.lang, "abstract"),
                              abstract_html[index] if index < len(abstract_html) else "",
                              label(part.lang, "keywords"), label(part.lang, "separator"),
                              keywords.pop(part.lang, []))
                 for index, part in enumerate(document.abstracts())]
    abstracts += [AbstractView(lang, direction_of(lang), "", "", label(lang, "keywords"), label(lang, "separator"),
                               words) for lang, words in keywords.items()]  # keywords without an abstract
    return {
        "title": title[0][0],
        "subtitle": subtitle[0][0] if subtitle else None,
        "lang": metadata.lang,
        "dir": page,
        "authors": authors,
        "author_lines": [author_line(a, metadata.lang) for a in metadata.authors],
        "abstracts": abstracts,
        "doi": metadata.doi,
        "license": metadata.license,
    }
