"""The language of runs and blocks that the manuscript marks only by their direction, or not at all.

The bidi transform isolates every opposite-direction run (`dir="ltr"` in an Arabic article) but cannot
know its language, and JATS wants `xml:lang` on it; a run of another script in the same direction
(Arabic in a Hebrew article) is not marked at all. An explicit `lang` wins; otherwise the run's script is
matched against the languages the manuscript declares — `lang`, the abstracts' and keywords' languages,
the translated titles', and `citation_lang` (default `en`), the language of Latin-script sources in a
right-to-left article. One declared language of that script is taken; none or several give the script
alone, `und-Latn` ("a language in Latin script"), which is true. Runs of the same script as their
context (Arabic in a Persian article) cannot be told apart and keep the context's language.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Any, Iterator

from nashr.ast import has_class
from nashr.metadata import Metadata

_SCRIPTS = {"LATIN": "Latn", "ARABIC": "Arab", "HEBREW": "Hebr", "GREEK": "Grek", "CYRILLIC": "Cyrl",
            "SYRIAC": "Syrc", "THAANA": "Thaa", "ARMENIAN": "Armn", "GEORGIAN": "Geor", "DEVANAGARI": "Deva",
            "CJK": "Hani", "HIRAGANA": "Hira", "KATAKANA": "Kana", "HANGUL": "Hang", "THAI": "Thai",
            "ETHIOPIC": "Ethi", "BENGALI": "Beng", "TAMIL": "Taml"}
_DEFAULT_SCRIPTS = {"ar": "Arab", "fa": "Arab", "ur": "Arab", "ps": "Arab", "sd": "Arab", "ug": "Arab",
                    "ckb": "Arab", "ku": "Arab", "he": "Hebr", "yi": "Hebr", "el": "Grek", "ru": "Cyrl",
                    "uk": "Cyrl", "bg": "Cyrl", "sr": "Cyrl", "mk": "Cyrl", "be": "Cyrl", "kk": "Cyrl",
                    "syr": "Syrc", "arc": "Syrc", "dv": "Thaa", "hy": "Armn", "ka": "Geor", "hi": "Deva",
                    "mr": "Deva", "ne": "Deva"}
_NEUTRAL = {"Code", "Math", "RawInline", "Image", "Note"}


@functools.cache  # asked for every letter of the article, several times over
def script_of_letter(ch: str) -> str | None:
    """The ISO 15924 code of a letter's script; None for digits, punctuation, spaces, and letters of a
    script nashr does not name."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    return _SCRIPTS.get(unicodedata.name(ch, "").split(" ")[0])


def script_runs(text: str, base: str) -> list[tuple[str | None, str]]:
    """`text` cut into runs of letters of a script other than `base` (with the digits, spaces and
    punctuation between them, and the marks on their last letter) and the rest: [(script or None, text)]."""
    runs: list[tuple[str | None, str]] = []
    plain_from = 0  # where the text not yet in a run starts
    script, run_start, run_end = None, 0, 0  # the open foreign run
    for index, ch in enumerate(text):
        own = script_of_letter(ch)
        if own is None:
            if script is not None and index == run_end and unicodedata.category(ch).startswith("M"):
                run_end += 1  # a vowel mark on the run's last letter
            continue
        if script is not None and own == script:
            run_end = index + 1
            continue
        if script is not None:  # a letter of another script ends the run at its last letter
            runs.append((script, text[run_start:run_end]))
            plain_from, script = run_end, None
        if own != base:
            if index > plain_from:
                runs.append((None, text[plain_from:index]))
            script, run_start, run_end = own, index, index + 1
    if script is not None:
        runs.append((script, text[run_start:run_end]))
        plain_from = run_end
    if plain_from < len(text):
        runs.append((None, text[plain_from:]))
    return runs


def script_of_language(lang: str) -> str:
    """The script a language tag names (ku-Arab) or its language is usually written in (Latin by default)."""
    primary, *subtags = lang.split("-")
    named = [tag.title() for tag in subtags if len(tag) == 4 and tag.isalpha()]
    return named[0] if named else _DEFAULT_SCRIPTS.get(primary.lower(), "Latn")


def scripts(value: Any) -> Iterator[str]:
    """The scripts of the letters below `value` in reading order, not counting notes, code, math and
    bare URLs."""
    if isinstance(value, list):
        for item in value:
            yield from scripts(item)
    elif isinstance(value, dict):
        kind = value.get("t")
        if kind == "Str":
            yield from filter(None, map(script_of_letter, value["c"]))
        elif kind not in _NEUTRAL and not (kind == "Link" and has_class(value, "uri")):
            yield from scripts(value.get("c"))


class Languages:
    """Resolves the language of marked runs and blocks for one article."""

    def __init__(self, metadata: Metadata):
        self.article = metadata.lang
        declared = [metadata.lang, *metadata.abstract, *metadata.keywords, *metadata.translated_titles]
        if metadata.direction == "rtl":
            declared.append(metadata.citation_lang or "en")
        self._by_script: dict[str, list[str]] = {}
        for lang in dict.fromkeys(declared):
            self._by_script.setdefault(script_of_language(lang), []).append(lang)

    def of_script(self, script: str) -> str:
        candidates = self._by_script.get(script, [])
        return candidates[0] if len(candidates) == 1 else f"und-{script}"

    def of_element(self, lang: str | None, direction: str | None, content: Any) -> str | None:
        """The language of a Span or Div: its `lang`, else — when it has a `dir` — that of its script;
        None when it says nothing about language."""
        if lang:
            return lang
        if direction is None:
            return None
        script = next(scripts(content), None)
        return self.of_script(script) if script else None

    def of_paragraph(self, inlines: list, context: str) -> str | None:
        """The language of a paragraph written wholly in a script other than that of `context` (an
        Arabic quotation in a Hebrew article); None otherwise."""
        found = set(scripts(inlines))
        if len(found) != 1 or found == {script_of_language(context)}:
            return None
        return self.of_script(found.pop())
