"""Tables as an Arabic journal sets them: a grammar article (tests/data/articles/grammar) with a
6-column Arabic/English table and a table whose number column is right-aligned, and tables too wide
for the page. No word is ever broken in the PDF, columns are as wide as their content in every format,
and a number column sits on the same side in the PDF and the DOCX."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from nashr.labels import label
from nashr.pipeline import build

from .docx_inspect import W, Docx, libreoffice_pdf, text_of
from .epub_inspect import open_book
from .pdf_inspect import pages, pdftotext

GRAMMAR = Path(__file__).parent / "data" / "articles" / "grammar"
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel marks and tatweel
_LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3]+|[A-Za-z\u00c0-\u024f]+")


def words(text: str) -> list[str]:
    """Arabic and Latin words, vowel marks and tatweel left out (an Arabic word glued to a Latin one by
    the text extractor, «inflectionومرة», counts as two)."""
    return _LETTERS.findall(_MARKS.sub("", unicodedata.normalize("NFC", text)))


@pytest.fixture(scope="module")
def grammar(tmp_path_factory) -> dict[str, Path]:
    built = build(GRAMMAR, tmp_path_factory.mktemp("grammar"), ["pdf", "epub", "docx"])
    return {output.format: output.path for output in built}


def test_every_word_of_the_pdf_is_a_word_of_the_manuscript(grammar):
    """Nothing is broken inside a word — not «المصطل|ح», not «Declensi|on» — anywhere in the PDF."""
    source = set(words(" ".join(path.read_text(encoding="utf-8") for path in GRAMMAR.iterdir())))
    source |= set(words(" ".join(label("ar", name) for name in ("abstract", "keywords", "table"))))
    printed = words(pdftotext(grammar["pdf"]))
    assert len(printed) > 400
    assert [word for word in printed if word not in source] == []
    assert "\u2010" not in pdftotext(grammar["pdf"])  # no hyphen: the table fits without one


def _column_edges(page, row: dict) -> list[float]:
    """x of the table's vertical rules across the row of the word `row`."""
    return sorted({round(edge["x0"]) for edge in page.edges if edge["orientation"] == "v"
                   and edge["top"] <= row["top"] <= edge["bottom"]})


def test_pdf_columns_follow_their_content(grammar):
    page = pages(grammar["pdf"])[0]
    header = next(word for word in page.extract_words() if word["text"] == "Definition")
    edges = _column_edges(page, header)
    widths = [b - a for a, b in zip(edges, edges[1:])]
    assert len(widths) == 6
    assert max(widths) > 1.8 * min(widths)  # not Pandoc's six equal columns
    definition = next(w for a, b in zip(edges, edges[1:]) for w in [b - a] if a < header["x0"] < b)
    assert definition == max(widths)  # the English definitions, the longest text, take the most room


def test_a_right_aligned_number_column_is_on_the_right_in_the_pdf_and_the_docx(grammar, tmp_path):
    """`--:` in the Markdown: a count sits at the right of its cell, under the right end of its heading,
    in the PDF, the DOCX (Word reads w:jc in a right-to-left paragraph as start/end) and LibreOffice's
    PDF of the DOCX. The count column is the table's last, on the left."""
    for pdf in (grammar["pdf"], libreoffice_pdf(grammar["docx"], tmp_path)):
        page = next(p for p in pages(pdf) if any(w["text"] == "Accusative" for w in p.extract_words()))
        found = {w["text"]: w for w in page.extract_words()}
        heading = [c for c in page.chars if abs(c["top"] - found["Case"]["top"]) < 4]
        count = next(c for c in page.chars if c["text"] == "5" and abs(c["top"] - found["Accusative"]["top"]) < 4)
        assert count["x0"] - min(c["x0"] for c in heading) > 15, pdf  # not at the left, under «عدد»
    cells = [cell for table in Docx(grammar["docx"]).tables() for cell in table.iter(f"{W}tc") if text_of(cell) == "5"]
    assert cells[0].find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "left"  # Word's start of a right-to-left line


