"""Note numbers as each format shows them, for every test article: the PDF (the raised calls in the text
and the numbers opening the notes at the page foot), the EPUB (calls and the numbers opening the asides),
the DOCX (its footnote references, numbered by Word from the settings the file gives), the HTML galley
(calls and the note list) and the JATS (`fn` labels and the `xref`s that call them) agree, in the
article's digits.

With per-page numbering (the example) the numbers restart on each printed page: the PDF and the JATS,
which repeats the PDF's, restart where the PDF's pages turn, the DOCX asks Word to restart on each of its
pages, and the reflowable formats (EPUB, HTML), which have no pages, number the notes through.
"""
from __future__ import annotations

import re
import zipfile
from collections import Counter

import pytest
from lxml import etree
from lxml import html as lxml_html

from nashr.metadata import Metadata
from nashr.project import load_project
from nashr.digits import digits

from .conftest import TEST_ARTICLES
from .epub_inspect import open_book
from .pdf_inspect import note_call_texts, note_markers, pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DIGITS = {"western": "0123456789", "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


def number(text: str) -> str:
    """The number in a note call or label as shown ("(٣)", "3.", "¹²" → its digits)."""
    return re.sub(r"\D", "", text)


def pdf_numbers(path) -> list[list[str]]:
    """Per page, the note calls in reading order, each checked against the numbers opening lines at the
    page foot (which also holds the page number and a numbered list inside a note: hence a sub-multiset)."""
    numbers = []
    for page in pages(path):
        calls = note_call_texts(page)
        assert not Counter(int(call) for call in calls) - Counter(m.number for m in note_markers(page)), \
            f"page {page.page_number}: a call in the text has no note at the page foot"
        numbers.append(calls)
    return numbers


def epub_numbers(path) -> list[str]:
    calls, labels = [], []
    for _, page in open_book(path).pages():
        for element in page.iter():
            if element.get("role") == "doc-noteref":
                calls.append(number("".join(element.itertext())))
            elif element.get("role") == "doc-backlink":
                labels.append(number("".join(element.itertext())))
    assert calls == labels, "the EPUB's calls are not the numbers of its asides"
    return calls


def html_numbers(path) -> list[str]:
    page = lxml_html.fromstring(path.read_bytes())
    calls = [number(call.text_content()) for call in page.xpath('//a[@role="doc-noteref"]')]
    listed = [number(link.text_content())
              for link in page.xpath('//section[@role="doc-endnotes"]//a[@role="doc-backlink"]')]
    assert calls == listed, "the galley's calls are not the numbers of its note list"
    return calls


def jats_numbers(path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    labels = {fn.get("id"): fn.findtext("label") for fn in root.iter("fn")}
    calls = [xref for xref in root.iter("xref") if xref.get("ref-type") == "fn"]
    assert [labels[xref.get("rid")] for xref in calls] == [xref.text for xref in calls]
    assert len(calls) == len(labels)
    return [xref.text for xref in calls]


def docx_numbers(path, metadata: Metadata) -> list[str]:
    """The numbers Word gives the footnote references: 1 to N in the order they stand (decimal, from 1,
    restarting as the settings say), as no reference carries a mark of its own. They are returned in the
    article's digits to compare with the others; which digits Word draws is its own digit substitution
    for the text's language (the file says `decimal`), so the DOCX's digit shapes are not checked here."""
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
    references = list(body.iter(f"{W}footnoteReference"))
    assert not [r for r in references if r.get(f"{W}customMarkFollows") in ("1", "true", "on")]
    numbering = settings.find(f"{W}footnotePr")
    assert numbering.find(f"{W}numFmt").get(f"{W}val") == "decimal"
    assert numbering.find(f"{W}numStart").get(f"{W}val") == "1"
    restart = "eachPage" if metadata.layout.note_numbering == "per-page" else "continuous"
    assert numbering.find(f"{W}numRestart").get(f"{W}val") == restart
    return [digits(n, metadata.layout.numerals) for n in range(1, len(references) + 1)]


@pytest.mark.parametrize("name", list(TEST_ARTICLES))
def test_note_numbers_agree_across_pdf_epub_docx_html_and_jats(name, every_format_of):
    outputs = every_format_of(name)
    metadata = load_project(TEST_ARTICLES[name]).metadata
    numerals = metadata.layout.numerals
    on_pages = pdf_numbers(outputs["pdf"])
    printed = [call for page in on_pages for call in page]
    assert printed, "every test article has notes"
    shown = {"epub": epub_numbers(outputs["epub"]), "html": html_numbers(outputs["html"]),
             "docx": docx_numbers(outputs["docx"], metadata)}
    assert jats_numbers(outputs["jats"]) == printed
    through = [digits(n, numerals) for n in range(1, len(printed) + 1)]
    assert shown == {"epub": through, "html": through, "docx": through}
    if metadata.layout.note_numbering == "per-page":
        assert on_pages == [[digits(n, numerals) for n in range(1, len(page) + 1)] for page in on_pages]
        assert printed != through, "the example's notes should restart on a page: a test that cannot fail"
    else:
        assert printed == through
    assert set("".join(printed)) <= set(DIGITS[numerals])
