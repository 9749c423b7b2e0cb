"""What an index needs to know of an issue and its articles, independent of how they were built.

The deposit writers (crossref.py, doaj.py) read only these records, so they can be tested on their own
and fed by the issue builder once the page ranges have settled.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from nashr.metadata import Author, Metadata

# ISO 639-2/B codes (DOAJ) of the languages nashr sets; anything else falls back to its primary subtag's entry.
ISO_639_2B = {"ar": "ara", "fa": "per", "ur": "urd", "he": "heb", "en": "eng", "fr": "fre", "de": "ger",
              "es": "spa", "tr": "tur", "ku": "kur", "ps": "pus", "yi": "yid", "it": "ita", "id": "ind"}


@dataclass(frozen=True)
class Depositor:
    name: str
    email: str


@dataclass(frozen=True)
class IssueRecord:
    journal: str
    issn: str | None
    eissn: str | None
    publisher: str | None
    lang: str
    volume: str | None
    number: str | None
    year: int
    published: dt.date | None


@dataclass(frozen=True)
class ArticleRecord:
    metadata: Metadata
    first_page: int
    last_page: int
    doi: str | None
    url: str | None  # the landing page or full text the DOI resolves to
    abstracts: dict[str, list[str]] = field(default_factory=dict)  # language → paragraphs as plain text
    references: list[str] = field(default_factory=list)  # the reference list as printed, one entry each
    translated_titles: dict[str, str] = field(default_factory=dict)  # language → title

    @property
    def lang(self) -> str:
        return self.metadata.lang

    def other_titles(self) -> dict[str, str]:
        """The title in languages other than the article's own."""
        return {lang: title for lang, title in self.translated_titles.items() if primary(lang) != primary(self.lang)}


def primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def iso_639_2b(lang: str) -> str | None:
    return ISO_639_2B.get(primary(lang))


def name_parts(author: Author) -> tuple[str | None, str]:
    """(given names, surname) for indexes that require a surname: the last word is the surname, except
    that a family name opened by a particle (ابن، أبو، آل، بن، عبد، al-, de, van …) keeps it."""
    words = (author.name or "").split()
    if not words:
        return None, ""
    cut = len(words) - 1
    while cut > 0 and words[cut - 1].lower().rstrip("-") in _PARTICLES:
        cut -= 1
    given = " ".join(words[:cut]) or None
    return given, " ".join(words[cut:])


_PARTICLES = {"ابن", "بن", "أبو", "ابو", "آل", "ال", "عبد", "bin", "ibn", "abu", "al", "el", "de", "van", "von",
              "da", "di", "du", "la", "le"}
