"""A `lang` on every run of the other direction, so a screen reader switches voice for it.

The bidi transform gives each opposite-direction run, paragraph and note its `dir`; its language is not
written in the manuscript, so it is inferred from its script and what manuscript.yaml declares: a
Hebrew run is Hebrew; an Arabic-script run is the one Arabic-script language the article declares (its
`lang`, the languages of its abstracts and keywords), else Arabic; a Latin-script run is the one
left-to-right language declared, else `citation_lang` (the language of Latin-script sources, English
by default). A `lang` written by the author is kept.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from nashr.ast import ATTR_INDEX, Node, attr_value, stringify
from nashr.metadata import Metadata, direction_of
from nashr.vocabulary import strong_direction

SCRIPTS = ("HEBREW", "ARABIC")
CODE = ("Code", "CodeBlock")  # read left to right, but in no human language


def languages_of_runs(blocks: list[Node], metadata: Metadata) -> list[Node]:
    """`blocks` with a `lang` on each element whose `dir` differs from the direction around it."""
    return _visit(blocks, metadata.direction, _declared(metadata), metadata)


def language_of(text: str, direction: str, metadata: Metadata) -> str:
    """The language of a run of `text` read in `direction` (metadata strings: names, titles)."""
    return _language(text, direction, _declared(metadata), metadata)


def _declared(metadata: Metadata) -> list[str]:
    return list(dict.fromkeys([metadata.lang, *metadata.abstract, *metadata.keywords]))


def _visit(value: Any, around: str, declared: list[str], metadata: Metadata) -> Any:
    if isinstance(value, list):
        return [_visit(item, around, declared, metadata) for item in value]
    if not isinstance(value, dict) or "c" not in value:
        return value
    own = attr_value(value, "dir") if value.get("t") in ATTR_INDEX and value["t"] not in CODE else None
    if own and own != around and attr_value(value, "lang") is None:
        lang = _language(stringify(value), own, declared, metadata)
        index = ATTR_INDEX[value["t"]]
        identifier, classes, pairs = value["c"][index]
        content = list(value["c"])
        content[index] = [identifier, classes, pairs + [["lang", lang]]]
        value = {**value, "c": content}
    return {**value, "c": _visit(value["c"], own or around, declared, metadata)}


def _language(text: str, direction: str, declared: list[str], metadata: Metadata) -> str:
    script = _script(text)
    if script == "HEBREW":
        return next((lang for lang in declared if lang.split("-")[0] in ("he", "yi")), "he")
    candidates = [lang for lang in declared if direction_of(lang) == direction
                  and lang.split("-")[0] not in ("he", "yi")]
    if len(candidates) == 1:
        return candidates[0]
    return "ar" if script == "ARABIC" else metadata.citation_lang or "en"


def _script(text: str) -> str | None:
    """HEBREW, ARABIC or None (Latin and other left-to-right scripts), from the first strong letter."""
    for ch in text:
        if strong_direction(ch):
            name = unicodedata.name(ch, "")
            return next((script for script in SCRIPTS if name.startswith(script)), None)
    return None
