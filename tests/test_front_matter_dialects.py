"""Front matter written for Pandoc, Quarto, Jekyll or Hugo, or none at all (front_matter_dialects.py):
the document builds, each key is read as nashr's or left out, and each rewrite is a warning at its
line; a key that looks like a typo of nashr's is still an error."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nashr.ast import stringify, walk
from nashr.diagnostics import ManuscriptError
from nashr.front_matter_dialects import guess_language
from nashr.note_labels import check_labels
from nashr.pipeline import build, prepare
from nashr.project import load_project

from .epub_inspect import NS, open_book

PANDOC = """\
---
title: "The *Muqaddima* and its readers"
author:
  - John MacFarlane
  - name: Anonymous
    affiliation: Nowhere University
date: July 17, 2006
abstract: "This is the *abstract*."
keywords: [history, historiography]
toc: true
lang: en
---

# Intro

Some text.
"""
QUARTO = """\
---
title: "Notes"
lang: en
author:
  - name:
      given: Ada
      family: Lovelace
    orcid: https://orcid.org/0000-0002-1825-0097
    email: ada@example.org
    affiliations:
      - name: University A
      - name: University B
    url: https://example.org/ada
format: html
---

Text.
"""
JEKYLL = """\
---
layout: post
title: "مقدمة في لغة Python"
date: 2019-05-01 10:00:00 +0300
categories: [برمجة]
tags: [python]
author: أحمد بن علي
hijri: 25 شعبان 1440
---

تعد لغة Python من أسهل لغات البرمجة تعلمًا، وهي لغة مفتوحة المصدر.
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _warnings(project) -> list[str]:
    return [f"{warning.location.line}: {warning.message}" for warning in project.warnings]


def test_pandoc_front_matter_is_read_as_nashrs(tmp_path):
    project = load_project(_file(tmp_path, "paper.md", PANDOC))
    metadata = project.metadata
    assert [(a.name, a.affiliation) for a in metadata.authors] == [("John MacFarlane", None),
                                                                   ("Anonymous", "Nowhere University")]
    assert metadata.abstract == {"en": "This is the *abstract*."}
    assert metadata.keywords == {"en": ["history", "historiography"]}
    assert metadata.dates is None
    warnings = _warnings(project)
    assert any(w.startswith("7: date: 'July 17, 2006' is not a date") for w in warnings), warnings
    assert any(w.startswith("10: toc: a setting of Pandoc") for w in warnings), warnings
    assert project.key_location("authors", 1, "affiliation").line == 6  # where the author wrote it


def test_quarto_authors_are_read_as_nashrs(tmp_path):
    project = load_project(_file(tmp_path, "notes.md", QUARTO))
    (author,) = project.metadata.authors
    assert (author.name, author.orcid, author.email, author.affiliation) == (
        "Ada Lovelace", "0000-0002-1825-0097", "ada@example.org", "University A; University B")
    warnings = _warnings(project)
    assert any(w.startswith("13: url: an author's key nashr has no place for") for w in warnings), warnings
    assert any(w.startswith("14: format: a setting of Pandoc") for w in warnings), warnings


def test_a_jekyll_post_in_arabic_builds_right_to_left(tmp_path):
    post = _file(tmp_path, "2019-05-01-python.md", JEKYLL)
    project = load_project(post)
    metadata = project.metadata
    assert (metadata.lang, metadata.direction) == ("ar", "rtl")
    assert metadata.dates.published == dt.date(2019, 5, 1)
    assert [a.name for a in metadata.authors] == ["أحمد بن علي"]
    warnings = _warnings(project)
    for expected in ("2: layout: 'post' is a site's page layout", "5: categories: a setting", "6: tags: a setting",
                     "8: hijri: not one of nashr's keys", "2: lang: not given; the text reads as 'ar'"):
        assert any(w.startswith(expected) for w in warnings), (expected, warnings)
    (epub,) = build(post, tmp_path / "dist", ["epub"])
    page = open_book(epub.path).page("title.xhtml")
    assert page.get("dir") == "rtl" and page.get("lang") == "ar"
    assert "".join(page.find(".//h:h1", NS).itertext()) == "مقدمة في لغة Python"


@pytest.mark.parametrize("text, lang, title", [
    ("# مقدمة\n\nنص عربي قصير عن الشبكات.\n", "ar", "مقدمة"),
    ("# پیش‌گفتار\n\nکاتلین یک زبان برنامه‌نویسی است که گوگل آن را پشتیبانی می‌کند.\n", "fa", "پیش‌گفتار"),
    ("اردو ایک زبان ہے جو پاکستان اور ہندوستان میں بولی جاتی ہے، اور بڑی تعداد میں لوگ اسے پڑھتے ہیں۔\n", "ur", "note"),
    ("# מבוא\n\nזהו טקסט קצר בעברית.\n", "he", "מבוא"),
])
def test_a_file_without_front_matter_builds_with_its_language_and_title_read_from_it(tmp_path, text, lang, title):
    document = prepare(_file(tmp_path, "note.md", text))
    assert (document.metadata.lang, document.metadata.title) == (lang, title)
    messages = [warning.message for warning in document.warnings]
    assert any(m.startswith(f"lang: not given; the text reads as '{lang}'") for m in messages)
    assert any(m.startswith("title: not given;") and f"'{title}'" in m for m in messages)


