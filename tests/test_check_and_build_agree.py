"""`nashr check` finds what only the PDF's laid-out pages show, as `build` does: a note taller than a
page (an error) and a running head that takes two lines (a warning at the key it comes from)."""
from __future__ import annotations

import pytest

from nashr.cli import main

PARAGRAPH = "هذه فقرة من نص المقال تتكرر لملء الصفحة وتبين كيف تتوزع الحواشي على الصفحات في المقالات العلمية. " * 6
HUGE_NOTE = "حاشية طويلة جدا تمتد على أسطر كثيرة لتختبر ما يحدث عندما لا تتسع الصفحة لها. " * 180
LONG_TITLE = ("دور المغرب في التعاون الأمني لتحقيق الأمن الجماعي في الفضاء المغاربي المرتبط بجوار منطقة ساحل "
              "الغرب الإفريقي والمنطقة المتوسطية في ظل التحديات الإقليمية والدولية الراهنة والتهديدات العابرة للحدود")
BODY = "\n\n".join(["# مقدمة"] + [PARAGRAPH] * 12) + "\n"


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


def test_check_refuses_a_note_taller_than_a_page_as_build_does(make_manuscript, tmp_path, capsys):
    root = make_manuscript({
        "manuscript.yaml": "title: حاشية ضخمة\nlang: ar\ncontents: [a.md]\n",
        "a.md": PARAGRAPH + "إحالة[^big] هنا.\n\n" + PARAGRAPH + "\n\n[^big]: " + HUGE_NOTE + "\n",
    })
    expected = f"{root / 'a.md'}:5:9: error: note 1 is taller than a page"
    checked, check_lines = run(capsys, "check", str(root))
    built, build_lines = run(capsys, "build", str(root), "-o", str(tmp_path / "out"), "-f", "pdf", "-q")
    assert checked == built == 1
    assert any(line.startswith(expected) for line in check_lines), check_lines
    assert [line for line in check_lines if ": error: " in line] == [line for line in build_lines if ": error: " in line]


@pytest.mark.parametrize("keys, line, advice", [
    (f"title: {LONG_TITLE}\nlang: ar\n", 1, "add a shorter short_title"),
    (f"title: مقال\nshort_title: {LONG_TITLE}\nlang: ar\n", 2, "short_title does not fit on one line"),
    (f"title: مقال\nlang: ar\njournal:\n  name: {LONG_TITLE}\n", 4, "journal.name does not fit on one line"),
])
def test_a_running_head_on_two_lines_is_a_warning_at_its_key(make_manuscript, tmp_path, capsys, keys, line, advice):
    root = make_manuscript({"manuscript.yaml": keys + "contents: [a.md]\n", "a.md": BODY})
    column = keys.split("\n")[line - 1].index(":") + 3  # the value's column, after "key: "
    expected = f"{root / 'manuscript.yaml'}:{line}:{column}: warning: "
    checked, check_lines = run(capsys, "check", str(root))
    built, build_lines = run(capsys, "build", str(root), "-o", str(tmp_path / "out"), "-f", "pdf", "-q")
    assert checked == built == 0
    for lines in (check_lines, build_lines):
        (warning,) = [text for text in lines if "running head" in text]
        assert warning.startswith(expected) and advice in warning, warning


def test_a_running_head_that_fits_is_no_warning(make_manuscript, tmp_path, capsys):
    root = make_manuscript({"manuscript.yaml": f"title: {LONG_TITLE}\nshort_title: دور المغرب\nlang: ar\n"
                                               "contents: [a.md]\n", "a.md": BODY})
    assert run(capsys, "check", str(root)) == (0, [])
