"""A history article with a mixed Arabic/English BibTeX file, end to end: references glued to a
proclitic («و@tbl:caliphs», «ب@fig:baghdad», «و[@hourani1991, 33]») resolved in the PDF, EPUB and DOCX;
Arabic citations and entries with Arabic punctuation and terms; the reference list split into the Arabic
and the foreign sources, Arabic sorted ignoring ال; ibid. and op. cit. in the bundled note style; a
misspelled glued reference reported at its line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.pipeline import prepare

from .docx_inspect import Docx
from .engine_helpers import png_bytes
from .epub_inspect import NS, epubcheck, open_book
from .pdf_inspect import pdftotext
from .jats_inspect import dtd_errors, needs_shared_jats
from .test_citations import FORMATS, built

HISTORY = Path(__file__).parent / "data" / "citations" / "history"
ARABIC_ORDER = ["ابن خلدون", "أبو زيد", "الجابري", "الجاحظ", "حسين", "الدوري", "الطبري", "العروي"]
FOREIGN_ORDER = ["Abu-Lughod", "Cooperson", "El-Hibri", "Hourani", "Kennedy"]


def history(root: Path, extra: str = "") -> Path:
    """The history article (three files, a table, a figure) with `extra` lines in manuscript.yaml."""
    shutil.copytree(HISTORY, root)
    (root / "figures").mkdir()
    (root / "figures" / "baghdad.png").write_bytes(png_bytes())
    manifest = root / "manuscript.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def author_date(tmp_path_factory) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Pandoc's default style (Chicago author-date) with nashr's Arabic locale."""
    base = tmp_path_factory.mktemp("history-author-date")
    return built(history(base / "ms"), base / "dist", FORMATS + ["jats"])


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, Path]:
    """nashr's note style."""
    base = tmp_path_factory.mktemp("history-notes")
    return built(history(base / "ms", "csl: arabic-note\n"), base / "dist")[0]


def compact(pdf: Path) -> str:
    """The PDF's text without spaces: poppler moves the punctuation next to a digit across the spaces."""
    return re.sub(r"\s+", "", pdftotext(pdf))


def in_order(text: str, words: list[str]) -> bool:
    """Whether `words` occur in `text` in this order (each searched for after the one before)."""
    position = 0
    for word in words:
        position = text.find(word, position)
        if position < 0:
            return False
    return True


def words_of(text: str) -> list[str]:
    """The words of `text`, without the punctuation poppler attaches to them."""
    return re.findall(r"[\w\u064b-\u065f\u0670]+", text)


def footnotes(docx: Path) -> list[str]:
    """The DOCX's notes, without the direction marks Word needs after a Latin note."""
    return [re.sub("[\u200e\u200f]", "", text) for _, text in Docx(docx).footnotes()]


def surnames(entries: list[str]) -> list[str]:
    """The family name that starts each entry ("ابن خلدون، عبد الرحمن. …" → "ابن خلدون")."""
    return [re.split("[,،.]", entry, maxsplit=1)[0] for entry in entries]


# --- proclitic references -----------------------------------------------------------------------

GLUED = ["وجدول\u00a01", "بشكل\u00a01", "وللجابري (1991)", "وشكل\u00a01"]


def test_no_warning_but_nothing_left_unresolved(author_date):
    assert [str(w) for w in author_date[1]] == []


def test_pdf_glued_references_resolved(author_date):
    text = pdftotext(author_date[0]["pdf"])
    words = words_of(text)
    for word in ("وجدول", "بشكل", "وللجابري", "وشكل"):
        assert word in words, word
    assert words.count("وجدول") == 2  # «و@tbl:caliphs» and «و[@tbl:caliphs]»
    assert "@" not in text and "tbl:" not in text and "jabri1991" not in text


def test_pdf_glued_reference_is_a_link_to_its_figure_not_mailto(author_date):
    from pypdf import PdfReader

    links = [annotation.get_object().get("/A", {}) for page in PdfReader(author_date[0]["pdf"]).pages
             for annotation in page.get("/Annots", []) or []]
    targets = [str(link.get("/URI", "")) for link in links]
    assert not any(target.startswith("mailto:") for target in targets), targets


def test_epub_glued_references_are_links_with_the_proclitic_inside(author_date):
    book = open_book(author_date[0]["epub"])
    links = {"".join(a.itertext()): a.get("href") for _, page in book.pages() for a in page.iterfind(".//h:a", NS)}
    assert links["وجدول\u00a01"].endswith("#tbl:caliphs") and links["بشكل\u00a01"].endswith("#fig:baghdad")
    assert not any(href.startswith("mailto:") for href in links.values())
    text = "".join("".join(page.itertext()) for _, page in book.pages())
    assert "وللجابري (1991)" in text and "و(Hourani 1991, 33)" in text


