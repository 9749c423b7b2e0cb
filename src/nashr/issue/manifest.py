"""`issue.yaml`: the journal, the issue's numbering and date, and its sections with their article folders.

Articles stay ordinary manuscripts (each builds alone too); the issue supplies what only the issue
knows — the journal block, volume, number, date, DOI and first page — and nothing else. Validated with
the same schema machinery as manuscript.yaml, so every problem names its line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.metadata import (_check_date, _check_issn, _check_lang, _check_relative_path, _pattern, key,
                            validate_as)
from nashr.project import inside
from nashr.yamlnodes import compose, line_of

ISSUE_FILE = "issue.yaml"
MANUSCRIPT_FILE = "manuscript.yaml"


@dataclass(frozen=True)
class DepositorSpec:
    name: str = key("Who deposits with Crossref (a person or the publisher).", required=True)
    email: str = key("Where Crossref sends the deposit's results.", required=True)


@dataclass(frozen=True)
class JournalSpec:
    name: str = key("Journal name, as on the masthead.", required=True)
    issn: str | None = key("Print ISSN, e.g. 2658-0829.", _check_issn)
    eissn: str | None = key("Electronic ISSN.", _check_issn)
    publisher: str | None = key("Publisher's name.")
    doi_prefix: str | None = key("DOI prefix, e.g. 10.34752; an article without a doi gets PREFIX/SLUG.vVOLUME.nNUMBER.",
                                 _pattern(r"10\.\d{4,9}", "a DOI prefix is 10. and a registrant code, e.g. 10.34752"))
    article_url: str | None = key("Web address of each article, with {slug}, {volume}, {number} and {year} "
                                  "filled in, e.g. https://journal.example.org/{volume}/{number}/{slug}.")
    depositor: DepositorSpec | None = key("Crossref depositor: name and email (needed for crossref.xml).")


@dataclass(frozen=True)
class SectionSpec:
    title: str = key("Section heading in the table of contents, e.g. دراسات.", required=True)
    title_en: str | None = key("The heading in the English table of contents.")
    articles: list[str] = key("Article manuscript folders, in order, relative to the issue folder.",
                              _check_relative_path, default=[], required=True)


@dataclass(frozen=True)
class IssueSpec:
    journal: JournalSpec = key("The journal: name, ISSN, publisher, DOI prefix.", required=True)
    lang: str = key("The journal's language, a BCP 47 tag (ar, fa, he, en …).", _check_lang, required=True)
    year: int = key("Year of the issue.", _pattern(r"\d{4}", "a year has four digits"), required=True)
    sections: list[SectionSpec] = key("Sections in order, each with its article folders.", default=[], required=True)
    volume: str | None = key("Volume number or label.")
    number: str | None = key("Issue number or label.")
    date: dt.date | None = key("Publication date of the issue (YYYY-MM-DD).", _check_date)
    title: str | None = key("A title for the issue, e.g. a theme.")
    editors: list[str] = key("Editors, as printed on the contents page.", default=[])
    first_page: int = key("Page number of the first article's first page.",
                          lambda v: None if v >= 1 else "the first page is 1 or more", default=1)
    recto_start: bool = key("Start every article on a recto (odd) page, adding a blank page where needed.",
                            default=True)
    front_matter: list[str] = key("Markdown files set before the contents (an editorial …).",
                                  _check_relative_path, default=[])
    back_matter: list[str] = key("Markdown files set after the last article.", _check_relative_path, default=[])


@dataclass(frozen=True)
class ArticleEntry:
    section: int  # index into IssueSpec.sections
    folder: Path
    listed_at: Location


@dataclass(frozen=True)
class Issue:
    root: Path
    manifest: Path
    spec: IssueSpec
    articles: list[ArticleEntry]

    def matter(self, which: str) -> list[Path]:
        return [self.root / name for name in getattr(self.spec, which)]


def load_issue(root: Path) -> Issue:
    """Read and validate `root/issue.yaml`; raise ManuscriptError with every problem at its line."""
    root = root.absolute()
    manifest = root / ISSUE_FILE
    if not manifest.is_file():
        raise ManuscriptError([Diagnostic(Location(manifest), f"no {ISSUE_FILE} here; an issue folder holds "
                                          f"{ISSUE_FILE} (journal, year, sections) and the article folders")])
    text = manifest.read_text(encoding="utf-8-sig")
    tree, problems = compose(text, manifest)
    if tree is None:
        raise ManuscriptError(problems)
    spec, collector = validate_as(IssueSpec, tree, manifest, "journal:, lang:, year:, sections: …")
    collector.diagnostics[:0] = problems
    articles = _articles(root, manifest, tree, collector)  # also when other keys are wrong: one run, every problem
    if spec is not None:  # front and back matter
        for name in spec.front_matter + spec.back_matter:
            if not (root / name).is_file() or not inside(root, root / name):
                collector.error(Location(manifest), f"front or back matter '{name}' is not a file inside the issue folder")
    collector.raise_if_any()
    return Issue(root=root, manifest=manifest, spec=spec, articles=articles)


def _articles(root: Path, manifest: Path, tree, collector) -> list[ArticleEntry]:
    """Each listed article folder, checked: inside the issue, holding a manuscript, listed once."""
    entries: list[ArticleEntry] = []
    seen: dict[Path, int] = {}
    for index, section in enumerate(_items(_child(tree, "sections"))):
        for item in _items(_child(section, "articles")):
            if not isinstance(item, yaml.ScalarNode):
                continue  # the schema has reported it
            where = Location(manifest, line_of(item))
            folder = root / str(item.value)
            if not inside(root, folder):
                collector.error(where, f"article '{item.value}' lies outside the issue folder; move it inside")
            elif not (folder / MANUSCRIPT_FILE).is_file():
                collector.error(where, f"article folder '{item.value}' has no {MANUSCRIPT_FILE}; "
                                       "check the name, or create the manuscript with nashr new")
            elif folder.resolve() in seen:
                collector.error(where, f"article '{item.value}' is listed twice (also on line {seen[folder.resolve()]})")
            else:
                seen[folder.resolve()] = where.line
                entries.append(ArticleEntry(index, folder, where))
    return entries


def _child(node: yaml.Node | None, name: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for k, value in node.value if getattr(k, "value", None) == name), None)


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return node.value if isinstance(node, yaml.SequenceNode) else []
