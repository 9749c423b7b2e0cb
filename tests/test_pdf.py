"""End to end: build the bundled article and read the real PDF."""
from __future__ import annotations

import io
from collections import Counter

import pymupdf
import pypdf
import pytest
from fontTools.ttLib import TTFont

from nashr.pipeline import build
from nashr.project import load_project
from nashr.resources import amiri_faces

from .conftest import MANUSCRIPT
from .pdf_inspect import note_calls, note_markers, page_number, pages, pdffonts, pdftotext, region_text, word_recall

NOTES = 31


@pytest.fixture(scope="session")
def pdf(built):
    return built["pdf"]


def manuscript_text() -> str:
    project = load_project(MANUSCRIPT)
    return "\n".join([project.metadata.title, *project.metadata.abstract.values(),
                      *(source.text for source in project.sources)])


def test_only_embedded_subset_amiri_fonts(pdf):
    fonts = pdffonts(pdf)
    assert fonts, "no fonts listed"
    for font in fonts:
        assert "Amiri" in font["name"] and "DejaVu" not in font["name"], font
        assert font["embedded"] == "yes" and font["subset"] == "yes", font


def test_the_embedded_amiri_is_the_bundled_one_even_beside_a_system_amiri(pdf):
    """A system-wide Amiri (Debian's fonts-hosny-amiri, version 0.113, with no italic) must lose to
    the bundled one: the @font-face rules name its files, whatever fontconfig finds."""
    def version(data: bytes) -> str:
        with TTFont(io.BytesIO(data)) as font:
            return font["name"].getDebugName(5)

    bundled = {version(face.path.read_bytes()) for face in amiri_faces()}
    with pymupdf.open(pdf) as document:
        embedded = {(name.split("+")[-1], version(document.extract_font(xref)[3]))
                    for page in document for xref, _, _, name, *_ in page.get_fonts() if "Amiri" in name}
    assert {name for name, _ in embedded} == {"Amiri", "Amiri-Bold"}
    assert {v for _, v in embedded} == bundled, embedded


def test_note_calls_run_1_to_n_and_each_note_sits_on_its_calls_page(pdf):
    all_calls: list[int] = []
    placed: dict[int, int] = {}
    for number, page in enumerate(pages(pdf), start=1):
        calls = note_calls(page)
        all_calls += calls
        for marker in note_markers(page):
            if marker.number <= NOTES and marker.number not in placed and marker.number == len(placed) + 1:
                placed[marker.number] = number
        for call in calls:
            assert placed.get(call) == number, f"note {call} is called on page {number} but set on page {placed.get(call)}"
    assert all_calls == list(range(1, NOTES + 1))
    assert sorted(placed) == list(range(1, NOTES + 1))


def test_english_notes_read_left_to_right(pdf):
    english = {1: "Brauch, H.G. (2011). Concepts of Security Threats", 2: "HENRYK WYRĘBEK: NATIONAL SECURITY"}
    for page in pages(pdf):
        for marker in note_markers(page):
            if marker.number in english:
                assert marker.on_left, f"note {marker.number} is not set left-to-right"
    text = pdftotext(pdf)
    for number, opening in english.items():
        assert f"{number}. {opening}" in text


def test_arabic_notes_read_right_to_left(pdf):
    rtl_markers = [m for page in pages(pdf) for m in note_markers(page) if m.number in (3, 7, 23)]
    assert len(rtl_markers) == 3 and not any(m.on_left for m in rtl_markers)


def test_text_copies_back_in_logical_order(pdf):
    assert word_recall(manuscript_text(), pdftotext(pdf)) >= 0.995
    assert word_recall(manuscript_text(), "".join(page.get_text() for page in pymupdf.open(pdf))) >= 0.995


def test_metadata_and_bookmarks(pdf):
    reader = pypdf.PdfReader(pdf)
    project = load_project(MANUSCRIPT)
    assert reader.metadata.title == project.metadata.title
    assert reader.metadata.author == "باحث في سلك دكتوراه، المغرب"
    assert reader.trailer["/Root"]["/Lang"] == "ar"

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    headings = [line.lstrip("#").strip() for source in project.sources
                for line in source.text.splitlines() if line.startswith("#")]
    assert len(headings) == 13
    assert list(titles(reader.outline)) == headings


def test_page_numbers_on_the_outer_edge_of_every_page_but_the_first(pdf):
    head = 25 * 72 / 25.4  # the top margin
    numbers = [page_number(page, head) for page in pages(pdf)]
    assert numbers[0] is None
    assert [n.value for n in numbers[1:]] == list(range(2, len(numbers) + 1))
    # right-to-left: the first page is a left-hand page, so odd pages are left pages, numbered on the left
    assert [n.on_left for n in numbers[1:]] == [index % 2 == 1 for index in range(2, len(numbers) + 1)]


def test_running_heads_show_the_short_title_on_recto_pages(pdf):
    project = load_project(MANUSCRIPT)
    head = 25 * 72 / 25.4
    assert region_text(pdf, 1, 0, head).strip() == ""
    assert project.metadata.short_title in region_text(pdf, 3, 0, head)
    assert project.metadata.short_title not in region_text(pdf, 2, 0, head)  # no journal, no author name


def test_a_latin_title_in_an_arabic_article_reads_left_to_right(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: 'Security and Cooperation (2024).'\nlang: ar\ncontents: [a.md]\n",
        "a.md": "# مقدمة\n\nنص عربي.\n",
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    first = pages(output.path)[0]
    top = min(c["top"] for c in first.chars)
    title = "".join(c["text"] for c in sorted(first.chars, key=lambda c: c["x0"]) if abs(c["top"] - top) < 2)
    assert title.replace(" ", "") == "SecurityandCooperation(2024)."  # the period stays at the end


def test_notes_from_the_abstract_and_a_heading_sit_at_the_page_foot_in_regular_amiri(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: عنوان\nlang: ar\ncontents: [a.md]\nabstract:\n  ar: |\n"
                           "    ملخص قصير[^a].\n\n    [^a]: هامش الملخص.\n",
        "a.md": "# مقدمة[^h]\n\n" + "نص المقال في فقرة طويلة. " * 40 + "\n\n[^h]: هامش العنوان.\n",
    })  # the body text must outweigh the notes: note_markers tells them apart by size
    (output,) = build(root, tmp_path / "out", ["pdf"])
    first = pages(output.path)[0]
    assert [m.number for m in note_markers(first)] == [1, 2]
    fonts = {c["fontname"].split("+")[-1] for c in first.chars if c["top"] > first.height * 0.6}
    assert fonts == {"Amiri"}, fonts  # no bold inherited from the heading, no fallback font
    assert all("DejaVu" not in font["name"] for font in pdffonts(output.path))


def test_consecutive_note_calls_are_set_apart(make_manuscript, tmp_path):
    """Two calls in a row read "³,⁴", not "³⁴" (note 34); in parentheses style "(3)(4)" parts them."""
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md]\n",
                            "a.md": "One note[^a] then two notes[^b][^c] in a row.\n\n"
                                    "[^a]: First.\n[^b]: Second.\n[^c]: Third.\n"})
    (output,) = build(root, tmp_path / "out", ["pdf"])
    page = pages(output.path)[0]
    body = max(Counter(round(c["size"], 1) for c in page.chars).items(), key=lambda kv: kv[1])[0]
    raised = [c for c in sorted(page.chars, key=lambda c: c["x0"]) if c["size"] < 0.7 * body and c["top"] < 200]
    assert "".join(c["text"] for c in raised) == "12,3"
