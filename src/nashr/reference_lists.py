"""The reference list grouped by script, each group in its own script's order, split under two headings
when `bibliography_layout: split` (the default for Arabic articles).

Citeproc sorts every entry in one Unicode order: in an Arabic article all Latin entries come first, and
Arabic names sort by their article «ال» (every الجابري, الطبري, العروي under ا). Arabic journals list
the sources in the article's own script first, in Arabic alphabetical order that ignores ال, then the
foreign ones, often under «المراجع العربية» and «المراجع الأجنبية». So the entries of the article's
script come first, then the others, in citeproc's order except that Arabic-script entries are sorted
again by `arabic_sort_key`; `split` puts each group under its own heading, one level below the list's
heading. A style that lists references in citation order (a numbered style) is not sorted again.
"""
from __future__ import annotations

import re
import unicodedata

from nashr.ast import Node, attr, has_class, map_lists, node, stringify
from nashr.citation_locales import ENTRY
from nashr.labels import label

# Arabic alphabetical (hijā'ī) order, with Persian and Urdu letters after the Arabic letter they extend.
_ALPHABET = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقكگلمنںهويےۓ"
_SAME_LETTER = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
                              "ؤ": "و", "ئ": "ي", "ە": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه"})
_IGNORED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0621]")  # marks, tatweel, hamza
_DASHES = ("—", "―", "–", "---")  # a style's "same author as above"
SUBSTITUTE_STYLE = "Bibliography"  # the DOCX paragraph style of entries outside the Div#refs


def script_of(text: str) -> str:
    """The script of the first letter of `text`: "arabic", "hebrew" or "latin" (any other)."""
    for character in text:
        if character.isalpha():
            name = unicodedata.name(character, "")
            return "arabic" if name.startswith("ARABIC") else "hebrew" if name.startswith("HEBREW") else "latin"
    return "latin"


def article_script(lang: str, direction: str) -> str:
    if direction == "ltr":
        return "latin"
    return "hebrew" if lang.split("-")[0].lower() in ("he", "yi") else "arabic"


def arabic_sort_key(text: str) -> list[list[int]]:
    """Word by word, letter by letter in Arabic alphabetical order, ignoring vowel marks, hamza seats
    and the article ال at the start of a word (الجابري files under ج)."""
    words = []
    for word in _IGNORED.sub("", text).translate(_SAME_LETTER).split():
        letters = [c for c in word if c.isalnum()]
        if letters[:2] == ["ا", "ل"] and len(letters) > 3:
            letters = letters[2:]
        if letters:
            words.append([_ALPHABET.index(c) if c in _ALPHABET else len(_ALPHABET) + ord(c) for c in letters])
    return words


def arrange(blocks: list[Node], lang: str, direction: str, split: bool, resort: bool) -> list[Node]:
    """`blocks` with the entries of the reference list (Div#refs) grouped and ordered, split under two
    headings with `split`; `resort` False keeps citeproc's order inside each group."""
    def arrange_siblings(siblings: list[Node]) -> list[Node]:
        for index, element in enumerate(siblings):
            if element["t"] == "Div" and element["c"][0][0] == "refs":
                level = min(_heading_level(siblings[:index]) + 1, 6)
                return siblings[:index] + _arranged(element, lang, direction, split, resort, level) + siblings[index + 1:]
        return siblings

    return map_lists(blocks, arrange_siblings)


def _heading_level(before: list[Node]) -> int:
    """The level of the last heading before the list (1 when there is none)."""
    return next((element["c"][0] for element in reversed(before) if element["t"] == "Header"), 1)


def _arranged(refs: Node, lang: str, direction: str, split: bool, resort: bool, level: int) -> list[Node]:
    attributes, content = refs["c"]
    entries = [block for block in content if block["t"] == "Div" and has_class(block, ENTRY)]
    others = [block for block in content if not (block["t"] == "Div" and has_class(block, ENTRY))]
    own = article_script(lang, direction)
    native = [entry for entry in entries if script_of(stringify(entry)) == own]
    foreign = [entry for entry in entries if script_of(stringify(entry)) != own]
    if resort:
        native, foreign = _sorted(native), _sorted(foreign)
    if not (split and native and foreign):
        return [{**refs, "c": [attributes, others + native + foreign]}]
    native_heading = _heading(level, label(lang, "references-native"), "refs-native")
    foreign_heading = _heading(level, label(lang, "references-foreign"), "refs-foreign")
    foreign_attributes = attr("", attributes[1], {"custom-style": SUBSTITUTE_STYLE})  # Word styles it like #refs
    return [{**refs, "c": [attributes, others + [native_heading] + native]},
            foreign_heading, node("Div", [foreign_attributes, foreign])]


def _heading(level: int, text: str, identifier: str) -> Node:
    inlines: list[Node] = []
    for word in text.split():
        inlines += ([node("Space")] if inlines else []) + [node("Str", word)]
    return node("Header", [level, attr(identifier, ["unnumbered"]), inlines])


def _sorted(entries: list[Node]) -> list[Node]:
    """The Arabic-script entries sorted among themselves (in the places they held), an entry that
    repeats the author as a dash staying after the one it follows; the others as citeproc set them."""
    units: list[list[Node]] = []
    for entry in entries:
        text = stringify(entry).strip()
        if units and text.startswith(_DASHES):
            units[-1].append(entry)
        else:
            units.append([entry])
    arabic = [index for index, unit in enumerate(units) if script_of(stringify(unit[0])) == "arabic"]
    ordered = sorted((units[index] for index in arabic), key=lambda unit: arabic_sort_key(stringify(unit[0])))
    for index, unit in zip(arabic, ordered):
        units[index] = unit
    return [entry for unit in units for entry in unit]
