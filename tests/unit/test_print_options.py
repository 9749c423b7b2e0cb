"""The `layout:` schema, generated digits, figure/table numbering and cross-references."""
from dataclasses import replace
from pathlib import Path

import pytest

from nashr.ast import attr_value, has_class, stringify, walk
from nashr.diagnostics import ManuscriptError
from nashr.document import Document, Part
from nashr.metadata import Layout, Metadata
from nashr.project import Project, SourceFile
from nashr.diagnostics import Location
from nashr.transforms.captions import number_figures_and_tables
from nashr.transforms.footnotes import number_notes
from nashr.transforms.numerals import label_notes
from nashr.vocabulary import CAPTION_LABEL, CROSS_REFERENCE, digits
from nashr.writers.pdf.page import css_string, page_css, running_heads

from .ast_builders import note, para, words
from .test_metadata import MINIMAL, check


def test_layout_defaults_suit_an_arabic_journal():
    metadata, problems = check(MINIMAL)
    assert problems == []
    assert metadata.layout == Layout(numerals="western")  # an Arabic article keeps 0-9
    assert (metadata.layout.trim, metadata.layout.numerals, metadata.layout.pdf_standard) == ("A4", "western", "pdf/a-3b")


@pytest.mark.parametrize("lang, numerals", [("fa", "persian"), ("ur", "persian"), ("fa-IR", "persian"),
                                             ("ar", "western"), ("ar-MA", "western"), ("ar-EG", "arabic-indic"),
                                             ("ar-SA", "arabic-indic"), ("ar-Arab-IQ", "arabic-indic"),
                                             ("he", "western"), ("en", "western"), ("en-EG", "western")])
def test_numerals_default_to_the_digits_of_the_language(lang, numerals):
    metadata, problems = check(MINIMAL.replace("lang: ar", f"lang: {lang}"))
    assert problems == [] and metadata.layout.numerals == numerals
    explicit, _ = check(MINIMAL.replace("lang: ar", f"lang: {lang}") + "layout:\n  numerals: arabic-indic\n")
    assert explicit.layout.numerals == "arabic-indic"  # the author's choice wins


def test_layout_options_are_read():
    metadata, problems = check(MINIMAL + "layout:\n  trim: B5\n  bleed: 3mm\n  crop_marks: true\n"
                               "  margins: {inner: 20mm}\n  note_numbering: per-page\n  numerals: persian\n")
    assert problems == []
    layout = metadata.layout
    assert (layout.trim, layout.bleed, layout.crop_marks, layout.note_numbering, layout.numerals) == (
        "B5", "3mm", True, "per-page", "persian")
    assert layout.margins.inner == "20mm" and layout.margins.outer == "22mm"


@pytest.mark.parametrize("line, message", [
    ("  trim: B7", "layout.trim: a trim size is A4"),
    ("  trim: 17x24", "layout.trim: a trim size is"),
    ("  bleed: 3", "layout.bleed: a length is a number with a unit"),
    ("  crop_marks: sometimes", "layout.crop_marks: expected true or false"),
    ("  numerals: hindi", "layout.numerals: must be one of: western, arabic-indic, persian"),
    ("  note_numbering: per-chapter", "layout.note_numbering: must be one of"),
    ("  margin: {top: 2cm}", "unknown key 'margin'; did you mean 'margins'?"),
])
def test_bad_layout_values_are_reported_at_their_line(line, message):
    _, problems = check(MINIMAL + "layout:\n" + line + "\n")
    assert len(problems) == 1 and "manuscript.yaml:6:" in problems[0] and message in problems[0], problems


def test_custom_trim_size_goes_to_the_page():
    metadata, _ = check(MINIMAL + "layout:\n  trim: 160mm 240mm\n")
    assert "size: 160mm 240mm;" in page_css(metadata)
    metadata, _ = check(MINIMAL + "layout:\n  trim: 17x24cm\n")
    assert "size: 170mm 240mm;" in page_css(metadata)


def test_page_numbers_start_at_first_page_and_sit_on_the_outer_edge():
    metadata, _ = check(MINIMAL + "journal:\n  name: مجلة\n  first_page: 45\nlayout:\n  numerals: arabic-indic\n")
    css = page_css(metadata)
    assert "@page :first { counter-reset: page 45; }" in css
    left = css[css.index("@page :left"):css.index("@page :right")]
    assert "@top-left { content: counter(page, arabic-indic); }" in left  # rtl: left pages are recto
    assert running_heads(metadata) == ("عنوان", "مجلة")


