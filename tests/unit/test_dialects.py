"""Markdown dialects (dialects.py and its passes), read by Pandoc as nashr reads a content file."""
from __future__ import annotations

from pathlib import Path

import pytest

from nashr.ast import stringify, walk
from nashr.diagnostics import Location
from nashr.dialects import rewrite
from nashr.parse import to_ast

PATH = Path("a.md")


def parse(text: str, lang: str = "en") -> tuple[list[dict], list[str]]:
    ast, warnings = to_ast(text, Location(PATH), lang)
    return ast["blocks"], [str(w) for w in warnings]


def lists_in(blocks: list[dict]) -> list[dict]:
    return [e for e in walk(blocks) if e["t"] == "OrderedList"]


@pytest.mark.parametrize("text, start, items", [
    ("مقدمة:\n١. أول\n٢. ثان\n٣. ثالث\n", 1, 3),  # Arabic-Indic, right after a paragraph line
    ("\n۳. سوم\n۴. چهارم\n", 3, 2),  # Persian, starting at 3
    ("(١) أ\n(٢) ب\n", 1, 2),
    ("۱) یک\n۲) دو\n", 1, 2),
    ("1- one\n2- two\n", 1, 2),
    ("Steps:\n1. one\n2. two\n", 1, 2),  # CommonMark: a list may interrupt a paragraph
])
def test_numbered_lists_in_any_digits_are_lists_with_their_start(text, start, items):
    blocks, warnings = parse(text)
    found = lists_in(blocks)
    assert len(found) == 1 and warnings == []
    assert found[0]["c"][0][0] == start and len(found[0]["c"][1]) == items
    assert "١" not in stringify(found) and "." not in stringify(found)[:2]


def test_a_number_inside_a_paragraph_stays_text_with_its_digits():
    blocks, _ = parse("كانت سنة\n١٩٤٨. بداية\n\nSee page\n12. Then\n")
    assert lists_in(blocks) == [] and "١٩٤٨." in stringify(blocks) and "12." in stringify(blocks)


def test_bullets_and_headings_after_a_paragraph_line():
    blocks, _ = parse("Intro:\n- a\n- b\n\nText\n# Heading\n")
    assert [b["t"] for b in blocks] == ["Para", "BulletList", "Para", "Header"]


def test_lines_in_code_are_never_rewritten():
    text = "```\n١. x\n!!! note\n    y\n:material-x:\n{: .c}\n```\n"
    assert rewrite(text, "en").text == text


@pytest.mark.parametrize("text, kind, title", [
    ('!!! note "Read this"\n    Body **text**.\n', "note", "Read this"),
    ("!!! hint\n    Body text.\n", "tip", "نصيحة"),
    ("??? warning\n    Body text.\n", "warning", "تحذير"),
    ("???+ danger inline end\n    Body text.\n", "danger", "خطر"),
    ('=== "Python"\n    Body text.\n', "tab", "Python"),
    ("> [!NOTE]\n> Body **text**.\n", "note", "ملاحظة"),
    ("> [!caution]\n> Body text.\n", "caution", "تنبيه"),
    ("> [!tip]- Folded\n> Body text.\n", "tip", "Folded"),
])
def test_admonitions_and_alerts_are_boxes_with_a_title(text, kind, title):
    blocks, warnings = parse("Before.\n\n" + text + "\nAfter.\n", "ar")
    assert warnings == []
    box = blocks[1]
    assert box["t"] == "Div" and box["c"][0][1] == ["admonition", kind]
    heading, body = box["c"][1][0], box["c"][1][1:]
    assert heading["c"][0][1] == ["admonition-title"] and stringify(heading) == title
    assert stringify(body).startswith("Body text") and stringify(blocks[2]) == "After."
    assert "!!!" not in stringify(blocks) and "[!" not in stringify(blocks)


