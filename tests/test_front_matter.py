"""The front matter is part of the Document (front_matter_parts.py): the title, subtitle, authors'
lines and keywords are judged and isolated by the bidi transform as the body is, so every format shows
the same runs in the same directions, and a problem in them is reported at its line in the metadata."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, html

from nashr.front_matter_parts import AUTHOR, KEYWORDS, SUBTITLE, TITLE, TRANSLATED_TITLE, front_lines
from nashr.pipeline import build, prepare

from .docx_inspect import Docx
from .epub_inspect import NS, epubcheck, open_book
from .pdf_inspect import pdftotext, script_word_list

TITLE_TEXT = "مدخل إلى بروتوكول DNS وخدمات REST API في الشبكات الحديثة"
AFFILIATION = "Université Mohammed V, Rabat"
MANUSCRIPT = f"""\
title: "{TITLE_TEXT}"
subtitle: "دراسة تطبيقية بلغة Python"
translated_titles:
  en: "An introduction to DNS and REST APIs"
lang: ar
authors:
  - name: "سلمى بنعلي"
    role: "أستاذة باحثة"
    affiliation: "{AFFILIATION}"
    country: "المغرب"
    email: "salma@example.org"
abstract:
  ar: "يعرض هذا المقال بروتوكول DNS وخدمات الويب في الشبكات الحديثة."
keywords:
  ar: ["Python", "الشبكات", "أسماء النطاقات"]
  en: ["networks", "domain names"]
contents:
  - text.md
