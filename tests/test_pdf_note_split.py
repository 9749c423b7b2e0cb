"""A long note continued on the next page (weasyprint_fixes/note_continuation.py), on the real PDF and on the
cut itself."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from nashr.pipeline import build
from nashr.weasyprint_fixes.note_continuation import HEAD_CLASS, TAIL_CLASS, _cut, _join

from .pdf_inspect import note_calls, pages, pdftotext

PARAGRAPH = "هذه فقرة من نص المقال تتكرر لتملأ الصفحة وتبين كيف تتوزع الحواشي على الصفحات في المقالات العلمية. " * 3
NOTE = "حاشية طويلة تشرح المسألة بتفصيل وتذكر المصادر والآراء المختلفة فيها مع مناقشة موجزة لكل رأي. " * 9


def test_a_long_note_starts_under_its_call_and_continues_overleaf(make_manuscript, tmp_path):
    """Eight paragraphs put the call near page 1's foot: the note's first lines fit there, not all of it.
    Without the cut, the calling lines and the whole note go to page 2 and page 1 ends 4 lines short."""
    parts = [PARAGRAPH] * 8 + [PARAGRAPH + "وهنا إحالة إلى الحاشية الطويلة[^long] ثم يستمر الكلام. " + PARAGRAPH]
    root = make_manuscript({"manuscript.yaml": "title: حاشية تمتد\nlang: ar\ncontents: [a.md]\n",
                            "a.md": "\n\n".join(parts + [PARAGRAPH] * 6) + f"\n\n[^long]: {NOTE}\n"})
    (output,) = build(root, tmp_path / "out", ["pdf"])
    first, second = pages(output.path)[:2]
    assert note_calls(first) == [1]
    words = [[w for w in page.extract_words(extra_attrs=["size"])] for page in (first, second)]
    note_words = [[w for w in page if w["size"] < 11 and w["size"] > 8] for page in words]
    assert len(note_words[0]) >= 2 * 8 and len(note_words[1]) >= 2 * 8  # two lines' words on each page, at least
    # every sentence of the note is printed once across the two pages
    text = " ".join(" ".join(pdftotext(output.path, n, n) for n in (1, 2)).split())
    assert text.count("تشرح المسألة بتفصيل") == NOTE.count("تشرح المسألة بتفصيل")
    # page 1 is full: its notes start less than two body lines below its last line of text
    last_line = max(w["bottom"] for w in words[0] if w["size"] >= 11)
    assert min(w["top"] for w in note_words[0]) - last_line < 2 * 20


def _note() -> tuple[ET.Element, ET.Element]:
    parent = ET.fromstring('<span class="note-anchor">word<span class="footnote" data-note="3" data-n="3">'
                           'one two <a href="x">three four</a> five <span dir="ltr">six seven</span> eight</span>'
                           ' after</span>')
    return parent, parent[0]


def test_a_cut_keeps_every_word_once_and_a_join_restores_the_note():
    for words in range(1, 8):
        parent, note = _note()
        original = "".join(note.itertext())
        assert _cut(note, words, parent)
        head, tail = parent[0], parent[1]
        assert HEAD_CLASS in head.get("class") and TAIL_CLASS in tail.get("class")
        assert tail.get("data-note") is None and head.get("data-note") == "3"
        assert len("".join(head.itertext()).split()) == words
        assert "".join(head.itertext()) + "".join(tail.itertext()) == original
        assert tail.tail == " after"
        _join(head, tail, parent)
        assert "".join(parent[0].itertext()) == original and len(parent) == 1
        assert parent[0].get("class") == "footnote" and parent[0].tail == " after"


def test_no_cut_past_the_last_word():
    parent, note = _note()
    assert not _cut(note, 8, parent) and len(parent) == 1
