"""Which direction a text is mostly written in: the words of each direction it holds.

In a document whose language is known, a paragraph is in that language's direction unless most of
its words are in the other one. The first strong letter (HTML's `dir="auto"`) is the wrong test
there: Arabic and Hebrew technical and scholarly prose opens paragraphs and notes with a Latin term
all the time ("Python لغة برمجة …", "UNESCO، «توصية …»"), and English prose with an Arabic name.

Words, not letters, are counted: Latin technical terms are long and Arabic words short, so by letters
"Kubernetes هو نظام" would be mostly Latin. A word is a run of letters of one direction within a
space-separated token, so «الـPython» and «ה-LinkedIn» count one of each; digits and punctuation
count nothing. URLs, e-mail addresses and DOIs, code, math, citations and notes (a note has its own
direction) are left out: they say nothing about the language of the sentence around them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Iterator

from nashr.ast import BLOCK_TYPES, has_class

OPPOSITE = {"rtl": "ltr", "ltr": "rtl"}
# A text of a single word of the other direction keeps its context's direction ("Python" as a heading
# or a list item of an Arabic article): it has no inner order to protect, and set apart it would break
# the alignment of the headings, list markers or table column around it. A note is the exception
# (least=1): a note of one word is a reference, "Ibid.", set like the other notes in its language.
LEAST = 2
_LEFT_OUT = {"Note", "Code", "Math", "RawInline", "Image", "Cite"}
_ADDRESS = re.compile(r"://|^\W*www\.|^\W*10\.\d{4,}/|\w@\w", re.IGNORECASE)


def strong_direction(ch: str) -> str | None:
    bidi = unicodedata.bidirectional(ch)
    if bidi == "L":
        return "ltr"
    if bidi in ("R", "AL"):
        return "rtl"
    return None


def word_counts(text: str) -> Counter[str]:
    """Words of each direction in plain text, leaving out URLs, e-mail addresses and DOIs."""
    counts: Counter[str] = Counter()
    for token in text.split():
        if _ADDRESS.search(token):
            continue
        previous = None
        for direction in filter(None, map(strong_direction, token)):
            if direction != previous:
                counts[direction] += 1
                previous = direction
    return counts


def inline_word_counts(value: Any) -> Counter[str]:
    """Words of each direction in a Pandoc AST subtree, leaving out notes, URLs, code, math and citations."""
    return word_counts("".join(_counted_text(value)))


def _counted_text(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        for item in value:
            yield from _counted_text(item)
        return
    if not isinstance(value, dict):
        return
    kind = value.get("t")
    if kind == "Str":
        yield value["c"]
    elif kind in _LEFT_OUT or (kind == "Link" and has_class(value, "uri")):
        yield " "
    elif kind in ("Space", "SoftBreak", "LineBreak"):
        yield " "
    elif "c" in value:
        yield from _counted_text(value["c"])
        if kind in BLOCK_TYPES:  # paragraphs do not run into each other
            yield " "


def mostly(counts: Counter[str], context: str, least: int = LEAST) -> str:
    """The other direction when it has more words than the context's and at least `least` of them,
    else the context's: a tie keeps the context."""
    other = OPPOSITE[context]
    return other if counts[other] > counts[context] and counts[other] >= least else context


def text_direction(text: str, context: str, least: int = 1) -> str:
    """The direction of a plain string (metadata a template prints, a reference entry): `context`
    unless most of its words are of the other direction."""
    return mostly(word_counts(text), context, least)
