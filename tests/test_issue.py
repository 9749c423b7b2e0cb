"""`nashr issue` on the example issue and a generated ten-article one: continuous pages that agree
everywhere (contents pages, page labels, mastheads, offprints, JATS, Crossref, DOAJ), pages that turn
like the issue's binding, re-layouts limited to the articles an edit moves, errors
at the article's own file and line, and the same bytes from a Dask cluster as from local processes."""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml
from lxml import etree

from nashr.diagnostics import ManuscriptError, WarningsAreErrors
from nashr.issue.build import IssueBuild, build_issue
from nashr.issue.executors import executor
from nashr.labels import label

from .conftest import REPO
from .issue_generator import generated_issue

EXAMPLE = REPO / "examples" / "issue-sample"
DEPOSIT = REPO.parent / "shared" / "deposit"
CROSSREF = {"c": "http://www.crossref.org/schema/5.3.1"}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719705600")


def _build(issue: Path, out: Path, formats=("pdf",)):
    with executor(workers=2) as pool:  # processes: WeasyPrint's patches are per process, not per thread
        return build_issue(issue, out, list(formats), pool)


@dataclass(frozen=True)
class Built:
    result: IssueBuild
    folder: Path  # the issue folder
    out: Path

    @property
    def pdf(self) -> Path:
        return self.out / f"{self.folder.name}.pdf"

    def offprint(self, slug: str) -> Path:
        return self.out / "articles" / f"{slug}.pdf"

    def manuscripts(self) -> dict[str, dict]:
        """slug → the article's manuscript.yaml, in the issue's order."""
        manifest = yaml.safe_load((self.folder / "issue.yaml").read_text(encoding="utf-8"))
        found = {}
        for section in manifest["sections"]:
            for name in section["articles"]:
                metadata = yaml.safe_load((self.folder / name / "manuscript.yaml").read_text(encoding="utf-8"))
                found[metadata["slug"]] = metadata
        return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The example issue: Arabic, one English review, every article on a recto."""
    out = tmp_path_factory.mktemp("issue")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1719705600")
        return Built(_build(EXAMPLE, out, ("pdf", "epub", "jats")), EXAMPLE, out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Built:
    """A generated issue of ten short articles (two in English) starting on page 11, any page."""
    folder = generated_issue(tmp_path_factory.mktemp("generated") / "issue", recto_start=False)
    out = tmp_path_factory.mktemp("generated-out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1719705600")
        return Built(_build(folder, out, ("pdf", "jats")), folder, out)


@pytest.fixture(params=["built", "generated"])
def issue(request) -> Built:
    return request.getfixturevalue(request.param)


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def _page_text(pdf: Path, index: int, layout: bool = True) -> str:
    """Text of the page at 0-based `index`, by poppler, without its bidi controls: as laid out (a line
    per row), or in reading order."""
    text = subprocess.run(["pdftotext", "-f", str(index + 1), "-l", str(index + 1)] + (["-layout"] if layout else [])
                          + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.translate(BIDI_CONTROLS)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def _contents_numbers(issue: Built, lang: str, titles: dict[str, str]) -> dict[str, int]:
    """slug → the page number the contents page in `lang` gives for the article titled titles[slug]."""
    labels = pypdf.PdfReader(issue.pdf).page_labels
    front = [index for index, label in enumerate(labels) if not label.isdigit()]
    pages = [_page_text(issue.pdf, index) for index in front]
    contents = next(page for page in pages if label(lang, "contents") in map(str.strip, page.splitlines()))
    numbers = {}
    for slug, title in titles.items():
        # a contents row: the title, and the page number in a column of its own
        row = next(line for line in contents.splitlines() if _words(title) <= _words(line))
        (number,) = [field for field in re.split(r"\s{2,}", row.strip()) if field.isdigit()]
        numbers[slug] = int(number)
    return numbers


def test_contents_numbers_are_the_labels_of_the_pages_where_titles_are(issue):
    labels = pypdf.PdfReader(issue.pdf).page_labels
    manuscripts = issue.manuscripts()
    first_seen = {}
    for slug, metadata in manuscripts.items():  # the first page showing the whole title (recto heads repeat it)
        index = next(i for i, label in enumerate(labels) if label.isdigit()
                     and _words(metadata["title"]) <= _words(_page_text(issue.pdf, i, layout=False)))
        first_seen[slug] = int(labels[index])
    assert first_seen == issue.result.first_pages
    own = {slug: m.get("translated_titles", {}).get("ar") if m["lang"] != "ar" else m["title"]
           for slug, m in manuscripts.items()}
    assert _contents_numbers(issue, "ar", own) == first_seen
    english = {slug: m["title"] if m["lang"] == "en" else m["translated_titles"]["en"] for slug, m in manuscripts.items()}
    assert _contents_numbers(issue, "en", english) == first_seen


def test_offprints_are_the_issue_pages(issue):
    labels = pypdf.PdfReader(issue.pdf).page_labels
    for slug, first in issue.result.first_pages.items():
        offprint = issue.offprint(slug)
        count = len(pypdf.PdfReader(offprint).pages)
        assert issue.result.last_pages[slug] - first + 1 == count
        start = labels.index(str(first))
        for page in range(count):
            assert _page_text(offprint, page) == _page_text(issue.pdf, start + page), (slug, page)


def test_mastheads_jats_and_deposits_agree_with_the_pages(issue):
    result, out = issue.result, issue.out
    slugs = list(issue.manuscripts())
    crossref = etree.parse(str(out / "crossref.xml"))
    doaj = etree.parse(str(out / "doaj.xml"))
    first_pages = [str(result.first_pages[s]) for s in slugs]
    last_pages = [str(result.last_pages[s]) for s in slugs]
    assert crossref.xpath("//c:journal_article/c:pages/c:first_page/text()", namespaces=CROSSREF) == first_pages
    assert crossref.xpath("//c:journal_article/c:pages/c:last_page/text()", namespaces=CROSSREF) == last_pages
    assert doaj.xpath("//record/startPage/text()") == first_pages
    assert doaj.xpath("//record/endPage/text()") == last_pages
    for slug in slugs:
        first, last = result.first_pages[slug], result.last_pages[slug]
        text = _page_text(issue.offprint(slug), 0, layout=False).replace(" ", "")
        # poppler gives the "1–2" of a right-to-left page in visual order
        assert f"{first}–{last}" in text or f"{last}–{first}" in text, slug
        jats = etree.parse(str(out / "articles" / f"{slug}.xml"))
        assert jats.xpath("/article/front/article-meta/fpage/text()") == [str(first)], slug
        assert jats.xpath("/article/front/article-meta/lpage/text()") == [str(last)], slug
    assert len(set(crossref.xpath("//c:journal_article/c:doi_data/c:doi/text()", namespaces=CROSSREF))) == len(slugs)


def test_the_issue_doi_reaches_the_article_formats(built):
    crossref = etree.parse(str(built.out / "crossref.xml"))
    dois = crossref.xpath("//c:journal_article/c:doi_data/c:doi/text()", namespaces=CROSSREF)
    assert dois[0] == "10.5555/press.v7.n2"
    package = subprocess.run(["unzip", "-p", str(built.out / "articles" / "press.epub"), "EPUB/package.opf"],
                             capture_output=True, text=True).stdout
    assert "10.5555/press.v7.n2" in package


def _page_number_sides(pdf: Path) -> dict[str, str]:
    """Printed page number → the side ("left", "right") of the page it sits on, from the numbers in
    the top margin (an article's first page has none)."""
    sides = {}
    with pdfplumber.open(pdf) as document:
        for page, printed in zip(document.pages, pypdf.PdfReader(pdf).page_labels):
            numbers = [word for word in page.extract_words() if word["bottom"] < 25 / 25.4 * 72 and word["text"] == printed]
            if numbers:
                sides[printed] = "left" if numbers[0]["x1"] < page.width / 2 else "right"
    return sides


def test_pages_turn_like_the_issue_binding(issue):
    """An Arabic issue is bound on the right: odd pages are left-hand pages with their number at the
    left edge, in its English articles too; an article may start on an even page (recto_start: false)."""
    sides = _page_number_sides(issue.pdf)
    first, last = issue.result.first_pages, issue.result.last_pages
    english = [slug for slug, m in issue.manuscripts().items() if m["lang"] == "en"]
    if issue.folder != EXAMPLE:  # an English article long enough to show both sides
        assert any(last[slug] - first[slug] >= 2 for slug in english)
    for slug in first:
        numbered = range(first[slug] + 1, last[slug] + 1)
        assert [sides[str(n)] for n in numbered] == ["left" if n % 2 else "right" for n in numbered], slug
    labels = pypdf.PdfReader(issue.pdf).page_labels  # and each page on its side of the printed spreads
    assert all((index + 1 - int(printed)) % 2 == 0 for index, printed in enumerate(labels) if printed.isdigit())
    starts = sorted(first.values())
    if issue.folder == EXAMPLE:  # recto_start by default: odd first pages, a blank page between
        assert all(page % 2 == 1 for page in starts)
    else:  # recto_start: false: each article right after the one before, so some start on a verso
        assert [first[s] for s in first][1:] == [last[s] + 1 for s in last][:-1]
        assert any(page % 2 == 0 for page in starts)


@pytest.mark.skipif(not DEPOSIT.is_dir(), reason="../shared/deposit (Crossref and DOAJ schemas) is absent")
def test_deposits_validate(issue):
    out = issue.out
    for xml, schema in (("crossref.xml", "crossref-5.3.1/crossref5.3.1.xsd"), ("doaj.xml", "doaj/doajArticles.xsd")):
        validator = etree.XMLSchema(etree.parse(str(DEPOSIT / schema)))
        assert validator.validate(etree.parse(str(out / xml))), validator.error_log


def test_the_issue_pdf_claims_no_conformance_and_the_offprints_keep_theirs(built):
    """docs/issue.md: the joined issue is a plain PDF (pypdf keeps neither the PDF/A identification nor
    the tags), the offprints are PDF/A-3b and tagged as the articles ask."""
    catalog = pypdf.PdfReader(built.pdf).trailer["/Root"]
    assert "/Metadata" not in catalog and "/OutputIntents" not in catalog and "/MarkInfo" not in catalog
    assert catalog["/ViewerPreferences"]["/Direction"] == "/R2L"  # spreads read right to left
    offprint = pypdf.PdfReader(built.offprint("press")).trailer["/Root"]
    assert b'pdfaid:part="3"' in offprint["/Metadata"].get_object().get_data()
    assert "/OutputIntents" in offprint and "/StructTreeRoot" in offprint


def test_the_pdf_has_an_outline_by_section_and_article(built):
    outline = pypdf.PdfReader(built.pdf).outline
    sections = [item["/Title"] for item in outline if not isinstance(item, list)]
    assert sections == ["دراسات", "مراجعات"]
    assert len(outline[1]) == 3 and len(outline[3]) == 1


def test_an_article_growing_by_a_page_moves_only_what_follows(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(EXAMPLE, issue)
    out = tmp_path / "out"
    before = _build(issue, out)
    assert before.layouts >= 4  # every article (and those laid out beside a wrong guess again)
    assert _build(issue, out).layouts == 0  # nothing changed: nothing laid out
    screen = issue / "screen" / "screen.md"
    paragraph = "وهذه فقرة أضيفت لتطيل المقال الثاني حتى يزيد عدد صفحاته، فتتغير أرقام الصفحات بعده. " * 12
    screen.write_text(screen.read_text(encoding="utf-8") + ("\n\n" + paragraph) * 4, encoding="utf-8")
    after = _build(issue, out)
    assert after.last_pages["screen"] > before.last_pages["screen"]
    assert after.first_pages["press"] == before.first_pages["press"]
    assert after.first_pages["security"] > before.first_pages["security"]
    assert after.first_pages["review-en"] > before.first_pages["review-en"]
    assert after.layouts == 3  # the grown article and the two after it; press is untouched


def test_a_problem_in_an_article_names_its_own_file_and_writes_nothing(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(EXAMPLE, issue)
    review = issue / "review-en" / "review.md"
    review.write_text(review.read_text(encoding="utf-8") + "\nA call to a missing note.[^missing]\n", encoding="utf-8")
    with pytest.raises(ManuscriptError) as caught:
        _build(issue, tmp_path / "out")
    (problem,) = caught.value.diagnostics
    assert problem.location.path == review and problem.location.line > 1
    assert not (tmp_path / "out" / "issue-sample.pdf").exists()


def test_a_warning_in_an_article_fails_a_strict_issue_and_writes_nothing(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(EXAMPLE, issue)
    review = issue / "review-en" / "review.md"
    review.write_text(review.read_text(encoding="utf-8") + '\nA frame <iframe src="x"></iframe>.\n', encoding="utf-8")
    said: list[str] = []
    with executor(workers=2) as pool, pytest.raises(WarningsAreErrors) as caught:
        build_issue(issue, tmp_path / "out", ["pdf"], pool, said.append, strict=True)
    assert caught.value.count >= 1 and any(str(review) in line and "<iframe>" in line for line in said), said
    assert not (tmp_path / "out" / "issue-sample.pdf").exists()


def test_issue_yaml_problems_are_reported_at_their_line(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(EXAMPLE, issue)
    manifest = issue / "issue.yaml"
    text = manifest.read_text(encoding="utf-8").replace("      - screen\n", "      - screens\n").replace('issn: "1234-5679"', 'issn: "1234-5678"')
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManuscriptError) as caught:
        _build(issue, tmp_path / "out")
    messages = {(d.location.line, d.message.split(":")[0]) for d in caught.value.diagnostics}
    lines = text.splitlines()
    assert (lines.index('  issn: "1234-5678"') + 1, "journal.issn") in messages
    assert any(line == lines.index("      - screens") + 1 for line, _ in messages)


def test_a_dask_cluster_builds_the_same_bytes(tmp_path):
    distributed = pytest.importorskip("distributed")
    local = tmp_path / "local"
    with executor(workers=2) as pool:
        build_issue(EXAMPLE, local, ["pdf"], pool)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        with executor(cluster.scheduler_address) as pool:
            build_issue(EXAMPLE, tmp_path / "cluster", ["pdf"], pool)
    for path in sorted(local.rglob("*")):
        if path.is_file() and ".nashr" not in str(path.relative_to(local)):
            assert (tmp_path / "cluster" / path.relative_to(local)).read_bytes() == path.read_bytes(), path.name


def test_the_issue_epub_holds_every_article_by_section_and_passes_epubcheck(built):
    from .epub_inspect import epubcheck, open_book

    book = built.out / "issue-sample.epub"
    assert epubcheck(book) == []
    nav = open_book(book).nav()
    sections = nav.xpath("//*[local-name()='nav']/*[local-name()='ol']/*[local-name()='li']")
    titles = [[a.text for a in section.xpath("./*[local-name()='ol']/*[local-name()='li']/*[local-name()='a']")]
              for section in sections]
    assert [len(t) for t in titles] == [3, 1]
    assert titles[1] == ["Review: typesetting right-to-left scholarship"]