def test_boxes_nest_and_sit_in_list_items_and_an_empty_title_gives_none():
    text = ("!!! note \"\"\n    Outer.\n\n    !!! warning\n        Inner.\n\n"
            "- item\n\n    !!! example\n        In the item.\n")
    blocks, _ = parse(text)
    outer = blocks[0]
    assert outer["c"][1][0]["t"] == "Para"  # no title
    assert outer["c"][1][1]["c"][0][1] == ["admonition", "warning"]
    item = blocks[1]["c"][0]
    assert item[1]["t"] == "Div" and item[1]["c"][0][1] == ["admonition", "example"]


def test_attribute_lists_become_pandoc_attributes_or_a_warning():
    text = ("## Title {: #intro .lead}\n\n## Other\n{: #other}\n\n"
            "[Go](#x){: .md-button } and *em*{: .x} end.\n\nA paragraph.\n{: .note}\n")
    blocks, warnings = parse(text)
    headers = [b for b in blocks if b["t"] == "Header"]
    assert [h["c"][1][0] for h in headers] == ["intro", "other"] and headers[0]["c"][1][1] == ["lead"]
    link = next(e for e in walk(blocks) if e["t"] == "Link")
    assert link["c"][0][1] == ["md-button"]
    assert "{" not in stringify(blocks)
    assert [w.split(": warning")[0] for w in warnings] == ["a.md:6", "a.md:9"]


def test_kramdown_extensions_and_the_table_of_contents():
    text = ("* TOC\n{:toc}\n\n{::options parse_block_html=\"true\" /}\n\n{::comment}\nsecret\n{:/comment}\n\n"
            "Kept {::comment}hidden{:/comment} text.\n")
    blocks, warnings = parse(text)
    assert stringify(blocks) == "Kept text."
    assert [w.split(": warning")[0] for w in warnings] == ["a.md:2", "a.md:4"]


def test_icon_shortcodes_are_one_warning_per_line():
    blocks, warnings = parse(":material-check:{ .twemoji } Done :octicons-mark-github-16: and "
                             ":fontawesome-brands-github: `:material-kept:`\n")
    assert stringify(blocks) == "Done and :material-kept:"
    assert warnings == ["a.md:1: warning: icon shortcodes left out (nashr draws no icons): :material-check:, "
                        ":octicons-mark-github-16:, :fontawesome-brands-github:"]


def test_highlight_is_marked_text():
    blocks, _ = parse("A ==highlighted== word.\n")
    assert any(e["t"] == "Span" and e["c"][0][1] == ["mark"] for e in walk(blocks))


def test_pandoc_warnings_keep_the_authors_line_after_lines_were_added():
    _, warnings = parse("!!! note\n    text\n\n[x]: /a\n[x]: /b\n\nText [x].\n")
    assert [w.split(": warning")[0].rsplit(":", 1)[0] for w in warnings] == ["a.md:5"]


def test_pandocs_own_attributes_are_left_to_pandoc():
    text = "| a |\n|---|\n| 1 |\n\n: Caption {#tbl:one}\n\n| b |\n|---|\n| 2 |\n\n: Other {: #tbl:two}\n\nText {.x} stays.\n"
    blocks, warnings = parse(text)
    assert [t["c"][0][0] for t in blocks if t["t"] == "Table"] == ["tbl:one", "tbl:two"]
    assert warnings == [] and "{.x}" in stringify(blocks)


def test_a_tex_environment_is_printed_as_text_and_named_at_its_line():
    text = "Text.\n\n\\begin{tabular}{|l|l|}\nDog & 2 \\\\\n\\end{tabular}\n\n```\n\\begin{center}\n```\n"
    blocks, warnings = parse(text)
    assert "\\begin{tabular}" in stringify(blocks)  # kept: nothing the author wrote disappears
    assert [w for w in warnings if "TeX" in w] == [
        "a.md:3: warning: TeX environment 'tabular' printed as text: nashr does not run TeX; rewrite it in "
        "Markdown (a table, a list, $math$) or delete it"]  # not the one in code
