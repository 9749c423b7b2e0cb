"""Layout choices that every format follows, not only the PDF: note digits and per-page numbering."""
from __future__ import annotations

import re
import zipfile

import pytest

from nashr.pipeline import build

from .conftest import REPO

EXAMPLE = REPO / "examples" / "bilingual-sample"  # arabic-indic numerals, per-page notes


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("example")
    return {o.format: o.path for o in build(EXAMPLE, out, ["epub", "docx"])}


def test_epub_notes_print_the_articles_digits(outputs):
    with zipfile.ZipFile(outputs["epub"]) as archive:
        pages = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    calls = re.findall(r'role="doc-noteref"[^>]*>([^<]+)<', pages)
    assert calls and all(re.fullmatch("[\u0660-\u0669]+", call) for call in calls), calls
    assert calls[:3] == ["\u0661", "\u0662", "\u0663"]


def test_docx_restarts_note_numbers_on_every_page_when_asked(outputs):
    with zipfile.ZipFile(outputs["docx"]) as archive:
        settings = archive.read("word/settings.xml").decode()
        document = archive.read("word/document.xml").decode()
    for xml in (settings, document):
        assert re.search(r'<w:footnotePr>.*?<w:numRestart w:val="eachPage"/>', xml, re.S)
