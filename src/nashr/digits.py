"""Numbers written in the article's digits: western (0-9), Arabic-Indic (٠-٩) or Persian (۰-۹).

`layout.numerals` chooses them for the numbers nashr writes itself (notes, figures and tables, pages,
the masthead); the author's own text keeps the digits the author typed. Transforms and writers alike
write numbers through this module, so a note's number reads the same in every format.
"""
from __future__ import annotations

ZEROS = {"western": "0", "arabic-indic": "\u0660", "persian": "\u06f0"}
CSS_COUNTER_STYLES = {"western": "decimal", "arabic-indic": "arabic-indic", "persian": "persian"}


def digits(number: int, numerals: str) -> str:
    """`number` written in the `numerals` digits."""
    return in_digits(str(number), numerals)


def in_digits(text: str, numerals: str) -> str:
    """`text` with its Western digits written in the `numerals` digits (a volume "12", a date)."""
    zero = ord(ZEROS[numerals])
    return "".join(chr(zero + ord(ch) - ord("0")) if "0" <= ch <= "9" else ch for ch in text)


def ordered_list_css(numerals: str) -> str:
    """The CSS that numbers Pandoc's numbered lists (<ol type="1">, or no type) in `numerals` digits;
    their items too, which HTML's presentational hints give decimal digits of their own."""
    return (f'ol:not([type]), ol[type="1"], ol[type="1"] > li '
            f'{{ list-style-type: {CSS_COUNTER_STYLES[numerals]}; }}')
