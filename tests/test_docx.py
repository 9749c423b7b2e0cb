"""End to end: the DOCX of the bundled article and of small manuscripts, read as Word and Pandoc read it."""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter

import pypandoc
import pytest

from nashr.ast import stringify, walk
from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build, prepare
from nashr.project import load_project
from nashr.resources import amiri_faces
from nashr.vocabulary import numbered_notes
from nashr.writers.docx.fonts import obfuscate

from .conftest import MANUSCRIPT, REPO
from .docx_inspect import W, Docx, fonts_visible_to_libreoffice, libreoffice_pdf, main_direction, on
from .pdf_inspect import pages, pdffonts, pdftotext, word_recall
from .test_pdf import manuscript_text

NOTES = 31
TITLE_BLOCK = ["Title", "Author", "AbstractTitle", "Abstract", "Keywords"]
RTL_STYLES = ["Normal", "Title", "Subtitle", "Author", "AbstractTitle", "Abstract", "Keywords", "Heading1",
              "Heading2", "Heading3", "BodyText", "FirstParagraph", "Compact", "BlockText", "FootnoteText"]

SMALL = {
    "manuscript.yaml": """
        title: "مقال تجريبي عن Security Cooperation في المغرب"
        lang: ar
        authors:
          - name: أحمد المغربي
            affiliation: جامعة محمد الخامس
            country: المغرب
            email: ahmed@example.org
        abstract:
          ar: ملخص عربي قصير عن التعاون الأمني.
          en: A short English abstract about security cooperation.
        keywords:
          ar: [الأمن, التعاون]
          en: [security, cooperation]
        contents:
          - one.md
    """,
    "one.md": """
        # مقدمة

        فقرة عربية *مائلة* و***مائلة عريضة*** فيها عنوان إنجليزي Concepts of Security Threats ورابط https://doi.org/10.34752/2022-e279 ثم تكمل.[^ar]

        This paragraph is written in English from its first word to its last.[^en]

        | العمود الأول | Column two |
        |--------------|------------|
        | خلية عربية   | English cell |

        - عنصر أول من القائمة
        - عنصر ثان من القائمة

        > اقتباس عربي قصير.

        ```
        print("code reads left to right")
        ```

        [^ar]: هامش عربي قصير.
        [^en]: An English note with a DOI, 10.34752/2022-e279, inside.
    """,
}

ENGLISH = {
    "manuscript.yaml": """
        title: An English article
        lang: en
        authors:
          - role: Researcher
            country: Morocco
        contents:
          - one.md
    """,
    "one.md": """
        # Introduction

        An English paragraph with an Arabic phrase, الأمن الجماعي, inside it.[^n]

        هذه فقرة عربية كاملة داخل مقال إنجليزي.

        | Name | Value |
        |------|-------|
        | one  | 1     |

        [^n]: An English note.
    """,
}


@pytest.fixture(scope="session")
def docx(built) -> Docx:
    return Docx(built["docx"])


@pytest.fixture
def small(make_manuscript) -> Docx:
    root = make_manuscript(SMALL)
    return Docx(build(root, root / "dist", ["docx"])[0].path)


@pytest.fixture
def english(make_manuscript) -> Docx:
    root = make_manuscript(ENGLISH)
    return Docx(build(root, root / "dist", ["docx"])[0].path)


def _words(text: str) -> str:
    """Text compared without quote marks (Pandoc's Quoted), without the invisible direction marks after
    isolated runs, and with single spaces."""
    return re.sub(r"[\s\"“”‘’«»]+", " ", text.replace("\u200e", "").replace("\u200f", "")).strip()


# The reference document -------------------------------------------------------------------------------

def test_reference_document_is_generated_from_its_source(tmp_path):
    fresh = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_reference_docx.py"), "--output", str(fresh)],
                   check=True)
    committed = REPO / "templates" / "docx" / "reference.docx"

    def entries(path):  # compare the parts, not the compressed bytes (zlib versions differ)
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    assert entries(fresh) == entries(committed), \
        "templates/docx/reference.docx is stale: run scripts/make_reference_docx.py and commit it"


