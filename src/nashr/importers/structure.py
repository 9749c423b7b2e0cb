"""Recover headings from paragraphs that are headings in all but markup.

Text copied from a web page (and many Word files) mark headings only by words: Arabic scholarly
writing names its divisions الباب > الفصل > المبحث > المطلب > الفرع, frames them with مقدمة and
خاتمة, and lists parts as أولاً / ثانياً or "المحدد الأول:". A paragraph is a heading when it starts
with such a word and is short, not a sentence: a long paragraph that merely starts with "أولاً-"
is an enumeration in running text, not a heading.

Levels: the ranked divisions present in the document take levels 1, 2, 3 … in rank order (an
article with المبحث and المطلب gets # and ##); introduction and conclusion take level 1; parts
(أولاً, "X الأول:") sit one level below the heading they follow; decimal-numbered headings ("2.1
Methods") take the level of their number's depth.
"""
from __future__ import annotations

import re

from nashr.importers.blocks import Block, normalized

_ORDINAL_WORDS = (r"(?:الأول|الأولى|الثاني|الثانية|الثالث|الثالثة|الرابع|الرابعة|الخامس|الخامسة|السادس|السادسة"
                  r"|السابع|السابعة|الثامن|الثامنة|التاسع|التاسعة|العاشر|العاشرة|الأخير|الأخيرة)")
_ORDINALS = rf"(?:{_ORDINAL_WORDS}|[0-9٠-٩]+)"
_RANKS = [  # outermost first
    r"(?:ال)?باب|(?:ال)?قسم|part",
    r"(?:ال)?فصل|chapter",
    r"(?:ال)?مبحث",
    r"(?:ال)?مطلب",
    r"(?:ال)?فرع",
]
_RANKED = [re.compile(rf"^(?:{words})\s+{_ORDINALS}(?:$|\s*[:：\-–—.]|\s)") for words in _RANKS]
_FRAME = re.compile(
    r"^(?:ال)?(?:مقدمة|تقديم|توطئة|تمهيد|خاتمة|خلاصة|استنتاجات|ملاحق|مراجع|مصادر والمراجع|مصادر)"
    r"|^(?:introduction|conclusions?|discussion|bibliography|references|acknowledge?ments|appendix|methods?|results"
    r"|introducción|conclusión|conclusion générale|introduction générale|bibliographie|مقدمه|نتیجه‌گیری|منابع)$"
)
_PARTS = re.compile(
    rf"^(?:(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)(?:\s*[:：\-–—.)]|\s)"
    rf"|[^\s:]+\s+{_ORDINAL_WORDS}\s*[:：\-–—])"
)
_BOLD = re.compile(r"\*\*([^*]+)\*\*([:：]?)")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")  # "2.1 Methods"
_SENTENCE_END = re.compile(r"[.!?؟…]$")
MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 140


def recover_headings(blocks: list[Block]) -> list[Block]:
    """Turn heading-like paragraphs into headings, with levels as described in the module docstring."""
    kinds = [_kind(block) for block in blocks]
    ranks_present = sorted({kind for kind in kinds if isinstance(kind, int)})
    parent = 0
    for index, (block, kind) in enumerate(zip(blocks, kinds)):
        if block.kind == "heading":
            parent = block.level
            continue
        if _lone_numbered_item(blocks, index):  # "1. Introduction" read as a list of one item
            block.text, kind = f"{block.number}. {block.text}", "numbered:1"
        if kind is None:
            continue
        if kind == "frame":
            level = 1
        elif isinstance(kind, str) and kind.startswith("numbered:"):
            level = min(int(kind.split(":")[1]), 6)
        elif kind == "part":
            level = min(parent + 1, 6)
        else:
            level = ranks_present.index(kind) + 1
        block.kind, block.level = "heading", level
        block.text = _unbold(block.text).rstrip().rstrip(":：").rstrip()
        if kind != "part":
            parent = level
    return blocks


def heading_like(block: Block) -> bool:
    """True for a paragraph that `recover_headings` would make a heading."""
    return _kind(block) is not None


def structural(text: str) -> bool:
    """True for text that names a division of the article (مقدمة, المبحث الأول …), not a title."""
    return _text_kind(text) is not None


def _kind(block: Block) -> int | str | None:
    """The structural kind of a paragraph: a rank (0 = outermost), "frame", "part", "numbered:DEPTH"
    or None."""
    if block.kind != "para" or block.quote:
        return None
    return _text_kind(block.text)


def _text_kind(markdown: str) -> int | str | None:
    markdown = _unbold(markdown)
    if not _short(markdown):
        return None
    text = normalized(markdown)
    for rank, pattern in enumerate(_RANKED):
        if pattern.match(text):
            return rank
    if _FRAME.match(text) and len(text.split()) <= 4:
        return "frame"
    if _PARTS.match(text):
        return "part"
    numbered = _DECIMAL.match(text)
    if numbered:
        return f"numbered:{numbered.group(1).count('.') + 1}"
    return None


def _lone_numbered_item(blocks: list[Block], index: int) -> bool:
    """A numbered item with no list around it, short and not a sentence: a numbered heading."""
    block = blocks[index]
    if block.kind != "item" or not block.ordered or block.level or block.quote or not _short(block.text):
        return False
    neighbours = blocks[index - 1:index] + blocks[index + 1:index + 2]
    return not any(neighbour.kind == "item" for neighbour in neighbours)


def _unbold(markdown: str) -> str:
    """A paragraph set wholly in bold (how Word users often mark a heading), without the bold."""
    match = _BOLD.fullmatch(markdown.strip())
    return match.group(1) + match.group(2) if match else markdown


def _short(text: str) -> bool:
    """Headings are short and do not end like a sentence."""
    stripped = text.strip().rstrip(":：").strip()
    return (len(stripped) <= MAX_HEADING_CHARS and len(stripped.split()) <= MAX_HEADING_WORDS
            and not _SENTENCE_END.search(stripped))
