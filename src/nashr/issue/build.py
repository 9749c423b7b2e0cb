"""`nashr issue`: build every article of an issue with the issue's metadata and continuous pages,
then the issue PDF, the offprints and the deposits.

Page numbers settle by themselves: every article is laid out in parallel at a guessed first page (the
page counts of the last build, else an estimate from its length); when a count moves a later article's
start, only the articles whose start changed are laid out again. Each article output is stored under
a digest of everything it was made from (its files, the metadata the issue gives it, nashr's templates,
code and tools), so an edit to one article re-renders that article and — only if its page count
changed — the ones after it, and a rebuild with nothing changed renders nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from nashr.cache import BuildCache
from nashr.reproducible import dating
from nashr.diagnostics import Diagnostic, ManuscriptError, WarningsAreErrors, grouped
from nashr.issue.article_job import ArticleJob, ArticleResult, build_article, manuscript_files
from nashr.issue.executors import slots
from nashr.issue.manifest import ArticleEntry, Issue, load_issue
from nashr.labels import label
from nashr.metadata import Dates, Journal, direction_of
from nashr.output import atomic_output, atomic_outputs
from nashr.project import Project, load_project
from nashr.writers import formats as all_formats, get_writer

STORE = ".nashr-issue"
MAX_ROUNDS = 6
CHARACTERS_PER_PAGE = 2800  # a first guess of an article's length, before it was ever laid out

Report = Callable[[str], None]


@dataclass
class Article:
    entry: ArticleEntry
    project: Project
    files: dict[str, bytes]
    digest: str  # of the files

    @property
    def slug(self) -> str:
        return self.project.slug


@dataclass(frozen=True)
class IssueBuild:
    outputs: list[Path]
    layouts: int  # article PDFs laid out by this build
    renders: int  # other article outputs written by this build
    first_pages: dict[str, int]  # slug → printed number of its first page
    last_pages: dict[str, int]


class Store:
    """Article outputs by digest, with what each PDF's build found out (pages, references, abstracts)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.objects = folder / "objects"
        try:
            self.state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.state = {"facts": {}, "pages": {}}
        self.used: set[str] = set()

    def has(self, key: str, extension: str) -> bool:
        return (self.objects / f"{key}.{extension}").is_file() and (extension != "pdf" or key in self.state["facts"])

    def read(self, key: str, extension: str) -> bytes:
        self.used.add(f"{key}.{extension}")
        return (self.objects / f"{key}.{extension}").read_bytes()

    def facts(self, key: str) -> dict:
        return self.state["facts"][key]

    def put(self, key: str, extension: str, data: bytes, facts: dict | None = None) -> None:
        self.objects.mkdir(parents=True, exist_ok=True)
        temporary = self.objects / f".{key}.{extension}.tmp"
        temporary.write_bytes(data)
        temporary.replace(self.objects / f"{key}.{extension}")
        if facts is not None:
            self.state["facts"][key] = facts

    def unchanged(self, final: str, out_dir: Path) -> bool:
        """True when the last build was made from the same digest and its outputs are untouched."""
        if self.state.get("final") != final:
            return False
        for name, sha in self.state.get("outputs", {}).items():
            path = out_dir / name
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                return False
        return True

    def outputs(self, out_dir: Path) -> list[Path]:
        return [out_dir / name for name in self.state.get("outputs", {})]

    def save(self, pages: dict[str, int], final: str, outputs: dict[str, bytes]) -> None:
        """Keep what this build used; remember each article's page count as the next build's guess, and
        what the outputs were made from."""
        for path in self.objects.glob("*") if self.objects.is_dir() else []:
            if path.name not in self.used:
                path.unlink()
        keys = {name.split(".")[0] for name in self.used}
        self.state = {"facts": {k: v for k, v in self.state["facts"].items() if k in keys}, "pages": pages,
                      "final": final, "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}}
        with atomic_output(self.folder / "state.json") as temporary:
            temporary.write_text(json.dumps(self.state, ensure_ascii=False), encoding="utf-8")


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=repr).encode()).hexdigest()[:32]


