"""Notes that hold blocks — a numbered list, a quote, a short table — set as blocks at the notes' size in
every format (the literature article, tests/data/articles/literature, calls its notes in parentheses),
and a long note with a list continued overleaf without an empty "()"."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from nashr.pipeline import build

from .docx_inspect import W, Docx
from .epub_inspect import open_book
from .pdf_inspect import pages, pdftotext, text_lines

LITERATURE = Path(__file__).parent / "data" / "articles" / "literature"
XHTML = "{http://www.w3.org/1999/xhtml}"
BODY, NOTE = 12.5, 10.0  # points: layout.body_size and the notes' 0.8 of it
_LETTER = re.compile("[\u0621-\u064a]")


def letters(text: str) -> Counter:
    return Counter(_LETTER.findall(text))


@pytest.fixture(scope="module")
def literature(tmp_path_factory) -> dict[str, Path]:
    built = build(LITERATURE, tmp_path_factory.mktemp("notes"), ["pdf", "epub", "docx"])
    return {output.format: output.path for output in built}


def _line_with(page, text: str) -> list[dict]:
    """The shortest line of the page that holds the letters of `text` (in any order: pdfplumber's is
    visual)."""
    wanted = letters(text)
    return min((line for line in text_lines(page) if not wanted - letters("".join(c["text"] for c in line))), key=len)


def test_a_numbered_list_in_a_note_keeps_its_numbers_at_the_notes_size(literature):
    text = " ".join(pdftotext(literature["pdf"], 1).split())
    for item in (r"\.1 ?فهي سبع عند الزوزني", r"\.2 ?وعشر عند التبريزي", r"\.3 ?وتسع عند أبي زيد"):
        assert re.search(item, text)  # poppler writes the right-to-left marker "1." as ".1"
    page = pages(literature["pdf"])[0]
    for number, words in (("1", "فهي سبع عند الزوزني"), ("2", "وعشر عند التبريزي"), ("3", "وتسع عند أبي زيد")):
        line = _line_with(page, words)
        marker = [c for c in line if c["text"] == number]
        assert marker and {round(c["size"], 1) for c in line} == {NOTE}, number  # number and text at 10 pt


def test_a_quote_in_a_note_is_indented_on_both_sides(literature):
    page = pages(literature["pdf"])[0]
    note = _line_with(page, "اعتمدنا رواية الزوزني وقد قال في شرحه")
    quote = _line_with(page, "خاطب صاحبيه وقيل بل خاطب واحدا")
    assert {round(c["size"], 1) for c in quote} == {NOTE}
    assert note[-1]["x1"] - quote[-1]["x1"] > NOTE  # 1.5 em in from the right, where the note starts
    left = min(c["x0"] for line in text_lines(page) for c in line if round(c["size"], 1) == BODY)
    assert quote[0]["x0"] - left > NOTE  # and from the left edge of the text


def test_docx_notes_set_their_list_items_at_the_notes_size(literature):
    paragraphs = Docx(literature["docx"]).paragraphs("word/footnotes.xml")
    items = [p for p in paragraphs if p.element.find(f"{W}pPr/{W}numPr") is not None]
    assert [p.text for p in items] == ["فهي سبع عند الزوزني؛", "وعشر عند التبريزي؛",
                                       "وتسع عند أبي زيد القرشي في جمهرة أشعار العرب."]
    assert {p.style for p in items} == {"FootnoteText"}  # not the body's Compact
    quote = next(p for p in paragraphs if p.text.startswith("خاطب صاحبيه"))
    assert quote.style == "FootnoteBlockText"


def test_epub_notes_keep_their_lists_and_quotes(literature):
    asides = [aside for _, page in open_book(literature["epub"]).pages() for aside in page.iter(f"{XHTML}aside")]
    assert len([li for aside in asides for li in aside.iter(f"{XHTML}li")]) == 3
    assert len([q for aside in asides for q in aside.iter(f"{XHTML}blockquote")]) == 1


PARAGRAPH = "هذه فقرة من نص المقال تتكرر لتملأ الصفحة وتبين كيف تتوزع الحواشي على الصفحات في المقالات العلمية. " * 3
ITEM = "بند طويل من بنود القائمة يشرح مسألة من المسائل بتفصيل ويذكر مصدرها ورأي العلماء فيها. " * 2


def test_a_long_note_with_a_list_continues_overleaf_numbered_on_without_an_empty_call(make_manuscript, tmp_path):
    """With parentheses calls, the note's first items end page 1 and the rest start page 2's foot: its
    numbers go on (no second "1."), and the continued part opens with no "()"."""
    items = "\n".join(f"    {number}. {ITEM}" for number in range(1, 9))
    note = f"حاشية فيها قائمة مرقمة طويلة:\n\n{items}\n\n    > اقتباس في آخر الحاشية.\n"
    text = "\n\n".join([PARAGRAPH] * 7 + [PARAGRAPH + "وهنا إحالة إلى الحاشية[^long] ثم يستمر الكلام. " + PARAGRAPH]
                       + [PARAGRAPH] * 6) + f"\n\n[^long]: {note}"
    root = make_manuscript({"manuscript.yaml": "title: حاشية تمتد\nlang: ar\nlayout:\n  note_calls: parentheses\n"
                                              "contents: [a.md]\n", "a.md": text})
    (pdf,) = build(root, tmp_path / "out", ["pdf"])
    first, second = (" ".join(pdftotext(pdf.path, n).split()) for n in (1, 2))
    numbers = [[int(n) for n in re.findall(r"\.(\d) ?بند", page)] for page in (first, second)]
    assert numbers[0] and numbers[1] and numbers[0] + numbers[1] == list(range(1, 9))  # cut, numbered on
    assert (first + second).count("(") == 2  # the call and the note's number: no empty "()" overleaf
    assert second.index(f".{numbers[1][0]}") < second.index("اقتباس في آخر الحاشية")