"""
ISOLATED_IN_TITLE = ["DNS", "REST API"]  # the title's left-to-right runs, in order


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("front") / "article"
    folder.mkdir()
    (folder / "manuscript.yaml").write_text(MANUSCRIPT, encoding="utf-8")
    (folder / "text.md").write_text("# مقدمة\n\nنص المقال في فقرة واحدة عن الشبكات.\n", encoding="utf-8")
    built = build(folder, folder.parent / "dist", ["pdf", "epub", "docx", "html", "jats"])
    return {output.format: output.path for output in built} | {"manuscript": folder}


def _ltr_runs(element: etree._Element, attribute: str = "dir") -> list[str]:
    return ["".join(span.itertext()) for span in element.iter() if span.get(attribute) == "ltr"]


def test_the_document_holds_the_front_matter_transformed_like_the_body(outputs):
    document = prepare(outputs["manuscript"])
    (title,), = front_lines(document, TITLE)
    assert title.dir == "rtl" and title.text == TITLE_TEXT
    isolated = [element for element in title.inlines if element["t"] == "Span"]
    assert [attrs[2] for (attrs, _) in (span["c"] for span in isolated)] == [[["dir", "ltr"]]] * 2
    assert [line.dir for (line,) in front_lines(document, SUBTITLE)] == ["rtl"]
    assert [line.dir for (line,) in front_lines(document, TRANSLATED_TITLE)] == ["ltr"]
    (author,) = front_lines(document, AUTHOR)
    assert [(line.field, line.dir) for line in author] == [
        ("name", "rtl"), ("role", "rtl"), ("affiliation", "ltr"), ("country", "rtl")]
    arabic, english = front_lines(document, KEYWORDS)
    assert [line.dir for line in arabic] == ["rtl"] * 3  # "Python" alone keeps the list's direction
    assert [line.dir for line in english] == ["ltr"] * 2


def test_every_format_isolates_the_same_runs_of_the_title(outputs):
    book = open_book(outputs["epub"])
    h1 = book.page("title.xhtml").find(".//h:h1", NS)
    assert h1.get("dir") == "rtl" and _ltr_runs(h1) == ISOLATED_IN_TITLE

    page = html.parse(str(outputs["html"])).getroot()
    (galley_title,) = page.xpath("//h1[@class='article-title']")
    assert galley_title.get("dir") == "rtl" and _ltr_runs(galley_title) == ISOLATED_IN_TITLE
    assert {span.get("lang") for span in galley_title.iter("span")} == {"en"}

    docx = Docx(outputs["docx"])
    title = next(p for p in docx.paragraphs() if p.style == "Title")
    assert title.rtl and title.text == TITLE_TEXT
    runs = [r for r in docx.runs() if r.text.strip()]
    assert [r.text.strip() for r in runs if not r.rtl and r.text.strip() in TITLE_TEXT][:2] == ISOLATED_IN_TITLE

    jats = etree.parse(str(outputs["jats"]))
    (article_title,) = jats.iterfind(".//title-group/article-title")
    assert ["".join(e.itertext()) for e in article_title.iter("styled-content")] == ISOLATED_IN_TITLE
    assert "".join(article_title.itertext()) == TITLE_TEXT

    first_page = pdftotext(outputs["pdf"], 1)
    assert " ".join(script_word_list(TITLE_TEXT)) in " ".join(script_word_list(first_page))


def test_author_lines_and_keywords_take_their_own_direction_in_every_format(outputs):
    title_page = open_book(outputs["epub"]).page("title.xhtml")
    details = {"".join(s.itertext()): s.get("dir") for s in title_page.iterfind(".//h:span[@class='author-detail']", NS)}
    assert details == {"أستاذة باحثة": "rtl", AFFILIATION: "ltr", "المغرب": "rtl"}
    keywords = {"".join(s.itertext()): s.get("dir") for s in title_page.iterfind(".//h:span[@class='keyword']", NS)}
    assert keywords == {"Python": "rtl", "الشبكات": "rtl", "أسماء النطاقات": "rtl",
                        "networks": "ltr", "domain names": "ltr"}

    page = html.parse(str(outputs["html"])).getroot()
    galley = {"".join(s.itertext()): s.get("dir") for s in page.xpath("//span[@class='keyword']")}
    assert galley == keywords

    docx = Docx(outputs["docx"])
    runs = {word: r.rtl for r in docx.runs() for word in (AFFILIATION, "Python", "networks") if word in r.text}
    assert runs == {AFFILIATION: False, "Python": False, "networks": False}

    jats = etree.parse(str(outputs["jats"]))
    assert [k.text for k in jats.iterfind(".//kwd-group[@{http://www.w3.org/XML/1998/namespace}lang='en']/kwd")] \
        == ["networks", "domain names"]
    assert jats.find(".//trans-title").text == "An introduction to DNS and REST APIs"


def test_the_epub_with_isolated_front_matter_passes_epubcheck(outputs):
    assert [m for m in epubcheck(outputs["epub"]) if m["severity"] in ("ERROR", "FATAL")] == []


def test_a_problem_in_the_front_matter_is_reported_at_its_line_and_column(tmp_path):
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "manuscript.yaml").write_text(MANUSCRIPT.replace("دراسة تطبيقية", "دراسة ☃ تطبيقية"), encoding="utf-8")
    (folder / "text.md").write_text("نص.\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "nashr", "check", str(folder)], capture_output=True, text=True)
    line = next(number for number, text in enumerate(MANUSCRIPT.split("\n"), start=1) if text.startswith("subtitle:"))
    assert f"manuscript.yaml:{line}:11: warning: '☃' (U+2603 SNOWMAN)" in checked.stderr


def test_front_matter_values_are_read_as_one_line_of_markdown(tmp_path):
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "manuscript.yaml").write_text(
        'title: "The *Muqaddima* and its readers"\nsubtitle: "1. A first reading"\nlang: en\n'
        'authors:\n  - name: "Ibn **Khaldun**"\n    affiliation: "Lab @ Fez"\ncontents: [text.md]\n', encoding="utf-8")
    (folder / "text.md").write_text("Text.\n", encoding="utf-8")
    built = {output.format: output.path for output in build(folder, tmp_path / "dist", ["pdf", "epub", "docx", "jats"])}
    title_page = open_book(built["epub"]).page("title.xhtml")
    assert [e.text for e in title_page.iterfind(".//h:h1/h:em", NS)] == ["Muqaddima"]
    assert "".join(title_page.find(".//h:p[@class='article-subtitle']", NS).itertext()) == "1. A first reading"
    assert [e.text for e in title_page.iterfind(".//h:span[@class='author-name']/h:strong", NS)] == ["Khaldun"]
    assert "Lab @ Fez" in "".join(title_page.itertext())
    jats = etree.parse(str(built["jats"]))
    assert [e.text for e in jats.iterfind(".//article-title/italic")] == ["Muqaddima"]
    info = subprocess.run(["pdfinfo", str(built["pdf"])], capture_output=True, text=True, check=True).stdout
    assert "Title:           The Muqaddima and its readers" in info  # the plain text in the properties
    assert "Author:          Ibn Khaldun" in info
    title = next(p for p in Docx(built["docx"]).paragraphs() if p.style == "Title")
    assert title.text == "The Muqaddima and its readers" and title.element.xpath(".//*[local-name()='i']")


def test_empty_keywords_make_no_part_and_positions_stay_with_their_parts(tmp_path):
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "manuscript.yaml").write_text(
        'title: "0"\nlang: ar\nkeywords:\n  ar: []\n  fr: ["", "漢"]\ncontents: [text.md]\n', encoding="utf-8")
    (folder / "text.md").write_text("نص.\n", encoding="utf-8")
    document = prepare(folder)
    assert [part.lang for part in document.parts if part.kind == KEYWORDS] == ["fr"]
    assert document.metadata.keywords == {"ar": [], "fr": ["漢"]}
    checked = subprocess.run([sys.executable, "-m", "nashr", "check", str(folder)], capture_output=True, text=True)
    assert "manuscript.yaml:5:12: warning: '漢'" in checked.stderr, checked.stderr
