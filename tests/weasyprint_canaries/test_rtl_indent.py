"""Canary of the right-to-left indent patch (weasyprint_fixes/rtl_indent.py): where first lines start,
measured on the page. Stock WeasyPrint puts a right-to-left paragraph's text-indent on its left."""
from __future__ import annotations

import pdfplumber
import pytest
import weasyprint

from nashr.resources import bundled_faces
from nashr.weasyprint_fixes.rtl_indent import indent_on_the_start_side
from nashr.writers.kit.templating import font_face_css

from . import still_wrong

INDENT = 33.0  # 3em of 11pt
STYLE = ("@page { size: 120mm 100mm; margin: 10mm } body { font: 11pt Amiri; margin: 0 } "
         "p { text-indent: 3em; text-align: justify; text-align-last: start; margin: 0 0 1em 0 } "
         ".hanging { text-indent: -3em; padding-inline-start: 3em }")
ARABIC = "هذه فقرة عربية طويلة تمتد على عدة أسطر لتختبر المسافة البادئة في السطر الأول من الفقرة. " * 3
ENGLISH = "This is a long English paragraph that runs over several lines to test the first line indent. " * 3


def line_extents(direction: str, text: str, patched: bool, tmp_path, css_class: str = "") -> list[tuple[float, float]]:
    """(left, right) of each line of a long paragraph followed by a one-line one."""
    fonts = font_face_css([(face, face.path.as_uri()) for face in bundled_faces()])
    html = weasyprint.HTML(string=f'<html dir="{direction}"><p class="{css_class}">{text}</p><p>{text[:12]}.</p></html>')
    stylesheets = [weasyprint.CSS(string=fonts + STYLE)]
    target = tmp_path / f"{direction}-{patched}-{css_class}.pdf"
    if patched:
        with indent_on_the_start_side():
            html.render(stylesheets=stylesheets).write_pdf(target)
    else:
        html.render(stylesheets=stylesheets).write_pdf(target)
    rows: dict[int, list[dict]] = {}
    for char in pdfplumber.open(target).pages[0].chars:
        rows.setdefault(round(char["top"]), []).append(char)
    return [(min(c["x0"] for c in row), max(c["x1"] for c in row)) for _, row in sorted(rows.items())]


def test_weasyprint_alone_indents_right_to_left_lines_on_the_left(tmp_path):
    lines = line_extents("rtl", ARABIC, False, tmp_path)
    left, right = lines[1][0], lines[1][1]  # a full line
    still_wrong(lines[0][0] == pytest.approx(left + INDENT, abs=1) and lines[0][1] == pytest.approx(right, abs=1),
                "the side of a right-to-left text-indent", "rtl_indent")


def test_right_to_left_first_lines_are_indented_on_the_right(tmp_path):
    lines = line_extents("rtl", ARABIC, True, tmp_path)
    left, right = lines[1]
    assert lines[0] == pytest.approx((left, right - INDENT), abs=1)  # justified to the shorter measure
    assert all(line == pytest.approx((left, right), abs=1) for line in lines[1:-2])
    assert lines[-1][1] == pytest.approx(right - INDENT, abs=1)  # a one-line paragraph is indented too
