"""The importer's rules on small texts: call styles, notes headings, residue, headings, coverage."""
from __future__ import annotations

from collections import Counter

import pytest

from nashr.ast import stringify, walk
from nashr.importers import import_source
from nashr.importers.report import Report, coverage
from nashr.importers.structure import recover_headings
from nashr.importers.text_reader import escape, read_text
from nashr.pipeline import prepare
from nashr.project import load_project
from tests.import_inspect import shape

BODY = "مقدمة\n\nيرى الباحث{c1} أن التعاون ضروري منذ سنة (1994)، وقد أكد ذلك غيره{c2}.\n\n"


def _import(tmp_path, text: str, name: str = "a.txt"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = import_source(source, tmp_path / "ms")
    prepare(result.target)  # nashr check passes on every import
    return result, shape(result.target)


@pytest.mark.parametrize("calls, listed", [
    (("[1]", "[2]"), ("1.", "2.")),
    (("(1)", "(2)"), ("(1)", "(2)")),
    (("¹", "²"), ("¹", "²")),
    (("[١]", "[٢]"), ("١.", "٢.")),
    (("(١)", "(٢)"), ("[1]", "[2]")),
    ((" [1]", " [2]"), ("1-", "2-")),
])
def test_each_call_style(tmp_path, calls, listed):
    notes = f"الهوامش\n\n{listed[0]} المرجع الأول.\n\n{listed[1]} المرجع الثاني.\n"
    result, imported = _import(tmp_path, BODY.format(c1=calls[0], c2=calls[1]) + notes)
    assert imported.notes == [("الباحث", "المرجع الأول."), ("غيره", "المرجع الثاني.")]
    assert not result.lost


@pytest.mark.parametrize("heading", ["الإحالات:", "الهوامش", "المراجع والهوامش", "Notes", "Endnotes:",
                                     "References", "الحواشي"])
def test_each_notes_heading(tmp_path, heading):
    text = BODY.format(c1="[1]", c2="[2]") + f"{heading}\n\n  1. المرجع الأول. ↑\n  2. المرجع الثاني ↩\n"
    result, imported = _import(tmp_path, text)
    assert [text for _, text in imported.notes] == ["المرجع الأول.", "المرجع الثاني"]
    written = "".join(p.read_text(encoding="utf-8") for p in result.target.glob("*.md"))
    assert heading.rstrip(":") not in written


def test_superscript_calls_in_markdown_and_web_note_links_in_html(tmp_path):
    html = ("<html><head><title>Salt and Gold | Journal of Sahara Studies</title></head><body>"
            "<nav><a href='/'>Home</a></nav><h1>Salt and Gold</h1><h1>Introduction</h1>"
            "<p>Caravans carried salt<sup><a href='#fn1' id='r1'>[1]</a></sup> and gold<sup>2</sup>.</p>"
            "<h2>Notes</h2><ol><li id='fn1'><a href='#r1'>↑</a> Ibn Battuta, Rihla.</li>"
            "<li>Levtzion, Ancient Ghana. <a href='#r2'>↩</a></li></ol>"
            "<p>Scroll to Top</p></body></html>")
    result, imported = _import(tmp_path, html, "page.html")
    assert imported.notes == [("salt", "Ibn Battuta, Rihla."), ("gold", "Levtzion, Ancient Ghana.")]
    assert imported.headings == [(1, "Introduction")]
    assert load_project(result.target).metadata.title == "Salt and Gold"
    assert "Home" in result.report.text("page.html")
    assert not result.lost


def test_word_superscript_calls_and_a_numbered_notes_list(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Introduction")
    paragraph = document.add_paragraph("Salt came from Taghaza")
    paragraph.add_run("1").font.superscript = True
    paragraph.add_run(" and gold from Bambuk")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(", about 10 m")
    paragraph.add_run("2").font.superscript = True  # a unit, not a call: the sequence is past 2
    paragraph.add_run(".")
    document.add_paragraph("Endnotes")
    document.add_paragraph("Ibn Battuta, Rihla.", style="List Number")
    document.add_paragraph("Levtzion, Ancient Ghana.", style="List Number")
    document.save(tmp_path / "a.docx")
    result = import_source(tmp_path / "a.docx", tmp_path / "ms")
    imported = shape(result.target)
    assert imported.notes == [("Taghaza", "Ibn Battuta, Rihla."), ("Bambuk", "Levtzion, Ancient Ghana.")]
    assert "10 m²" in (result.target / "01-introduction.md").read_text(encoding="utf-8")
    assert not result.lost


def test_html_saved_from_word_with_hand_numbered_notes(tmp_path):
    html = ("<html><body><p class=MsoTitle>الأمن الجماعي</p><p><b>المبحث الأول: السياق</b></p>"
            "<p dir=rtl>يرى الباحث<a href='#_ftn1' name='_ftnref1'><span class=MsoFootnoteReference>[1]</span></a>"
            " أن التعاون ضروري<a href='#_ftn2' name='_ftnref2'>[2]</a>.</p>"
            "<table><tr><td>السنة</td><td>العدد</td></tr><tr><td>2015</td><td>126</td></tr></table>"
            "<p>Haut du formulaire</p><p>الهوامش:</p>"
            "<p><a href='#_ftnref1' name='_ftn1'>[1]</a> المرجع الأول، ص45.</p>"
            "<p><a href='#_ftnref2' name='_ftn2'>[2]</a> نفسه.</p></body></html>")
    result, imported = _import(tmp_path, html, "article.htm")
    assert imported.notes == [("الباحث", "المرجع الأول، ص45."), ("ضروري", "نفسه.")]
    assert imported.headings == [(1, "المبحث الأول: السياق")]
    assert load_project(result.target).metadata.title == "الأمن الجماعي"
    text = (result.target / "01-section.md").read_text(encoding="utf-8")
    tables = [b for b in prepare(result.target).body_blocks() if b["t"] == "Table"]
    assert len(tables) == 1 and "126" in stringify(tables[0])  # the table is kept as a table
    assert "Haut du formulaire" not in text and "Haut du formulaire" in result.report.text("article.htm")
    assert not result.lost


def test_markdown_and_odt_native_notes(tmp_path):
    import pypandoc

    markdown = "# مقدمة\n\nنص أول[^a] ونص ثان.[^b]\n\n> اقتباس طويل من مصدر.\n\n![خريطة الطرق](map.png)\n\n[^a]: الحاشية الأولى.\n[^b]: الحاشية الثانية.\n"
    source = tmp_path / "in.md"
    source.write_text(markdown, encoding="utf-8")
    pypandoc.convert_file(str(source), "odt", outputfile=str(tmp_path / "in.odt"))
    for name in ("in.odt", "in.md"):  # (Pandoc writes no image it cannot find into the ODT)
        result = import_source(tmp_path / name, tmp_path / name.replace(".", "-"))
        imported = shape(result.target)
        assert imported.notes == [("أول", "الحاشية الأولى."), ("ثان.", "الحاشية الثانية.")], name
        text = (result.target / "01-section.md").read_text(encoding="utf-8")
        assert "> اقتباس طويل من مصدر." in text, name
        assert "خريطة الطرق" in text and "map.png" not in text, name  # the caption stays, the image goes
    assert "image 'map.png' not imported" in result.report.text("in.md")


def test_calls_without_notes_and_notes_without_calls_are_reported_with_their_line(tmp_path):
    text = BODY.format(c1="[1]", c2="[7]") + "Notes\n\n[1] First.\n\n[2] Never called.\n"
    result, imported = _import(tmp_path, text)
    lines = result.report.lines("a.txt")
    assert "a.txt:3: note: call [7] has no note in the notes list; left as text" in lines
    assert any(line.startswith("a.txt:9: note: note 2 has no call") and "Never called." in line for line in lines)
    assert imported.notes == [("الباحث", "First.")]
    assert "غيره\\[7\\]" in (result.target / "01-section.md").read_text(encoding="utf-8")  # kept as typed
    assert not result.lost


def test_a_bibliography_that_nothing_calls_stays_in_the_text(tmp_path):
    text = ("Introduction\n\nCaravans carried salt (Levtzion 1973).\n\nReferences\n\n"
            "1973. Levtzion, N. Ancient Ghana and Mali.\n\n1994. Austen, R. Trans-Saharan Africa.\n")
    result, imported = _import(tmp_path, text)
    assert imported.notes == []
    written = (result.target / "02-references.md").read_text(encoding="utf-8")
    assert "# References" in written and "Ancient Ghana" in written and "Trans-Saharan" in written
    assert not result.lost


def test_calls_without_any_notes_list_are_reported(tmp_path):
    result, imported = _import(tmp_path, "مقدمة\n\nنص فيه إحالة[3] بلا قائمة هوامش.\n")
    assert imported.notes == []
    assert any(line.startswith("a.txt:3: note: call [3] left as text: no notes list")
               for line in result.report.lines("a.txt"))


def test_every_word_is_in_the_manuscript_or_the_report(tmp_path):
    text = ("Title line\n\nAbstract\n\nShort abstract here.\n\nKeywords: one, two\n\n"
            "Introduction\n\nSome *starred* text with_underscores and <angle> [brackets] $5 @name #tag.\n\n"
            "1. first item\n2. second item\n\n    an indented quotation\n\nTélécharger le PDF\n")
    result, _ = _import(tmp_path, text)
    assert not result.lost
    written = " ".join(p.read_text(encoding="utf-8") for p in result.target.iterdir()).replace("\\", "")
    for word in ("starred", "with_underscores", "angle", "brackets", "5", "name", "tag", "Télécharger", "Keywords"):
        assert word in written


def test_coverage_names_a_word_that_went_missing():
    report = Report()
    report.add("dropped", 3, "web-page residue: 'Print'")
    assert coverage("alpha beta Print gamma", ["alpha gamma"], report) == Counter({"beta": 1})


def test_long_paragraphs_that_start_like_parts_are_not_headings():
    source = read_text("المبحث الأول: السياق\n\nالمطلب الأول: الإطار\n\nأولاً- ظاهرة الهجرة:\n\n"
                       "ثانياً- من خلال عمليات حفظ السلام، التي يشارك فيها المغرب تحت مظلة الأمم المتحدة؛ بحيث لا "
                       "يقتصر الدور المغربي على الجوانب العسكرية والأمنية فحسب، بل يمتد إلى التنمية.\n\n"
                       "المحدد الأول: قضية الصحراء\n\nخاتمة\n")
    blocks = recover_headings(source.blocks)
    assert [(b.kind, b.level) for b in blocks] == [("heading", 1), ("heading", 2), ("heading", 3), ("para", 0),
                                                   ("heading", 3), ("heading", 1)]


def test_numbered_headings_in_plain_text():
    source = read_text("1. Introduction\n\nSalt and gold.\n\n2. Sources\n\n2.1 Arabic chronicles\n\nText.\n\n"
                       "1. a real list\n2. of two items\n")
    blocks = recover_headings(source.blocks)
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", 1, "1. Introduction"), ("heading", 1, "2. Sources"), ("heading", 2, "2.1 Arabic chronicles")]
    assert [b.kind for b in blocks[-2:]] == ["item", "item"]


def test_tab_separated_lines_become_a_table(tmp_path):
    result, _ = _import(tmp_path, "مقدمة\n\nالأرقام:\n\nالسنة\tالعدد\n2015\t126\n2016\t*40*\n\nنص بعد الجدول.\n")
    [table] = [b for b in prepare(result.target).body_blocks() if b["t"] == "Table"]
    assert [n["c"] for n in walk(table) if n["t"] == "Str"] == ["السنة", "العدد", "2015", "126", "2016", "*40*"]
    assert not result.lost


def test_escape_keeps_text_verbatim():
    import pypandoc

    for text in ("1. not a list", "- not a bullet", "(2) not a list", "a *b* _c_ [d] <e> $f$ ^g^ ~h~ @i #j"):
        html = pypandoc.convert_text(escape(text), "plain", format="markdown", extra_args=["--wrap=none"])
        assert html.strip() == text


def test_wrapped_and_unwrapped_plain_text():
    wrapped = read_text("Salt and gold crossed the desert on camels, and scholars\nfollowed the same roads south.\n\n"
                        "Short line\nAnother short line\n")
    assert [b.text for b in wrapped.blocks] == [
        "Salt and gold crossed the desert on camels, and scholars followed the same roads south.",
        "Short line", "Another short line"]
    long = "word " * 40
    unwrapped = read_text(f"{long}\n{long}\n")  # one paragraph per line, as web pages copy
    assert len(unwrapped.blocks) == 2


@pytest.mark.parametrize("text, lang", [
    ("دور المغرب في التعاون الأمني لتحقيق الأمن الجماعي", "ar"),
    ("نقش ایران در همکاری امنیتی برای تحقق امنیت جمعی در منطقه چگونه است", "fa"),
    ("پاکستان میں سلامتی کے تعاون کا کردار اور علاقائی ہم آہنگی", "ur"),
    ("תפקידה של מרוקו בשיתוף הפעולה הביטחוני", "he"),
    ("Le rôle du Maroc dans la coopération sécuritaire et la sécurité collective", "fr"),
    ("The role of Morocco in security cooperation and collective security", "en"),
])
def test_language_detection(text, lang):
    from nashr.importers.frontmatter import detect_language

    assert detect_language(text) == lang


def test_abstract_keywords_and_authors_from_the_top_of_a_text(tmp_path):
    import yaml

    text = ("التعاون الأمني في الفضاء المغاربي\n\nأحمد العلوي\n\nأستاذ التعليم العالي\n\nجامعة محمد الخامس، الرباط\n\n"
            "ahmed@example.ma\n\nملخص: " + "يتناول هذا البحث دور المغرب في التعاون الأمني. " * 4 + "\n\n"
            "الكلمات المفتاحية: التعاون الأمني، الأمن الجماعي؛ المغرب\n\n"
            "Abstract\n\n" + "This paper studies Morocco's role in security cooperation. " * 3 + "\n\n"
            "Keywords: security cooperation, Morocco\n\nمقدمة\n\nنص المقدمة.\n")
    result, _ = _import(tmp_path, text)
    meta = yaml.safe_load((result.target / "manuscript.yaml").read_text(encoding="utf-8"))
    assert meta["title"] == "التعاون الأمني في الفضاء المغاربي"
    assert meta["authors"] == [{"name": "أحمد العلوي", "role": "أستاذ التعليم العالي",
                                "affiliation": "جامعة محمد الخامس، الرباط", "email": "ahmed@example.ma"}]
    assert meta["abstract"]["ar"].startswith("يتناول هذا البحث") and meta["abstract"]["en"].startswith("This paper")
    assert meta["keywords"] == {"ar": ["التعاون الأمني", "الأمن الجماعي", "المغرب"],
                                "en": ["security cooperation", "Morocco"]}
    assert (result.target / "01-section.md").read_text(encoding="utf-8") == "# مقدمة\n\nنص المقدمة.\n"
    assert not result.lost


def test_word_directions_and_declared_authors(tmp_path):
    import pypandoc

    markdown = ("---\ntitle: عنوان\nauthor: \"Ahmed Alaoui, University of Rabat, Morocco\"\n---\n\n"
                "# [Introduction]{dir=ltr}\n\n[نص [Latin words]{dir=ltr} هنا]{dir=rtl}.\n")
    source = tmp_path / "in.md"
    source.write_text(markdown, encoding="utf-8")
    pypandoc.convert_file(str(source), "docx", outputfile=str(tmp_path / "in.docx"))
    result = import_source(tmp_path / "in.docx", tmp_path / "ms")
    assert (result.target / "01-introduction.md").read_text(encoding="utf-8") == \
        "# Introduction\n\nنص Latin words هنا.\n"
    assert load_project(result.target).metadata.authors[0].affiliation == "University of Rabat"
    assert load_project(result.target).metadata.authors[0].name == "Ahmed Alaoui"
    assert not result.lost
