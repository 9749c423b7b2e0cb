"""Positions recorded at parse time (positions.py): each element at its own line and column."""
from __future__ import annotations

import json
from pathlib import Path

from nashr.ast import walk
from nashr.diagnostics import Location
from nashr.pandoc import run_pandoc
from nashr.parse import _parse, to_ast
from nashr.positions import POS, carry

TEXT = """\
# Intro {#intro}

Don't -- stop... the same words ![a](x.png) and [@key; @other, p. 3].[^n]

Don't -- stop... the same words ![a](x.png) @key said.

- item *one* `code`
- item two^[inline note] and @key

[^n]: The note's text
    goes on.

    Its second paragraph.

| a | b |
|---|---|
| ![](t.png) | y |

: Caption {#tbl:t}

```
code
```

---

::: {.verse}
Verse @key
:::
"""


LINES = TEXT.split("\n")


def at(line: int, written: str) -> list[int]:
    """[line, column] of `written` on `line` of TEXT."""
    return [line, LINES[line - 1].index(written) + 1]


def read(text: str = TEXT) -> list[dict]:
    return to_ast(text, Location(Path("a.md")))[0]["blocks"]


def places(blocks, kind: str) -> list[list[int]]:
    return [element[POS][:2] for element in walk(blocks) if element["t"] == kind]


def test_each_occurrence_is_at_its_own_place():
    blocks = read()
    assert places(blocks, "Image") == [at(3, "x.png"), at(5, "x.png"), at(17, "t.png")]  # at their targets
    assert [c[POS][:2] for e in walk(blocks) if e["t"] == "Cite" for c in e["c"][0]] == [
        at(3, "@key"), at(3, "@other"), at(5, "@key"), at(8, "@key"), at(28, "@key")]
    assert places(blocks, "Header") == [[1, 3]]
    assert [block[POS][:2] for block in blocks[1:3]] == [[3, 1], [5, 1]]


def test_notes_are_read_where_their_text_is_written():
    blocks = read()
    notes = [element for element in walk(blocks) if element["t"] == "Note"]
    assert [note[POS][:2] for note in notes] == [at(3, "[^n]"), at(8, "^[")]  # the calls
    assert [block[POS][:2] for block in notes[0]["c"]] == [at(10, "The"), at(13, "Its")]
    assert notes[1]["c"][0][POS][:2] == at(8, "inline")


def test_blocks_without_words_lists_and_tables_are_at_their_lines():
    blocks = read()
    assert [(block["t"], block[POS][:2]) for block in blocks[3:]] == [
        ("BulletList", [7, 1]), ("Table", [15, 1]), ("CodeBlock", [21, 1]), ("HorizontalRule", [25, 1]),
        ("Div", [27, 1])]
    table = blocks[4]
    assert [block[POS][:2] for block in table["c"][1][1]] == [[19, 3]]  # the caption, after the table
    assert places(blocks, "Plain")[:2] == [[7, 3], [8, 3]]


def test_carry_puts_positions_back_after_a_round_trip_through_pandoc():
    blocks = read()
    document = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    again = json.loads(run_pandoc(["--from=json", "--to=json"], json.dumps(document))[0])["blocks"]
    assert not any(POS in element for element in walk(again))  # Pandoc keeps no key it does not know
    carry(blocks, again)
    assert [e.get(POS) for e in walk(again)] == [e.get(POS) for e in walk(blocks)]


def test_two_files_of_the_same_text_each_name_their_own_part():
    # one Pandoc reading serves both texts (read_many.py): the positions must not be shared
    readings = _parse([("x\n\n@key\n", Location(Path(name)), "en") for name in ("a.md", "b.md")])
    cites = [next(e for e in walk(ast["blocks"]) if e["t"] == "Cite") for ast, _ in readings]
    assert [cite["c"][0][0][POS] for cite in cites] == [[3, 1, 0], [3, 1, 1]]
    assert [cite[POS] for cite in cites] == [[3, 1, 0], [3, 1, 1]]


def test_a_lazy_note_definition_is_passed_by_and_a_quote_s_blocks_start_after_its_marks():
    text = ("Call.[^n]\n\n[^n]: The note\nlazily continued.\n\n    Its second paragraph.\n\n"
            "After the note.\n\n> Quoted:\n>\n>     code\n")
    blocks = read(text)
    assert [(block["t"], block[POS][:2]) for block in blocks] == [("Para", [1, 1]), ("Para", [8, 1]),
                                                                   ("BlockQuote", [10, 1])]
    assert [block[POS][:2] for block in blocks[2]["c"]] == [[10, 3], [12, 7]]
