"""Arabic family names in BibTeX read as Arabic writes them: «ابن خلدون, عبد الرحمن» is Ibn Khaldun.

BibTeX tells a name's particle ("van", "de") from its family name by lower case. Arabic script has no
case, so Pandoc takes every word of «ابن خلدون, عبد الرحمن» before the last for a particle: the family
name becomes «خلدون», styles print «خلدون، عبد الرحمن ابن» and the entry sorts under خ; so too
«أبو زيد, نصر حامد», «بن عاشور, محمد الطاهر». In the "Family, Given" form all that stands before the
comma is the family name, so nashr gives Pandoc a copy of each BibTeX file in which such an Arabic
family name of several words is braced, as a BibTeX user protects one: `{ابن خلدون}, عبد الرحمن`.
The copy only gains braces, so every entry stays on its line. The "Given Family" form («محمد عابد
الجابري») is left alone: Pandoc already reads its last word as the family name.
"""
from __future__ import annotations

import re
from pathlib import Path

_NAME_FIELD = re.compile(r"\b(?:author|editor|translator|bookauthor|editor[abc]|holder|annotator|commentator"
                         r"|introduction|foreword|afterword)\s*=\s*(?=[{\"])", re.IGNORECASE)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
BIBTEX = (".bib", ".bibtex")


def braced_copy(source: Path, target_dir: Path) -> Path:
    """`source` itself, or a copy in `target_dir` (same file name) with its Arabic family names braced."""
    if source.suffix.lower() not in BIBTEX:
        return source
    text = source.read_text(encoding="utf-8-sig")
    braced = brace_family_names(text)
    if braced == text:
        return source
    target_dir.mkdir(parents=True, exist_ok=True)
    copy = target_dir / source.name
    copy.write_text(braced, encoding="utf-8")
    return copy


def brace_family_names(text: str) -> str:
    """`text` (BibTeX) with each Arabic family name of several words in a name field braced."""
    pieces, position = [], 0
    for field in _NAME_FIELD.finditer(text):
        start = field.end()
        end = _value_end(text, start)
        if end is None or start < position:
            continue
        value = text[start + 1:end]
        names = _names(value) if _ARABIC.search(value) else [value]
        pieces += [text[position:start + 1]] + [_braced(name) if index % 2 == 0 else name
                                                for index, name in enumerate(names)]
        position = end
    return "".join(pieces) + text[position:]


def _value_end(text: str, start: int) -> int | None:
    """The index of the brace or quote that closes the field value opening at `start`."""
    depth = 0
    for index in range(start, len(text)):
        character = text[index]
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0 and text[start] == "{":
                return index
        elif character == '"' and depth == 0 and index > start and text[start] == '"':
            return index
    return None


def _names(value: str) -> list[str]:
    """A field value cut at each "and" outside braces: name, separator, name … (nothing lost)."""
    pieces, depth, current = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            pieces += [value[current:match.start()], token]
            current = match.end()
    return pieces + [value[current:]]


def _braced(name: str) -> str:
    """`Family, Given` with an Arabic family name of several words braced; any other name as it is."""
    comma = _top_level_comma(name)
    if comma is None:
        return name
    family = name[:comma]
    words = family.split()
    if len(words) < 2 or not _ARABIC.search(family) or "{" in family:
        return name
    lead = family[:len(family) - len(family.lstrip())]
    trail = family[len(family.rstrip()):]
    return f"{lead}{{{family.strip()}}}{trail}{name[comma:]}"


def _top_level_comma(name: str) -> int | None:
    depth = 0
    for index, character in enumerate(name):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == "," and depth == 0:
            return index
    return None
