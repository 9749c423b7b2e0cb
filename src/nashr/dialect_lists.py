"""Lists and headings as CommonMark writers type them, made the lists and headings Pandoc reads.

- An item numbered in Arabic-Indic (١. ٢.) or Persian (۱. ۲.) digits, or with a hyphen (`1- `), gets
  the Latin digits and period Pandoc knows (`(١)` gives `(1)`): the list keeps its start number and
  is printed in the article's own digits (`layout.numerals`), like every numbered list.
- A list or an ATX heading right after a paragraph line, with no blank line between, is a list or a
  heading in CommonMark (GitHub, most editors) — for a numbered list, only one that starts at 1 — but
  text to Pandoc: a blank line is put before it. Items that follow one another need none.
A numbered line that would not start a list (a year opening a paragraph's second line) is left as is.
"""
from __future__ import annotations

import re

from nashr.markdown_lines import Line, Note, in_code

QUOTES = re.compile(r"^(?:[ ]{0,3}>[ ]?)*")  # the block quote markers a line starts with
ORDERED = re.compile(r"^(\s*)(\(?)([0-9\u0660-\u0669\u06f0-\u06f9]{1,9})([.)-])([ \t]+)(?=\S)")
BULLET = re.compile(r"^(\s*)[-*+][ \t]+(?=\S)")
THEMATIC_BREAK = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")
TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def list_item(body: str) -> re.Match[str] | None:
    """The marker of a list item, ordered or not, at the start of `body`."""
    if THEMATIC_BREAK.match(body):
        return None
    ordered = ORDERED.match(body)
    if ordered and (not ordered[2] or ordered[4] == ")"):  # "1." "1)" "1-" "(1)", not "(1."
        return ordered
    return BULLET.match(body)


def _latin(match: re.Match[str], body: str) -> str:
    """The item with Latin digits and a period for a hyphen."""
    indent, paren, number, delimiter, space = match.groups()
    delimiter = "." if delimiter == "-" else delimiter
    return f"{indent}{paren}{number.translate(TO_LATIN)}{delimiter}{space}{body[match.end():]}"


def lists(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    result: list[Line] = []
    code = in_code(lines)
    previous_body, previous_quotes, in_list = "", "", False
    for line, is_code in zip(lines, code):
        quotes = QUOTES.match(line.text)[0]
        body = line.text[len(quotes):]
        if is_code or quotes.strip() != previous_quotes.strip():
            previous_body, in_list = ("x" if is_code else ""), False
        item = None if is_code else list_item(body)
        after_text = bool(previous_body.strip()) and not in_list
        if item and item.re is ORDERED:
            starts_at_one = int(item[3].translate(TO_LATIN)) == 1
            if after_text and not starts_at_one or (not in_list and len(item[1]) >= 4):
                item = None  # text (a number opening a line of a paragraph), or indented code
            elif item[3] != item[3].translate(TO_LATIN) or item[4] == "-":
                body = _latin(item, body)
        if (item or HEADING.match(body)) and after_text:
            result.append(Line(line.number, quotes.rstrip()))
        result.append(Line(line.number, quotes + body) if item else line)
        if item:
            in_list = True
        elif in_list and body.strip() and not previous_body.strip() and not body[:1].isspace():
            in_list = False  # a paragraph after a blank line ends the list
        previous_body, previous_quotes = body, quotes
    return result, []