def test_docx_glued_references_resolved(author_date):
    text = "\n".join(p.text for p in Docx(author_date[0]["docx"]).paragraphs())
    for words in GLUED + ["و(Hourani 1991, 33)", "وب(Kennedy 2016, 50)", "وقارن بCooperson (1996)"]:
        assert words in text, words
    assert "@" not in text


def test_misspelled_glued_references_are_reported_at_their_lines(tmp_path):
    root = history(tmp_path / "ms")
    intro = root / "01-introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("ول@jabri1991", "ول@jabri1919"), encoding="utf-8")
    warnings: list[Diagnostic] = []
    prepare(root, warnings.append)
    (missing,) = [str(w) for w in warnings]
    assert missing.startswith(f"{intro}:5:") and "warning: citation @jabri1919 has no entry" in missing
    studies = root / "02-studies.md"
    studies.write_text(studies.read_text(encoding="utf-8").replace("ب@fig:baghdad", "ب@fig:bagdad"), encoding="utf-8")
    with pytest.raises(ManuscriptError) as error:
        prepare(root)
    (found,) = [str(d) for d in error.value.diagnostics]
    assert found.startswith(f"{studies}:5:") and "reference to fig:bagdad, but no figure" in found


# --- the Arabic profile with the default style (author-date) -------------------------------------

def test_pdf_arabic_citations_use_arabic_punctuation_latin_ones_latin(author_date):
    text = compact(author_date[0]["pdf"])
    assert "،1965" in text and ",1965" not in text and "1965," not in text  # (الجاحظ 1965، 45)
    assert "؛الدوري" in text  # (الجابري 1991، 60؛ الدوري 1960، 25)
    assert "Hourani 1991, 33" in pdftotext(author_date[0]["pdf"])


def test_pdf_two_lists_arabic_first_each_in_its_order(author_date):
    text = pdftotext(author_date[0]["pdf"])
    references = text[text.rindex("المراجع العربية"):]
    assert in_order(references, ["المراجع العربية"] + ARABIC_ORDER + ["المراجع الأجنبية"] + FOREIGN_ORDER), references
    packed = re.sub(r"\s+", "", references)
    assert "الجابري،محمدعابد" in packed and "الجابري," not in packed
    assert re.search(r"ط\.?4", packed) and not re.search(r"4\.?ط", packed)  # «ط 4», not «4 ط»
    assert "3rd ed." in references  # a Latin entry keeps its own words


