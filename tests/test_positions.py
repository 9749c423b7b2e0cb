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