def test_docx_tables_are_sized_by_their_content(grammar):
    for table in Docx(grammar["docx"]).tables():
        grid = [int(column.get(f"{W}w")) for column in table.iter(f"{W}gridCol")]
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "autofit"
        assert max(grid) > 1.5 * min(grid), grid  # not Pandoc's equal grid
        assert sum(grid) <= 9412 + len(grid)  # within the text width of the page


def test_epub_tables_have_no_drawn_widths_and_latin_cells_a_language(grammar):
    book = open_book(grammar["epub"])
    pages_ = [page for _, page in book.pages()]
    tables = [table for page in pages_ for table in page.iter("{http://www.w3.org/1999/xhtml}table")]
    assert len(tables) == 2
    assert not [col for t in tables for col in t.iter("{http://www.w3.org/1999/xhtml}col")]
    latin = [element for t in tables for element in t.iter() if element.get("dir") == "ltr"]
    assert len(latin) == 2 * 7 + 5 and all(element.get("lang") == "en" for element in latin)  # two English columns


WIDE_HEADS = ["المصطلحات", "Internationalization", "Characteristically", "الاستراتيجيات", "Telecommunications",
              "Incomprehensibility", "المستشرقين", "Counterrevolutionary", "Institutionalization", "الإحصائيات"]


def _wide_table_article(make_manuscript, layout: str = ""):
    rows = ["| " + " | ".join(WIDE_HEADS) + " |", "|" + "---|" * len(WIDE_HEADS)]
    rows += ["| " + " | ".join(WIDE_HEADS) + " |"] * 3
    return make_manuscript({"manuscript.yaml": f"title: جدول عريض\nlang: ar\n{layout}contents: [a.md]\n",
                            "a.md": "نص قبل الجدول.\n\n" + "\n".join(rows) + "\n\n: جدول عريض\n\nنص بعد الجدول.\n"})


def test_a_table_too_wide_for_the_page_is_shrunk_not_cut(make_manuscript, tmp_path):
    (pdf,) = build(_wide_table_article(make_manuscript), tmp_path / "out", ["pdf"])
    page = pages(pdf.path)[0]
    assert all(0 <= c["x0"] and c["x1"] <= page.width for c in page.chars)  # nothing off the page
    body = max(c["size"] for c in page.chars if c["text"] == "ق" and c["top"] < 150)  # «نص قبل الجدول»
    cells = [c["size"] for c in page.chars if c["text"] == "I"]  # Internationalization … Institutionalization
    assert len(cells) >= 8 and max(cells) < 0.75 * body  # set smaller (the table's own size is 0.88)
    printed = words(pdftotext(pdf.path))
    assert all(printed.count(head) >= 4 for head in WIDE_HEADS if not head.isascii())  # Arabic never broken
    latin = [word for word in printed if word.isascii()]
    assert all(any(piece in head for head in WIDE_HEADS) for piece in latin)  # Latin only hyphenated
    assert sum(map(len, latin)) == 4 * sum(len(head) for head in WIDE_HEADS if head.isascii())  # nothing lost


def test_wide_tables_landscape_puts_the_table_on_a_page_turned_onto_the_trim(make_manuscript, tmp_path):
    (pdf,) = build(_wide_table_article(make_manuscript, "layout:\n  wide_tables: landscape\n"), tmp_path / "out", ["pdf"])
    with pdfplumber.open(pdf.path) as document:
        shapes = [(p.page_obj.mediabox[2] > p.page_obj.mediabox[3], p.page_obj.attrs.get("Rotate", 0)) for p in document.pages]
    assert shapes == [(False, 0), (True, 90), (False, 0)]  # its top on the right, in an Arabic article
    assert "نص بعد الجدول" in pdftotext(pdf.path, 3) and "Telecommunications" in pdftotext(pdf.path, 2)
