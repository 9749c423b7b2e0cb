"""Persian and Hebrew articles: only nashr's own fonts, right-to-left, notes numbered."""
from __future__ import annotations

import re
import zipfile

import pytest

from nashr.pipeline import build

from .epub_inspect import epubcheck
from .pdf_inspect import note_calls, pages, pdffonts, pdftotext

ARTICLES = {
    "fa": ("مقاله‌ای درباره همکاری امنیتی",
           "# مقدمه\n\nاین متن فارسی است و واژه‌ی Security را در بر دارد.[^a] سال ۱۴۰۲ بود.[^b]\n\n"
           "[^a]: یادداشت نخست.\n[^b]: Brauch, H.G. (2011). Concepts of Security Threats.\n"),
    "he": ("מאמר לדוגמה על ביטחון",
           "# מבוא\n\nהפסקה הראשונה עוסקת בשיתוף פעולה ביטחוני,[^a] ומביאה ציטוט מתוך Brauch (2011).[^b]\n\n"
           "[^a]: ראו: משה כהן, ביטחון ושלום, ירושלים 2010.\n[^b]: Brauch, H.G. (2011). Concepts of Security Threats.\n"),
}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_article_uses_only_bundled_fonts_and_numbers_notes(lang, make_manuscript, tmp_path):
    title, body = ARTICLES[lang]
    root = make_manuscript({"manuscript.yaml": f"title: {title}\nlang: {lang}\ncontents: [a.md]\n", "a.md": body},
                           name=lang)
    (output,) = build(root, tmp_path / "out", ["pdf"])
    names = {font["name"].split("+")[-1] for font in pdffonts(output.path)}
    assert names <= {"Amiri", "Amiri-Bold", "Frank-Ruhl-Libre", "Frank-Ruhl-Libre-Bold"}, names
    assert [n for page in pages(output.path) for n in note_calls(page)] == [1, 2]
    text = pdftotext(output.path)
    assert title in text  # with its zero-width non-joiner: «مقاله‌ای», neither «مقالهای» nor «مقاله ای»
    marker = {"fa": "۲", "he": "2"}[lang]  # a Persian article numbers in Persian digits
    assert f"{marker}. Brauch, H.G. (2011). Concepts of Security Threats." in text  # the English note reads LTR


def test_hebrew_epub_embeds_the_hebrew_font_and_passes_epubcheck(make_manuscript, tmp_path):
    title, body = ARTICLES["he"]
    root = make_manuscript({"manuscript.yaml": f"title: {title}\nlang: he\ncontents: [a.md]\n", "a.md": body})
    (output,) = build(root, tmp_path / "out", ["epub"])
    assert epubcheck(output.path) == []
    with zipfile.ZipFile(output.path) as archive:
        assert any(name.startswith("EPUB/fonts/FrankRuhlLibre") for name in archive.namelist())


def test_hebrew_docx_sets_and_embeds_a_hebrew_complex_script_font(make_manuscript, tmp_path):
    title, body = ARTICLES["he"]
    root = make_manuscript({"manuscript.yaml": f"title: {title}\nlang: he\ncontents: [a.md]\n", "a.md": body})
    (output,) = build(root, tmp_path / "out", ["docx"])
    with zipfile.ZipFile(output.path) as archive:
        styles = archive.read("word/styles.xml").decode()
        font_table = archive.read("word/fontTable.xml").decode()
    assert 'w:cs="Frank Ruhl Libre"' in styles and 'w:cs="Amiri"' not in styles
    assert re.search(r'<w:font w:name="Frank Ruhl Libre">.*?<w:embedRegular', font_table, re.S)
