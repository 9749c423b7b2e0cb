"""Citations and the reference list end to end: resolved in the PDF, EPUB and DOCX of an Arabic article
citing Latin and Arabic sources, a note style's citations numbered with the other notes, and every bad
bibliography reported at its line."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.pipeline import build, prepare

from .docx_inspect import Docx
from .epub_inspect import NS, epubcheck, open_book
from .pdf_inspect import note_calls, note_markers, pages, pdftotext

DATA = Path(__file__).parent / "data" / "citations"
FORMATS = ["pdf", "epub", "docx"]

INTRODUCTION = """\
# مقدمة

يرى الباحث أن الأمن مفهوم متحول [@brauch2011, 45]، كما يذهب إلى ذلك @jabri2009 في دراسته.[^a]

[^a]: ملاحظة عادية من المؤلف.
"""
CONCLUSION = """\
# خاتمة

وهذا ما يؤكده إطار مدرسة كوبنهاغن [@buzan1998, 12] وما لم يُذكر في المراجع [@missing2020].[^b]

[^b]: هامش أخير.
"""


def manuscript(root: Path, extra: str = "", files: dict[str, str] | None = None) -> Path:
    """An Arabic article in two files that cites a .bib and a CSL JSON bibliography."""
    root.mkdir(parents=True)
    for name in ("refs.bib", "more.json", "notes.csl"):
        shutil.copy(DATA / name, root / name)
    (root / "manuscript.yaml").write_text(
        "title: الأمن والتعاون\nlang: ar\nslug: cites\n"
        f"bibliography:\n  - refs.bib\n  - more.json\n{extra}contents:\n  - 01.md\n  - 02.md\n", encoding="utf-8")
    for name, text in ({"01.md": INTRODUCTION, "02.md": CONCLUSION} | (files or {})).items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def built(root: Path, out: Path, formats: list[str] = FORMATS) -> tuple[dict[str, Path], list[Diagnostic]]:
    warnings: list[Diagnostic] = []
    outputs = build(root, out, formats, warn=warnings.append)
    return {output.format: output.path for output in outputs}, warnings


@pytest.fixture(scope="module")
def author_date(tmp_path_factory) -> tuple[dict[str, Path], list[Diagnostic]]:
    """The default style (Chicago author-date)."""
    base = tmp_path_factory.mktemp("author-date")
    return built(manuscript(base / "ms"), base / "dist")


@pytest.fixture(scope="module")
def note_style(tmp_path_factory) -> dict[str, Path]:
    """A note style: every citation becomes a note."""
    base = tmp_path_factory.mktemp("notes")
    return built(manuscript(base / "ms", "csl: notes.csl\n"), base / "dist")[0]


def words_on(page) -> list[dict]:
    """The words of a PDF page, left to right on each line as printed (Arabic ones thus reversed)."""
    return page.extract_words()


# --- author-date --------------------------------------------------------------------------------

def test_missing_key_is_a_warning_at_its_citation(author_date):
    _, warnings = author_date
    missing = [str(w) for w in warnings if "missing2020" in w.message]
    assert len(missing) == 1, [str(w) for w in warnings]
    assert Path(missing[0].split(":")[0]).name == "02.md"
    assert missing[0].split(":")[1] == "3"  # the line of [@missing2020]
    assert "warning" in missing[0]


def test_pdf_citations_resolved_and_isolated_left_to_right(author_date):
    pdf = author_date[0]["pdf"]
    text = pdftotext(pdf)
    assert "@brauch2011" not in text and "brauch2011" not in text
    assert "Brauch 2011, 45" in text and "Buzan and Wæver 1998, 12" in text
    # Inside the Arabic line the Latin citation keeps its own order: Brauch, then 2011, then 45, left to right.
    first = pages(pdf)[0]
    line = {w["text"].split("(")[-1]: w for w in words_on(first) if w["text"].endswith(("(Brauch", "2011,", "45)"))}
    assert set(line) == {"Brauch", "2011,", "45)"}, [w["text"] for w in words_on(first)]
    assert line["Brauch"]["x0"] < line["2011,"]["x0"] < line["45)"]["x0"]
    assert len({round(w["top"]) for w in line.values()}) == 1


def test_pdf_reference_list_ends_the_article_under_its_heading(author_date):
    pdf = author_date[0]["pdf"]
    text = pdftotext(pdf)
    heading = text.index("المراجع", text.index("كوبنهاغن"))  # after the last paragraph of the last file
    entries = text[heading:]
    for words in ("Brauch, Hans Günter", "Buzan, Barry", "Security: A New Framework for Analysis", "الجابري"):
        assert words in entries, entries
    # split by script (the default in an Arabic article): the Arabic sources, then the foreign ones
    order = [entries.index(words) for words in ("المراجع العربية", "الجابري", "المراجع الأجنبية", "Brauch", "Buzan")]
    assert order == sorted(order), entries


def test_pdf_latin_entries_start_at_the_left_arabic_at_the_right(author_date):
    pdf = author_date[0]["pdf"]
    page = next(p for p in pages(pdf) if "Buzan," in (p.extract_text() or ""))
    words = words_on(page)
    latin = next(w for w in words if w["text"] == "Buzan,")
    headings = [w for w in words if w["text"] == "المراجع"[::-1]]  # the list's heading and its two sub-headings
    right_edge = max(w["x1"] for w in headings)  # a right-to-left heading starts at the text's right edge
    heading = min((w for w in headings if abs(w["x1"] - right_edge) < 1), key=lambda w: w["top"])
    left_edge = page.width - right_edge  # the margins of this one-page article are equal
    arabic = next(w for w in words if "الجابري"[::-1] in w["text"] and w["top"] > heading["top"])
    assert abs(latin["x0"] - left_edge) < 1  # a left-to-right entry: its first word on the left
    brauch = next(w for w in words if w["text"] == "Brauch,")
    second_line = [w for w in words if 5 < w["top"] - brauch["top"] < 25]
    assert min(w["x0"] for w in second_line) - brauch["x0"] > 10  # and its next line hangs
    assert abs(arabic["x1"] - right_edge) < 1  # a right-to-left one: its first word on the right


def test_epub_citations_references_and_epubcheck(author_date):
    epub = author_date[0]["epub"]
    book = open_book(epub)
    pages_ = book.pages()
    citation = [c for _, page in pages_ for c in page.iterfind(".//h:span[@class='citation']", NS)]
    brauch = next(c for c in citation if c.get("data-cites") == "brauch2011")
    assert "".join(brauch.itertext()) == "(Brauch 2011, 45)"
    assert brauch.getparent().get("dir") == "ltr"  # isolated inside the Arabic paragraph
    href, refs_page = next((h, p) for h, p in pages_ if p.find(".//h:div[@id='refs']", NS) is not None)
    assert href == pages_[-1][0]  # the reference list is the article's last page
    assert [h.text for h in refs_page.iterfind(".//h:h1", NS)] == ["المراجع"]
    assert ["".join(h.itertext()) for h in refs_page.iterfind(".//h:h2", NS)] == ["المراجع العربية", "المراجع الأجنبية"]
    entries = refs_page.findall(".//h:div[@class='csl-entry']", NS)
    assert [e.get("id") for e in entries] == ["ref-jabri2009", "ref-brauch2011", "ref-buzan1998"]
    latin = entries[1].find("h:div", NS)
    assert latin is not None and latin.get("dir") == "ltr"
    assert entries[0].find("h:div[@dir='ltr']", NS) is None
    assert [m for m in epubcheck(epub) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_docx_citations_and_entries(author_date):
    docx = Docx(author_date[0]["docx"])
    paragraphs = docx.paragraphs()
    assert any("(Brauch 2011, 45)" in p.text for p in paragraphs)
    heading = next(i for i, p in enumerate(paragraphs) if p.style == "Heading1" and p.text == "المراجع")
    assert [p.text for p in paragraphs[heading:] if p.style == "Heading2"] == ["المراجع العربية", "المراجع الأجنبية"]
    entries = [p for p in paragraphs[heading:] if p.style == "Bibliography"]
    assert [re.split("[,،]", e.text)[0] for e in entries] == ["الجابري", "Brauch", "Buzan"]
    assert [e.rtl for e in entries] == [True, False, False]


def test_bibliography_is_a_build_input(author_date, tmp_path):
    root = manuscript(tmp_path / "ms")
    out = tmp_path / "dist"
    build(root, out, ["docx"])
    assert not build(root, out, ["docx"])[0].rendered
    (root / "more.json").write_text((root / "more.json").read_text().replace("Lynne Rienner", "Rienner"))
    again = build(root, out, ["docx"])[0]
    assert again.rendered
    assert any("Rienner" in p.text and "Lynne" not in p.text for p in Docx(again.path).paragraphs())


# --- note style ---------------------------------------------------------------------------------

def test_note_style_numbers_citation_notes_with_the_others_in_docx(note_style):
    notes = Docx(note_style["docx"]).footnotes()
    texts = [text.rstrip("\u200e") for _, text in notes]  # a left-to-right mark may close an isolated run
    assert len(texts) == 6, texts
    assert texts[0].startswith("Hans Günter Brauch") and texts[0].endswith("2011, 45.")
    assert texts[1].startswith("نقد العقل العربي")  # @jabri2009 in the text: the author there, the rest here
    assert texts[2] == "ملاحظة عادية من المؤلف."
    assert texts[3].startswith("Barry Buzan, Ole Wæver")
    assert texts[4:] == ["missing2020?", "هامش أخير."]


def test_note_style_pdf_and_epub(note_style):
    pdf = note_style["pdf"]
    calls = [n for page in pages(pdf) for n in note_calls(page)]
    markers = [m.number for page in pages(pdf) for m in note_markers(page)]
    assert calls == sorted(calls) and markers == list(range(1, 7))  # 2 notes of the author's, 4 citations
    text = pdftotext(pdf)
    assert "Hans Günter Brauch" in text and "(Brauch 2011" not in text
    book = open_book(note_style["epub"])
    asides = [a for _, page in book.pages() for a in page.iterfind(".//h:aside", NS)]
    assert len(asides) == len(markers)
    assert any("Hans Günter Brauch" in "".join(a.itertext()) for a in asides)
    assert [m for m in epubcheck(note_style["epub"]) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


# --- bad bibliographies -------------------------------------------------------------------------

def problems(root: Path) -> list[str]:
    with pytest.raises(ManuscriptError) as error:
        prepare(root)
    return [str(d) for d in error.value.diagnostics]


def test_bibliography_outside_the_folder_is_refused_at_its_line(tmp_path):
    root = manuscript(tmp_path / "ms")
    outside = tmp_path / "stolen.bib"
    outside.write_text("@book{x, title={secret}}\n")
    (root / "manuscript.yaml").write_text(
        (root / "manuscript.yaml").read_text().replace("  - more.json", "  - ../stolen.bib"))
    (found,) = problems(root)
    assert found.startswith(f"{root / 'manuscript.yaml'}:6: error: bibliography: ../stolen.bib lies outside")


@pytest.mark.parametrize("value, words", [
    ("https://example.org/refs.bib", "would come from the network"),
    ("nothere.bib", "not found"),
])
def test_bibliography_network_or_missing_refused(tmp_path, value, words):
    root = manuscript(tmp_path / "ms")
    (root / "manuscript.yaml").write_text(
        (root / "manuscript.yaml").read_text().replace("bibliography:\n  - refs.bib\n  - more.json",
                                                       f"bibliography: {value}"))
    (found,) = problems(root)
    assert ":4: error: bibliography:" in found and words in found


def test_bad_entry_is_an_error_at_its_line_in_the_bibliography(tmp_path):
    root = manuscript(tmp_path / "ms")
    (root / "refs.bib").write_text("@book{a,\n  title = {T},\n  year = 2000\n}\n\n@book{b,\n  title = {T} junk,\n}\n")
    (found,) = problems(root)
    assert found.startswith(f"{root / 'refs.bib'}:7:15: error: Pandoc cannot read this bibliography")
    assert "manuscript.yaml, line 5" in found


def test_dependent_style_is_refused_instead_of_fetched(tmp_path):
    root = manuscript(tmp_path / "ms", "csl: dependent.csl\n")
    (root / "dependent.csl").write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>d</title>'
        '<id>d</id><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>')
    (found,) = problems(root)
    assert ":7: error: csl: dependent.csl is a dependent style" in found


def test_broken_style_is_an_error_at_its_line_in_the_style(tmp_path):
    root = manuscript(tmp_path / "ms", "csl: broken.csl\n")
    (root / "broken.csl").write_text('<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">\n'
                                     '<citation><layout><text variable="title"/></citation>\n</style>\n')
    (found,) = problems(root)
    assert found.startswith(f"{root / 'broken.csl'}:2:") and "Pandoc cannot read this style" in found


def test_an_article_ending_with_its_own_heading_gets_no_second_one(tmp_path):
    root = tmp_path / "ms"
    root.mkdir()
    shutil.copy(DATA / "more.json", root)
    (root / "manuscript.yaml").write_text("title: T\nlang: en\nbibliography: more.json\ncontents: [a.md]\n")
    (root / "a.md").write_text("# Intro\n\nAs @buzan1998 [p. 3] say.\n\n# Works cited\n")
    (output,) = build(root, tmp_path / "dist", ["docx"])
    paragraphs = Docx(output.path).paragraphs()
    assert [p.text for p in paragraphs if p.style == "Heading1"] == ["Intro", "Works cited"]
    assert paragraphs[-1].style == "Bibliography" and paragraphs[-1].text.startswith("Buzan, Barry, and Ole Wæver.")
    assert "As Buzan and Wæver (1998, 3) say." in [p.text for p in paragraphs]


def test_a_manuscript_without_citations_is_left_alone(tmp_path):
    root = tmp_path / "ms"
    root.mkdir()
    (root / "manuscript.yaml").write_text("title: T\nlang: en\ncontents: [a.md]\n")
    (root / "a.md").write_text("# A\n\nPlain text, an e-mail name@example.org.\n")
    document = prepare(root)
    assert [b["t"] for b in document.body()[0].blocks] == ["Header", "Para"]
