"""Raw HTML rendered through the sanitizer, and the Markdown dialects people write, in every format.

Fixtures: tests/data/raw-html.md (every allowed tag, each dropped one, a `markdown="1"` wrapper, in an
Arabic article), tests/data/dialects.md (MkDocs, kramdown and GitHub syntax), tests/data/persian-lists.md
(lists numbered in Persian digits), tests/data/wild/ (Persian articles from a public repository).
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from nashr.pipeline import build

from .engine_helpers import text_of
from .epub_inspect import epubcheck
from .pdf_inspect import pages

DATA = Path(__file__).parent / "data"
FORMATS = ["pdf", "epub", "docx"]
TAG_AS_TEXT = re.compile(r"</?[a-zA-Z][\w-]*[\s>/=]|\{:|!!!|\?\?\?|\[!\w+\]|:material-|:octicons-")


def _build(tmp: Path, lang: str, files: dict[str, Path]) -> tuple[dict[str, Path], list[str]]:
    root = tmp / "ms"
    root.mkdir()
    for name, source in files.items():
        shutil.copy(source, root / name)
    Image.new("RGB", (120, 80), "teal").save(root / "figure.png")
    contents = ", ".join(files)
    (root / "manuscript.yaml").write_text(f"title: Test\nlang: {lang}\nslug: t\ncontents: [{contents}]\n",
                                          encoding="utf-8")
    warnings: list[str] = []
    outputs = build(root, tmp / "out", FORMATS, warn=lambda w: warnings.append(str(w)))
    return {o.format: o.path for o in outputs}, warnings


def _epub_pages(epub: Path) -> str:
    """The article's pages (not the navigation)."""
    with zipfile.ZipFile(epub) as book:
        return "".join(book.read(n).decode() for n in book.namelist()
                       if n.endswith(".xhtml") and not n.endswith("nav.xhtml"))