def test_epub_two_lists_under_their_headings(author_date):
    epub = author_date[0]["epub"]
    book = open_book(epub)
    page = next(page for _, page in book.pages() if page.find(".//h:div[@id='refs']", NS) is not None)
    headings = ["".join(h.itertext()) for h in page.iterfind(".//h:h2", NS)]
    assert headings[-2:] == ["المراجع العربية", "المراجع الأجنبية"]
    entries = ["".join(e.itertext()).strip() for e in page.iterfind(".//h:div[@class='csl-entry']", NS)]
    assert surnames(entries) == ARABIC_ORDER + FOREIGN_ORDER
    assert [m for m in epubcheck(epub) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_docx_two_lists_styled_as_bibliography(author_date):
    paragraphs = Docx(author_date[0]["docx"]).paragraphs()
    start = next(i for i, p in enumerate(paragraphs) if p.style == "Heading1" and p.text == "المراجع")
    rest = paragraphs[start + 1:]
    assert [p.style for p in rest][:1] == ["Heading2"] and rest[0].text == "المراجع العربية"
    foreign = next(i for i, p in enumerate(rest) if p.text == "المراجع الأجنبية")
    assert rest[foreign].style == "Heading2"
    entries = [p for p in rest if p.style == "Bibliography"]
    assert surnames([e.text for e in entries]) == ARABIC_ORDER + FOREIGN_ORDER
    assert [e.rtl for e in entries] == [True] * len(ARABIC_ORDER) + [False] * len(FOREIGN_ORDER)


def test_jats_a_ref_list_of_two_titled_ref_lists(author_date):
    from lxml import etree

    root = etree.parse(str(author_date[0]["jats"])).getroot()
    outer = root.find("back/ref-list")
    assert outer.findtext("title") == "المراجع"
    inner = outer.findall("ref-list")
    assert [group.findtext("title") for group in inner] == ["المراجع العربية", "المراجع الأجنبية"]
    surnames_ = [[ref.findtext("element-citation/person-group/name/surname") for ref in group.iterfind("ref")]
                 for group in inner]
    assert surnames_ == [ARABIC_ORDER, FOREIGN_ORDER]  # «ابن خلدون» whole, as in the printed entry


@needs_shared_jats
def test_jats_with_split_references_is_valid(author_date):
    assert dtd_errors(author_date[0]["jats"].read_bytes()) == []


# --- the note style -----------------------------------------------------------------------------

def test_note_style_full_ibid_and_op_cit_forms_in_docx(notes):
    texts = footnotes(notes["docx"])
    assert texts[0] == ("عمرو بن بحر الجاحظ، الحيوان، تحقيق عبد السلام محمد هارون، ط 2، ج 3 "
                        "(القاهرة: مكتبة مصطفى البابي الحلبي، 1965)، ص 45.")
    assert texts[1] == "المرجع نفسه، ص 46."  # ibid. with a page
    assert texts[5] == "المرجع نفسه."  # «ول@jabri1991» right after «@jabri1991»
    assert "الجاحظ، الحيوان، مرجع سابق، ص 47." in texts  # the source again, after others
    assert "Hourani, A History of the Arab Peoples, p. 40." in texts  # a Latin source: short form, no op. cit.
    assert any(t.startswith("Hugh Kennedy, The Prophet") and "3rd ed. (London: Routledge, 2016), p. 50." in t
               for t in texts)


def test_note_style_pdf_and_epub_agree(notes):
    text = pdftotext(notes["pdf"])
    assert "المرجعنفسه،ص" in compact(notes["pdf"]) and "الحيوان،مرجعسابق،ص" in compact(notes["pdf"])
    assert "وجدول" in words_of(text)
    references = text[text.rindex("المراجع العربية"):]
    assert in_order(references, ["المراجع العربية"] + ARABIC_ORDER + ["المراجع الأجنبية"] + FOREIGN_ORDER), references
    book = open_book(notes["epub"])
    asides = ["".join(a.itertext()) for _, page in book.pages() for a in page.iterfind(".//h:aside", NS)]
    assert any("المرجع نفسه، ص 46" in a for a in asides) and any("مرجع سابق، ص 47" in a for a in asides)


# --- settings -----------------------------------------------------------------------------------

def test_single_layout_keeps_one_list_arabic_first(tmp_path):
    outputs, _ = built(history(tmp_path / "ms", "bibliography_layout: single\n"), tmp_path / "dist", ["docx"])
    paragraphs = Docx(outputs["docx"]).paragraphs()
    assert [p.text for p in paragraphs if p.style == "Heading2"] == []
    entries = [p.text for p in paragraphs if p.style == "Bibliography"]
    assert surnames(entries) == ARABIC_ORDER + FOREIGN_ORDER


def test_an_english_article_with_citation_lang_ar_gives_arabic_sources_arabic_words(tmp_path):
    root = tmp_path / "ms"
    root.mkdir()
    shutil.copy(HISTORY / "history.bib", root)
    (root / "manuscript.yaml").write_text("title: Baghdad\nlang: en\ncitation_lang: ar\nbibliography: history.bib\n"
                                          "csl: arabic-note\ncontents: [a.md]\n", encoding="utf-8")
    (root / "a.md").write_text("Al-Jahiz wrote on it [@jahiz1965, 45], as did Kennedy [@kennedy2016, 3].\n",
                               encoding="utf-8")
    outputs, _ = built(root, tmp_path / "dist", ["docx"])
    docx = Docx(outputs["docx"])
    texts = footnotes(outputs["docx"])
    assert texts[0].startswith("عمرو بن بحر الجاحظ، الحيوان، تحقيق") and "ط 2، ج 3" in texts[0]
    assert "3rd ed." in texts[1]
    entries = [p.text for p in docx.paragraphs() if p.style == "Bibliography"]
    assert surnames(entries) == ["Kennedy", "الجاحظ"]  # one list by default: the article's script first


def test_a_broken_entry_is_reported_in_the_authors_file_not_nashrs_copy(tmp_path):
    root = history(tmp_path / "ms")
    bib = root / "history.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{المقدمة},", "{المقدمة} junk,"), encoding="utf-8")
    with pytest.raises(ManuscriptError) as error:
        prepare(root)
    (found,) = [str(d) for d in error.value.diagnostics]
    assert found.startswith(f"{bib}:17:25: error: Pandoc cannot read this bibliography"), found


def test_an_unknown_glued_reference_in_an_abstract_is_an_error_at_its_line_in_the_manifest(tmp_path):
    root = tmp_path / "ms"
    root.mkdir()
    (root / "manuscript.yaml").write_text("title: عنوان\nlang: ar\nabstract:\n  ar: |\n    يعرض المقال وب@fig:zz.\n"
                                          "contents: [a.md]\n", encoding="utf-8")
    (root / "a.md").write_text("نص.\n", encoding="utf-8")
    with pytest.raises(ManuscriptError) as error:
        prepare(root)
    (found,) = [str(d) for d in error.value.diagnostics]
    assert found.startswith(f"{root / 'manuscript.yaml'}:5:19: error: reference to fig:zz"), found  # at its @
