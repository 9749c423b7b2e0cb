"""Read what a reader sees in a built PDF: note calls and note markers per page, words, fonts."""
from __future__ import annotations

import functools
import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

CALL_RATIO = 0.7  # calls are set at 65 % of the body size, notes at 80 %


@dataclass(frozen=True)
class Marker:
    number: int
    x0: float
    x1: float
    top: float
    page_width: float

    @property
    def on_left(self) -> bool:
        return self.x1 < self.page_width / 2


def _numbers(chars: list[dict]) -> list[list[dict]]:
    """Digit chars grouped into numbers: same line, touching horizontally."""
    groups: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        last = groups[-1][-1] if groups else None
        if last and round(last["top"]) == round(char["top"]) and abs(char["x0"] - last["x1"]) < 1.0:
            groups[-1].append(char)
        else:
            groups.append([char])
    return groups


def _body_size(page) -> float:
    return max(Counter(round(c["size"], 1) for c in page.chars).items(), key=lambda kv: kv[1])[0]


def note_calls(page) -> list[int]:
    """Raised note numbers in the body, in right-to-left reading order."""
    return [int(text) for text in note_call_texts(page)]  # int() reads ٣ and ۳ as 3


def note_call_texts(page) -> list[str]:
    """Raised note numbers in the body as printed (in the article's digits), in right-to-left reading order."""
    limit = CALL_RATIO * _body_size(page)
    digits = [c for c in page.chars if c["text"].isdigit() and c["size"] < limit]
    groups = _numbers(digits)
    groups.sort(key=lambda g: (round(g[0]["top"]), -g[-1]["x1"]))
    return ["".join(c["text"] for c in g) for g in groups]


def note_markers(page) -> list[Marker]:
    """Numbers that open a note at the page foot: "N." at the start (right or left end) of a line."""
    body_size = _body_size(page)
    small = [c for c in page.chars if CALL_RATIO * body_size <= c["size"] < body_size - 0.5]
    lines: dict[int, list[dict]] = {}
    for char in small:
        lines.setdefault(round(char["top"]), []).append(char)
    markers = []
    for top, line in sorted(lines.items()):
        chars = [c for c in sorted(line, key=lambda c: c["x0"]) if c["text"].strip()]
        text = "".join(c["text"] for c in chars)
        if match := re.match(r"\(?(\d+)[.)]", text):  # a left-to-right note: "12. text" or "(12) text"
            digits = chars[match.start(1):match.end(1)]
        elif match := re.search(r"[.)](\d+)\(?$", text):  # right-to-left: the marker ends the line's right
            digits = chars[match.start(1) - len(text):][: len(match.group(1))]
        else:
            continue
        markers.append(Marker(int(match.group(1)), digits[0]["x0"], digits[-1]["x1"], float(top), float(page.width)))
    return markers


@dataclass(frozen=True)
class PageNumber:
    value: int
    text: str
    on_left: bool


def page_number(page, head_bottom: float) -> PageNumber | None:
    """The number printed in the running head (above `head_bottom` points), at either outer corner."""
    digits = [c for c in page.chars if c["bottom"] < head_bottom and c["text"].isdigit()]
    if not digits:
        return None
    group = min(_numbers(digits), key=lambda g: min(g[0]["x0"], page.width - g[-1]["x1"]))
    text = "".join(c["text"] for c in group)
    return PageNumber(int(text), text, group[-1]["x1"] < page.width / 2)


def text_lines(page) -> list[list[dict]]:
    """The page's visible chars grouped into lines (baselines within a third of their size), top down,
    each line's chars from left to right."""
    lines: list[list[dict]] = []
    for char in sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["bottom"]):
        if lines and char["bottom"] - lines[-1][0]["bottom"] < char["size"] / 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def region_text(pdf_path: Path, page: int, top: float, bottom: float) -> str:
    """Text between `top` and `bottom` points from the top of page `page` (1-based), in logical order."""
    pdf = pages(pdf_path)[page - 1]
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(int(top)),
            "-W", str(int(pdf.width) + 1), "-H", str(int(bottom - top)), str(pdf_path), "-"]
    return _BIDI_CONTROLS.sub("", subprocess.run(args, check=True, capture_output=True, text=True).stdout)


