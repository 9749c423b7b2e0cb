"""End to end: the print features of the PDF, read from the built example and small manuscripts."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pymupdf
import pypdf
import pytest

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build
from nashr.project import load_project

from .conftest import REPO
from .pdf_inspect import note_calls, note_markers, page_number, pages, pdffonts, pdftotext, region_text, word_recall

EXAMPLE = REPO / "examples" / "bilingual-sample"
MM = 72 / 25.4
B5 = (176 * MM, 250 * MM)
BLEED = 3 * MM
HEAD = 2 * BLEED + 22 * MM  # the example's top margin, below the bleed (pdfplumber also shifts by the bleed)
FIRST_PAGE = 45
WESTERN = re.compile("[0-9]")
ARABIC_INDIC = re.compile("[\u0660-\u0669]")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    (output,) = build(EXAMPLE, tmp_path_factory.mktemp("example"), ["pdf"])
    return output.path


def source_text(root: Path) -> str:
    project = load_project(root)
    return "\n".join([project.metadata.title, *project.metadata.abstract.values(),
                      *(source.text for source in project.sources)])


def test_text_copies_back_with_two_extractors(example):
    expected = source_text(EXAMPLE)
    assert word_recall(expected, pdftotext(example)) >= 0.995
    assert word_recall(expected, "".join(page.get_text() for page in pymupdf.open(example))) >= 0.995


def test_page_numbers_start_at_first_page_on_the_outer_edge_in_arabic_indic_digits(example):
    numbers = [page_number(page, HEAD) for page in pages(example)]
    assert len(numbers) >= 4 and numbers[0] is None
    assert [n.value for n in numbers[1:]] == list(range(FIRST_PAGE + 1, FIRST_PAGE + len(numbers)))
    assert all(ARABIC_INDIC.fullmatch(d) for n in numbers[1:] for d in n.text)
    # the first page (45) is a left-hand page: pages 46, 48 … are right-hand pages, numbered on the right
    assert [n.on_left for n in numbers[1:]] == [value % 2 == 1 for value in range(FIRST_PAGE + 1, FIRST_PAGE + len(numbers))]


def test_running_heads_journal_on_verso_short_title_on_recto(example):
    metadata = load_project(EXAMPLE).metadata
    assert region_text(example, 1, 0, HEAD).strip() == ""
    for index in range(2, len(pages(example)) + 1):
        head = region_text(example, index, 0, HEAD)
        recto = index % 2 == 1
        assert (metadata.short_title in head) == recto, (index, head)
        assert (metadata.journal.name in head) != recto, (index, head)


def test_first_page_masthead_and_article_data(example):
    first = pdftotext(example, 1)
    count = len(pages(example))
    last = "".join(chr(0x0660 + int(d)) for d in str(FIRST_PAGE + count - 1))
    # extractors reorder numbers next to Arabic words, so check the masthead's pieces one by one
    masthead = region_text(example, 1, 0, 140).split()
    for piece in ("مجلة", "الدراسات", "النموذجية", "المجلد", "العدد", "٧", "٢", "٢٠٢٤", "ISSN", "1234-5679",
                  "الصفحات"):
        assert any(piece == word or word.startswith(piece) or word.endswith(piece) for word in masthead), piece
    # volume, issue, year and pages in the article's digits, like its page numbers; the ISSN as written
    assert [word for word in masthead if WESTERN.search(word)] == ["1234-5679"], masthead
    assert f"٤٥–{last}" in first or f"{last}–٤٥" in first
    for day in ("٢٠٢٤-٠١-١٥", "٢٠٢٤-٠٤-٠٢", "٢٠٢٤-٠٦-٣٠"):  # pdftotext reads a run of such digits left to right
        assert day in first or "-".join(reversed(day.split("-"))) in first, day
    for text in ("Josiah Carberry", "josiah.carberry@example.org", "https://orcid.org/0000-0002-1825-0097",
                 "https://doi.org/10.5555/nashr.example.2024.2.45", "CC-BY-4.0", "Abstract",
                 "Keywords: Arabic script", "الكلمات المفتاحية"):
        assert text in first, text
    links = [a["/A"].get("/URI") for a in (pypdf.PdfReader(example).pages[0].get("/Annots") or [])
             if a.get_object().get("/A")]
    assert {"https://doi.org/10.5555/nashr.example.2024.2.45", "https://orcid.org/0000-0002-1825-0097",
            "mailto:josiah.carberry@example.org"} <= set(links)


def test_english_abstract_reads_left_to_right(example):
    words = pages(example)[0].extract_words()
    abstract = next(w for w in words if w["text"] == "Abstract")
    english = [w for w in words if abs(w["top"] - abstract["top"]) < 2]
    assert abstract["x0"] == min(w["x0"] for w in english) and abstract["x0"] < pages(example)[0].width / 3


def test_notes_are_numbered_per_page_in_parentheses(example):
    seen = 0
    for index, page in enumerate(pages(example), start=1):
        calls = note_calls(page)
        markers = [m.number for m in note_markers(page)]
        if calls:
            assert calls == list(range(1, len(calls) + 1)), (index, calls)
            assert markers == calls, (index, markers)
            seen += len(calls)
    assert seen == 11
    for page in pages(example):  # each call is a number in parentheses, in Arabic-Indic digits
        small = [c["text"] for c in page.chars if c["size"] < 0.7 * 11]
        assert small.count("(") == small.count(")") == len(note_calls(page))
        assert not any(WESTERN.search(t) for t in small)


def test_arabic_indic_digits_only_in_generated_numbers(example):
    text = pdftotext(example)
    # the author's own numbers stay as typed …
    for typed in ("1727", "45", "19005-3:2012", "2000"):
        assert typed in text, typed
    # … nashr's numbers use the journal's digits: captions, references, list items, page numbers
    # (extractors move digits around Arabic words, so allow anything but letters in between)
    assert len(re.findall("شكل[\\s:.\u00a0]*١", text)) >= 4  # the caption and three references
    assert len(re.findall("جدول[\\s:.()\u00a0]*١", text)) >= 3
    assert len(re.findall("^\\s*\\.?[١٢٣]\\.?(عرض|تحليل|اقتراح)", text, re.M)) == 3
    body_source = "".join(s.text for s in load_project(EXAMPLE).sources)
    assert not ARABIC_INDIC.search(body_source)  # so every Arabic-Indic digit in the PDF is nashr's


def test_trim_and_bleed_boxes(example):
    for page in pypdf.PdfReader(example).pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert (float(trim.width), float(trim.height)) == pytest.approx(B5, abs=0.1)
        assert float(bleed.left) == pytest.approx(float(trim.left) - BLEED, abs=0.1)
        assert float(bleed.top) == pytest.approx(float(trim.top) + BLEED, abs=0.1)
        assert float(media.width) >= float(bleed.width)


def test_pdf_a_identification_structure_tree_and_language(example):
    reader = pypdf.PdfReader(example)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "ar"
    assert root["/OutputIntents"]
    for font in pdffonts(example):
        assert font["embedded"] == "yes", font


def test_figure_is_drawn_and_table_header_is_on_the_right(example):
    assert any(page.images for page in pages(example))
    for page in pages(example):
        # pdfplumber gives Arabic words in visual order: compare reversed
        words = {w["text"][::-1]: w for w in page.extract_words()}
        if "المرحلة" in words and "يميزها" in words:
            assert words["المرحلة"]["x0"] > words["يميزها"]["x0"]  # first column on the right
            break
    else:
        pytest.fail("the table's header row was not found")


def test_ordered_list_markers_on_the_right_with_the_period_after_the_number(example):
    markers = 0
    for page in pages(example):
        for char in page.chars:
            if char["text"] not in "١٢٣" or char["size"] < 10:
                continue
            line = [c for c in page.chars if abs(c["top"] - char["top"]) < 1 and c["text"].strip()]
            period = [c for c in line if c["text"] == "." and abs(c["x1"] - char["x0"]) < 0.5]
            if period and char["x1"] >= max(c["x1"] for c in line) - 0.5:  # rightmost, period on its left
                markers += 1
    assert markers == 3


LONG_TABLE = "\n".join(["| البلد | القيمة |", "|---|---|"] + [f"| بلد {n} | {n} |" for n in range(1, 90)])


def test_long_tables_repeat_their_header_row(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: جدول\nlang: ar\ncontents:\n  - a.md\n",
        "a.md": f"# جدول طويل\n\n{LONG_TABLE}\n\n: جدول طويل {{#tbl:long}}\n\nانظر @tbl:long.\n",
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    with_header = [i for i in range(1, len(pages(output.path)) + 1) if "القيمة" in pdftotext(output.path, i)]
    assert len(pages(output.path)) >= 2 and len(with_header) == len(pages(output.path))
    assert re.search(r"انظر جدول\s*\.?1", pdftotext(output.path).replace("\u00a0", " "))


def test_pdf_standard_none_writes_no_pdf_a_identification(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: عنوان\nlang: ar\ncontents:\n  - a.md\nlayout:\n  pdf_standard: none\n",
        "a.md": "نص قصير.\n",
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    root_object = pypdf.PdfReader(output.path).trailer["/Root"]
    assert "/Metadata" not in root_object or "pdfaid" not in root_object["/Metadata"].get_object().get_data().decode()
    assert "/StructTreeRoot" in root_object


def test_headings_are_never_the_last_line_of_a_page(example, built):
    for pdf in (example, built["pdf"]):
        for index, page in enumerate(pages(pdf), start=1):
            body = max(Counter(round(c["size"], 1) for c in page.chars).items(), key=lambda kv: kv[1])[0]
            headings = [c for c in page.chars if c["size"] > 1.02 * body and "Bold" in c["fontname"]]
            if headings:
                last_heading = max(c["bottom"] for c in headings)
                text_after = [c for c in page.chars if c["top"] > last_heading and c["size"] >= 0.9 * body
                              and "Bold" not in c["fontname"]]  # body text, not the notes at the foot
                assert text_after, (pdf.name, index)


def test_left_to_right_articles_mirror_the_other_way(make_manuscript, tmp_path):
    paragraph = "This paragraph repeats so that the article runs over several pages. " * 12
    root = make_manuscript({
        "manuscript.yaml": "title: A Title\nshort_title: Short\nlang: en\ncontents:\n  - a.md\n"
                           "journal:\n  name: Journal\n  first_page: 7\nlayout:\n  numerals: persian\n",
        "a.md": "\n\n".join(["# Heading"] + [paragraph] * 14) + "\n\n![A chart](c.svg){#fig:c}\n\nSee @fig:c.\n",
        "c.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50"/></svg>',
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    head = 25 * MM
    numbers = [page_number(page, head) for page in pages(output.path)]
    assert len(numbers) >= 3 and numbers[0] is None
    assert [n.value for n in numbers[1:]] == list(range(8, 7 + len(numbers)))
    assert all(n.text == "".join(chr(0x06F0 + int(d)) for d in str(n.value)) for n in numbers[1:])
    # left-to-right: the first page (7) is a right-hand page, so page 8 is a left-hand page
    assert [n.on_left for n in numbers[1:]] == [value % 2 == 0 for value in range(8, 7 + len(numbers))]
    assert "Journal" in region_text(output.path, 2, 0, head) and "Short" in region_text(output.path, 3, 0, head)
    text = pdftotext(output.path).replace("\u00a0", " ")
    assert "Figure ۱: A chart" in text and "See Figure ۱." in text


def test_bare_urls_and_dois_are_links(built):
    uris = {annotation.get_object()["/A"].get("/URI")
            for page in pypdf.PdfReader(built["pdf"]).pages for annotation in page.get("/Annots") or []
            if annotation.get_object().get("/A")}
    assert {"https://doi.org/10.34752/2022-e279", "http://wiedzaobronna.edu.pl"} <= uris


def test_a_missing_image_is_an_error_at_its_line(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: عنوان\nlang: ar\ncontents:\n  - a.md\n",
        "a.md": "# عنوان\n\n![خريطة](figures/map.png){#fig:map}\n",
    })
    with pytest.raises(ManuscriptError) as error:
        build(root, tmp_path / "out", ["pdf"])
    messages = [str(d) for d in error.value.diagnostics]
    assert len(messages) == 1 and "a.md:3:" in messages[0] and "figures/map.png does not exist" in messages[0]
    assert not (tmp_path / "out" / "ms.pdf").exists()


def test_an_image_outside_the_manuscript_is_refused_at_its_line(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: عنوان\nlang: ar\ncontents:\n  - a.md\n",
        "a.md": "نص.\n\n![صورة](../secret.png)\n",
    })
    (tmp_path / "secret.png").write_bytes((EXAMPLE / "figures" / "shares.png").read_bytes())
    with pytest.raises(ManuscriptError) as error:
        build(root, tmp_path / "out", ["pdf"])
    assert "outside the manuscript folder" in str(error.value.diagnostics[0])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_notes_rule_sits_on_the_start_side(make_manuscript, tmp_path, lang):
    root = make_manuscript({"manuscript.yaml": f"title: t\nlang: {lang}\ncontents: [a.md]\n",
                            "a.md": "Text with a note[^a].\n\n[^a]: The note.\n"})
    (output,) = build(root, tmp_path / "out", ["pdf"])
    page = pages(output.path)[0]
    (rule,) = [r for r in page.rects if r["height"] < 1.5]  # the short rule above the notes
    assert (rule["x1"] < page.width / 2) == (lang == "en")


def test_the_masthead_of_a_persian_article_is_in_persian_digits(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: مقاله\nlang: fa\ncontents: [a.md]\n"
                           "journal:\n  name: فصلنامه\n  issn: 2658-0829\n  volume: 12\n  issue: '3'\n"
                           "  year: 2024\n  first_page: 101\n"
                           "dates:\n  received: 2024-01-15\n  published: 2024-06-30\n",
        "a.md": "# مقدمه\n\nمتن مقاله.\n",
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    first = pdftotext(output.path, 1)
    words = first.split()
    for number in ("۱۲", "۳", "۲۰۲۴", "۱۰۱"):
        assert number in words or any(w.startswith(number) or w.endswith(number) for w in words), number
    for day in ("۲۰۲۴-۰۱-۱۵", "۲۰۲۴-۰۶-۳۰"):
        assert day in first or "-".join(reversed(day.split("-"))) in first, day
    assert [w for w in words if WESTERN.search(w)] == ["2658-0829"], first
