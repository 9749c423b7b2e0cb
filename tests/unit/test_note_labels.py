from pathlib import Path

from nashr.diagnostics import Location
from nashr.note_labels import check_labels, scan
from nashr.project import SourceFile


def problems(text: str) -> list[str]:
    source = SourceFile(Path("a.md"), text, Location(Path("manuscript.yaml"), 3))
    return [str(d) for d in check_labels(source)]


def test_well_formed_notes_have_no_problems():
    assert problems("نص[^a] وآخر[^b]:\n\n[^a]: أولى\n[^b]: ثانية\n") == []


def test_undefined_call_is_reported_at_line_and_column():
    assert problems("سطر\nكلمة[^missing] هنا\n") == [
        "a.md:2:5: error: note [^missing] is called but never defined; add a line '[^missing]: note text' to this file"]


def test_unused_definition_is_reported():
    (message,) = problems("نص\n\n[^lost]: نص الهامش\n")
    assert message.startswith("a.md:3: error: note [^lost] is defined but never called")


def test_duplicate_label_names_both_lines():
    (message,) = problems("نص[^x]\n\n[^x]: أولى\n[^x]: ثانية\n")
    assert message.startswith("a.md:4: error: note label [^x] is defined twice (first on line 3)")


def test_code_is_not_scanned():
    calls, definitions = scan("```\n[^a]\n```\n`[^b]` نص\n")
    assert calls == [] and definitions == []