def test_reference_styles_are_right_to_left_with_amiri_for_complex_script():
    reference = Docx(REPO / "templates" / "docx" / "reference.docx")
    defaults = reference.xml("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    assert fonts.get(f"{W}cs") == "Amiri" and fonts.get(f"{W}cstheme") is None
    for style in RTL_STYLES:
        assert on(reference.style_property(style, "w:pPr/w:bidi")), style
        assert reference.style_property(style, "w:rPr/w:szCs") is not None, style
    assert reference.style_property("FootnoteReference", "w:rPr/w:vertAlign").get(f"{W}val") == "superscript"
    assert "Table" in reference.styles
    section = reference.xml("word/document.xml").find(f"{W}body/{W}sectPr")
    assert section.find(f"{W}footnotePr/{W}numRestart").get(f"{W}val") == "continuous"


# The bundled article ----------------------------------------------------------------------------------

def test_title_block_comes_first_in_its_styles_right_to_left(docx):
    metadata = load_project(MANUSCRIPT).metadata
    opening = docx.paragraphs()[:len(TITLE_BLOCK)]
    assert [p.style for p in opening] == TITLE_BLOCK
    assert all(p.rtl for p in opening)
    assert opening[0].text == metadata.title
    assert opening[1].text == "باحث في سلك دكتوراه، المغرب"
    assert opening[4].text.startswith("الكلمات المفتاحية:") and "الفضاء المغاربي" in opening[4].text


@pytest.mark.parametrize("part, least", [("word/document.xml", 2), ("word/footnotes.xml", 1)])
def test_each_paragraph_takes_the_direction_of_most_of_its_words(docx, part, least):
    checked = 0
    for paragraph in docx.paragraphs(part):
        direction = main_direction(paragraph.text, least=least)
        if direction:
            assert paragraph.rtl == (direction == "rtl"), (paragraph.style, paragraph.text[:60])
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("part", ["word/document.xml", "word/footnotes.xml"])
def test_rtl_only_on_arabic_runs(docx, part):
    runs = [r for r in docx.runs(part) if re.search("[A-Za-z\u0600-\u06FF]", r.text)]
    assert runs
    for run in runs:
        assert not (re.search("[A-Za-z]", run.text) and run.rtl), f"Latin run marked rtl: {run.text!r}"
        assert not (re.search("[\u0600-\u06FF]", run.text) and not run.rtl), f"Arabic run without rtl: {run.text!r}"
    assert any(re.search("[A-Za-z]", r.text) for r in runs)  # FAR, DGSN … in the body; DOIs in the notes


def test_31_notes_in_the_order_and_with_the_text_of_the_source(docx):
    expected = [_words(stringify(note["c"])) for _, note in numbered_notes(prepare(MANUSCRIPT).body_blocks())]
    notes = docx.footnotes()
    assert len(notes) == NOTES == len(expected)
    assert [_words(text) for _, text in notes] == expected


def test_notes_are_numbered_continuously(docx):
    settings = docx.xml("word/settings.xml").find(f"{W}footnotePr")
    assert settings.find(f"{W}numRestart").get(f"{W}val") == "continuous"
    assert settings.find(f"{W}numStart").get(f"{W}val") == "1"
    sections = list(docx.xml("word/document.xml").iter(f"{W}sectPr"))
    assert len(sections) == 1
    assert sections[0].find(f"{W}footnotePr/{W}numRestart").get(f"{W}val") == "continuous"
    assert b"eachSect" not in docx.parts["word/document.xml"] + docx.parts["word/settings.xml"]


def test_english_note_has_its_number_in_its_first_paragraph(docx):
    notes = {n.get(f"{W}id"): n for n in docx.xml("word/footnotes.xml").iter(f"{W}footnote")}
    first_id = docx.footnotes()[0][0]
    paragraphs = notes[first_id].findall(f"{W}p")
    assert len(paragraphs) == 1
    assert paragraphs[0].find(f"{W}r/{W}footnoteRef") is not None
    assert on(paragraphs[0].find(f"{W}pPr/{W}bidi")) is False


def test_pandoc_reads_back_the_31_notes_with_their_text(docx):
    read_back = json.loads(pypandoc.convert_file(str(docx.path), "json", format="docx"))
    notes = [_words(stringify(n["c"])) for n in walk(read_back["blocks"]) if n["t"] == "Note"]
    expected = [_words(stringify(note["c"])) for _, note in numbered_notes(prepare(MANUSCRIPT).body_blocks())]
    assert notes == expected


def test_amiri_faces_are_embedded_obfuscated(docx):
    fonts = docx.xml("word/fontTable.xml")
    relationships = docx.xml("word/_rels/fontTable.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in relationships}
    amiri = next(f for f in fonts.iter(f"{W}font") if f.get(f"{W}name") == "Amiri")
    files = {(face.weight == "bold", face.style == "italic"): face.path for face in amiri_faces()}
    embedded = {"embedRegular": (False, False), "embedBold": (True, False)}
    for element, face in embedded.items():  # the article uses regular and bold (headings, title)
        entry = amiri.find(f"{W}{element}")
        assert entry is not None, element
        key = entry.get(f"{W}fontKey")
        rid = entry.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        data = docx.parts["word/" + targets[rid]]
        assert data != files[face].read_bytes()  # obfuscated …
        assert obfuscate(data, key) == files[face].read_bytes()  # … with its key
    assert amiri.find(f"{W}embedItalic") is None  # no italic in the article
    assert b'Extension="odttf"' in docx.parts["[Content_Types].xml"]
    assert docx.xml("word/settings.xml").find(f"{W}embedTrueTypeFonts") is not None


def test_core_properties_and_language(docx):
    core = docx.parts["docProps/core.xml"].decode("utf-8")
    metadata = load_project(MANUSCRIPT).metadata
    assert f"<dc:title>{metadata.title}</dc:title>" in core
    assert "<dc:creator>باحث في سلك دكتوراه، المغرب</dc:creator>" in core
    assert "<cp:keywords>التعاون الأمني, الأمن الجماعي" in core
    assert "<dc:language>ar</dc:language>" in core
    languages = list(docx.xml("word/styles.xml").iter(f"{W}lang"))
    assert languages and all(e.get(f"{W}val") == "ar" and e.get(f"{W}bidi") == "ar" for e in languages)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_embedded_amiri_notes_1_to_31_and_the_words(copy_of_manuscript, tmp_path):
    """With layout.docx_justify: false, the setting for editors who make their PDF with LibreOffice:
    justified, LibreOffice stretches Arabic with kashidas and its PDF gives words back in pieces."""
    yaml_path = copy_of_manuscript / "manuscript.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "layout:\n  docx_justify: false\n", encoding="utf-8")
    docx = Docx(build(copy_of_manuscript, tmp_path / "dist", ["docx"])[0].path)
    pdf = libreoffice_pdf(docx.path, tmp_path)
    assert "amiri" not in fonts_visible_to_libreoffice(tmp_path).lower()
    assert any("Amiri" in font["name"] for font in pdffonts(pdf))
    numbers: list[int] = []
    for page in pages(pdf):  # raised digits: calls in the text and numbers at the foot
        body = Counter(round(c["size"]) for c in page.chars).most_common(1)[0][0]
        small = sorted((c for c in page.chars if c["text"].isdigit() and c["size"] < 0.7 * body),
                       key=lambda c: (round(c["top"]), c["x0"]))
        groups: list[list[dict]] = []
        for char in small:
            last = groups[-1][-1] if groups else None
            if last and round(last["top"]) == round(char["top"]) and char["x0"] - last["x1"] < 1.5:
                groups[-1].append(char)
            else:
                groups.append([char])
        numbers += [int("".join(c["text"] for c in group)) for group in groups]
    assert Counter(numbers) == {n: 2 for n in range(1, NOTES + 1)}  # once as call, once at the foot
    assert word_recall(manuscript_text(), pdftotext(pdf)) >= 0.97


# Small manuscripts -----------------------------------------------------------------------------------

def test_small_article_directions_title_table_and_english_paragraph(small):
    paragraphs = small.paragraphs()
    assert paragraphs[0].style == "Title" and paragraphs[0].rtl
    title_runs = [r for r in small.runs() if "Security Cooperation" in r.text]
    assert title_runs and not any(r.rtl for r in title_runs)
    english = next(p for p in paragraphs if p.text.startswith("This paragraph"))
    assert not english.rtl and on(english.element.find(f"{W}pPr/{W}bidi")) is False
    abstract_en = next(p for p in paragraphs if p.text.startswith("A short English abstract"))
    keywords_en = next(p for p in paragraphs if p.text.startswith("Keywords:"))
    assert not abstract_en.rtl and not keywords_en.rtl
    for paragraph in paragraphs:
        direction = main_direction(paragraph.text)
        if direction and paragraph.style not in ("AbstractTitle", "Keywords"):  # in their abstract's direction
            assert paragraph.rtl == (direction == "rtl"), paragraph.text
    (table,) = small.tables()
    assert on(table.find(f"{W}tblPr/{W}bidiVisual"))
    cells = [p for p in paragraphs if p.element.xpath("ancestor::w:tc", namespaces={"w": W[1:-1]})]
    assert {p.text: p.rtl for p in cells} == {"العمود الأول": True, "Column two": False,
                                              "خلية عربية": True, "English cell": False}
    items = [p for p in paragraphs if p.text.startswith("عنصر")]
    assert len(items) == 2 and all(p.rtl for p in items)
    quote = next(p for p in paragraphs if p.text.startswith("اقتباس"))
    assert quote.style == "BlockText" and quote.rtl
    code = next(p for p in paragraphs if p.text.startswith("print("))
    assert code.style == "SourceCode" and not code.rtl


def test_small_article_runs_and_notes(small):
    for run in small.runs() + small.runs("word/footnotes.xml"):
        if re.search("[A-Za-z]", run.text):
            assert not run.rtl, run.text
        if re.search("[\u0600-\u06FF]", run.text):
            assert run.rtl, run.text
    notes = dict((text[:5], text) for _, text in small.footnotes())
    directions = {text: p.rtl for p in small.paragraphs("word/footnotes.xml") for text in [p.text.strip()] if text}
    assert directions == {"هامش عربي قصير.": True,
                          "An English note with a DOI, 10.34752/2022-e279, inside.": False}
    assert len(notes) == 2
    core = small.parts["docProps/core.xml"].decode("utf-8")
    assert "<dc:creator>أحمد المغربي</dc:creator>" in core and "security, cooperation" in core
    assert small.xml("word/settings.xml").find(f"{W}footnotePr/{W}numRestart").get(f"{W}val") == "continuous"
    amiri = next(f for f in small.xml("word/fontTable.xml").iter(f"{W}font") if f.get(f"{W}name") == "Amiri")
    embedded = {e.tag[len(W):] for e in amiri if e.tag.startswith(f"{W}embed")}
    assert embedded == {"embedRegular", "embedBold", "embedItalic", "embedBoldItalic"}  # ***both*** in one.md


def test_left_to_right_article_gets_no_right_to_left_styles(english):
    assert english.xml("word/styles.xml").find(f".//{W}bidi") is None
    assert english.xml("word/document.xml").find(f"{W}body/{W}sectPr/{W}bidi") is None
    languages = list(english.xml("word/styles.xml").iter(f"{W}lang"))
    assert languages and all(e.get(f"{W}val") == "en" for e in languages)
    paragraphs = {p.text: p.rtl for p in english.paragraphs() if p.text}
    assert paragraphs["Researcher, Morocco"] is False
    assert paragraphs["هذه فقرة عربية كاملة داخل مقال إنجليزي."] is True
    assert paragraphs["Introduction"] is False
    assert not any(on(t.find(f"{W}tblPr/{W}bidiVisual")) for t in english.tables())
    arabic = [r for r in english.runs() if "الأمن" in r.text]
    assert arabic and all(r.rtl for r in arabic)
    assert all(not r.rtl for r in english.runs() if r.text.startswith("An English paragraph"))


def test_two_builds_are_byte_identical(tmp_path):
    first = build(MANUSCRIPT, tmp_path / "a", ["docx"], reproducible=True)[0].path.read_bytes()
    second = build(MANUSCRIPT, tmp_path / "b", ["docx"], reproducible=True)[0].path.read_bytes()
    assert first == second


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    output = Docx(build(MANUSCRIPT, tmp_path, ["docx"])[0].path)
    core = output.parts["docProps/core.xml"].decode("utf-8")
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z</dcterms:created>" in core
    with zipfile.ZipFile(output.path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def test_images_inside_the_folder_are_embedded_and_others_refused(make_manuscript):
    files = {"manuscript.yaml": "title: صور\nlang: ar\ncontents: [one.md]\n",
             "one.md": "# مقدمة\n\n![شكل](figures/pic.png)\n"}
    root = make_manuscript(files)
    (root / "figures").mkdir()
    (root / "figures" / "pic.png").write_bytes(PNG)
    output = Docx(build(root, root / "dist", ["docx"])[0].path)
    assert [data for name, data in output.parts.items() if name.startswith("word/media/")] == [PNG]

    (root / "one.md").write_text("![a](../outside.png) ![b](https://example.org/b.png)\n", encoding="utf-8")
    with pytest.raises(ManuscriptError) as error:
        build(root, root / "dist", ["docx"])
    messages = [d.message for d in error.value.diagnostics]
    assert len(messages) == 2 and "../outside.png" in messages[0] and "https://example.org/b.png" in messages[1]


def test_greek_letters_and_symbols_name_the_bundled_face_that_draws_them(make_manuscript, tmp_path):
    """Amiri lacks α and ∈: their runs name JetBrains Mono as Latin and complex-script font (Word takes
    Greek from the Latin slots), and the font is embedded; the build once failed on the family order."""
    root = make_manuscript({"manuscript.yaml": "title: رموز\nlang: ar\ncontents: [a.md]\n",
                            "a.md": "نص عربي فيه حرف يوناني α وعلامة ∈ في الجملة.\n"})
    (output,) = build(root, tmp_path / "out", ["docx"])
    docx = Docx(output.path)
    runs = {"".join(t.text or "" for t in run.iter(f"{W}t")).strip(): run
            for run in docx.xml("word/document.xml").iter(f"{W}r")}
    for symbol in ("α", "∈"):
        fonts = runs[symbol].find(f"{W}rPr/{W}rFonts")
        assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs")} == {"JetBrains Mono"}, symbol
    embedded = [font for font in docx.xml("word/fontTable.xml").iter(f"{W}font")
                if font.get(f"{W}name") == "JetBrains Mono" and font.find(f"{W}embedRegular") is not None]
    assert embedded


def test_consecutive_note_references_are_set_apart(make_manuscript, tmp_path):
    """A raised comma between two references in a row ("³,⁴"), which Word would set as "34"."""
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md]\n",
                            "a.md": "Two notes[^b][^c] in a row.\n\n[^b]: Second.\n[^c]: Third.\n"})
    (output,) = build(root, tmp_path / "out", ["docx"])
    runs = list(Docx(output.path).xml("word/document.xml").iter(f"{W}r"))
    kinds = ["ref" if run.find(f"{W}footnoteReference") is not None else "".join(t.text for t in run.iter(f"{W}t"))
             for run in runs]
    first = kinds.index("ref")
    assert kinds[first:first + 3] == ["ref", ",", "ref"]
    assert runs[first + 1].find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"