def _overrides(issue: Issue, article: Article, first_page: int) -> dict:
    """What the issue tells the article: the journal block with its first page and the issue's binding
    (an English article in an Arabic issue turns its pages like the issue), its DOI, the date."""
    spec, metadata = issue.spec, article.project.metadata
    journal = Journal(name=spec.journal.name, issn=spec.journal.issn or spec.journal.eissn, volume=spec.volume,
                      issue=spec.number, year=spec.year, first_page=first_page, binding=direction_of(spec.lang))
    overrides: dict = {"journal": journal}
    if not metadata.doi and spec.journal.doi_prefix:
        numbering = "".join(f".{mark}{value}" for mark, value in (("v", spec.volume), ("n", spec.number)) if value)
        overrides["doi"] = f"{spec.journal.doi_prefix}/{article.slug}{numbering}"
    if spec.date and not (metadata.dates and metadata.dates.published):
        overrides["dates"] = dataclasses.replace(metadata.dates or Dates(), published=spec.date)
    return overrides


class IssueBuilder:
    def __init__(self, issue: Issue, out_dir: Path, pool: Executor, report: Report):
        self.issue, self.out_dir, self.pool, self.report = issue, out_dir, pool, report
        self.store = Store(out_dir / STORE)
        self.cache = BuildCache(out_dir / STORE, all_formats())
        self.articles = [self._load(entry) for entry in issue.articles]
        self.layouts = self.renders = 0
        self.warnings: list[Diagnostic] = []

    def _load(self, entry: ArticleEntry) -> Article:
        files = manuscript_files(entry.folder)
        project = load_project(entry.folder)
        return Article(entry, project, files, _digest(sorted((name, hashlib.sha256(data).hexdigest())
                                                             for name, data in files.items())))

    def key(self, article: Article, fmt: str, first_page: int) -> str:
        return _digest(article.digest, fmt, _overrides(self.issue, article, first_page),
                       self.cache.resources_digest(fmt), self.cache.tool_digest(), dating(True))

    def starts(self, pages: list[int]) -> list[int]:
        """Each article's first page from the page counts before it (odd, with recto_start)."""
        starts, page = [], self.issue.spec.first_page
        for count in pages:
            if self.issue.spec.recto_start and page % 2 == 0:
                page += 1
            starts.append(page)
            page += count
        return starts

    def guessed_pages(self) -> list[int]:
        previous = self.store.state.get("pages", {})
        return [previous.get(article.entry.folder.name) or
                max(1, math.ceil(sum(len(s.text) for s in article.project.sources) / CHARACTERS_PER_PAGE))
                for article in self.articles]

    def run(self, jobs: dict[int, ArticleJob]) -> dict[int, ArticleResult]:
        """Run the jobs on the pool; every failure is collected and raised together."""
        futures: dict[int, Future] = {index: self.pool.submit(build_article, job) for index, job in jobs.items()}
        results, problems = {}, []
        for index, future in futures.items():
            try:
                results[index] = future.result()
                self.warnings += results[index].warnings
            except ManuscriptError as exc:
                problems += exc.diagnostics
        if problems:
            raise ManuscriptError(problems)
        return results

    def settle_pages(self, slots: int) -> tuple[list[int], list[int]]:
        """(first pages, page counts) once every article's PDF was laid out at its real first page.

        Articles go to the pool in order, no more at a time than it runs (`slots`), each at the first
        page the counts known so far give: only the articles still being laid out beside it count with
        a guess (its page count from the last build, else an estimate from its length), so a wrong
        guess costs the layouts running beside it, not a round of every article after it. A stored
        layout at the right first page is used as is."""
        pages = self.guessed_pages()
        running: dict[Future, tuple[int, str]] = {}
        attempts = [0] * len(self.articles)
        failed: dict[int, list[Diagnostic]] = {}
        while True:
            starts, keys = self._stored_counts(pages)
            waiting = [index for index, key in enumerate(keys) if index not in failed
                       and not self.store.has(key, "pdf") and key not in {k for _, k in running.values()}]
            if not waiting and not running:
                break
            for index in waiting[:max(0, slots - len(running))]:
                attempts[index] += 1
                if attempts[index] > MAX_ROUNDS:
                    raise ManuscriptError([Diagnostic(self.issue.manifest, "the articles' page numbers did not settle "
                                                      f"after {MAX_ROUNDS} layouts of {self.articles[index].slug}; it "
                                                      "changes length with its first page")])
                self.report(f"laying out {self.articles[index].slug} from page {starts[index]}")
                job = ArticleJob(self.articles[index].entry.folder, self.articles[index].files,
                                 _overrides(self.issue, self.articles[index], starts[index]), ("pdf",))
                running[self.pool.submit(build_article, job)] = (index, keys[index])
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index, key = running.pop(future)
                try:
                    result = future.result()
                except ManuscriptError as exc:  # every other article still has its say
                    failed[index] = exc.diagnostics
                    continue
                self.layouts += 1
                self.warnings += result.warnings
                self.store.put(key, "pdf", result.outputs["pdf"],
                               {"pages": result.pages, "references": result.references,
                                "abstracts": result.abstracts, "writer": result.facts["pdf"]})
                pages[index] = result.pages
        if failed:
            raise ManuscriptError([d for index in sorted(failed) for d in failed[index]])
        return starts, pages

    def _stored_counts(self, pages: list[int]) -> tuple[list[int], list[str]]:
        """(first pages, PDF keys) from `pages`, whose counts are replaced in place by those of the
        layouts stored at those first pages (a count that changes moves the later first pages)."""
        while True:
            starts = self.starts(pages)
            keys = [self.key(article, "pdf", start) for article, start in zip(self.articles, starts)]
            stored = [self.store.facts(key)["pages"] if self.store.has(key, "pdf") else count
                      for key, count in zip(keys, pages)]
            if stored == pages:
                return starts, keys
            pages[:] = stored

    def render_other_formats(self, starts: list[int], pdf_keys: list[str], formats: list[str]) -> dict[tuple[int, str], str]:
        """Every other format of every article at its settled first page; their keys."""
        keys = {(index, fmt): self.key(article, fmt, starts[index])
                for index, article in enumerate(self.articles) for fmt in formats}
        missing: dict[int, list[str]] = {}
        for (index, fmt), key in keys.items():
            if not self.store.has(key, get_writer(fmt).extension):
                missing.setdefault(index, []).append(fmt)
        if missing:
            self.report(f"writing {sum(map(len, missing.values()))} other article outputs")
            jobs = {index: ArticleJob(self.articles[index].entry.folder, self.articles[index].files,
                                      _overrides(self.issue, self.articles[index], starts[index]), tuple(fmts),
                                      {"pdf": (self.store.read(pdf_keys[index], "pdf"),
                                               self.store.facts(pdf_keys[index])["writer"])})
                    for index, fmts in missing.items()}
            for index, result in self.run(jobs).items():
                for fmt, data in result.outputs.items():
                    self.renders += 1
                    self.store.put(keys[(index, fmt)], get_writer(fmt).extension, data)
        return keys


