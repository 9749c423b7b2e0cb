"""Persian, Urdu and Hebrew scholarly articles (tests/data/articles/) in all three formats, judged as
their readers and editors would: words that copy back as written (Persian words with a zero-width
non-joiner included), the digits the language writes, Latin citations in their order, one family of
type per article, and Word files that name the language and a font for every script they hold."""
from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pypandoc
import pytest
import yaml

from nashr.pipeline import build

from .docx_inspect import W, Docx, libreoffice_pdf
from .epub_inspect import epubcheck
from .pdf_inspect import note_calls, note_markers, pages, pdffonts, pdftotext

ARTICLES = Path(__file__).parent / "data" / "articles"
BUNDLED = {"Amiri", "Amiri-Bold", "Amiri-Italic", "Amiri-BoldItalic",
           "Frank-Ruhl-Libre", "Frank-Ruhl-Libre-Bold", "Frank-Ruhl-Libre-Oblique"}
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """Build each article once, in every format: article(name) → {format: path}."""
    out = tmp_path_factory.mktemp("rtl-articles")
    outputs: dict[str, dict[str, Path]] = {}

    def get(name: str) -> dict[str, Path]:
        if name not in outputs:
            built = build(ARTICLES / name, out / name, ["pdf", "epub", "docx"])
            outputs[name] = {output.format: output.path for output in built}
        return outputs[name]

    return get


def source_text(name: str) -> str:
    """The article's words as the author wrote them: every content file as plain text, and the title."""
    folder = ARTICLES / name
    manifest = yaml.safe_load((folder / "manuscript.yaml").read_text(encoding="utf-8"))
    files = [pypandoc.convert_file(str(folder / f), "plain", extra_args=["--wrap=none"])
             for f in manifest["contents"]]
    return "\n".join(files + [manifest["title"]])


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u0591-\u05c7]")  # vowel marks, niqqud, tatweel
_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u05d0-\u05ea]+(?:\u200c[\u0621-\u064a\u0671-\u06d3]+)*")


def words(text: str) -> Counter:
    """Arabic-script and Hebrew words, a Persian word with its ZWNJ kept whole («می‌شود»)."""
    return Counter(_WORD.findall(_MARKS.sub("", unicodedata.normalize("NFC", text))))


@pytest.mark.parametrize("name", ["fa", "ur", "he", "he-ar"])
def test_every_word_copies_back_out_of_the_pdf_as_written(article, name):
    expected, found = words(source_text(name)), words(pdftotext(article(name)["pdf"]))
    missed = {word: count for word, count in expected.items() if found[word] < count}
    assert not missed, f"{len(missed)} of {len(expected)} words do not copy back: {list(missed)[:10]}"


def test_persian_words_keep_their_zero_width_non_joiner(article):
    text = pdftotext(article("fa")["pdf"])
    for word in ("همکاری\u200cهای", "می\u200cشود", "بین\u200cالملل", "توافق\u200cنامه\u200cهای"):
        assert word in text  # neither «همکاریهای» (glued) nor «همکاری های» (split)
    assert "همکاریهای" not in text


@pytest.mark.parametrize("name, notes", [("fa", 8), ("ur", 6), ("he", 5), ("he-ar", 3)])
def test_each_page_carries_the_notes_it_calls(article, name, notes):
    called = []
    for page in pages(article(name)["pdf"]):
        calls = note_calls(page)  # Persian digits read as numbers too
        markers = [m.number for m in note_markers(page) if m.number <= notes]  # not "57.4%" in a table
        assert calls == markers, (page.page_number, calls, markers)
        called += calls
    assert called == list(range(1, notes + 1))


@pytest.mark.parametrize("name", ["fa", "ur", "he", "he-ar"])
def test_no_note_call_sits_alone_on_a_line(article, name):
    """The Persian block quote's last line once broke between "پیش‌روست." and its call."""
    for page in pages(article(name)["pdf"]):
        body = max(Counter(round(c["size"], 1) for c in page.chars).items(), key=lambda kv: kv[1])[0]
        text = [c for c in page.chars if c["size"] >= 0.9 * body and c["text"].strip()]
        calls = [c for c in page.chars if c["size"] < 0.7 * body and c["text"].strip()]
        for call in calls:  # a raised call shares its line with body text
            assert any(c["top"] < call["bottom"] and call["top"] < c["bottom"] for c in text), (
                page.page_number, call["text"])