@pytest.mark.parametrize("lang, verso", [("ar", "أ، ب"), ("he", "א, ב")])
def test_authors_in_the_running_head_are_separated_as_the_language_writes(lang, verso):
    metadata, _ = check(MINIMAL.replace("lang: ar", f"lang: {lang}")
                        + f"authors:\n  - name: {verso[0]}\n  - name: {verso[-1]}\n")
    assert running_heads(metadata)[1] == verso  # no Arabic comma between Hebrew names


def test_css_strings_are_escaped():
    assert css_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\a d"'


@pytest.mark.parametrize("numerals, expected", [("western", "45"), ("arabic-indic", "٤٥"), ("persian", "۴۵")])
def test_digits(numerals, expected):
    assert digits(45, numerals) == expected
    assert int(digits(45, numerals)) == 45


def document(blocks: list, numerals: str = "western", lang: str = "ar", text: str = "") -> Document:
    metadata = Metadata(title="t", lang=lang, contents=["a.md"], layout=replace(Layout(), numerals=numerals))
    source = SourceFile(Path("/m/a.md"), text, Location(Path("/m/manuscript.yaml"), 4))
    project = Project(Path("/m"), Path("/m/manuscript.yaml"), metadata, [source])
    return Document(project, [Part("body", lang, Path("/m/a.md"), blocks)], [1, 23, 1])


def test_note_labels_use_the_chosen_digits_and_keep_the_number():
    doc = label_notes(number_notes(document([para(words("أ"), note(para(words("n"))))] * 12, "arabic-indic")))
    spans = [n for n in walk(doc.body_blocks()) if n["t"] == "Span" and has_class(n, "nashr-note")]
    assert [attr_value(s, "label") for s in spans][-1] == "١٢"
    assert [attr_value(s, "number") for s in spans][-1] == "12"


def figure(identifier: str, caption: str) -> dict:
    return {"t": "Figure", "c": [[identifier, [], []], [None, [{"t": "Plain", "c": words(caption)}] if caption else []],
                                 [{"t": "Plain", "c": [{"t": "Image", "c": [["", [], []], [], ["x.png", ""]]}]}]]}


def table(identifier: str, caption: str) -> dict:
    return {"t": "Table", "c": [[identifier, [], []], [None, [{"t": "Plain", "c": words(caption)}]], [], [["", [], []], []],
                                [], [["", [], []], []]]}


def cite(*ids: str) -> dict:
    return {"t": "Cite", "c": [[{"citationId": i, "citationPrefix": [], "citationSuffix": [],
                                 "citationMode": {"t": "AuthorInText"}, "citationNoteNum": 0, "citationHash": 0}
                                for i in ids], words("@" + ids[0])]}


def test_figures_and_tables_are_numbered_apart_and_references_resolved():
    blocks = [para(words("انظر"), cite("fig:b"), words("و"), cite("tbl:t", "fig:a")),
              figure("fig:a", "خريطة"), table("tbl:t", "بيانات"), figure("", "بلا معرف"), figure("fig:b", "رسم"),
              para({"t": "Link", "c": [["", [], []], [], ["#fig:a", ""]]})]
    doc = number_figures_and_tables(document(blocks, "arabic-indic"))
    labels = [stringify(n) for n in walk(doc.body_blocks()) if n["t"] == "Span" and has_class(n, CAPTION_LABEL)]
    assert labels == ["شكل\u00a0١", "جدول\u00a0١", "شكل\u00a0٢", "شكل\u00a0٣"]
    references = [(stringify(n), n["c"][2][0]) for n in walk(doc.body_blocks())
                  if n["t"] == "Link" and has_class(n, CROSS_REFERENCE)]
    assert references == [("شكل\u00a0٣", "#fig:b"), ("جدول\u00a0١", "#tbl:t"), ("شكل\u00a0١", "#fig:a"),
                          ("شكل\u00a0١", "#fig:a")]
    assert stringify(doc.body_blocks()[1]["c"][1][1]).startswith("شكل\u00a0١: خريطة")


def test_english_articles_say_figure_and_table():
    doc = number_figures_and_tables(document([figure("fig:a", "Map"), table("", "Data")], lang="en"))
    labels = [stringify(n) for n in walk(doc.body_blocks()) if n["t"] == "Span" and has_class(n, CAPTION_LABEL)]
    assert labels == ["Figure\u00a01", "Table\u00a01"]


def test_citations_that_are_not_cross_references_stay():
    blocks = [para(cite("smith2020"))]
    assert number_figures_and_tables(document(blocks)).body_blocks() == blocks


def test_unknown_reference_is_an_error_at_its_line():
    with pytest.raises(ManuscriptError) as error:
        number_figures_and_tables(document([para(cite("fig:missing"))], text="# عنوان\n\nانظر @fig:missing هنا\n"))
    message = str(error.value.diagnostics[0])
    assert "a.md:3:" in message and "fig:missing" in message and "{#fig:missing}" in message
