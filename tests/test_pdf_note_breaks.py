"""The note-placement patch (writers/pdf_note_breaks.py) on a page built to trigger WeasyPrint 70's
"report footnotes" branch: a paragraph whose second line only fits if the page's note moves away."""
from __future__ import annotations

import pytest
import weasyprint

from nashr.writers.pdf_layout import misplaced_notes
from nashr.writers.pdf_note_breaks import notes_stay_with_calls
from nashr.writers.weasyprint_pin import UnsupportedWeasyPrint

from .pdf_inspect import pdftotext

STYLE = """@page { size: 90mm 70mm; margin: 8mm; }
body { font: 10pt/14pt serif; orphans: 2; widows: 2; margin: 0 }
p { margin: 0 }
.footnote { float: footnote; footnote-policy: line; }
"""
# five filler lines put the long paragraph's first line last on page 1: its second line fits only
# if the note called on page 1 goes to page 2
PAGE = ('<p>Calls a note<span class="footnote" data-note="1">The note of page one, two lines long '
        'with these words.</span> here.</p>' + "".join(f"<p>Filler line {i}.</p>" for i in range(5))
        + "<p>" + "Long paragraph text that keeps going " * 8 + "</p>")


def _render(patched: bool, target):
    html = weasyprint.HTML(string=PAGE)
    if patched:
        with notes_stay_with_calls():
            document = html.render(stylesheets=[weasyprint.CSS(string=STYLE)])
    else:
        document = html.render(stylesheets=[weasyprint.CSS(string=STYLE)])
    document.write_pdf(target)
    return document


def test_weasyprint_alone_moves_the_note_overleaf(tmp_path):
    """The case exists: without the patch the note leaves its call's page (so the next test can fail)."""
    document = _render(False, tmp_path / "plain.pdf")
    assert [page for page, _ in misplaced_notes(document)] == [0]
    assert "The note of page one" in pdftotext(tmp_path / "plain.pdf", 2, 2)


def test_patched_layout_moves_the_paragraph_and_keeps_the_note(tmp_path):
    document = _render(True, tmp_path / "patched.pdf")
    assert misplaced_notes(document) == []
    first, second = pdftotext(tmp_path / "patched.pdf", 1, 1), pdftotext(tmp_path / "patched.pdf", 2, 2)
    assert "The note of page one" in first and "Calls a note" in first
    # orphans: 2 forbid leaving one line behind, so the whole paragraph starts on page 2
    assert "Long paragraph" not in first and second.lstrip().startswith("Long paragraph")


def test_patch_is_removed_after_use():
    from weasyprint.layout import block

    before = block._linebox_layout
    with notes_stay_with_calls():
        assert block._linebox_layout is not before
    assert block._linebox_layout is before


def test_refuses_another_weasyprint(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(UnsupportedWeasyPrint, match="pdf_note_breaks.py"):
        with notes_stay_with_calls():
            pass