@pytest.mark.parametrize("name", ["fa", "ur", "he", "he-ar"])
def test_pdf_uses_only_the_bundled_fonts(article, name):
    names = {font["name"].split("+")[-1] for font in pdffonts(article(name)["pdf"])}
    assert names <= BUNDLED, names


_MARKER = re.compile(r"^\s*(?:\.\s*([0-9۰-۹]+)|([0-9۰-۹]+)\.\s)", re.M)  # "‏.۴ متن" (RTL) or "۶. Wolf" (LTR)


@pytest.mark.parametrize("name, notes", [("fa", 8), ("ur", 6)])
def test_persian_and_urdu_articles_number_in_persian_digits(article, name, notes):
    text = pdftotext(article(name)["pdf"])
    markers = [a or b for a, b in _MARKER.findall(text)]  # note markers and list numbers
    assert all(set(m) <= set(PERSIAN_DIGITS) for m in markers), markers
    for number in range(1, notes + 1):
        assert "".join(PERSIAN_DIGITS[int(d)] for d in str(number)) in markers
    assert re.search(r"جدول\s*:?\s*۱", text)  # the table's number (poppler puts the colon before it)
    assert re.search(r"^\s*۲\s*$", text, re.M)  # the page number of page 2


def test_hebrew_article_keeps_western_digits(article):
    text = pdftotext(article("he")["pdf"])
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text)  # no Arabic-Indic or Persian digit generated
    assert re.search(r"^\s*2\s*$", text, re.M)  # the page number of page 2


def _order_on_a_line(pdf: Path, before: str, after: str) -> bool:
    """Whether `before` is drawn left of `after` on the first line that holds both."""
    for page in pages(pdf):
        lines: dict[int, list[dict]] = {}
        for char in page.chars:
            lines.setdefault(round(char["top"]), []).append(char)
        for chars in lines.values():
            chars.sort(key=lambda c: c["x0"])
            text = "".join(c["text"] for c in chars)
            if before in text and after in text:
                return text.index(before) < text.index(after)
    raise AssertionError(f"no line holds both {before} and {after}")


@pytest.mark.parametrize("name, before, after", [
    ("fa", "Bank", "2014"),  # «(World Bank, 2014)» in a note
    ("fa", "Wolf", "1998"),  # «Wolf (1998)» in the text
    ("ur", "Act", "1910"),  # «Press Act of 1910»
    ("he-ar", "Brill", "112"),  # «Leiden: Brill, p. 112.» (Pandoc puts a no-break space after "p.")
])
def test_a_number_after_a_latin_run_reads_with_it(article, name, before, after):
    assert _order_on_a_line(article(name)["pdf"], before, after), f"{after} is drawn left of {before}"


def test_hebrew_article_is_set_in_the_hebrew_face_latin_italics_from_amiri(article):
    chars = [c for page in pages(article("he-ar")["pdf"]) for c in page.chars]
    digits = [c for c in chars if len(c["text"]) == 1 and c["text"] in "0123456789" and c["size"] > 11]
    assert digits and all("Frank-Ruhl-Libre" in c["fontname"] for c in digits)  # not Amiri's digits
    assert any(c["text"] == "ج" and "Amiri" in c["fontname"] for c in chars)  # the Arabic quotation
    assert any(c["text"] == "C" and "Amiri-Italic" in c["fontname"] for c in chars)  # *The Changing Rhythm*


def test_urdu_table_caption_stays_with_its_table(article):
    for page in pages(article("ur")["pdf"]):
        text = pdftotext(article("ur")["pdf"], page.page_number)
        if "منتخب اخبارات" in text:
            assert "اداریوں کی تعداد" in text  # the table's header row on the caption's page
            return
    pytest.fail("caption not found")


@pytest.mark.parametrize("name, lang", [("fa", "fa"), ("ur", "ur"), ("he", "he"), ("he-ar", "he")])
def test_epub_is_valid_and_declares_language_and_direction(article, name, lang):
    epub = article(name)["epub"]
    assert epubcheck(epub) == []
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/section-01.xhtml").decode()
        fonts = [n for n in archive.namelist() if n.startswith("EPUB/fonts/")]
    assert f'xml:lang="{lang}"' in page and 'dir="rtl"' in page
    assert any("Amiri" in n for n in fonts)
    assert any("FrankRuhlLibre" in n for n in fonts) == (lang == "he")


