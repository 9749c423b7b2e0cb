"""HTML plumbing shared by the writers that start from HTML: Pandoc's HTML writer and Jinja2."""
from __future__ import annotations

import json
from dataclasses import dataclass

import jinja2

from nashr.ast import Node
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Author, direction_of
from nashr.pandoc import run_pandoc
from nashr.resources import FontFace, templates_dir
from nashr.transforms.content_direction import LEAST, text_direction


def blocks_to_html(document: Document, blocks: list[Node], mathml: bool = False) -> str:
    """An HTML5 fragment for `blocks`, written by Pandoc; math as MathML with `mathml`, else as text
    (which falls back to the TeX source for what plain text cannot show)."""
    if not blocks:
        return ""
    source = json.dumps(document.as_pandoc(blocks), ensure_ascii=False)
    options = ["--from=json", "--to=html5", "--wrap=none", "--quiet"] + (["--mathml"] if mathml else [])
    return run_pandoc(options, source)[0]


def environment() -> jinja2.Environment:
    """Jinja2 over templates/, escaping every value so metadata can never inject markup."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["direction"] = metadata_direction  # {{ title | direction(dir) }}: ltr or rtl
    return env


def metadata_direction(text: str, context: str) -> str:
    """The direction of a metadata string a template prints (title, author, keyword), judged as a
    paragraph is (transforms/bidi.py): WeasyPrint does not implement dir="auto", and its rule, the
    first strong letter, would set "Python وأنظمة الشبكات" left to right."""
    return text_direction(text, context, LEAST)


def font_face_css(faces: list[tuple[FontFace, str]]) -> str:
    """An @font-face rule for each (face, URL of its file), so no glyph comes from a system font."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{url}"); }}'
        for face, url in faces
    )


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


def title_block(document: Document) -> dict:
    """Everything a title page shows, as template variables (values are escaped by Jinja2)."""
    metadata = document.metadata
    abstracts = []
    for part in document.abstracts():
        abstracts.append(AbstractView(
            lang=part.lang,
            dir=direction_of(part.lang),
            heading=label(part.lang, "abstract"),
            html=blocks_to_html(document, part.blocks),
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
