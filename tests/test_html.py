"""The HTML galley's markup, read back with lxml: language and direction, title block and Highwire tags,
notes numbered as the other formats number them and linked both ways, citations linked to their
entries, unique heading ids, the file set (beside the page or inside it) and its WOFF2 font subsets.
What a reader sees in a browser is tested in test_html_browser.py."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pypdf
import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from nashr.ast import walk
from nashr.cli import main
from nashr.pipeline import build, prepare
from nashr.vocabulary import digits, is_note, note_label

from .test_citations import manuscript as citing_manuscript

REPO = Path(__file__).resolve().parent.parent
ARTICLES = {
    "bundled": REPO / "manuscript",
    "example": REPO / "examples" / "bilingual-sample",
    **{name: REPO / "tests" / "data" / "articles" / name for name in ("fa", "ur", "he", "he-ar")},
}


@pytest.fixture(scope="module")
def galleys(tmp_path_factory) -> dict[str, Path]:
    """Every test article's HTML galley: {name: page}."""
    out = tmp_path_factory.mktemp("galleys")
    return {name: build(root, out / name, ["html"])[0].path for name, root in ARTICLES.items()}


def tree(page: Path):
    return lxml_html.fromstring(page.read_bytes())


def text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


@pytest.mark.parametrize("name", list(ARTICLES))
def test_notes_are_numbered_as_in_the_document_and_linked_both_ways(galleys, name):
    document = prepare(ARTICLES[name])
    labels = [note_label(e) for part in document.parts for e in walk(part.blocks) if is_note(e)]
    page = tree(galleys[name])
    calls = page.xpath('//a[@role="doc-noteref"]')
    backlinks = page.xpath('//section[@role="doc-endnotes"]//a[@role="doc-backlink"]')
    parentheses = document.metadata.layout.note_calls == "parentheses"
    shown = [f"({label})" if parentheses else label for label in labels]
    assert [text(call).lstrip(",") for call in calls] == shown
    assert [text(link) for link in backlinks] == shown
    for call, link in zip(calls, backlinks):
        note = page.get_element_by_id(call.get("href")[1:])
        assert link in note.iter("a") and link.get("href") == f"#{call.get('id')}"
        popup = page.get_element_by_id(call.get("aria-describedby"))
        assert popup.get("aria-hidden") == "true" and popup.getprevious() is call
        # the pop-up shows the note's words: the same as the list's, after the number
        assert text(popup).split(None, 1)[1:] == text(note).split(None, 1)[1:]
        assert not popup.xpath(".//a | .//*[@id]"), "a hidden copy holds nothing focusable and no id"


@pytest.mark.parametrize("name", list(ARTICLES))
def test_language_and_direction_of_the_page_and_of_every_opposite_run(galleys, name):
    metadata = prepare(ARTICLES[name]).metadata
    page = tree(galleys[name])
    assert page.get("lang") == metadata.lang and page.get("dir") == metadata.direction
    for element in page.xpath("//body//*[@dir]"):
        around = next((a.get("dir") for a in element.iterancestors() if a.get("dir")), metadata.direction)
        identifier = any(e.get("translate") == "no" for e in [element, *element.iterancestors()])  # e-mail, DOI
        if element.get("dir") != around and element.tag not in ("pre", "code") and not identifier:
            assert element.get("lang") or any(a.get("lang") for a in element.iterancestors("section")), \
                f"{element.tag} {text(element)[:40]!r} reads {element.get('dir')} without a lang"


def test_english_runs_in_arabic_read_as_english(galleys):
    page = tree(galleys["example"])
    runs = page.xpath('//main//span[@dir="ltr"]')
    assert runs and {run.get("lang") for run in runs if re.search("[A-Za-z]", text(run))} == {"en"}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_heading_ids_are_unique_and_title_is_the_only_h1(galleys, name):
    page = tree(galleys[name])
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert len(page.xpath("//h1")) == 1 and all(h.get("id") for h in page.xpath("//main//h2 | //main//h3"))


def test_title_block_masthead_and_citation_tags(galleys):
    page = tree(galleys["example"])
    meta = {}
    for tag in page.xpath("//meta[starts-with(@name, 'citation_')]"):
        meta.setdefault(tag.get("name"), []).append(tag.get("content"))
    assert meta["citation_title"] == ["الحرف العربي بين المطبعة والشاشة: قراءة في تحولات النشر العلمي"]
    assert meta["citation_author"] == ["Josiah Carberry"]
    assert meta["citation_publication_date"] == ["2024/06/30"]
    assert meta["citation_journal_title"] == ["مجلة الدراسات النموذجية"]
    assert (meta["citation_issn"], meta["citation_volume"], meta["citation_issue"]) == (["1234-5679"], ["7"], ["2"])
    assert meta["citation_firstpage"] == ["45"] and meta["citation_doi"] == ["10.5555/nashr.example.2024.2.45"]
    assert "citation_lastpage" not in meta  # built alone: the PDF's page count is not known
    assert meta["citation_pdf_url"] == ["bilingual-sample.pdf"] and meta["citation_language"] == ["ar"]
    assert "Arabic script" in meta["citation_keywords"]
    assert text(page.xpath("//h1")[0]).startswith("الحرف العربي")
    abstracts = page.xpath('//section[contains(@class, "abstract")]')
    assert [(a.get("lang"), a.get("dir")) for a in abstracts] == [("ar", "rtl"), ("en", "ltr")]
    assert "Keywords: Arabic script, scholarly publishing" in text(abstracts[1])
    assert "ISSN 1234-5679" in text(page.xpath('//*[@class="masthead"]')[0])
    assert page.xpath('//a[@href="https://doi.org/10.5555/nashr.example.2024.2.45"]')


