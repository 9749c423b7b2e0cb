"""The issue's own pages before the first article: a cover, the front matter (an editorial …), and a
table of contents in the journal's language — and one in English when every article has an English
title — whose numbers are the pages where the articles really start."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nashr.diagnostics import Location
from nashr.labels import label
from nashr.metadata import direction_of, numerals_of
from nashr.digits import digits


@dataclass(frozen=True)
class ContentsEntry:
    section: int
    titles: dict[str, str]  # language → title (the article's own language first)
    authors: str
    first_page: int


def _markdown_html(path: Path) -> str:
    """A front-matter file as HTML, read with the manuscripts' own sandboxed Markdown reader."""
    from nashr.parse import to_ast
    from nashr.pandoc import run_pandoc

    ast, _ = to_ast(path.read_text(encoding="utf-8-sig"), Location(path))
    return run_pandoc(["--from=json", "--to=html5", "--wrap=none", "--quiet"], json.dumps(ast, ensure_ascii=False))[0]


def back_html(issue) -> str | None:
    """The back matter's pages, or None when the issue has none."""
    from nashr.writers.kit.templating import environment

    if not issue.spec.back_matter:
        return None
    lang = issue.spec.lang
    return environment().get_template("issue/front.html.j2").render(
        lang=lang, dir=direction_of(lang), journal=issue.spec.journal.name, issue_parts=[], cover=False,
        tables_of_contents=[], front_matter=[_markdown_html(path) for path in issue.matter("back_matter")])


def front_html(issue, entries: list[ContentsEntry]) -> str:
    from nashr.writers.kit.templating import environment

    spec = issue.spec
    lang = spec.lang
    numerals = numerals_of(lang)
    parts = [f"{label(lang, 'volume')} {spec.volume}" if spec.volume else "",
             f"{label(lang, 'issue')} {spec.number}" if spec.number else "", str(spec.year)]
    issns = " · ".join(f"ISSN {value}" for value in (spec.journal.issn, spec.journal.eissn) if value)
    languages = [lang] + (["en"] if lang.split("-")[0] != "en" and entries
                          and all("en" in entry.titles for entry in entries) else [])
    tables = []
    for contents_lang in languages:
        sections = []
        for index, section in enumerate(spec.sections):
            heading = section.title if contents_lang == lang else (section.title_en or section.title)
            rows = [{"title": entry.titles.get(contents_lang) or next(iter(entry.titles.values())),
                     "authors": entry.authors,
                     "page": digits(entry.first_page, numerals if contents_lang == lang else "western")}
                    for entry in entries if entry.section == index]
            sections.append({"title": heading, "entries": rows})
        tables.append({"lang": contents_lang, "dir": direction_of(contents_lang),
                       "heading": label(contents_lang, "contents"), "sections": sections})
    return environment().get_template("issue/front.html.j2").render(
        lang=lang, dir=direction_of(lang), cover=True, journal=spec.journal.name, issue_title=spec.title,
        issue_parts=[part for part in parts if part], issn=issns, editors=spec.editors,
        editors_label=label(lang, "editors"), tables_of_contents=tables,
        front_matter=[_markdown_html(path) for path in issue.matter("front_matter")])


def render_pages(html: str, root: Path, stylesheet: str, created: str) -> bytes:
    """`html` typeset with the bundled fonts and `styles/<stylesheet>`, reading nothing outside `root`;
    the same bytes for the same text (`created` is the PDF's date)."""
    import weasyprint

    from nashr.resources import bundled_faces, styles_dir, templates_dir
    from nashr.writers.kit.templating import font_face_css
    from nashr.writers.pdf.writer import MANUSCRIPT_URL, SandboxedFetcher
    from nashr.weasyprint_fixes.text_layer import faithful_text

    faces = bundled_faces()
    fetcher = SandboxedFetcher(root, [templates_dir(), styles_dir()] + [face.path.parent for face in faces])
    stylesheets = [weasyprint.CSS(string=font_face_css([(face, face.path.as_uri()) for face in faces]), url_fetcher=fetcher),
                   weasyprint.CSS(filename=styles_dir() / stylesheet, url_fetcher=fetcher)]
    rendered = weasyprint.HTML(string=html, base_url=MANUSCRIPT_URL, url_fetcher=fetcher).render(stylesheets=stylesheets, pdf_tags=True)
    rendered.metadata.created = rendered.metadata.modified = created
    with faithful_text():  # Arabic copies back out of these pages as it does out of the articles
        return rendered.write_pdf(pdf_tags=True, pdf_identifier=hashlib.md5(html.encode()).hexdigest().encode())
