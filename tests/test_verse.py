"""Verse in a literature article (tests/data/articles/literature: 20 bayts in four `::: verse` divs, one
numbered, a Quran quotation and lists in notes): each bayt's two hemistichs side by side — the sadr on
the right, the ʿajuz on the left, a gap between — in the PDF, LibreOffice's PDF of the DOCX, the EPUB
and the DOCX, copied out of the PDF in reading order, and held as sadr and ʿajuz in the HTML galley
and the JATS."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from nashr.pipeline import build

from .docx_inspect import W, Docx, libreoffice_pdf, text_of
from .epub_inspect import epubcheck, open_book
from .jats_inspect import dtd_errors, needs_shared_jats
from .pdf_inspect import arabic_words, pages, pdftotext, text_lines

LITERATURE = Path(__file__).parent / "data" / "articles" / "literature"
XHTML = "{http://www.w3.org/1999/xhtml}"
_LETTER = re.compile("[\u0621-\u064a]")


def bayts() -> list[tuple[str, str]]:
    """(sadr, ajuz) of every bayt of the article, as written."""
    text = (LITERATURE / "01-text.md").read_text(encoding="utf-8")
    return [tuple(part.strip() for part in line.split("||")) for line in text.splitlines() if "||" in line]


def letters(text: str) -> Counter:
    """The Arabic letters of `text` (no marks), whatever order an extractor gives them in."""
    return Counter(_LETTER.findall(unicodedata.normalize("NFKC", text)))


@pytest.fixture(scope="module")
def literature(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("literature")
    built = {output.format: output.path for output in build(LITERATURE, out, ["pdf", "epub", "docx"])}
    (out / "libreoffice").mkdir()
    return built | {"libreoffice": libreoffice_pdf(built["docx"], out / "libreoffice")}


def rows(pdf: Path) -> list[tuple[Counter, Counter, float]]:
    """For each line of text cut in two by a gap wider than its font size: (letters right of the gap,
    letters left of it, the gap in em)."""
    found = []
    for page in pages(pdf):
        for chars in text_lines(page):
            size = max(c["size"] for c in chars)
            gaps = [(b["x0"] - a["x1"], i) for i, (a, b) in enumerate(zip(chars, chars[1:]))]
            gap, at = max(gaps, default=(0, 0))
            if gap > size:
                found.append((letters("".join(c["text"] for c in chars[at + 1:])),
                              letters("".join(c["text"] for c in chars[:at + 1])), gap / size))
    return found


def _holds(found: Counter, expected: Counter, share: float) -> bool:
    """`found` is `expected`'s letters, or at least `share` of them and nothing else."""
    return found == expected or (not found - expected and found.total() >= share * expected.total())


@pytest.mark.parametrize("output, share", [
    pytest.param("pdf", 1.0, marks=pytest.mark.xfail(reason="known since the merge with the vocalised text layer "
                                                      "(pdf_text_rtl): pdfplumber no longer finds a vocalised "
                                                      "hemistich's words where they are drawn; see the closing note")),
    ("libreoffice", 0.6)])
def test_every_bayt_is_set_in_two_hemistichs_side_by_side(literature, output, share):
    """pdfplumber's positions: on one line, the sadr's letters right of a gap, the ʿajuz's left of it.
    (pdfminer misses some vocalised letters in LibreOffice's PDF: there, most of them will do.)"""
    laid_out = rows(literature[output])
    for sadr, ajuz in bayts():
        row = next((row for row in laid_out
                    if _holds(row[0], letters(sadr), share) and _holds(row[1], letters(ajuz), share)), None)
        assert row is not None, (output, sadr)
        assert row[2] >= 1.5, (output, sadr, row[2])  # a gap, not a space between words
    assert len(bayts()) == 20


def test_the_pdf_copies_each_sadr_then_its_ajuz(literature):
    """pdftotext reads the bayts in order: each sadr's words, then its ʿajuz's, then the next bayt's."""
    printed = arabic_words(pdftotext(literature["pdf"]))
    sequence = [word for sadr, ajuz in bayts() for word in arabic_words(sadr) + arabic_words(ajuz)]
    starts = [i for i in range(len(printed)) if printed[i:i + len(sequence[:5])] == sequence[:5]]
    assert starts, "the first bayt is not read in order"
    first_verse = sum(len(arabic_words(s)) + len(arabic_words(a)) for s, a in bayts()[:6])  # on page 1
    assert printed[starts[0]:starts[0] + first_verse] == sequence[:first_verse]
    for sadr, ajuz in bayts():
        words = arabic_words(sadr) + arabic_words(ajuz)
        assert any(printed[i:i + len(words)] == words for i in range(len(printed))), sadr


def test_the_epub_holds_each_bayt_as_sadr_then_ajuz_and_passes_epubcheck(literature):
    book = open_book(literature["epub"])
    shown = [[(span.get("class"), "".join(span.itertext())) for span in bayt.iter(f"{XHTML}span")]
             for _, page in book.pages() for bayt in page.iter(f"{XHTML}div") if bayt.get("class") == "bayt"]
    assert [[text for kind, text in bayt if kind in ("sadr", "ajuz")] for bayt in shown] == [list(b) for b in bayts()]
    assert [text for bayt in shown for kind, text in bayt if kind == "verse-number"] == [str(n) for n in range(1, 11)]
    css = book.read("styles/epub.css").decode()
    assert ".verse .bayt { display: table-row; }" in css
    assert [m for m in epubcheck(literature["epub"]) if m["severity"] in ("ERROR", "FATAL")] == []


def test_the_docx_sets_verse_in_borderless_centred_tables(literature):
    docx = Docx(literature["docx"])
    verse = [table for table in docx.tables() if any(s.get(f"{W}val") == "Verse" for s in table.iter(f"{W}rStyle"))]
    assert len(verse) == 4
    found = []
    for table in verse:
        properties = table.find(f"{W}tblPr")
        assert properties.find(f"{W}jc").get(f"{W}val") == "center" and properties.find(f"{W}bidiVisual") is not None
        assert {b.get(f"{W}val") for b in properties.find(f"{W}tblBorders")} == {"nil"}
        for row in table.iter(f"{W}tr"):
            cells = [text_of(cell) for cell in row.iter(f"{W}tc")]
            found.append(tuple(cells[-2:]))  # after the number, in a numbered verse
    assert found == bayts()  # sadr first: with bidiVisual, Word puts it on the right


def test_the_html_galley_and_the_jats_hold_each_bayt_as_sadr_then_ajuz(tmp_path):
    built = {output.format: output.path for output in build(LITERATURE, tmp_path, ["html", "jats"])}
    galley = etree.parse(str(built["html"]), etree.HTMLParser()).getroot()
    shown = [(bayt.find("span[@class='sadr']"), bayt.find("span[@class='ajuz']"))
             for bayt in galley.iter("div") if bayt.get("class") == "bayt"]
    assert [("".join(s.itertext()), "".join(a.itertext())) for s, a in shown] == bayts()
    jats = etree.parse(str(built["jats"])).getroot()
    lines = [line for group in jats.iter("verse-group") for line in group.iter("verse-line")]
    assert [tuple("".join(part.itertext()) for part in line.iter("named-content")
                  if part.get("content-type") in ("sadr", "ajuz")) for line in lines] == bayts()


@needs_shared_jats
def test_verse_in_jats_is_valid(tmp_path):
    (jats,) = build(LITERATURE, tmp_path, ["jats"])
    assert dtd_errors(jats.path.read_bytes()) == []
