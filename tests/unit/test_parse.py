from pathlib import Path

from nashr.diagnostics import Location
from nashr.parse import to_ast

SOURCE = Location(Path("a.md"))


def test_pandoc_warnings_become_located_warnings():
    _, warnings = to_ast("[x]: /a\n[x]: /b\n\nText [x].\n", SOURCE)
    assert [str(w) for w in warnings] == ["a.md:2:1: warning: Duplicate link reference '[x]' at line 2 column 1"]


def test_raw_html_is_kept_as_text_not_markup():
    ast, _ = to_ast("<script>alert(1)</script> <div>x</div>\n", SOURCE)
    kinds = {node["t"] for node in ast["blocks"][0]["c"]}
    assert "RawInline" not in kinds and "Span" not in kinds
    assert "<script>alert(1)</script>" in "".join(n.get("c", " ") if n["t"] == "Str" else " " for n in ast["blocks"][0]["c"])
