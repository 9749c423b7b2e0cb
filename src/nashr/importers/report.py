"""The import report: everything the importer dropped, guessed or could not match, by line.

Nothing may be lost silently, so every step that removes text records it here, and `coverage`
proves the guarantee at the end: each word of the source is in the manuscript or in this report.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W_]+")
# "word¹" is a word and a note call: count them apart.
# Digits compare by value, whatever their script ("١٢" is "12").
_DIGITS = {ord(sup): f" {digit}" for sup, digit in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")}
_DIGITS.update({ord(d): str(i % 10) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")})
_NOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]:?")


@dataclass(frozen=True)
class Entry:
    category: str  # "dropped", "note", "structure", "metadata", "lost"
    line: int | None
    message: str


@dataclass
class Report:
    unit: str = "line"
    entries: list[Entry] = field(default_factory=list)
    # Words the importer turned into markup (note numbers at calls and in the notes list): they are
    # carried over as note links, not as words.
    consumed: Counter = field(default_factory=Counter)

    def add(self, category: str, line: int | None, message: str) -> None:
        self.entries.append(Entry(category, line, message))

    def consume(self, text: str) -> None:
        self.consumed.update(words(text))

    def lines(self, source_name: str) -> list[str]:
        return [f"{source_name}:{entry.line}: {entry.category}: {entry.message}" if entry.line is not None
                else f"{source_name}: {entry.category}: {entry.message}"
                for entry in sorted(self.entries, key=lambda e: (e.line is None, e.line or 0))]

    def text(self, source_name: str) -> str:
        header = (f"nashr import report for {source_name} "
                  f"({'line numbers' if self.unit == 'line' else 'block numbers'} refer to the source)\n")
        body = "\n".join(self.lines(source_name))
        return header + (body + "\n" if body else "nothing was dropped or left unmatched\n")


def words(text: str) -> list[str]:
    """The words of `text`, case-folded: letters and digits, as Unicode defines them."""
    return [w.casefold() for w in _WORD.findall(_NOTE_LABEL.sub(" ", text).translate(_DIGITS))]


def coverage(source_words: str, written: list[str], report: Report) -> Counter:
    """Words of the source that appear neither in the written files nor in the report."""
    have = Counter()
    for text in written:
        have.update(words(text))
    have.update(words("\n".join(entry.message for entry in report.entries)))
    have.update(report.consumed)
    return Counter(words(source_words)) - have