def build_issue(issue_dir: Path, out_dir: Path, formats: list[str], pool: Executor,
                report: Report = lambda _: None, strict: bool = False) -> IssueBuild:
    """Build the issue at `issue_dir` into `out_dir`; outputs are replaced only when all of them are
    ready. With `strict`, the articles' warnings (those rendered by this build) are errors: nothing is
    written."""
    issue = load_issue(issue_dir)
    builder = IssueBuilder(issue, out_dir, pool, report)
    starts, pages = builder.settle_pages(slots(pool))
    spec = issue.spec
    pdf_keys = [builder.key(article, "pdf", start) for article, start in zip(builder.articles, starts)]
    other_keys = builder.render_other_formats(starts, pdf_keys, [fmt for fmt in formats if fmt != "pdf"])
    for warning in grouped(builder.warnings):
        report(str(warning))
    if strict and builder.warnings:
        raise WarningsAreErrors(len(builder.warnings))
    final = _digest(pdf_keys, sorted(other_keys.values()), issue.manifest.read_bytes().hex(),
                    [path.read_bytes().hex() for path in issue.matter("front_matter") + issue.matter("back_matter")],
                    formats, builder.cache.resources_digest("issue"), builder.cache.tool_digest())
    builder.cache.save()  # the file hashes, so the next build need not read nashr's code and fonts again
    if builder.store.unchanged(final, out_dir):
        return IssueBuild(builder.store.outputs(out_dir), 0, 0, *_ranges(builder.articles, starts, pages))
    from nashr.issue.assemble import Placed, join_issue  # only when there is something to write
    from nashr.issue.front import ContentsEntry, back_html, front_html, render_pages

    entries = []
    for article, start in zip(builder.articles, starts):
        metadata = article.project.metadata
        names = label(metadata.lang, "separator").join(author.name for author in metadata.authors if author.name)
        entries.append(ContentsEntry(article.entry.section, {metadata.lang.split("-")[0]: metadata.title,
                                                             **metadata.translated_titles}, names, start))
    created = f"{spec.date or dt.date(spec.year, 1, 1)}T00:00:00Z"
    front = render_pages(front_html(issue, entries), issue.root, "issue.css", created)
    back_source = back_html(issue)
    back = render_pages(back_source, issue.root, "issue.css", created) if back_source else None
    placed = [Placed(spec.sections[article.entry.section].title, article.project.metadata.title, start,
                     builder.store.read(key, "pdf"))
              for article, start, key in zip(builder.articles, starts, pdf_keys)]
    numbering = " ".join(str(part) for part in (spec.volume, spec.number, spec.year) if part)
    files: dict[Path, bytes] = {out_dir / f"{issue.root.name}.pdf": join_issue(front, placed, back, f"{spec.journal.name} {numbering}", spec.lang)}
    for index, article in enumerate(builder.articles):
        files[out_dir / "articles" / f"{article.slug}.pdf"] = placed[index].pdf
        for fmt in formats:
            if fmt != "pdf":
                extension = get_writer(fmt).extension
                files[out_dir / "articles" / f"{article.slug}.{extension}"] = builder.store.read(other_keys[(index, fmt)], extension)
    if "epub" in formats:
        from nashr.issue.epub import IssueArticle, issue_epub

        epubs = [IssueArticle(article.slug, spec.sections[article.entry.section].title, article.project.metadata.title,
                              files[out_dir / "articles" / f"{article.slug}.epub"]) for article in builder.articles]
        files[out_dir / f"{issue.root.name}.epub"] = issue_epub(epubs, f"{spec.journal.name} {numbering}", spec.lang,
                                                                dt.datetime.fromisoformat(created.replace("Z", "+00:00")))
    files.update(_deposits(issue, builder, starts, pages, pdf_keys, report))
    targets = list(files)
    with atomic_outputs(targets) as temporaries:
        for temporary, target in zip(temporaries, targets):
            temporary.write_bytes(files[target])
    builder.store.save({article.entry.folder.name: count for article, count in zip(builder.articles, pages)},
                       final, {target.relative_to(out_dir).as_posix(): data for target, data in files.items()})
    return IssueBuild(targets, builder.layouts, builder.renders, *_ranges(builder.articles, starts, pages))


