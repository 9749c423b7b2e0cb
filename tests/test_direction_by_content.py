"""Paragraph direction by content, in every format: an Arabic and a Hebrew technical text whose
paragraphs and notes open with a Latin term, a number, a URL or a citation stay right to left, and an
English text whose paragraphs open with an Arabic or Hebrew name stays left to right
(tests/data/articles/ar-tech, he-tech, en-names; docs/manuscript.md, Direction)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from .docx_inspect import Docx
from .epub_inspect import NS, epubcheck, open_book
from .pdf_inspect import (Line, baseline, body_size, call_chars, lines, note_markers, pages, pdftotext,
                          script_word_list, script_word_recall)
from .test_rtl_languages import article, source_text  # noqa: F401 (article: a fixture, built once per module)

# Paragraphs by their note call: (direction, the words they open with as written, the run drawn at the
# start of their first line when it is Latin: at its right end in a right-to-left paragraph).
PARAGRAPHS = {
    "ar-tech": {
        1: ("rtl", "Python لغة برمجة", "Python"),
        2: ("rtl", "DNS هو النظام", "DNS"),
        3: ("rtl", "UNESCO أصدرت سنة", "UNESCO"),
        4: ("rtl", "Mockapetris 1987 وضع المواصفات", "Mockapetris (1987)"),  # a citation
        5: ("rtl", "2024 هي السنة", "2024"),
        6: ("rtl", "https://www.python.org هو الموقع", "https://www.python.org"),
        7: ("rtl", "الواجهة البرمجية من نوع REST", None),  # an Arabic term first
        8: ("rtl", "NumPy وpandas وMatplotlib مكتبات", "NumPy"),
        9: ("rtl", "Jupyter Notebook بيئة تفاعلية", "Jupyter Notebook"),
    },
    "he-tech": {
        1: ("rtl", "Git היא מערכת מבוזרת", "Git"),
        2: ("rtl", "Python היא שפת", "Python"),
        3: ("rtl", "DNS הוא השירות", "DNS"),
        4: ("rtl", "UNESCO פרסם בשנת", "UNESCO"),
        5: ("rtl", "2023 הייתה השנה", "2023"),
    },
    "en-names": {
        1: ("ltr", "الخوارزمي or al-Khwarizmi was", None),
        2: ("ltr", "ابن الهيثم Ibn al-Haytham wrote", None),
        3: ("ltr", "מיכאל רבין and Dana Scott", None),
    },
}
# Notes by number: (direction, the Latin run that opens a right-to-left note, drawn next to its number).
NOTES = {
    "ar-tech": {1: ("rtl", "Python Software Foundation"), 2: ("rtl", "RFC 1034"), 3: ("rtl", "UNESCO"),
                4: ("rtl", "(Mockapetris 1987)"), 5: ("rtl", "2024"), 6: ("rtl", "https://docs.python.org/3/"),
                7: ("ltr", "Fielding"), 8: ("ltr", "Ibid."), 9: ("rtl", "Jupyter")},
    "he-tech": {1: ("rtl", "Linus Torvalds"), 2: ("rtl", "Python Software Foundation"), 3: ("ltr", "Mockapetris"),
                4: ("rtl", "UNESCO"), 5: ("rtl", "https://github.blog/news-insights/octoverse/")},
    "en-names": {1: ("ltr", "الخوارزمي"), 2: ("ltr", "ابن الهيثم"), 3: ("ltr", "Rabin")},
}
CASES = [(name, number) for name, paragraphs in PARAGRAPHS.items() for number in paragraphs]
NOTE_CASES = [(name, number) for name, notes in NOTES.items() for number in notes]


# PDF ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PARAGRAPHS)
def test_every_word_copies_back_out_of_the_pdf(article, name):
    assert script_word_recall(source_text(name), pdftotext(article(name)["pdf"])) >= 0.99


@pytest.mark.parametrize("name, number", CASES)
def test_the_pdf_text_of_each_paragraph_starts_with_its_first_words(article, name, number):
    _, opening, _ = PARAGRAPHS[name][number]
    expected, found = script_word_list(opening), script_word_list(pdftotext(article(name)["pdf"]))
    assert any(found[i:i + len(expected)] == expected for i in range(len(found))), opening


def _paragraph(pdf: Path, number: int) -> tuple[list[Line], list[dict], float, float]:
    """The lines of the paragraph that ends with note call `number`, the call's glyphs, and the left and
    right edges of the text column on its page."""
    for page in pages(pdf):
        try:
            call = call_chars(page, number)
        except StopIteration:
            continue
        body = lines(page, body_size(page))
        left, right = min(line.x0 for line in body), max(line.x1 for line in body)
        end = next(i for i, line in enumerate(body) if line.base >= baseline(page, call[0]) - 1)  # calls are raised
        pitch = min(b.base - a.base for a, b in zip(body, body[1:]))
        start = end
        while start and body[start].base - body[start - 1].base < 1.15 * pitch:
            start -= 1
        return body[start:end + 1], call, left, right
    raise AssertionError(f"no note call {number}")


@pytest.mark.parametrize("name, number", CASES)
def test_each_paragraph_is_aligned_to_its_start_with_its_call_after_the_full_stop(article, name, number):
    direction, _, first_run = PARAGRAPHS[name][number]
    paragraph, call, left, right = _paragraph(article(name)["pdf"], number)
    first, last = paragraph[0], paragraph[-1]
    size = body_size(pages(article(name)["pdf"])[0])
    if direction == "rtl":
        assert right - 3 * size < first.x1 < right + 1  # the first line starts at the right, indented
        assert all(abs(line.x1 - right) < 1 for line in paragraph[1:]), "a line not aligned to the right"
        if first_run:
            assert first.visual.rstrip().endswith(first_run), first.visual  # the Latin term opens the line
        assert call[-1]["x1"] <= last.x0 + 0.5  # the call ends the sentence: leftmost on the last line …
        after = min((c for c in last.chars if c["x0"] >= call[-1]["x1"] - 0.5), key=lambda c: c["x0"])
    else:
        assert left - 1 < first.x0 < left + 3 * size
        assert all(abs(line.x0 - left) < 1 for line in paragraph[1:]), "a line not aligned to the left"
        assert re.match("[\u0590-\u06ff]", first.chars[0]["text"]), first.visual  # the name opens the line
        assert call[0]["x0"] >= last.x1 - 0.5
        after = max((c for c in last.chars if c["x1"] <= call[0]["x0"] + 0.5), key=lambda c: c["x1"])
    assert after["text"] == "."  # … right after the full stop


@pytest.mark.parametrize("name", NOTES)
def test_each_note_has_its_number_on_the_side_its_words_read_from(article, name):
    markers = {}
    for page in pages(article(name)["pdf"]):
        for marker in note_markers(page):
            digit = next(c for c in page.chars if abs(c["x0"] - marker.x0) < 0.01 and abs(c["top"] - marker.top) < 1)
            line = next(line for line in lines(page, digit["size"]) if digit in line.chars)
            markers[marker.number] = (marker.on_left, line.visual.strip())
    assert sorted(markers) == sorted(NOTES[name])
    for number, (direction, run) in NOTES[name].items():
        on_left, visual = markers[number]
        assert on_left == (direction == "ltr"), (number, visual)
        if direction == "rtl":  # "Python Software Foundation .1": the Latin run right after the number
            assert re.search(re.escape(run) + rf"\s*\.\s*{number}$", visual), visual


# EPUB --------------------------------------------------------------------------------------------

def _direction(element: etree._Element) -> str:
    """The direction an element is set in: its own `dir` or its nearest ancestor's."""
    return next(e.get("dir") for e in element.iterancestors() if e.get("dir")) if not element.get("dir") \
        else element.get("dir")


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _opens_with(text: str, opening: str) -> bool:
    expected = script_word_list(opening)
    return script_word_list(text)[:len(expected)] == expected


