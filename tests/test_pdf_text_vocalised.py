"""Vocalised text copies back out of the PDF (weasyprint_fixes/text_layer_rtl.py): every word with combining
marks comes back exactly as written, with pdftotext and with PyMuPDF, and the pages do not change.

The articles are real-shaped: Arabic literature with fully vocalised verse, Quran in the body and in
a note, a hadith and a verse typed with the shadda before the vowel, a transliteration written with
combining accents (NFD); Persian with the ezafe hamza (هٔ next to ۀ), ZWNJ and vocalised verse;
Hebrew with niqqud (dagesh, shin dot, hataf vowels, mappiq)."""
from __future__ import annotations

import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pymupdf
import pytest
import yaml

from nashr.pipeline import build
from nashr.weasyprint_fixes import text_layer as pdf_text

ARTICLES = Path(__file__).parent / "data" / "articles"
CASES = ["ar-vocalised", "fa-vocalised", "he-pointed"]
JOINERS = "\u200c\u200d"  # part of a Persian word


def _words(text: str) -> list[str]:
    """The words of `text`: runs of letters, combining marks and joiners, exactly as written."""
    words, current = [], ""
    for char in text:
        if unicodedata.category(char)[0] in "LM" or char in JOINERS:
            current += char
        elif current:
            words.append(current)
            current = ""
    return words + [current] * bool(current)


def _marked(text: str) -> list[str]:
    return [word for word in _words(text) if any(unicodedata.category(char)[0] == "M" for char in word)]


def _source(folder: Path) -> tuple[str, str]:
    """(what the PDF prints once: body, title, abstract; everything the article says, for comparison)."""
    meta = yaml.safe_load((folder / "manuscript.yaml").read_text(encoding="utf-8"))
    body = "\n".join((folder / name).read_text(encoding="utf-8") for name in meta["contents"])
    printed = "\n".join([body, meta["title"], *meta["abstract"].values()])
    return printed, (folder / "manuscript.yaml").read_text(encoding="utf-8") + body


def _pngs(pdf: Path) -> list[bytes]:
    folder = pdf.parent / f"{pdf.stem}-pages"
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(folder / "page")], check=True)
    return [page.read_bytes() for page in sorted(folder.glob("*.png"))]


@pytest.fixture(scope="module", params=CASES)
def article(request, tmp_path_factory) -> dict:
    """The article built by nashr, and built with its words not spelt out (the rest of the text
    workaround in place)."""
    folder = ARTICLES / request.param
    out = tmp_path_factory.mktemp(request.param)
    spelt = build(folder, out / "spelt", ["pdf"], force=True)[0].path
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_text, "spell_out", lambda glyphs: glyphs)
        unspelt = build(folder, out / "unspelt", ["pdf"], force=True)[0].path
    printed, everything = _source(folder)
    return {"spelt": spelt, "unspelt": unspelt, "expected": Counter(_marked(printed)),
            "known": set(_words(everything))}


def _extractors(pdf: Path) -> dict[str, str]:
    """What each extractor returns. pdftotext's embedding controls stay: they part a right-to-left run
    from a left-to-right one where poppler drops the space between them, in any text."""
    pdftotext = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout
    return {"pdftotext": pdftotext, "PyMuPDF": "".join(page.get_text() for page in pymupdf.open(pdf))}


def _missing(expected: Counter, text: str) -> list[str]:
    found = Counter(_words(text))
    return [word for word, count in expected.items() if found[word] < count]


def test_every_word_with_marks_copies_back_exactly(article):
    assert sum(article["expected"].values()) > 40
    for name, text in _extractors(article["spelt"]).items():
        assert _missing(article["expected"], text) == [], name


def test_no_word_comes_back_garbled(article):
    """Every word with marks that comes back is one the article has (no mark moved, none doubled)."""
    for name, text in _extractors(article["spelt"]).items():
        assert [word for word in _marked(text) if word not in article["known"]] == [], name


def test_without_spelling_out_they_do_not(article):
    """Guards the tests above: the same PDF without spelt-out words loses most of them."""
    expected = article["expected"]
    for name, text in _extractors(article["unspelt"]).items():
        assert len(_missing(expected, text)) > len(expected) / 3, name


def test_pages_are_pixel_identical(article):
    spelt, unspelt = _pngs(article["spelt"]), _pngs(article["unspelt"])
    assert spelt and spelt == unspelt
