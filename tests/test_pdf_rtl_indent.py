"""The right-to-left indent patch (weasyprint_fixes/rtl_indent.py) beyond its canary
(tests/weasyprint_canaries/test_rtl_indent.py): left-to-right paragraphs untouched, a hanging indent, an
article."""
from __future__ import annotations

import pdfplumber
import pytest

from nashr.pipeline import build

from .weasyprint_canaries.test_rtl_indent import ARABIC, ENGLISH, INDENT, line_extents


def test_left_to_right_lines_are_unchanged(tmp_path):
    assert line_extents("ltr", ENGLISH, True, tmp_path) == line_extents("ltr", ENGLISH, False, tmp_path)


def test_a_hanging_indent_hangs_on_the_right(tmp_path):
    lines = line_extents("rtl", ARABIC, True, tmp_path, "hanging")
    assert lines[0][1] - lines[1][1] == pytest.approx(INDENT, abs=1)


def test_article_paragraphs_start_indented_on_the_right(make_manuscript, tmp_path):
    paragraph = "هذه فقرة من نص المقال تتكرر لتملأ عدة أسطر في الصفحة وتبين موضع المسافة البادئة. " * 4
    root = make_manuscript({"manuscript.yaml": "title: مقال\nlang: ar\ncontents: [a.md]\n",
                            "a.md": "# عنوان\n\n" + paragraph + "\n\n" + paragraph + "\n"})
    (output,) = build(root, tmp_path / "out", ["pdf"])
    page = pdfplumber.open(output.path).pages[0]
    body = [c for c in page.chars if c["size"] > 11 and c["top"] > 150]
    rows: dict[int, list[dict]] = {}
    for char in body:
        rows.setdefault(round(char["top"]), []).append(char)
    rights = [max(c["x1"] for c in row) for _, row in sorted(rows.items())]
    full = max(rights)
    indented = [right for right in rights if right < full - 5]
    assert len(indented) == 2 and all(full - right == pytest.approx(full - indented[0], abs=1) for right in indented)