def _docx_body(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode()


def _line(warning: str) -> int:
    return int(warning.split(": warning")[0].rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def tags(tmp_path_factory) -> tuple[dict[str, Path], list[str]]:
    return _build(tmp_path_factory.mktemp("tags"), "ar", {"a.md": DATA / "raw-html.md"})


@pytest.fixture(scope="module")
def dialects(tmp_path_factory) -> tuple[dict[str, Path], list[str]]:
    return _build(tmp_path_factory.mktemp("dialects"), "ar", {"a.md": DATA / "dialects.md"})


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_tag_is_printed_and_dropped_content_is_gone(tags, fmt):
    outputs, _ = tags
    text = " ".join(text_of(outputs[fmt]).split())
    assert not TAG_AS_TEXT.search(text), TAG_AS_TEXT.search(text)
    for kept in ("نص مظلل", "Left to right", "An English paragraph", "تفاصيل إضافية", "ملاحظة جانبية",
                 "الثالث", "مصطلح", "العمود", "نص في المنتصف", "فقرة بأسلوب ومعالج حدث", "اقتباس قصير"):
        assert kept in text, kept
    for gone in ("alert", "steal", "إرسال", "remote", "movie"):
        assert gone not in text, gone


def test_each_drop_is_one_warning_at_its_line(tags):
    _, warnings = tags
    assert [_line(w) for w in warnings] == [37, 39, 41, 43, 45, 47], warnings
    assert "<script>" in warnings[0] and "style attribute" in warnings[1] and "onclick" in warnings[1]
    assert "remote.png" in warnings[2] and "<iframe>" in warnings[2] and "<form>" in warnings[3]


def test_allowed_tags_become_elements_in_the_epub(tags):
    outputs, _ = tags
    xhtml = _epub_pages(outputs["epub"])
    for element in ("<mark>", "<kbd>", "<sub>", "<sup>", "<abbr", "<figure", "<figcaption", "<blockquote",
                    "<dl>", "<table", 'class="aside"', 'class="admonition details"', 'class="admonition-title"',
                    'class="small"', "<br />"):
        assert element in xhtml, element
    assert re.search(r'<ol start="3"', xhtml)
    assert re.search(r'<div class="lead" dir="ltr"[^>]*>\s*<p[^>]*>An English', xhtml)
    assert [m for m in epubcheck(outputs["epub"]) if m["severity"] in ("FATAL", "ERROR")] == []


def test_allowed_tags_become_word_formatting_in_the_docx(tags):
    outputs, _ = tags
    body = _docx_body(outputs["docx"])
    for mark in ('<w:highlight w:val="yellow"/>', '<w:vertAlign w:val="superscript"/>',
                 '<w:vertAlign w:val="subscript"/>', 'w:val="AdmonitionTitle"', 'w:val="Aside"', "<w:tbl>",
                 "<w:numPr>", "<w:drawing>"):
        assert mark in body, mark


def test_dir_on_a_raw_paragraph_sets_it_left_to_right_in_the_pdf(tags):
    outputs, _ = tags
    page = next(p for p in pages(outputs["pdf"]) if "English paragraph" in (p.extract_text() or ""))
    first = next(w for w in page.extract_words() if w["text"] == "An")
    assert first["x0"] < page.width / 4  # starts on the left edge of the text, in a right-to-left article
    assert page.images  # the local image of the raw <figure>


@pytest.mark.parametrize("fmt", FORMATS)
def test_dialects_are_never_printed_as_syntax(dialects, fmt):
    outputs, _ = dialects
    text = " ".join(text_of(outputs[fmt]).split())
    assert not TAG_AS_TEXT.search(text) and "==" not in text and "{" not in text and "===" not in text
    for kept in ("ملاحظة بعنوان", "البند الثاني", "تحذير", "صندوق قابل للطي", "نصيحة", "تبويب", "نص مظلل"):
        assert kept in text, kept


def test_dialect_boxes_lists_and_attributes_in_the_epub_and_docx(dialects):
    outputs, warnings = dialects
    xhtml = _epub_pages(outputs["epub"])
    for kind in ("note", "warning", "tip", "tab"):
        assert f'class="admonition {kind}"' in xhtml, kind
    assert "<mark>" in xhtml and 'id="dialects"' in xhtml and 'class="md-button"' in xhtml
    assert re.search(r'class="admonition note".*?<ol[^>]*>\s*<li>', xhtml, re.S)
    body = _docx_body(outputs["docx"])
    assert body.count('w:val="AdmonitionTitle"') == 4 and '<w:highlight w:val="yellow"/>' in body
    assert [(_line(w), w.split("warning: ")[1][:20]) for w in warnings] == [
        (3, "icon shortcodes left"), (17, "attribute list {: .l")]


def test_persian_digit_lists_are_lists_in_every_format(tmp_path):
    outputs, warnings = _build(tmp_path, "fa", {"a.md": DATA / "persian-lists.md"})
    assert warnings == []
    xhtml = _epub_pages(outputs["epub"])
    assert len(re.findall(r"<ol\b", xhtml)) == 3 and re.search(r'<ol start="3"', xhtml)
    assert xhtml.count("<li>") == 7 and "۱." not in xhtml and "1-" not in xhtml
    assert _docx_body(outputs["docx"]).count("<w:numPr>") == 7
    text = text_of(outputs["pdf"])
    assert "۴" in text and "۱." not in text.replace("۱. گام", "")  # markers in Persian digits, no "1." typed
    assert "گام دوم" in text and "1-" not in text


def test_persian_articles_from_the_wild(tmp_path):
    files = {path.name: path for path in sorted((DATA / "wild").glob("*.md")) if path.name != "README.md"}
    outputs, warnings = _build(tmp_path, "fa", files)
    assert warnings == []
    xhtml = _epub_pages(outputs["epub"])
    assert re.search(r"<h1[^>]*>چرا کاتلین</h1>", xhtml) and re.search(r"<h1[^>]*>توابع الحاقی", xhtml)
    assert re.search(r"<ul>\s*<li>\s*(<p>)?مختصر", xhtml)  # "-\t" after a paragraph line is a list
    for fmt in FORMATS:
        text = text_of(outputs[fmt])
        assert "<div" not in text and "</div>" not in text and "CustomerKotlinKt" in text
