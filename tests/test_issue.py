"""`nashr issue` on the example issue: continuous pages that agree everywhere (contents page, page
labels, mastheads, offprints, Crossref, DOAJ), re-layouts limited to the articles an edit moves, errors
at the article's own file and line, and the same bytes from a Dask cluster as from local processes."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from nashr.diagnostics import ManuscriptError, WarningsAreErrors
from nashr.issue.build import build_issue
from nashr.issue.executors import executor

from .conftest import REPO

EXAMPLE = REPO / "examples" / "issue-sample"
DEPOSIT = REPO.parent / "shared" / "deposit"
ARTICLES = ["press", "screen", "security", "review-en"]
CROSSREF = {"c": "http://www.crossref.org/schema/5.3.1"}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719705600")


def _build(issue: Path, out: Path, formats=("pdf",)):
    with executor(workers=2) as pool:  # processes: WeasyPrint's patches are per process, not per thread
        return build_issue(issue, out, list(formats), pool)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("issue")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1719705600")
        return _build(EXAMPLE, out, ("pdf", "epub")), out


def _page_text(pdf: Path, index: int, layout: bool = True) -> str:
    """Text of the page at 0-based `index`, by poppler: as laid out (a line per row), or in reading order."""
    return subprocess.run(["pdftotext", "-f", str(index + 1), "-l", str(index + 1)] + (["-layout"] if layout else [])
                          + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_contents_numbers_are_the_pages_where_articles_start(built):
    result, out = built
    pdf = out / "issue-sample.pdf"
    reader = pypdf.PdfReader(pdf)
    labels = reader.page_labels
    contents = "\n".join(_page_text(pdf, i) for i, label in enumerate(labels) if not label.isdigit())
    for slug in ARTICLES:
        first = result.first_pages[slug]
        index = labels.index(str(first))
        title = pypdf.PdfReader(out / "articles" / f"{slug}.pdf").metadata.title
        words = re.findall(r"\w+", title)[:4]
        assert all(word in _page_text(pdf, index) for word in words), (slug, first)
        line = next(line for line in contents.splitlines() if all(word in line for word in words[:3]))
        assert re.findall(r"\d+", line)[-1 if "Review" in title else 0] == str(first), line
    assert result.first_pages == {"press": 1, "screen": 3, "security": 5, "review-en": 9} or \
        all(page % 2 == 1 for page in result.first_pages.values())  # recto starts


def test_offprints_are_the_issue_pages(built):
    result, out = built
    issue = pypdf.PdfReader(out / "issue-sample.pdf")
    labels = issue.page_labels
    for slug in ARTICLES:
        offprint = out / "articles" / f"{slug}.pdf"
        count = len(pypdf.PdfReader(offprint).pages)
        assert result.last_pages[slug] - result.first_pages[slug] + 1 == count
        start = labels.index(str(result.first_pages[slug]))
        for page in range(count):
            assert _page_text(offprint, page) == _page_text(out / "issue-sample.pdf", start + page)


def test_mastheads_and_deposits_agree_with_the_pages(built):
    result, out = built
    crossref = etree.parse(str(out / "crossref.xml"))
    doaj = etree.parse(str(out / "doaj.xml"))
    first_pages = crossref.xpath("//c:journal_article/c:pages/c:first_page/text()", namespaces=CROSSREF)
    last_pages = crossref.xpath("//c:journal_article/c:pages/c:last_page/text()", namespaces=CROSSREF)
    assert first_pages == [str(result.first_pages[s]) for s in ARTICLES]
    assert last_pages == [str(result.last_pages[s]) for s in ARTICLES]
    assert doaj.xpath("//record/startPage/text()") == first_pages
    assert doaj.xpath("//record/endPage/text()") == last_pages
    for slug in ARTICLES:
        masthead = _page_text(out / "articles" / f"{slug}.pdf", 0, layout=False)
        first, last, text = result.first_pages[slug], result.last_pages[slug], masthead.replace(" ", "")
        # poppler gives the "1–2" of a right-to-left page in visual order
        assert f"{first}–{last}" in text or f"{last}–{first}" in text, slug
    dois = crossref.xpath("//c:journal_article/c:doi_data/c:doi/text()", namespaces=CROSSREF)
    assert dois[0] == "10.5555/press.v7.n2"
    package = subprocess.run(["unzip", "-p", str(out / "articles" / "press.epub"), "EPUB/package.opf"],
                             capture_output=True, text=True).stdout
    assert "10.5555/press.v7.n2" in package  # the issue's DOI reaches the article's other formats


@pytest.mark.skipif(not DEPOSIT.is_dir(), reason="../shared/deposit (Crossref and DOAJ schemas) is absent")
def test_deposits_validate(built):
    _, out = built
    for xml, schema in (("crossref.xml", "crossref-5.3.1/crossref5.3.1.xsd"), ("doaj.xml", "doaj/doajArticles.xsd")):
        validator = etree.XMLSchema(etree.parse(str(DEPOSIT / schema)))
        assert validator.validate(etree.parse(str(out / xml))), validator.error_log


def test_the_pdf_has_an_outline_by_section_and_article(built):
    _, out = built
    outline = pypdf.PdfReader(out / "issue-sample.pdf").outline
    sections = [item["/Title"] for item in outline if not isinstance(item, list)]
    assert sections == ["دراسات", "مراجعات"]
    assert len(outline[1]) == 3 and len(outline[3]) == 1


def test_an_article_growing_by_a_page_moves_only_what_follows(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(EXAMPLE, issue)
    out = tmp_path / "out"
    before = _build(issue, out)
    assert before.layouts == 4
    assert _build(issue, out).layouts == 0  # nothing changed: nothing laid out
    screen = issue / "screen" / "screen.md"
    paragraph = "وهذه فقرة أضيفت لتطيل المقال الثاني حتى يزيد عدد صفحاته، فتتغير أرقام الصفحات بعده. " * 12
    screen.write_text(screen.read_text(encoding="utf-8") + ("\n\n" + paragraph) * 4, encoding="utf-8")
    after = _build(issue, out)
    assert after.last_pages["screen"] > before.last_pages["screen"]
    assert after.first_pages["press"] == before.first_pages["press"]
    assert after.first_pages["security"] > before.first_pages["security"]
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

    _, out = built
    book = out / "issue-sample.epub"
    assert epubcheck(book) == []
    nav = open_book(book).nav()
    sections = nav.xpath("//*[local-name()='nav']/*[local-name()='ol']/*[local-name()='li']")
    titles = [[a.text for a in section.xpath("./*[local-name()='ol']/*[local-name()='li']/*[local-name()='a']")]
              for section in sections]
    assert [len(t) for t in titles] == [3, 1]
    assert titles[1] == ["Review: typesetting right-to-left scholarship"]
