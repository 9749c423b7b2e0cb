"""The PDF text workaround (weasyprint_fixes/text_layer.py): words copy back, renders do not change."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pymupdf
import pytest
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from nashr.weasyprint_fixes import text_layer as pdf_text
from nashr.resources import bundled_faces
from nashr.writers.kit.templating import font_face_css
from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint

from .pdf_inspect import arabic_words, pdftotext

# Each word failed to copy back before the workaround: a lam before kaf (Amiri adds a kashida glyph),
# a real tatweel, a kerned reh|yeh and waw|yeh, vowel marks and shadda in their own clusters.
TRICKY = "المملكة بـالتهديد العسكرية الدولية ستظلّ حدّتها المستوىَيْن والسياسية"


def _write(path: Path, text: str, faithful: bool, family: str = "Amiri", lang: str = "ar") -> Path:
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=font_face_css([(f, f.path.as_uri()) for f in bundled_faces()]) + f"body {{ font-family: {family}; font-size: 14pt }}",
                         font_config=fonts)
    html = weasyprint.HTML(string=f'<html lang="{lang}" dir="rtl"><body><p>{text}</p><p><b>{text}</b></p></body></html>')
    document = html.render(stylesheets=[css], font_config=fonts)
    if faithful:
        with pdf_text.faithful_text():
            document.write_pdf(path, pdf_tags=True)
    else:
        document.write_pdf(path, pdf_tags=True)
    return path


def _png(pdf: Path) -> bytes:
    return subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf)],
                          check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pdf_text")
    return _write(folder / "plain.pdf", TRICKY, False), _write(folder / "faithful.pdf", TRICKY, True)


def test_each_word_copies_back_with_both_extractors(pdfs):
    _, faithful = pdfs
    expected = arabic_words(TRICKY) * 2
    assert arabic_words(pdftotext(faithful)) == expected
    assert arabic_words(pymupdf.open(faithful)[0].get_text()) == expected


def test_weasyprint_alone_does_not(pdfs):
    """Guards the test above: without the workaround these words break (if this fails, upstream fixed it)."""
    plain, _ = pdfs
    assert arabic_words(pdftotext(plain)) != arabic_words(TRICKY) * 2


def test_renders_are_pixel_identical(pdfs):
    plain, faithful = pdfs
    assert _png(plain) == _png(faithful)


def test_hebrew_in_a_variable_font(tmp_path):
    """Frank Ruhl Libre (nashr's Hebrew face) is a variable font: WeasyPrint instantiates it after
    subsetting, and the alias glyphs must survive that. Without the workaround: 50 % / 79 %."""
    text = "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם. האוניברסיטה העברית בירושלים היא מוסד מחקר והוראה."
    plain = _write(tmp_path / "plain.pdf", text, False, '"Frank Ruhl Libre"', "he")
    faithful = _write(tmp_path / "faithful.pdf", text, True, '"Frank Ruhl Libre"', "he")
    words = re.findall("[\u05d0-\u05ea]+", re.sub("[\u0591-\u05c7]", "", text)) * 2
    for extracted in (pdftotext(faithful), pymupdf.open(faithful)[0].get_text()):
        assert re.findall("[\u05d0-\u05ea]+", re.sub("[\u0591-\u05c7]", "", extracted)) == words
    assert _png(plain) == _png(faithful)


def test_workaround_is_removed_after_use():
    from weasyprint.draw import text
    from weasyprint.pdf.fonts import Font

    before = text.draw_first_line, Font.clean
    with pdf_text.faithful_text():
        assert text.draw_first_line is not before[0]
    assert (text.draw_first_line, Font.clean) == before


def test_refuses_another_weasyprint(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(UnsupportedWeasyPrint, match="written against WeasyPrint 70.0"):
        with pdf_text.faithful_text():
            pass
