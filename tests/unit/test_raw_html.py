"""Raw HTML through the sanitizer into the document model (parse + raw_html, on the AST)."""
from __future__ import annotations

from pathlib import Path

import pytest

from nashr.ast import stringify, walk
from nashr.diagnostics import Location
from nashr.html_reshape import reshape
from nashr.html_sanitizer import clean, dropped
from nashr.parse import to_ast
from nashr.raw_html import render_raw_html

PATH = Path("a.md")


def render(*texts: str) -> tuple[list[list[dict]], list[str]]:
    parts = [(to_ast(text, Location(PATH))[0]["blocks"], PATH) for text in texts]
    blocks, warnings = render_raw_html(parts)
    return blocks, [str(w) for w in warnings]


def kinds(blocks: list[dict]) -> list[str]:
    return [element["t"] for element in walk(blocks)]


def test_inline_tags_pair_up_into_elements():
    (blocks,), warnings = render("H<sub>2</sub>O and x<sup>2</sup>, <mark>m</mark> <kbd>K</kbd>"
                                 " <abbr title='World Health'>WHO</abbr> <q>q</q> <u>u</u> <small>s</small>"
                                 "<br>next <b>b</b> <i>i</i> <em>e</em> <strong>s</strong> <code>c *d*</code>\n")
    assert warnings == []
    found = kinds(blocks)
    for kind in ("Subscript", "Superscript", "Quoted", "Underline", "LineBreak", "Strong", "Emph", "Code"):
        assert kind in found
    classes = {c for e in walk(blocks) if e["t"] == "Span" for c in e["c"][0][1]}
    assert {"mark", "kbd", "abbr", "small"} <= classes
    assert "RawInline" not in found and "<" not in stringify(blocks)
    code = next(e for e in walk(blocks) if e["t"] == "Code")
    assert code["c"][1] == "c d"  # Markdown between <code> tags is its text


def test_markdown_one_wrapper_is_a_div_with_the_direction_of_a_fenced_div():
    text = '<div dir="rtl" lang="ar" markdown="1">\n\n# عنوان\n\nفقرة **مهمة**.\n\n- بند\n\n</div>\n'
    (blocks,), warnings = render(text)
    assert warnings == []
    assert [b["t"] for b in blocks] == ["Div"]
    assert blocks[0]["c"][0][2] == [["dir", "rtl"], ["lang", "ar"]]
    assert [b["t"] for b in blocks[0]["c"][1]] == ["Header", "Para", "BulletList"]
    fenced = to_ast('::: {dir="rtl" lang="ar"}\nx\n:::\n', Location(PATH))[0]["blocks"][0]
    assert fenced["c"][0] == blocks[0]["c"][0]


@pytest.mark.parametrize("html, attribute_holder", [
    ('<p dir="ltr">Hello <b>world</b></p>', "Div"),
    ('<blockquote dir="ltr">Hello</blockquote>', "Div"),
    ('x <sup dir="ltr">a</sup>', "Span"),
    ('<span dir="ltr">Hello</span>', "Span"),
])
def test_dir_on_any_element_lands_on_a_div_or_span(html, attribute_holder):
    (blocks,), _ = render(html + "\n")
    holders = [e for e in walk(blocks) if e["t"] == attribute_holder and ["dir", "ltr"] in e["c"][0][2]]
    assert holders and "Hello" in stringify(holders[0]) or "a" in stringify(holders[0])


