"""General Markdown, as in Pandoc's own test documents, in every format: numbered lists that start
elsewhere than 1, nested bullets, definition lists, code, Greek in math, a table wider than the page,
HTML comments, duplicate identifiers — in an English article and inside an Arabic one.

The text is tests/data/markdown-constructs.md (written for nashr, not taken from Pandoc).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from nashr.pipeline import build, prepare
from nashr.resources import amiri_faces

from .engine_helpers import text_of
from .epub_inspect import epubcheck
from .pdf_inspect import pages, pdffonts, pdftotext

FIXTURE = Path(__file__).parent / "data" / "markdown-constructs.md"
ARABIC_INTRO = "# مقدمة\n\nفقرة عربية تسبق النص الإنجليزي، وفيها كلمة English، وهذا *مهم*.\n"
BUNDLED = ("Amiri", "FrankRuhlLibre", "JetBrains-Mono")


def _manuscript(folder: Path, lang: str) -> Path:
    """The fixture as a manuscript in `folder`, alone (English) or after an Arabic section."""
    folder.mkdir(parents=True)
    (folder / "constructs.md").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    contents = "[constructs.md]"
    if lang == "ar":
        (folder / "intro.md").write_text(ARABIC_INTRO, encoding="utf-8")
        contents = "[intro.md, constructs.md]"
    (folder / "manuscript.yaml").write_text(
        f"title: Constructs\nlang: {lang}\nslug: c\ncontents: {contents}\n", encoding="utf-8")
    Image.new("RGB", (400, 400), "teal").save(folder / "square.png")  # 400 px, to be shown 40 px wide
    return folder


@pytest.fixture(scope="module", params=["en", "ar"])
def outputs(request, tmp_path_factory) -> dict[str, Path]:
    """Every format of the fixture, built once per language."""
    base = tmp_path_factory.mktemp(f"constructs-{request.param}")
    root = _manuscript(base / "ms", request.param)
    return {o.format: o.path for o in build(root, base / f"out-{request.param}", ["pdf", "epub", "docx"])}


def _chars(pdf: Path) -> list[dict]:
    return [char for page in pages(pdf) for char in page.chars]


def _font_of(pdf: Path, word: str) -> set[str]:
    """The fonts that draw `word` wherever it appears in the PDF."""
    text, fonts = "", []
    for char in _chars(pdf):  # a ligature is one glyph for several characters
        text += char["text"]
        fonts += [char["fontname"].split("+")[-1]] * len(char["text"])
    return {fonts[m.start() + i] for m in re.finditer(re.escape(word), text) for i in range(len(word))}


def test_an_image_sized_in_pixels_keeps_its_size(outputs):
    (image,) = [image for page in pages(outputs["pdf"]) for image in page.images]
    assert round(image["width"]) == 30  # 40 px = 30 pt, not the picture's own 400 px


def test_every_glyph_comes_from_the_bundled_fonts(outputs):
    # the default nested bullets (◦ ▪) and Greek letters in math used to come from DejaVu
    fonts = [font["name"].split("+")[-1] for font in pdffonts(outputs["pdf"])]
    assert fonts and all(name.startswith(BUNDLED) for name in fonts), fonts


def test_punctuation_without_letters_takes_the_form_of_its_direction(outputs):
    # Amiri's Latin period is 0.202 em wide, its Arabic one 0.317 em: a period after an emphasis or a
    # list number ("6.") is Latin in left-to-right text, Arabic after Arabic ("*مهم*.")
    widths = {}
    for page in pages(outputs["pdf"]):
        chars = page.chars
        for before, char in zip(chars, chars[1:]):
            if char["text"] == "." and char["fontname"].split("+")[-1] == "Amiri":
                widths[before["text"]] = round((char["x1"] - char["x0"]) / char["size"], 3)
    assert widths["6"] == widths["7"] == widths["B"] == 0.202, widths
    if "out-ar" in str(outputs["pdf"]):
        assert widths["م"] == 0.317, widths


def test_numbered_lists_keep_their_start_and_style(outputs):
    text = " ".join(pdftotext(outputs["pdf"]).split())
    for item in ("6. Sixth item", "7. Seventh item", "iv. fourth in lower roman", "v. fifth in lower roman",
                 "A. first upper alpha", "B. second upper alpha"):
        assert item in text, (item, text[:800])


def test_code_is_monospaced_and_wraps_within_the_page(outputs):
    pdf = outputs["pdf"]
    assert _font_of(pdf, "print_value") == {"JetBrains-Mono"}
    assert _font_of(pdf, "Quince") == {"Amiri-Bold"}  # a definition's term is bold
    for page in pages(pdf):
        assert all(c["x1"] <= page.width for c in page.chars), "something runs off the page"
    text = " ".join(pdftotext(pdf).split())
    assert "run past the right margin of the page if it did not wrap" in text
    assert "LAST" in text and "Endcell" in text  # the wide table's last column is on the page


def test_english_code_lists_and_tables_read_left_to_right(outputs):
    pdf = outputs["pdf"]
    words = [w for page in pages(pdf) for w in page.extract_words()]
    first_column = next(w for w in words if w["text"].startswith("King"))
    last_column = next(w for w in words if w["text"].startswith("LAST"))
    assert first_column["x0"] < last_column["x0"]  # also inside an Arabic article
    six = next(w for w in words if w["text"] == "Sixth")
    marker = next(w for w in words if w["text"] in ("6.", ".6") and abs(w["top"] - six["top"]) < 3)
    assert marker["x1"] < six["x0"]  # the list's numbers on the left of its items
    alone = next(w for w in words if w["text"] == "standalone_call()")
    assert alone["x0"] < pages(pdf)[0].width / 3  # a paragraph of code alone starts on the left
    with zipfile.ZipFile(outputs["docx"]) as docx:
        assert "bidiVisual" not in docx.read("word/document.xml").decode()  # no mirrored English table
    page = next(p for p in pages(pdf) if "def print_value" in (p.extract_text() or ""))
    line = [c for c in page.chars if c["text"] == "d" and c["fontname"].endswith("JetBrains-Mono")]
    assert line and min(c["x0"] for c in line) < page.width / 3  # starts at the left, in either article
    with zipfile.ZipFile(outputs["epub"]) as book:
        pages_xhtml = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    right_to_left = re.search(r'<html[^>]* dir="rtl"', pages_xhtml)
    assert not right_to_left or '<pre dir="ltr"><code>def print_value' in pages_xhtml


def test_math_is_typeset_not_printed_as_tex(outputs):
    pdf = outputs["pdf"]
    text = pdftotext(pdf)
    assert "\\frac" not in text and "$$" not in text and "\\sqrt" not in text
    page = next(p for p in pages(pdf) if "on a line of its own" in (p.extract_text() or ""))
    assert page.curves or page.rects or page.images  # the formula is drawn
    with zipfile.ZipFile(outputs["epub"]) as book:
        opf = book.read("EPUB/package.opf").decode()
        xhtml = {n: book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")}
    with_math = [n for n, page_text in xhtml.items() if "http://www.w3.org/1998/Math/MathML" in page_text]
    assert with_math and all(f'href="{n.removeprefix("EPUB/")}" media-type="application/xhtml+xml" '
                             'properties="mathml"' in opf for n in with_math)
    with zipfile.ZipFile(outputs["docx"]) as docx:
        assert "<m:oMathPara" in docx.read("word/document.xml").decode()


@pytest.mark.parametrize("fmt", ["pdf", "epub", "docx"])
def test_html_comments_are_left_out_and_tags_are_rendered(outputs, fmt):
    text = " ".join(text_of(outputs[fmt]).split())
    assert "SECRETDRAFT" not in text and "HIDDENNOTE" not in text
    assert "Inline comment, and raw HTML: kept H2O." in text
    assert "<span" not in text and "<sub>" not in text


def test_epub_is_valid_and_has_latin_punctuation_for_left_to_right_text(outputs):
    assert [m for m in epubcheck(outputs["epub"]) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []
    with zipfile.ZipFile(outputs["epub"]) as book:
        assert '[dir="ltr"] { font-feature-settings: "cv99"; }' in book.read("EPUB/styles/epub.css").decode()
        amiri = book.read("EPUB/fonts/Amiri-Regular.ttf")
    assert amiri != amiri_faces()[0].path.read_bytes()  # the adjusted copy


def test_duplicate_identifier_is_a_warning_at_its_line(tmp_path):
    root = _manuscript(tmp_path / "ms", "en")
    warnings = []
    prepare(root, warnings.append)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("> ## Heading in a quotation"))
    assert [(w.location.path.name, w.location.line) for w in warnings] == [("constructs.md", line)]
    assert "_chunk" not in warnings[0].message and "first-heading" in warnings[0].message


def test_a_content_file_given_as_the_manuscript_says_so(tmp_path, capsys):
    from nashr.cli import main

    root = _manuscript(tmp_path / "ms", "en")
    assert main(["check", str(root / "constructs.md")]) == 1
    message = capsys.readouterr().err
    assert "constructs.md:1: error: this file has no front matter and its folder holds manuscript.yaml" in message
    assert "so build the folder" in message


def test_a_formula_that_cannot_be_drawn_is_printed_as_its_tex(monkeypatch):
    import ziamath

    from nashr.writers.pdf import math as pdf_math

    def refuse(*args, **kwargs):
        raise ValueError("unsupported")

    monkeypatch.setattr(ziamath, "Math", refuse)
    mathml = ('<math display="inline" xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mi>x</mi>'
              '<annotation encoding="application/x-tex">x &lt; y</annotation></semantics></math>')
    assert pdf_math.math_as_svg(f"<p>{mathml}</p>") == '<p><code class="math-source">x &lt; y</code></p>'