@pytest.mark.parametrize("name", PARAGRAPHS)
def test_epub_paragraphs_and_notes_are_marked_with_the_direction_of_their_words(article, name):
    book = open_book(article(name)["epub"])
    paragraphs = [p for _, page in book.pages() for p in page.iterfind(".//h:section[@class='section-body']//h:p", NS)]
    for direction, opening, _ in PARAGRAPHS[name].values():
        (paragraph,) = [p for p in paragraphs if _opens_with(_text(p), opening)]
        assert _direction(paragraph) == direction, _text(paragraph)
    asides = {a.get("id"): a for _, page in book.pages() for a in page.iterfind(".//h:aside", NS)}
    for number, (direction, run) in NOTES[name].items():
        aside = asides[f"nashr-note-{number}"]
        assert run in _text(aside)
        assert _direction(aside.find("h:p", NS)) == direction, _text(aside)


def test_epub_title_keywords_and_contents_of_an_arabic_article_read_right_to_left(article):
    book = open_book(article("ar-tech")["epub"])
    title = book.page("title.xhtml")
    assert title.find(".//h:h1", NS).get("dir") == "rtl"  # "Python وأنظمة الشبكات …"
    keywords = {_text(s): s.get("dir") for s in title.iterfind(".//h:span[@class='keyword']", NS)}
    assert keywords == {"Python": "rtl", "DNS": "rtl", "الشبكات": "rtl", "التعلم الآلي": "rtl",
                        "REST API": "ltr"}
    entries = {_text(a): a.get("dir") for a in book.nav().iterfind(".//h:nav[@id='toc']//h:a", NS)}
    assert entries["مكتبات Python العلمية"] == entries["Python"] == "rtl"
    english = next(p for _, page in book.pages() for p in page.iterfind(".//h:p", NS)
                   if _text(p).startswith("The Zen of Python"))
    assert _direction(english) == "ltr"
    assert [m for m in epubcheck(article("ar-tech")["epub"]) if m["severity"] in ("ERROR", "FATAL")] == []


# DOCX --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PARAGRAPHS)
def test_docx_paragraphs_and_notes_take_the_direction_of_their_words(article, name):
    docx = Docx(article(name)["docx"])
    paragraphs = docx.paragraphs()
    for direction, opening, _ in PARAGRAPHS[name].values():
        (paragraph,) = [p for p in paragraphs if _opens_with(p.text, opening)]
        assert paragraph.rtl == (direction == "rtl"), paragraph.text
    notes = [p for p in docx.paragraphs("word/footnotes.xml") if p.text.strip()]
    for direction, run in NOTES[name].values():
        (paragraph,) = [p for p in notes if p.text.strip().startswith(run)]
        assert paragraph.rtl == (direction == "rtl"), paragraph.text


def test_docx_title_and_keywords_of_an_arabic_article(article):
    docx = Docx(article("ar-tech")["docx"])
    title, keywords = docx.paragraphs()[0], next(p for p in docx.paragraphs() if p.style == "Keywords")
    assert title.style == "Title" and title.rtl and title.text.startswith("Python وأنظمة")
    assert keywords.rtl
    runs = {word: r.rtl for r in docx.runs() for word in ("Python", "DNS", "REST API", "الشبكات") if word in r.text}
    assert runs == {"Python": False, "DNS": False, "REST API": False, "الشبكات": True}
    assert "Python، DNS، الشبكات، التعلم الآلي، REST API" in keywords.text