def _ranges(articles: list[Article], starts: list[int], pages: list[int]) -> tuple[dict[str, int], dict[str, int]]:
    return ({a.slug: s for a, s in zip(articles, starts)},
            {a.slug: s + c - 1 for a, s, c in zip(articles, starts, pages)})


def _deposit_time():
    """Crossref takes a redeposit only with a larger timestamp: the build time, or SOURCE_DATE_EPOCH for
    reproducible builds."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)


def _deposits(issue: Issue, builder: IssueBuilder, starts: list[int], pages: list[int], pdf_keys: list[str],
              report: Report) -> dict[Path, bytes]:
    """crossref.xml (when the journal names a depositor) and doaj.xml, from the settled pages."""
    from nashr.issue.crossref import crossref_deposit
    from nashr.issue.doaj import doaj_records
    from nashr.issue.records import ArticleRecord, Depositor, IssueRecord

    spec, journal = issue.spec, issue.spec.journal
    record = IssueRecord(journal=journal.name, issn=journal.issn, eissn=journal.eissn, publisher=journal.publisher,
                         lang=spec.lang, volume=spec.volume, number=spec.number, year=spec.year, published=spec.date)
    articles = []
    for article, start, count, key in zip(builder.articles, starts, pages, pdf_keys):
        overrides = _overrides(issue, article, start)
        metadata = dataclasses.replace(article.project.metadata, **overrides)
        url = journal.article_url.format(slug=article.slug, volume=spec.volume or "", number=spec.number or "",
                                         year=spec.year) if journal.article_url else None
        facts = builder.store.facts(key)
        articles.append(ArticleRecord(metadata=metadata, first_page=start, last_page=start + count - 1,
                                      doi=metadata.doi, url=url, abstracts=facts["abstracts"],
                                      references=facts["references"],
                                      translated_titles=dict(metadata.translated_titles)))
    out = builder.out_dir
    files = {out / "doaj.xml": doaj_records(record, articles)}
    if journal.depositor and all(a.doi and a.url for a in articles):
        epoch = _deposit_time().strftime("%Y%m%d%H%M%S")
        batch = f"{issue.root.name}-{epoch}"
        files[out / "crossref.xml"] = crossref_deposit(record, articles, Depositor(journal.depositor.name, journal.depositor.email),
                                                       batch, int(epoch))
    else:
        report(f"{issue.manifest}: crossref.xml not written: it needs journal.depositor, and a DOI "
               "(journal.doi_prefix) and an address (journal.article_url) for every article")
    return files