# The title page and justification ---------------------------------------------------------------------

MASTHEAD = {
    "manuscript.yaml": """
        title: "النحو العربي بين السماع والقياس"
        lang: ar-EG
        authors:
          - name: أحمد المصري
            affiliation: جامعة القاهرة
        journal:
          name: مجلة الدراسات اللغوية
          issn: 2658-0829
          volume: "3"
          issue: "2"
          year: 2024
          first_page: 45
        doi: 10.34752/2024-e12
        dates:
          received: 2024-01-10
          accepted: 2024-03-02
          published: 2024-04-15
        license: CC-BY-4.0
        abstract:
          ar: ملخص عربي قصير عن النحو.
        contents:
          - one.md
    """,
    "one.md": """
        # مقدمة

        يتناول هذا البحث مسألة السماع والقياس في النحو العربي، ويعرض آراء النحاة القدامى والمحدثين فيها، ويبين أثر ذلك في تقعيد اللغة وتعليمها، مع الوقوف على أمثلة من كتاب سيبويه ومن شروح الألفية، ومن كتب الخلاف بين البصريين والكوفيين، ثم يخلص إلى نتائج وتوصيات تفيد الدارسين والمعلمين على السواء، وتفتح أبوابا للبحث في المستقبل، وتقترح مناهج جديدة لتعليم النحو في الجامعات والمدارس.
    """,
}


