"""The note-placement patches (weasyprint_fixes/note_placement.py) on an article with a long note; their
canary on small pages is tests/weasyprint_canaries/test_note_placement.py."""
from __future__ import annotations

import re

import pytest

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build
from nashr.weasyprint_fixes import note_placement

from .pdf_inspect import note_calls, pages, pdftotext

# With these lengths, nashr's page and Amiri, the long note (three quarters of a page) fits under its
# calling line, but WeasyPrint's overflow test compares 1750.4881889763753 with 1750.488188976375.
PARAGRAPH = "هذه فقرة من نص المقال تتكرر لملء الصفحة وتبين كيف تتوزع الحواشي على الصفحات في المقالات العلمية. " * 6
LONG_NOTE = "حاشية طويلة جدا تمتد على أسطر كثيرة لتختبر ما يحدث عندما لا تتسع الصفحة لها. " * 60


def _long_note_article(make_manuscript, tmp_path):
    paragraphs = [PARAGRAPH + f"إحالة قصيرة[^n{i}]." for i in range(8)]
    paragraphs[3] = PARAGRAPH + "هنا إحالة إلى حاشية طويلة[^long]. " + PARAGRAPH
    notes = [f"[^n{i}]: حاشية قصيرة رقم {i}." for i in range(8) if i != 3]
    root = make_manuscript({
        "manuscript.yaml": "title: مقال تجريبي\nlang: ar\ncontents: [a.md]\n",
        "a.md": "\n\n".join(paragraphs + [f"[^long]: {LONG_NOTE}"] + notes) + "\n",
    })
    (output,) = build(root, tmp_path / "out", ["pdf"])
    return _call_and_note_pages(output.path)


def _call_and_note_pages(path) -> tuple[dict[int, int], dict[int, int]]:
    """{note: page index} of the calls and of the notes' first words (found by their text: the long
    note outweighs the body text on its page, which note_markers needs to tell notes from text)."""
    calls = {n: index for index, page in enumerate(pages(path)) for n in note_calls(page)}
    texts = [" ".join(re.sub(r"[\u200e\u200f\u202a-\u202e.]", "", pdftotext(path, n, n)).split())
             for n in range(1, len(pages(path)) + 1)]  # without bidi controls and "." around the numbers
    starts = {4: "حاشية طويلة جدا"} | {n: f"حاشية قصيرة رقم {label}" for n, label in
                                     zip((1, 2, 3, 5, 6, 7, 8), (0, 1, 2, 4, 5, 6, 7))}
    notes = {n: next(index for index, text in enumerate(texts) if words in text) for n, words in starts.items()}
    return calls, notes


def test_a_long_note_that_fits_sits_on_its_calls_page(make_manuscript, tmp_path):
    calls, notes = _long_note_article(make_manuscript, tmp_path)
    assert sorted(calls) == list(range(1, 9)) and notes == calls


def test_without_the_overflow_tolerance_the_long_note_goes_overleaf(make_manuscript, tmp_path, monkeypatch):
    """The article exercises the overflow comparison: with WeasyPrint's own (and the layout pass that
    pushes blocks, which cannot help here), note 4 leaves its call's page."""
    monkeypatch.setattr(note_placement, "AREA_OVERFLOW", (note_placement.AREA_OVERFLOW[0],) * 2)
    note_placement._patched.cache_clear()
    try:
        calls, notes = _long_note_article(make_manuscript, tmp_path)
    finally:
        note_placement._patched.cache_clear()
    assert notes[4] == calls[4] + 1


def test_a_note_taller_than_a_page_is_an_error_at_its_line(make_manuscript, tmp_path):
    """WeasyPrint would grow the footnote area past the page's top and lose the note's first lines."""
    root = make_manuscript({
        "manuscript.yaml": "title: حاشية ضخمة\nlang: ar\ncontents: [a.md]\n",
        "a.md": PARAGRAPH + "إحالة[^big] هنا.\n\n" + PARAGRAPH + "\n\n[^big]: " + LONG_NOTE * 3 + "\n",
    })
    with pytest.raises(ManuscriptError) as error:
        build(root, tmp_path / "out", ["pdf"])
    (problem,) = error.value.diagnostics
    assert (problem.location.path.name, problem.location.line) == ("a.md", 5)
    assert "note 1 is taller than a page" in problem.message and "split it" in problem.message
    assert not list((tmp_path / "out").glob("*.pdf"))
