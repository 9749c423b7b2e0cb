"""The note-placement patches (writers/pdf_note_breaks.py) on pages built to trigger each of WeasyPrint
70's two ways of moving a note off its call's page, and on an article with a long note."""
from __future__ import annotations

import re

import pytest
import weasyprint

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build
from nashr.weasyprint_fixes import note_placement as pdf_note_breaks
from nashr.writers.pdf_layout import misplaced_notes
from nashr.weasyprint_fixes.note_placement import notes_stay_with_calls
from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint

from .pdf_inspect import note_calls, note_markers, pages, pdftotext

NOTE = '<span class="footnote" data-note="1">{}</span>'
CASES = {
    # "report footnotes": five filler lines put the long paragraph's first line last on page 1; its
    # second line fits (orphans: 2) only if the note called on page 1 goes to page 2
    "orphans": (
        "@page { size: 90mm 70mm; margin: 8mm; } body { font: 10pt/14pt serif; orphans: 2; widows: 2; "
        "margin: 0 } p { margin: 0 } .footnote { float: footnote; footnote-policy: line; }",
        "<p>Calls a note" + NOTE.format("The note of page one, two lines long with these words.")
        + " here.</p>" + "".join(f"<p>Filler line {i}.</p>" for i in range(5))
        + "<p>" + "Long paragraph text that keeps going " * 8 + "</p>",
    ),
    # "report footnotes" again: the third paragraph's first line fits only if the long note goes
    "first line": (
        "@page { size: 120mm 160mm; margin: 10mm; @footnote { margin-top: 4mm; padding-top: 2mm; } } "
        "body { font: 10pt/1.55 serif; orphans: 1; widows: 1; margin: 0 } p { margin: 0 0 0.45em 0 } "
        ".footnote { float: footnote; footnote-policy: line; font-size: 8pt }",
        "<p>Some text " + "word " * 60 + "</p><p>Calls" + NOTE.format("A long note that goes on. " * 26)
        + " it. " + "more text " * 40 + "</p><p>" + "tail " * 200 + "</p>",
    ),
}


# widows: the paragraph's last line does not fit on page 1; WeasyPrint 70 would take the line before it
# too (widows: 2), and with it that line's call and its note, emptying page 1's foot
WIDOWS = (CASES["orphans"][0].replace("90mm 70mm", "90mm 80mm"),
          "".join(f"<p>Filler line {i}.</p>" for i in range(6)) + "<p>First line of the paragraph.<br>"
          "Second line with a call" + NOTE.format("The note, two lines long: words and more words and more "
                                                  "words to fill them up.") + " in it.<br>Last line of the paragraph.</p><p>Next.</p>")
CASES_AND_WIDOWS = {**CASES, "widows": WIDOWS}


def _render(case: str, patched: bool):
    style, body = CASES_AND_WIDOWS[case]
    html, stylesheets = weasyprint.HTML(string=body), [weasyprint.CSS(string=style)]
    if not patched:
        return html.render(stylesheets=stylesheets)
    with notes_stay_with_calls():
        return html.render(stylesheets=stylesheets)


@pytest.mark.parametrize("case", CASES)
def test_weasyprint_alone_moves_the_note_overleaf(case):
    """Each case exists: without the patches the note leaves its call's page (so the next test can fail)."""
    assert [page for page, _ in misplaced_notes(_render(case, patched=False))] == [0]


@pytest.mark.parametrize("case", CASES)
def test_patched_layout_keeps_the_note_with_its_call(case):
    assert misplaced_notes(_render(case, patched=True)) == []


def test_a_widow_is_allowed_rather_than_moving_a_note(tmp_path):
    plain, patched = _render("widows", patched=False), _render("widows", patched=True)
    assert not misplaced_notes(plain) and not misplaced_notes(patched)  # calls and notes together, both ways
    patched.write_pdf(tmp_path / "patched.pdf")
    plain.write_pdf(tmp_path / "plain.pdf")
    assert "The note, two lines long" in pdftotext(tmp_path / "plain.pdf", 2, 2)  # moved with two lines
    first, second = pdftotext(tmp_path / "patched.pdf", 1, 1), pdftotext(tmp_path / "patched.pdf", 2, 2)
    assert "Second line with a call" in first and "The note, two lines long" in first
    assert second.lstrip().startswith("Last line of the paragraph")


def test_orphans_move_the_paragraph_not_the_note(tmp_path):
    _render("orphans", patched=True).write_pdf(tmp_path / "patched.pdf")
    first, second = pdftotext(tmp_path / "patched.pdf", 1, 1), pdftotext(tmp_path / "patched.pdf", 2, 2)
    assert "The note of page one" in first and "Calls a note" in first
    # orphans: 2 forbid leaving one line behind, so the whole paragraph starts on page 2
    assert "Long paragraph" not in first and second.lstrip().startswith("Long paragraph")


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
    monkeypatch.setattr(pdf_note_breaks, "AREA_OVERFLOW", (pdf_note_breaks.AREA_OVERFLOW[0],) * 2)
    pdf_note_breaks._patched.cache_clear()
    try:
        calls, notes = _long_note_article(make_manuscript, tmp_path)
    finally:
        pdf_note_breaks._patched.cache_clear()
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


def test_patches_are_removed_after_use():
    from weasyprint.layout import LayoutContext, block

    before = block._linebox_layout, LayoutContext._update_footnote_area
    with notes_stay_with_calls():
        assert block._linebox_layout is not before[0] and LayoutContext._update_footnote_area is not before[1]
    assert (block._linebox_layout, LayoutContext._update_footnote_area) == before


def test_refuses_another_weasyprint(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(UnsupportedWeasyPrint, match="pdf_note_breaks.py"):
        with notes_stay_with_calls():
            pass