def _masthead_docx(make_manuscript, **layout: str) -> Docx:
    files = dict(MASTHEAD)
    if layout:
        settings = "".join(f"          {k}: {v}\n" for k, v in layout.items())
        files["manuscript.yaml"] = files["manuscript.yaml"].rstrip(" ") + "        layout:\n" + settings
    root = make_manuscript(files, name="masthead")
    return Docx(build(root, root / "dist", ["docx"])[0].path)


def _justification(docx: Docx, style: str) -> str | None:
    found = docx.style_property(style, "w:pPr/w:jc")
    return None if found is None else found.get(f"{W}val")


def test_title_page_has_the_masthead_dates_doi_and_licence_in_the_articles_digits(make_manuscript):
    docx = _masthead_docx(make_manuscript)
    paragraphs = [(p.style, p.rtl, _words(p.text)) for p in docx.paragraphs()]
    assert paragraphs[:3] == [
        ("Masthead", True, "مجلة الدراسات اللغوية"),
        ("MastheadIssue", True, "المجلد ٣ · العدد ٢ · ٢٠٢٤ · ISSN 2658-0829 · الصفحات ٤٥"),  # ar-EG: ٠-٩
        ("Title", True, "النحو العربي بين السماع والقياس"),
    ]
    meta = [(rtl, text) for style, rtl, text in paragraphs if style == "ArticleMeta"]
    assert meta == [
        (True, "تاريخ الاستلام: ٢٠٢٤-٠١-١٠ · تاريخ القبول: ٢٠٢٤-٠٣-٠٢ · تاريخ النشر: ٢٠٢٤-٠٤-١٥"),
        (False, "DOI: https://doi.org/10.34752/2024-e12"),
        (True, "الترخيص: CC-BY-4.0"),
    ]
    assert paragraphs.index(next(p for p in paragraphs if p[0] == "ArticleMeta")) > \
        paragraphs.index(next(p for p in paragraphs if p[0] == "Abstract"))
    runs = {run.text: run.rtl for run in docx.runs()}
    assert runs["ISSN 2658-0829"] is False and runs["CC-BY-4.0"] is False
    links = docx.xml("word/_rels/document.xml.rels")
    assert any(r.get("Target") == "https://doi.org/10.34752/2024-e12" for r in links)