def test_details_aside_figure_lists_and_tables_become_blocks():
    text = ("<details>\n<summary>More</summary>\n\nHidden **text**.\n\n</details>\n\n"
            "<aside>\nA side note.\n</aside>\n\n"
            '<figure><img src="f.png" alt="x"><figcaption>Cap</figcaption></figure>\n\n'
            '<ol start="3"><li>three</li><li dir="ltr">four</li></ol>\n\n'
            "<dl><dt>T</dt><dd>D</dd></dl>\n\n"
            "<table><tr><th>h</th></tr><tr><td>*c*</td></tr></table>\n")
    (blocks,), warnings = render(text)
    assert warnings == []
    box = blocks[0]
    assert box["t"] == "Div" and box["c"][0][1] == ["admonition", "details"]
    assert box["c"][1][0]["c"][0][1] == ["admonition-title"] and stringify(box["c"][1][0]) == "More"
    assert blocks[1]["c"][0][1] == ["aside"]
    found = kinds(blocks)
    assert {"Figure", "Image", "OrderedList", "DefinitionList", "Table", "Emph"} <= set(found)
    ordered = next(e for e in walk(blocks) if e["t"] == "OrderedList")
    assert ordered["c"][0][0] == 3


def test_each_drop_is_one_warning_at_its_line_naming_what():
    text = ("Fine <b>bold</b>.\n\n"
            '<p style="color:red" onclick="x()">styled</p>\n\n'
            "<script>alert(1)</script>\n\n"
            '<img src="https://example.org/a.png"> and <iframe src="x.html"></iframe>\n\n'
            "<center>centred</center>\n\n"
            '<a href="javascript:alert(1)">j</a>\n')
    (blocks,), warnings = render(text)
    assert warnings == [
        "a.md:3: warning: raw HTML left out: the style attribute of <p>; the onclick attribute of <p>",
        "a.md:5: warning: raw HTML left out: <script> and its content",
        "a.md:7: warning: raw HTML left out: the image https://example.org/a.png (it would come from the "
        "network and nashr fetches nothing: copy the file into the manuscript folder and give its "
        "relative path); <iframe> and its content",
        "a.md:9: warning: raw HTML left out: the tag <center> (its text is kept; if the tag is text, put "
        "it in `backticks`)",
        "a.md:11: warning: raw HTML left out: a javascript: link (javascript:alert(1))",
    ]
    words = stringify(blocks)
    assert "styled" in words and "centred" in words and "alert" not in words
    assert "Image" not in kinds(blocks) and "<" not in words


def test_comments_are_dropped_without_pandoc(monkeypatch):
    monkeypatch.setattr("nashr.raw_html.run_pandoc", lambda *a: pytest.fail("no Pandoc for comments"))
    (blocks,), warnings = render("a <!-- hidden --> b\n\n<!--\nblock\n-->\n\nc\n")
    assert [stringify(block) for block in blocks] == ["a b", "c"] and warnings == []


def test_all_parts_are_read_in_one_pandoc_run(monkeypatch):
    import nashr.raw_html as raw_html

    calls = []
    real = raw_html.run_pandoc
    monkeypatch.setattr(raw_html, "run_pandoc", lambda *a: calls.append(a) or real(*a))
    parts, _ = render("x<sup>1</sup>\n", "<div dir='ltr'>y</div>\n", "z<sub>2</sub>\n")
    assert len(calls) == 1
    assert [stringify(blocks) for blocks in parts] == ["x1", "y", "z2"]


def test_the_sanitizer_and_its_report_agree():
    html = '<p onclick="x" dir="rtl">a<script>b</script><svg><text>c</text></svg><my-tag>d</my-tag></p>'
    assert clean(html) == '<p dir="rtl">ad</p>'
    assert [d.what.split(" (")[0] for d in dropped([html])] == [
        "the onclick attribute of <p>", "<script> and its content", "<svg> and its content", "the tag <my-tag>"]


def test_reshape_carries_attributes_pandoc_would_forget():
    assert reshape('<p dir="ltr" class="x">a</p>') == '<div dir="ltr" class="x"><p>a</p></div>'
    assert reshape('<li dir="ltr">a</li>') == '<li><div dir="ltr">a</div></li>'
    assert reshape('<details open><summary>s</summary>t</details>') == (
        '<div class="admonition details"><div class="admonition-title">s</div>t</div>')
    assert reshape('<img alt="no source">x') == "x"
