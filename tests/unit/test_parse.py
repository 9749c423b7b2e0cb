from pathlib import Path

from nashr.diagnostics import Location
from nashr.parse import to_ast

SOURCE = Location(Path("a.md"))


def test_pandoc_warnings_become_located_warnings():
    _, warnings = to_ast("[x]: /a\n[x]: /b\n\nText [x].\n", SOURCE)
    assert [str(w) for w in warnings] == ["a.md:2:1: warning: Duplicate link reference '[x]' at line 2 column 1"]


def test_raw_html_is_left_as_tags_around_the_markdown_inside():
    ast, _ = to_ast('<div dir="rtl" markdown="1">\n*x* <sup>2</sup>\n</div>\n', SOURCE)
    kinds = [block["t"] for block in ast["blocks"]]
    assert kinds == ["RawBlock", "Plain", "RawBlock"]  # rendered by raw_html.py for the whole article
    assert {n["t"] for n in ast["blocks"][1]["c"]} >= {"Emph", "RawInline"}