@functools.lru_cache(maxsize=8)
def pages(pdf_path: Path) -> list:
    """The pages of a PDF, opened once per test session."""
    return list(pdfplumber.open(pdf_path).pages)


def pdftotext(pdf_path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    text = subprocess.run(args + [str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    return _BIDI_CONTROLS.sub("", text)  # poppler wraps right-to-left lines in embedding marks


def pdffonts(pdf_path: Path) -> list[dict[str, str]]:
    lines = subprocess.run(["pdffonts", str(pdf_path)], check=True, capture_output=True, text=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        fields = line.split()
        fonts.append({"name": fields[0], "embedded": fields[-5], "subset": fields[-4]})
    return fonts


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DIACRITICS = re.compile("[\u064B-\u065F\u0670\u0640]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")


def arabic_words(text: str) -> list[str]:
    """Arabic words, normalised (NFKC, no vowel marks or tatweel), in logical order."""
    return _ARABIC_WORD.findall(_DIACRITICS.sub("", unicodedata.normalize("NFKC", text)))


def word_recall(expected_text: str, extracted_text: str) -> float:
    """Share of the expected Arabic words (with multiplicity) found in the extracted text."""
    expected, found = Counter(arabic_words(expected_text)), Counter(arabic_words(extracted_text))
    return sum(min(count, found[word]) for word, count in expected.items()) / sum(expected.values())


_SCRIPT_WORD = re.compile(r"[a-z\u00c0-\u024f]+|[\u05d0-\u05ea\u05f0-\u05f2]+|[\u0621-\u064a\u0671-\u06d3]+")


def script_word_list(text: str) -> list[str]:
    """Latin, Hebrew and Arabic words in order, normalised (NFKC, case-folded, no vowel marks, niqqud or
    tatweel). Where two scripts meet without a space ("Pythonلغة") they are two words: poppler puts the
    space between a left-to-right run and right-to-left text inside the run's embedding, on its far side."""
    text = _DIACRITICS.sub("", re.sub("[\u0591-\u05c7]", "", unicodedata.normalize("NFKC", text))).casefold()
    return _SCRIPT_WORD.findall(text)


def script_word_recall(expected_text: str, extracted_text: str) -> float:
    """Share of the expected words of every script (with multiplicity) found in the extracted text."""
    expected, found = Counter(script_word_list(expected_text)), Counter(script_word_list(extracted_text))
    return sum(min(count, found[word]) for word, count in expected.items()) / sum(expected.values())


@dataclass(frozen=True)
class Line:
    """One line of text at one size, its glyphs left to right as drawn; `base`: its baseline, in points
    from the top of the page (glyphs of two fonts on one line have different tops, one baseline)."""

    base: float
    chars: tuple

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def visual(self) -> str:
        """The text as drawn, left to right: Latin reads normally, Arabic and Hebrew backwards."""
        return "".join(c["text"] for c in self.chars)


def baseline(page, char: dict) -> float:
    return float(page.height) - char["matrix"][5]


def lines(page, size: float) -> list[Line]:
    """The lines set at `size` points (to 0.3), top to bottom."""
    chars = sorted((c for c in page.chars if abs(c["size"] - size) < 0.3), key=lambda c: (baseline(page, c), c["x0"]))
    groups: list[list[dict]] = []
    for char in chars:
        if groups and baseline(page, char) - baseline(page, groups[-1][0]) < size / 4:
            groups[-1].append(char)
        else:
            groups.append([char])
    return [Line(baseline(page, group[0]), tuple(sorted(group, key=lambda c: c["x0"]))) for group in groups]


def body_size(page) -> float:
    return _body_size(page)


def call_chars(page, number: int) -> list[dict]:
    """The glyphs of note call `number` in the body (raised, small digits)."""
    limit = CALL_RATIO * _body_size(page)
    groups = _numbers([c for c in page.chars if c["text"].isdigit() and c["size"] < limit])
    return next(g for g in groups if "".join(c["text"] for c in g) == str(number))
