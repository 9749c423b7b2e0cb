"""Canary of the note-placement patches (weasyprint_fixes/note_placement.py), on pages built to trigger
each of WeasyPrint 70's ways of moving a note off its call's page: "report footnotes" for orphans
(Kozea/WeasyPrint#2432), `widows` taking a calling line along, and the footnote area's overflow test
comparing two sums of the same lengths."""
from __future__ import annotations

import pytest
import weasyprint
from weasyprint import layout

from nashr.weasyprint_fixes import note_placement
from nashr.weasyprint_fixes.note_placement import notes_stay_with_calls
from nashr.weasyprint_fixes.pin import recompiled, replaced
from nashr.writers.pdf.layout import misplaced_notes

from ..pdf_inspect import pdftotext
from . import still_wrong

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
    # the overflow test: one short note on an almost empty page is "too tall" for its footnote area, by
    # the last digits of two sums of the same lengths added in different orders
    "overflow": (
        "@page { size: 200px 200px; margin: 10px; @footnote { margin-top: 3.3px; padding-top: 7.4px } } "
        "body { margin: 0; font: 10px/15.7px serif } p { margin: 0 } "
        ".footnote { float: footnote; margin-bottom: 2.7px }",
        "<p>x" + NOTE.format("note 1") + "</p>" + "<p>filler</p>" * 3,
    ),
}


# widows: the paragraph's last line does not fit on page 1; WeasyPrint 70 would take the line before it
# too (widows: 2), and with it that line's call and its note, emptying page 1's foot
WIDOWS = (CASES["orphans"][0].replace("90mm 70mm", "90mm 80mm"),
          "".join(f"<p>Filler line {i}.</p>" for i in range(6)) + "<p>First line of the paragraph.<br>"
          "Second line with a call" + NOTE.format("The note, two lines long: words and more words and more "
                                                  "words to fill them up.") + " in it.<br>Last line of the paragraph.</p><p>Next.</p>")
CASES_AND_WIDOWS = {**CASES, "widows": WIDOWS}
UPSTREAM = {"orphans": "notes moved overleaf to satisfy orphans (#2432)",
            "first line": "notes moved overleaf to fit a paragraph's first line (#2432)",
            "overflow": "the footnote area's overflow test off by a rounding error"}


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
    misplaced = [page for page, _ in misplaced_notes(_render(case, patched=False))]
    still_wrong(misplaced == [0], UPSTREAM[case], "note_placement")


@pytest.mark.parametrize("case", CASES)
def test_patched_layout_keeps_the_note_with_its_call(case):
    assert misplaced_notes(_render(case, patched=True)) == []


def test_the_overflow_case_needs_only_the_tolerance():
    """The "overflow" case is the comparison alone: WeasyPrint with just that line changed keeps the note."""
    tolerant = recompiled(layout.LayoutContext._update_footnote_area, layout, [note_placement.AREA_OVERFLOW], "test")
    style, body = CASES["overflow"]
    with replaced((layout.LayoutContext, "_update_footnote_area", tolerant)):
        document = weasyprint.HTML(string=body).render(stylesheets=[weasyprint.CSS(string=style)])
    assert len(document.pages) == 1 and misplaced_notes(document) == []


def test_weasyprint_alone_moves_a_calling_line_with_a_widow(tmp_path):
    _render("widows", patched=False).write_pdf(tmp_path / "plain.pdf")
    still_wrong("The note, two lines long" in pdftotext(tmp_path / "plain.pdf", 2, 2),
                "widows taking a calling line and its note overleaf", "note_placement")


def test_a_widow_is_allowed_rather_than_moving_a_note(tmp_path):
    patched = _render("widows", patched=True)
    assert not misplaced_notes(patched)
    patched.write_pdf(tmp_path / "patched.pdf")
    first, second = pdftotext(tmp_path / "patched.pdf", 1, 1), pdftotext(tmp_path / "patched.pdf", 2, 2)
    assert "Second line with a call" in first and "The note, two lines long" in first
    assert second.lstrip().startswith("Last line of the paragraph")


def test_orphans_move_the_paragraph_not_the_note(tmp_path):
    _render("orphans", patched=True).write_pdf(tmp_path / "patched.pdf")
    first, second = pdftotext(tmp_path / "patched.pdf", 1, 1), pdftotext(tmp_path / "patched.pdf", 2, 2)
    assert "The note of page one" in first and "Calls a note" in first
    # orphans: 2 forbid leaving one line behind, so the whole paragraph starts on page 2
    assert "Long paragraph" not in first and second.lstrip().startswith("Long paragraph")


def test_patches_are_removed_after_use():
    from weasyprint.layout import LayoutContext, block

    before = block._linebox_layout, LayoutContext._update_footnote_area
    with notes_stay_with_calls():
        assert block._linebox_layout is not before[0] and LayoutContext._update_footnote_area is not before[1]
    assert (block._linebox_layout, LayoutContext._update_footnote_area) == before
