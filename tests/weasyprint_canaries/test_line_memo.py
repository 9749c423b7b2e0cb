"""Canary of the line-break memo (weasyprint_fixes/line_memo.py): stock WeasyPrint breaks the same line
more than once per render; with the memo, each distinct line once, and the PDF is the same, byte for
byte."""
from __future__ import annotations

import functools

import pytest
import weasyprint
from weasyprint.layout import inline

from nashr.resources import bundled_faces
from nashr.weasyprint_fixes.line_memo import lines_broken_once
from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint
from nashr.writers.kit.templating import font_face_css

from . import still_wrong

STYLE = ("@page { size: 120mm 90mm; margin: 10mm } body { font: 11pt Amiri; margin: 0 } "
         "p { text-align: justify; margin: 0 0 .5em 0 } .note { float: footnote; font-size: 9pt } "
         "h2 { break-after: avoid } .short { text-overflow: ellipsis; white-space: nowrap; overflow: hidden }")
PARAGRAPH = ("هذه فقرة عربية طويلة تمتد على عدة أسطر، فيها هامش<span class='note'>هامش في أسفل الصفحة "
             "يمتد على سطرين أو أكثر حين يطول الكلام فيه.</span> ثم تكمل الكلام حتى آخر السطر. ")
HTML = ("<html dir='rtl' lang='ar'><body>" + "".join(f"<h2>القسم {n}</h2><p>{PARAGRAPH * 3}</p>" for n in range(6))
        + f"<p class='short'>{PARAGRAPH}</p><p class='short'>{PARAGRAPH}</p></body></html>")


def _render(memo: bool, calls: list[str]) -> bytes:
    original = inline.split_first_line

    @functools.wraps(original)  # the memo checks the parameters
    def counted(text, *args, **kwargs):
        calls.append(text)
        return original(text, *args, **kwargs)

    inline.split_first_line = counted
    try:
        stylesheets = [weasyprint.CSS(string=font_face_css([(f, f.path.as_uri()) for f in bundled_faces()]) + STYLE)]
        if memo:
            with lines_broken_once():
                document = weasyprint.HTML(string=HTML).render(stylesheets=stylesheets)
        else:
            document = weasyprint.HTML(string=HTML).render(stylesheets=stylesheets)
        return document.write_pdf(pdf_identifier=b"same")
    finally:
        inline.split_first_line = original


def test_weasyprint_alone_breaks_the_same_line_again():
    calls: list[str] = []
    _render(False, calls)
    still_wrong(len(set(calls)) < len(calls), "lines broken again and again in one render", "line_memo")


def test_each_line_is_broken_once_and_the_pdf_does_not_change():
    plain_calls: list[str] = []
    memo_calls: list[str] = []
    plain, remembered = _render(False, plain_calls), _render(True, memo_calls)
    assert remembered == plain  # byte for byte: the same pages, the same text layer
    assert len(memo_calls) < len(plain_calls)  # the repeats answered from memory
    assert inline.split_first_line.__name__ == "split_first_line"  # put back after the block


def test_refuses_a_split_first_line_with_other_parameters(monkeypatch):
    monkeypatch.setattr(inline, "split_first_line", lambda text, style, context, max_width: None)
    with pytest.raises(UnsupportedWeasyPrint, match="line_memo.py"):
        with lines_broken_once():
            pass