def test_page_range_is_the_pdfs_when_the_pdf_is_built_with_the_page(every_format_of):
    outputs = every_format_of("example")
    page = tree(outputs["html"])
    last = 45 + len(pypdf.PdfReader(outputs["pdf"]).pages) - 1
    assert page.xpath("//meta[@name='citation_firstpage']/@content") == ["45"]
    assert page.xpath("//meta[@name='citation_lastpage']/@content") == [str(last)]
    masthead = text(page.xpath('//*[@class="masthead"]')[0])
    assert f"الصفحات ٤٥\u2013{digits(last, 'arabic-indic')}" in masthead


def test_figures_and_tables_keep_their_labels(galleys):
    page = tree(galleys["example"])
    figure = page.xpath('//figcaption//span[@class="nashr-caption-label"]')
    table = page.xpath('//caption//span[@class="nashr-caption-label"]')
    assert ["".join(label.itertext()) for label in figure + table] == ["شكل\u00a0١", "جدول\u00a0١"]


def test_citations_link_to_their_entries(tmp_path):
    grouped = {"02.md": "إطار مدرسة كوبنهاغن [@buzan1998, 12; @brauch2011] و[@jabri2009].\n"}
    page = build(citing_manuscript(tmp_path / "ms", files=grouped), tmp_path / "out", ["html"])[0].path
    parsed = tree(page)
    links = parsed.xpath('//span[@class="citation"]/a')
    # each work of a group its own link, round its own words
    assert [link.get("href") for link in links] == ["#ref-brauch2011", "#ref-jabri2009", "#ref-buzan1998",
                                                    "#ref-brauch2011", "#ref-jabri2009"]
    group = links[2].getparent()
    assert group.xpath("a") == links[2:4] and text(group).count(";") == 1
    assert "Buzan" in text(links[2]) and "12" in text(links[2]) and "Brauch" in text(links[3])
    for link in links:
        assert parsed.get_element_by_id(unquote(link.get("href")[1:])).get("class") == "csl-entry"


def local_references(page: Path) -> list[str]:
    parsed = tree(page)
    found = parsed.xpath("//img/@src") + re.findall(r'url\("([^"]+)"\)', "".join(parsed.xpath("//style/text()")))
    return [url for url in found if not url.startswith("data:")]


def test_the_file_set_beside_the_page_holds_subsets_of_every_character(galleys):
    page = galleys["example"]
    references = local_references(page)
    assert references and all(url.startswith("bilingual-sample_files/") for url in references)
    assert {path.name for path in (page.parent / "bilingual-sample_files").iterdir()} == \
        {url.split("/")[1] for url in references}
    characters = {ord(ch) for ch in text(tree(page).xpath("//body")[0]) if not ch.isspace()}
    covered: set[int] = set()
    for url in references:
        if url.endswith(".woff2"):
            font = TTFont(io.BytesIO((page.parent / url).read_bytes()))
            assert font.flavor == "woff2" and "GSUB" in font
            covered |= set(font.getBestCmap())
    assert characters - covered <= {0x200c, 0x200d, 0x200e, 0x200f}  # format controls, drawn by no font


def test_self_contained_page_refers_to_no_file(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(ARTICLES["example"]), "-o", str(out), "-f", "html"]) == 0
    assert main(["build", str(ARTICLES["example"]), "-o", str(out), "-f", "html", "--self-contained"]) == 0
    page = out / "bilingual-sample.html"
    assert local_references(page) == []
    assert len(tree(page).xpath('//img[starts-with(@src, "data:image/png;base64,")]')) == 1
    assert main(["build", str(ARTICLES["example"]), "-o", str(out), "-f", "html", "--self-contained"]) == 0
    assert "html: up to date" in capsys.readouterr().out
    assert main(["build", str(ARTICLES["example"]), "-o", str(out), "-f", "html"]) == 0
    assert local_references(page) and all((out / url).is_file() for url in local_references(page))


def test_a_changed_image_gets_a_new_name_and_the_old_file_goes(tmp_path):
    root = tmp_path / "ms"
    shutil.copytree(ARTICLES["example"], root)
    first = local_references(build(root, tmp_path / "out", ["html"])[0].path)
    image = next(root.glob("figures/*.png"))
    image.write_bytes(image.read_bytes() + b"\0")
    build(root, tmp_path / "out", ["html"])  # the page being replaced still uses the old image: kept
    second = local_references(build(root, tmp_path / "out", ["html"], force=True)[0].path)
    pictures = [url for url in second if url.endswith(".png")]
    assert pictures and pictures != [url for url in first if url.endswith(".png")]
    assert sorted(p.name for p in (tmp_path / "out" / "bilingual-sample_files").glob("*.png")) == \
        [pictures[0].split("/")[1]]


def test_an_image_browsers_cannot_show_is_an_error_at_its_line(make_manuscript, tmp_path, capsys):
    root = make_manuscript({"manuscript.yaml": "title: ت\nlang: ar\ncontents: [a.md]\n",
                            "a.md": "نص\n\n![صورة](scan.tiff)\n"})
    (root / "scan.tiff").write_bytes(b"II*\0")
    assert main(["build", str(root), "-o", str(tmp_path / "out"), "-f", "html"]) == 1
    assert "a.md:3" in capsys.readouterr().err