def test_title_page_in_western_digits_without_a_first_page(make_manuscript):
    files = dict(MASTHEAD)
    files["manuscript.yaml"] = files["manuscript.yaml"].replace("lang: ar-EG", "lang: ar").replace(
        "first_page: 45", "")
    root = make_manuscript(files)
    docx = Docx(build(root, root / "dist", ["docx"])[0].path)
    texts = {p.style: _words(p.text) for p in docx.paragraphs()}
    assert texts["MastheadIssue"] == "المجلد 3 · العدد 2 · 2024 · ISSN 2658-0829"  # no page to show
    date_runs = [run for run in docx.runs() if run.text == "2024-01-10"]
    assert date_runs and not date_runs[0].rtl  # left to right, as in the PDF


def test_an_article_without_journal_data_has_no_masthead(small):
    assert not {p.style for p in small.paragraphs()} & {"Masthead", "MastheadIssue", "ArticleMeta"}


def test_body_abstract_and_notes_are_justified_unless_the_layout_says_not(make_manuscript, small):
    for style in ("BodyText", "FirstParagraph", "Abstract", "FootnoteText", "BlockText"):
        assert _justification(small, style) == "both"
    for style in ("Heading1", "Title", "MastheadIssue", "ArticleMeta"):
        assert _justification(small, style) != "both"
    ragged = _masthead_docx(make_manuscript, docx_justify="false")
    assert all(_justification(ragged, style) == "left" for style in ("BodyText", "Abstract", "FootnoteText"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_title_page_and_justifies_the_body(make_manuscript, tmp_path):
    docx = _masthead_docx(make_manuscript)
    pdf = libreoffice_pdf(docx.path, tmp_path)
    text = pdftotext(pdf)
    for words in ("مجلة الدراسات اللغوية", "ISSN 2658-0829", "https://doi.org/10.34752/2024-e12", "CC-BY-4.0",
                  "تاريخ الاستلام", "الصفحات"):
        assert words in text
    assert "٤٥" in text and "٢٠٢٤" in text
    page = pages(pdf)[0]
    body = Counter(round(c["size"]) for c in page.chars).most_common(1)[0][0]
    lines: dict[int, list[dict]] = {}
    for char in page.chars:
        if round(char["size"]) == body:
            lines.setdefault(round(char["top"]), []).append(char)
    ends = [(min(c["x0"] for c in line), max(c["x1"] for c in line)) for _, line in sorted(lines.items())]
    body_lines = [end for end in ends if end[1] - end[0] > 200]  # the paragraph, not the headings
    assert len(body_lines) >= 3
    lefts = [left for left, _ in body_lines[:-1]]  # every line but the last reaches both margins
    rights = [right for _, right in body_lines]
    assert max(lefts) - min(lefts) < 2 and max(rights) - min(rights) < 2