def test_guess_language_tells_the_scripts_and_languages_apart():
    assert guess_language("The quick brown fox") == "en"
    assert guess_language("") == "en"
    assert guess_language("هذا نص عربي فيه كلمة Python واحدة") == "ar"


def test_a_key_close_to_nashrs_is_still_an_error_and_a_made_up_key_only_in_a_single_file(tmp_path):
    with pytest.raises(ManuscriptError) as typo:
        load_project(_file(tmp_path, "a.md", "---\ntitel: X\nlang: en\n---\n\nText.\n"))
    assert "titel: unknown key 'titel'; did you mean 'title'?" in str(typo.value.diagnostics[0])
    folder = tmp_path / "ms"
    folder.mkdir()
    _file(folder, "manuscript.yaml", "title: X\nlang: en\nhijri: 1440\ncontents: [a.md]\n")
    _file(folder, "a.md", "Text.\n")
    with pytest.raises(ManuscriptError) as made_up:
        load_project(folder)
    assert "hijri: unknown key 'hijri'" in str(made_up.value.diagnostics[0])


def test_a_pandoc_title_block_is_the_front_matter(tmp_path):
    text = "% The *Muqaddima*\n  and its readers\n% John MacFarlane; Anonymous\n% 2006-07-17\n\nText[^x].\n"
    with pytest.raises(ManuscriptError) as caught:  # a problem in the text is at the file's own line
        load_project(_file(tmp_path, "suite.txt", text), source_checks=[check_labels])
    assert "suite.txt:6:" in str(caught.value.diagnostics[0]) and "[^x]" in str(caught.value.diagnostics[0])
    project = load_project(_file(tmp_path, "suite.txt", text.replace("[^x]", "")))
    metadata = project.metadata
    assert metadata.title == "The *Muqaddima* and its readers"
    assert [a.name for a in metadata.authors] == ["John MacFarlane", "Anonymous"]
    assert metadata.dates.published == dt.date(2006, 7, 17)
    assert project.key_location("authors", 1, "name").line == 3


def test_hugo_toml_front_matter_is_read_at_its_lines(tmp_path):
    text = ('+++\ntitle = "الأمن السيبراني"\ndate = 2021-03-04T10:00:00+01:00\ndraft = false\n'
            'author = "سارة"\n\n[params]\n  cover = "x.png"\n+++\n\nنص المقال.\n')
    project = load_project(_file(tmp_path, "post.md", text))
    metadata = project.metadata
    assert (metadata.title, metadata.lang) == ("الأمن السيبراني", "ar")
    assert metadata.dates.published == dt.date(2021, 3, 4)
    assert [a.name for a in metadata.authors] == ["سارة"]
    warnings = _warnings(project)
    assert any(w.startswith("4: draft: a setting") for w in warnings), warnings
    assert any(w.startswith("7: params: a setting") for w in warnings), warnings
    assert project.key_location("authors", 0, "name").line == 5
    with pytest.raises(ManuscriptError) as caught:
        load_project(_file(tmp_path, "bad.md", '+++\ntitle = "x"\nlang = = "ar"\n+++\n\nText.\n'))
    assert "bad.md:3:8: error: TOML front matter: Invalid value" in str(caught.value.diagnostics[0])


def test_a_title_over_equals_signs_is_the_title(tmp_path):
    document = prepare(_file(tmp_path, "notes.md", "Pandoc with citeproc\n====================\n\nText.\n"))
    assert document.metadata.title == "Pandoc with citeproc"


def test_a_heading_that_opens_a_file_without_front_matter_becomes_its_title_and_leaves_the_text(tmp_path):
    text = '<div dir="rtl">\n\n# چرا کاتلین\n\nمتن اول.\n\n# بخش دوم\n\nمتن دوم.\n\n</div>\n'
    document = prepare(_file(tmp_path, "post.md", text))
    assert document.metadata.title == "چرا کاتلین"
    headings = [block for block in walk(document.body_blocks()) if block["t"] == "Header"]
    assert [stringify(h) for h in headings] == ["بخش دوم"]  # the title is not printed twice
    assert document.project.key_location("title").line == 3
    sections = prepare(_file(tmp_path, "notes.md", "متن قبل العنوان.\n\n# قسم\n\nنص.\n"))
    assert sections.metadata.title == "notes"  # a heading after the text opens a section
    assert [stringify(h) for h in walk(sections.body_blocks()) if h["t"] == "Header"] == ["قسم"]