def test_persian_epub_numbers_its_lists_in_persian_digits_not_its_table_of_contents(article):
    with zipfile.ZipFile(article("fa")["epub"]) as archive:
        css = archive.read("EPUB/styles/epub.css").decode()
        page = archive.read("EPUB/section-01.xhtml").decode()
    assert '<ol type="1">' in page
    assert re.search(r'ol\[type="1"\][^{]*\{ list-style-type: persian; \}', css)
    assert re.search(r"nav ol:not\(\[type\]\)[^{]*\{ list-style: none", css)  # wins over the rule above


@pytest.mark.parametrize("name, tag", [("fa", "fa-IR"), ("ur", "ur-PK"), ("he", "he-IL")])
def test_docx_names_the_language_with_its_country(article, name, tag):
    languages = list(Docx(article(name)["docx"]).xml("word/styles.xml").iter(f"{W}lang"))
    assert languages and all(e.get(f"{W}bidi") == tag for e in languages)


def _complex_font(docx: Docx, run) -> str | None:
    own = run.find(f"{W}rPr/{W}rFonts")
    if own is not None and own.get(f"{W}cs"):
        return own.get(f"{W}cs")
    defaults = docx.xml("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    return defaults.get(f"{W}cs")


def test_docx_gives_arabic_quoted_in_hebrew_a_font_that_draws_it(article):
    docx = Docx(article("he-ar")["docx"])
    seen = set()
    for part in ("word/document.xml", "word/footnotes.xml"):
        for run in docx.xml(part).iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if re.search("[\u0621-\u064a]", text):
                assert _complex_font(docx, run) == "Amiri", text
                seen.add("ar")
            if re.search("[\u05d0-\u05ea]", text):
                assert _complex_font(docx, run) == "Frank Ruhl Libre", text
                seen.add("he")
    assert seen == {"ar", "he"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_draws_the_hebrew_and_arabic_docx_with_bundled_fonts_only(article, tmp_path):
    pdf = libreoffice_pdf(article("he-ar")["docx"], tmp_path)
    names = {font["name"].split("+")[-1] for font in pdffonts(pdf)}
    assert not {n for n in names if "DejaVu" in n or "Liberation" in n}, names
    assert any("Amiri" in n for n in names) and any("FrankRuhl" in n for n in names)


def test_docx_keeps_a_url_ending_in_a_slash_in_order(article):
    docx = Docx(article("fa")["docx"])
    text = "".join(run.text for run in docx.runs())
    assert "https://www.fao.org/aquastat/en/\u200e" in text  # a left-to-right mark holds the "/" in place


def test_docx_gives_hebrew_quoted_in_arabic_the_hebrew_font_and_embeds_it(make_manuscript, tmp_path):
    root = make_manuscript({"manuscript.yaml": "title: اقتباس عبري\nlang: ar\ncontents: [a.md]\n",
                            "a.md": "قال الكاتب: «שלום עליכם» ثم مضى.[^a]\n\n[^a]: انظر: ספר הזיכרונות، ص 3.\n"})
    (output,) = build(root, tmp_path / "out", ["docx"])
    docx = Docx(output.path)
    for part in ("word/document.xml", "word/footnotes.xml"):
        runs = [r for r in docx.xml(part).iter(f"{W}r") if re.search("[\u05d0-\u05ea]", "".join(r.itertext()))]
        assert runs and all(_complex_font(docx, r) == "Frank Ruhl Libre" for r in runs)
        arabic = [r for r in docx.xml(part).iter(f"{W}r") if re.search("[\u0621-\u064a]", "".join(r.itertext()))]
        assert arabic and all(_complex_font(docx, r) == "Amiri" for r in arabic)
    fonts = docx.xml("word/fontTable.xml")
    embedded = {f.get(f"{W}name") for f in fonts.iter(f"{W}font") if f.find(f"{W}embedRegular") is not None}
    assert embedded == {"Amiri", "Frank Ruhl Libre"}
