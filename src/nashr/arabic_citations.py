"""Citations and reference entries of an Arabic-language citeproc run, punctuated and worded as Arabic.

A CSL style fixes its delimiters and the order of a number and its label for every language, so even
with nashr's Arabic locale an Arabic entry reads «الجابري, محمد عابد. … 4 ط.» and «(الجاحظ 1965, 45)».
Here, inside each citation and entry:
- a Latin comma or semicolon becomes the Arabic one (، ؛) where the text before it is Arabic; one
  after Latin words (a Latin title or place inside an Arabic entry), between digits (1,200) or in a
  link stays as it is;
- the edition's word moves before its number: «ط 3», not «3 ط» (Arabic only);
- the conjunction و joins the word after it, as Arabic writes it: «الجابري والعروي» (Arabic only;
  Persian and Urdu write it apart).
Punctuation is changed for every language written in Arabic script (Persian and Urdu use ، and ؛ too).
"""
from __future__ import annotations

import re
from typing import Any

from nashr.ast import Node, has_class, map_lists, map_nodes, node, stringify
from nashr.citation_locales import ENTRY
from nashr.citation_styles import locale_terms, writes_arabic
from nashr.direction import strong_direction

ARABIC_SCRIPT_LANGUAGES = {"ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ks", "bal", "glk", "mzn", "lrc"}
_ARABIC_PUNCTUATION = {",": "،", ";": "؛"}
_NUMBER = re.compile(r"^\d+$")


def written_in_arabic_script(lang: str) -> bool:
    primary, *subtags = lang.lower().split("-")
    return primary in ARABIC_SCRIPT_LANGUAGES or "arab" in subtags


def arabize(blocks: list[Node], lang: str) -> list[Node]:
    """`blocks` (citeproc's output in `lang`) with their citations and entries as Arabic writes them;
    unchanged for a language not written in Arabic script."""
    if not written_in_arabic_script(lang):
        return blocks
    arabic = writes_arabic(lang)

    def fix(element: Node) -> Node | None:
        if element["t"] != "Cite" and not (element["t"] == "Div" and has_class(element, ENTRY)):
            return None
        fixed = _punctuated(element, _first_strong(stringify(element), "rtl"))[0]
        return map_lists(fixed, _arabic_word_order) if arabic else fixed

    return map_nodes(blocks, fix)


def _first_strong(text: str, default: str) -> str:
    """The direction of the first strong letter of `text`, else `default`."""
    return next((direction for direction in map(strong_direction, text) if direction), default)


def _punctuated(value: Any, before: str) -> tuple[Any, str]:
    """`value` with Arabic commas where the last strong letter before them is Arabic, and the direction
    of its own last strong letter. Links and code are left alone."""
    if isinstance(value, list):
        items = []
        for item in value:
            fixed, before = _punctuated(item, before)
            items.append(fixed)
        return items, before
    if not isinstance(value, dict) or "c" not in value:
        return value, before
    kind = value["t"]
    if kind == "Str":
        return _punctuated_text(value["c"], before)
    if kind == "Link" and stringify(value["c"][1]) in value["c"][2][0]:
        return value, before  # a URL or DOI is neutral, as in bidi.py: the text around it decides
    if kind in ("Link", "Code", "Math", "RawInline", "CodeBlock", "RawBlock"):
        return value, _first_strong(stringify(value)[::-1], before)  # its last strong letter
    content, before = _punctuated(value["c"], before)
    return {**value, "c": content}, before


def _punctuated_text(text: str, before: str) -> tuple[Node, str]:
    characters = list(text)
    for index, character in enumerate(characters):
        direction = strong_direction(character)
        if direction:
            before = direction
        elif character in _ARABIC_PUNCTUATION and before == "rtl" and not _between_digits(text, index):
            characters[index] = _ARABIC_PUNCTUATION[character]
    return node("Str", "".join(characters)), before


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def _arabic_word_order(inlines: list[Node]) -> list[Node]:
    """«3 ط» → «ط 3»; «و العروي» → «والعروي»."""
    edition = tuple(locale_terms("edition"))
    result: list[Node] = []
    index = 0
    while index < len(inlines):
        window = inlines[index:index + 3]
        kinds = [element["t"] for element in window]
        if kinds == ["Str", "Space", "Str"]:
            first, _, last = window
            term = last["c"].rstrip(".,،;؛:)]")
            if _NUMBER.match(first["c"]) and term in edition:
                result += [node("Str", term), node("Space"), node("Str", first["c"] + last["c"][len(term):])]
                index += 3
                continue
            if first["c"] == "و" and strong_direction(last["c"][:1]) == "rtl":
                result.append(node("Str", "و" + last["c"]))
                index += 3
                continue
        result.append(inlines[index])
        index += 1
    return result
