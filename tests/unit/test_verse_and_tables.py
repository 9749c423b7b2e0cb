"""The verse and table transforms on Markdown as authors write it (parsed by Pandoc, no writer run)."""
from __future__ import annotations

import pytest

from nashr.ast import attr_value, has_class, stringify, walk
from nashr.diagnostics import ManuscriptError
from nashr.pipeline import prepare
from nashr.vocabulary import AJUZ, BAYT, BAYTS, LINE, SADR, STANZA, VERSE_NUMBER


def transformed(make_manuscript, text: str, extra: str = "") -> list:
    root = make_manuscript({"manuscript.yaml": f"title: ت\nlang: ar\n{extra}contents: [a.md]\n", "a.md": text})
    return prepare(root).body_blocks()


def found(blocks, name: str) -> list:
    return [element for element in walk(blocks) if element["t"] in ("Div", "Span") and has_class(element, name)]


def test_each_line_is_a_bayt_of_two_hemistichs_in_reading_order(make_manuscript):
    blocks = transformed(make_manuscript, "::: verse\nقفا نبك من ذكرى || بسقط اللوى\n"
                                          "فتوضح فالمقراة *** لما نسجتها\nأ||ب\n:::\n")
    bayts = found(blocks, BAYT)
    assert [(stringify(found(b, SADR)), stringify(found(b, AJUZ))) for b in bayts] == [
        ("قفا نبك من ذكرى", "بسقط اللوى"), ("فتوضح فالمقراة", "لما نسجتها"), ("أ", "ب")]
    assert stringify(bayts[0]) == "قفا نبك من ذكرى بسقط اللوى"  # copied text: sadr, space, ajuz
    assert len(found(blocks, BAYTS)) == 1 and not found(blocks, VERSE_NUMBER)


def test_numbers_stanzas_and_lines_of_their_own(make_manuscript):
    blocks = transformed(make_manuscript, "::: {.verse number=12}\nأ || ب\nج || د\n\nمشطور وحده\nهـ || و\n:::\n",
                         "layout:\n  numerals: arabic-indic\n")
    assert [stringify(n) for n in found(blocks, VERSE_NUMBER)] == ["١٢", "١٣", "١٤", "١٥"]
    assert [stringify(line) for line in found(blocks, LINE)] == ["١٤ مشطور وحده"]
    assert [has_class(b, STANZA) for b in found(blocks, BAYT)] == [False, False, False]
    assert has_class(found(blocks, LINE)[0], STANZA)  # a blank line opened a stanza
    assert [d["c"][0][1][0] for d in blocks[0]["c"][1]] == [BAYTS, "verse-lines", BAYTS]
    assert attr_value(blocks[0], "number") is None


def test_a_verse_keeps_other_blocks_and_works_inside_a_note(make_manuscript):
    blocks = transformed(make_manuscript, "نص[^n]\n\n[^n]: قال:\n\n    ::: verse\n    أ || ب\n\n    > شرح\n    :::\n")
    note = next(element for element in walk(blocks) if element["t"] == "Note")
    assert len(found(note, BAYT)) == 1 and any(e["t"] == "BlockQuote" for e in walk(note))


def test_a_wrong_number_is_an_error_at_its_line(make_manuscript):
    with pytest.raises(ManuscriptError) as error:
        transformed(make_manuscript, "نص\n\n::: {.verse number=أول}\nأ || ب\n:::\n")
    (problem,) = error.value.diagnostics
    assert problem.location.line == 3 and "number" in problem.message


def _widths(blocks) -> list:
    table = next(element for element in walk(blocks) if element["t"] == "Table")
    return [round(width["c"], 3) if width["t"] == "ColWidth" else None for _, width in table["c"][2]]


def test_a_pipe_table_has_no_widths_even_with_long_lines(make_manuscript):
    long = "كلمة " * 30
    assert _widths(transformed(make_manuscript, f"| أ | ب |\n|---|----------|\n| {long} | x |\n")) == [None, None]


def test_a_grid_table_keeps_the_widths_its_author_drew(make_manuscript):
    grid = "+-----+----------+\n| a   | b        |\n+=====+==========+\n| x   | y        |\n+-----+----------+\n"
    assert _widths(transformed(make_manuscript, grid)) == [round(6 / 72, 3), round(11 / 72, 3)]  # as Pandoc's own


def test_widths_given_in_the_caption(make_manuscript):
    table = '| أ | ب | ج |\n|---|---|---|\n| 1 | 2 | 3 |\n\n: بيانات {#tbl:d widths="2 1 1"}\n'
    assert _widths(transformed(make_manuscript, table)) == [0.5, 0.25, 0.25]
    quarto = table.replace('widths="2 1 1"', 'tbl-colwidths="[60,20,20]"')
    assert _widths(transformed(make_manuscript, quarto)) == [0.6, 0.2, 0.2]
    with pytest.raises(ManuscriptError) as error:
        transformed(make_manuscript, "نص\n\n" + table.replace('"2 1 1"', '"2 1"'))
    (problem,) = error.value.diagnostics
    assert problem.location.line == 7 and "one positive number per column (3 here)" in problem.message


def test_latin_runs_in_cells_take_a_language(make_manuscript):
    arabic = "| المصطلح | التعريف | Term |\n|---|---|---|\n| الإعراب | تغير أواخر الكلم | Declension |\n"
    latin = "| المصطلح | Term |\n|---|---|\n| الإعراب | Declension, i.e. *iʿrāb* |\n| البناء | [Invariabilité]{lang=fr} |\n"
    blocks = transformed(make_manuscript, arabic + "\nنص\n\n" + latin, "citation_lang: en-GB\n")
    tagged = [(e["t"], attr_value(e, "lang")) for e in walk(blocks)
              if e["t"] in ("Span", "Div") and attr_value(e, "dir") == "ltr"]
    assert tagged == [("Span", "en-GB"), ("Span", "en-GB"), ("Div", "en-GB")]  # two cells; a Latin table
    assert "fr" in [attr_value(e, "lang") for e in walk(blocks) if e["t"] == "Span"]  # the author's own kept
