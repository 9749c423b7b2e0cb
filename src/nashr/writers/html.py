"""HTML plumbing shared by the writers that start from HTML: Pandoc's HTML writer and Jinja2."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import jinja2

from nashr.ast import Node, node
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Author, direction_of
from nashr.pandoc import run_pandoc
from nashr.resources import FontFace, templates_dir
from nashr.direction import LEAST, text_direction


Fragment = tuple[list[Node], bool]  # blocks, and whether their math is written as MathML


def fragments_to_html(document: Document, fragments: list[Fragment]) -> list[str]:
    """An HTML5 fragment for each list of blocks, written by Pandoc; math as MathML where the fragment
    asks for it, else as text (which falls back to the TeX source for what plain text cannot show).

    A Pandoc process costs more than the writing, so a writer asks for all its HTML at once (body,
    abstracts, notes, each EPUB page) and gets it from one Pandoc run where it can. The fragments go into one document between raw HTML comments
    no fragment contains, and Pandoc's output is cut at them. A fragment with math not wanted as
    MathML, or with a Pandoc Note (which the HTML writer would collect at the document's end), is
    written in a run of its own kind, so every fragment reads exactly as if written alone."""
    encoded = [json.dumps(blocks, ensure_ascii=False) for blocks, _ in fragments]
    groups: dict[tuple[bool, int], list[int]] = {}
    for index, ((blocks, mathml), text) in enumerate(zip(fragments, encoded)):
        if not blocks:
            continue
        own = index if '"t": "Note"' in text else -1  # its notes must stay its own
        groups.setdefault((mathml or '"t": "Math"' not in text, own), []).append(index)
    html = [""] * len(fragments)
    for (mathml, _), members in groups.items():
        for index, written in zip(members, _write_together(document, [encoded[i] for i in members], mathml)):
            html[index] = written
    return html


def _write_together(document: Document, encoded: list[str], mathml: bool) -> list[str]:
    """Pandoc's HTML of each JSON-encoded (non-empty) block list, in one run."""
    mark = _separator(encoded)
    between = "," + json.dumps(node("RawBlock", ["html", mark])) + ","
    source = (f'{{"pandoc-api-version": {json.dumps(document.api_version)}, "meta": {{}}, '
              f'"blocks": [{between.join(text[1:-1] for text in encoded)}]}}')
    options = ["--from=json", "--to=html5", "--wrap=none", "--quiet"] + (["--mathml"] if mathml else [])
    pieces = run_pandoc(options, source)[0].split(f"\n{mark}\n")
    if len(pieces) != len(encoded):
        raise RuntimeError(f"Pandoc's HTML did not come back in {len(encoded)} pieces")
    return [piece + "\n" for piece in pieces[:-1]] + pieces[-1:]


def _separator(encoded: list[str]) -> str:
    """An HTML comment that occurs in none of the fragments."""
    number = 0
    while any(f"nashr-cut-{number}" in text for text in encoded):
        number += 1
    return f"<!--nashr-cut-{number}-->"


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
