"""Each problem at its own file:line when the same sentence, image and citation are written more than
once, in one file and in two (positions recorded once at parse time: positions.py)."""
from __future__ import annotations

import pytest

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import prepare

SENTENCE = 'The same sentence <span onclick="x">here</span> cites [@nokey] and shows ![a figure](missing.png).\n'
# The first lines name the same key and image in code, where a search of the text would find them first.
A = "# Intro\n\nText about `![](missing.png)` and `@nokey`.\n\n" + SENTENCE + "\nOther text.\n\n" + SENTENCE
B = "Intro.\n\nMore intro with `missing.png`.\n\n" + SENTENCE


def test_each_repeated_problem_is_at_its_own_file_and_line(make_manuscript):
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md, b.md]\n", "a.md": A, "b.md": B})
    warnings = []
    with pytest.raises(ManuscriptError) as error:
        prepare(root, warnings.append)
    cite, image = SENTENCE.index("@nokey") + 1, SENTENCE.index("missing.png") + 1
    places = [("a.md", 5), ("a.md", 9), ("b.md", 5)]

    def at(diagnostics, words: str) -> list[tuple[str, int, int]]:
        return [(d.location.path.name, d.location.line, d.location.column) for d in diagnostics if words in d.message]

    assert at(warnings, "citation @nokey") == [(name, line, cite) for name, line in places]
    assert at(error.value.diagnostics, "missing.png") == [(name, line, image) for name, line in places]
    assert [(name, line) for name, line, _ in at(warnings, "onclick")] == places


def check(capsys, root) -> tuple[int, list[str]]:
    """`nashr check` on `root`: its exit code and the lines it printed on stderr."""
    from nashr.cli import main

    code = main(["check", str(root)])
    return code, capsys.readouterr().err.splitlines()


# '中' is in none of nashr's fonts. It is first used in the abstract (a literal block in the metadata);
# in a.md first in a code span, after an HTML comment holding it (not text: a search of the file would
# find the comment), then in bold after an Arabic word, in a note's text (read at its
# definition), and in a second file.
GLYPH_META = "title: t\nlang: en\nabstract:\n  en: |\n    Abstract 中.\ncontents: [a.md, b.md]\n"
GLYPH_A = ("# Intro\n\n<!-- 中 -->\n\nThe `x中` word.\n\nنص **ب中** and a note.[^n]\n\n"
           "[^n]: The note 中.\n")
GLYPH_B = "Text.\n\nHere: x中.\n"


def test_a_missing_glyph_is_named_at_each_use_by_line_and_column(make_manuscript, capsys):
    root = make_manuscript({"manuscript.yaml": GLYPH_META, "a.md": GLYPH_A, "b.md": GLYPH_B})
    code, lines = check(capsys, root)
    meta, a, b = root / "manuscript.yaml", root / "a.md", root / "b.md"
    (line,) = [line for line in lines if "U+4E2D" in line]
    assert code == 0 and line.startswith(f"{meta}:5:14: warning: '中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)"), line
    assert line.endswith(f"(5 times: also at {a}:5:7, {a}:7:7, {a}:9:16, {b}:3:8)"), line


IMAGES = ("# Figures\n\nFirst ![one][fig] here.\n\nAnd again: ![two][fig], ![net] and ![](missing.png).\n\n"
          "Last ![three][spaced].\n\n[fig]: missing.png\n  [net]: https://example.org/x.png 'A title'\n"
          '[spaced]: <my pic.png> "T"\n')


def test_a_problem_with_a_reference_style_image_is_at_its_definition(make_manuscript, capsys):
    """The author fixes the target at its definition, once however often it is used: the error is
    there, naming the uses; an inline image's stays at the image."""
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md]\n", "a.md": IMAGES})
    code, lines = check(capsys, root)
    a = root / "a.md"
    errors = [line.split(": error: ") for line in lines if ": error: " in line]
    missing, network = "does not exist in the manuscript folder", "would come from the network"
    assert code == 1 and [(where, message.split(";")[0], message.partition("(defined here")[2])
                          for where, message in errors] == [
        (f"{a}:9:8", f"image not found: missing.png {missing}", f"; used at {a}:3:7, {a}:5:12)"),
        (f"{a}:10:10", f"image https://example.org/x.png {network}", f"; used at {a}:5:25)"),
        (f"{a}:5:40", f"image not found: missing.png {missing}", ""),
        (f"{a}:11:12", f"image not found: my%20pic.png {missing}", f"; used at {a}:7:6)"),
    ], lines
