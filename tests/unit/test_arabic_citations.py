"""The Arabic citation profile and proclitic references on hand-written texts and ASTs: where a proclitic
is glued, how it joins what the reference became, Arabic punctuation and word order in citations, the
reference list's groups and Arabic order, BibTeX family names, the locale merged into a style."""
from pathlib import Path

import pytest
from lxml import etree

from nashr import proclitics
from nashr.arabic_citations import arabize
from nashr.ast import stringify
from nashr.bibtex_names import brace_family_names
from nashr.citation_styles import CSL, XML_LANG, bundled_style, keeps_citation_order, locale_terms, style_for_run
from nashr.metadata import validate
from nashr.parse import to_ast
from nashr.diagnostics import Location
from nashr.reference_lists import arabic_sort_key, arrange
from nashr.yamlnodes import compose

from .ast_builders import para, words
from .test_citations import cite, entry, refs


# --- proclitics ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, marked", [
    ("يبين و@tbl:grid ذلك", "يبين و\ufdd0@tbl:grid ذلك"),
    ("(ول@fig:x)", "(ول\ufdd0@fig:x)"),
    ("«فب@smith2020»", "«فب\ufdd0@smith2020»"),
    ("وَ@fig:x", "وَ\ufdd0@fig:x"),  # a vowel mark on the proclitic
])
def test_a_word_initial_proclitic_is_marked_before_its_at(text, marked):
    assert proclitics.mark(text) == marked


@pytest.mark.parametrize("text", [
    "كتاب@fig:x",  # ب ends a word: not a proclitic
    "فلك@fig:x",  # not a proclitic combination
    "name@example.org و @fig:x",  # an address; a proclitic written apart
    "https://example.org/و@x <و@x.org> و\\@x",  # in a URL, an autolink, escaped
])
def test_nothing_else_is_marked(text):
    assert proclitics.mark(text) == text


def test_glued_references_parse_as_citations_and_the_marks_disappear():
    ast, warnings = to_ast("و@tbl:grid، ب[@fig:map] وكتاب@x `و@y`\n", Location(Path("a.md")))
    assert warnings == []
    inlines = ast["blocks"][0]["c"]
    assert [i["t"] for i in inlines[:3]] == ["Span", "Cite", "Str"]
    assert stringify(inlines[0]) == "و" and inlines[1]["c"][0][0]["citationId"] == "tbl:grid"
    assert inlines[4]["t"] == "Span" and inlines[5]["c"][0][0]["citationId"] == "fig:map"
    assert "\ufdd0" not in str(ast) and any(i["t"] == "Code" and i["c"][1] == "و@y" for i in inlines)
    assert not any(i["t"] == "Link" and "fig:" in i["c"][2][0] for i in inlines)  # no mailto: link


def test_pandoc_columns_are_given_in_the_authors_text():
    marked = proclitics.mark("و@a و@b x")
    assert proclitics.unmarked_column(marked, 1, marked.index("x") + 1) == "و@a و@b x".index("x") + 1


def _joined(inlines):
    return proclitics._join_siblings(inlines)


def _glued(text):
    return {"t": "Span", "c": [["", [proclitics.CLASS], []], [{"t": "Str", "c": text}]]}


def test_a_proclitic_joins_the_first_word_of_a_link_or_citation():
    link = {"t": "Link", "c": [["", [], []], words("جدول\u00a01"), ["#tbl:a", ""]]}
    assert stringify(_joined([_glued("و"), link])) == "وجدول\u00a01"
    assert _joined([_glued("و"), link])[0]["t"] == "Link"
    textual = cite("jahiz", "الجاحظ (1965)")
    assert stringify(_joined([_glued("ل"), textual])) == "للجاحظ (1965)"  # ل + ال → لل
    parenthesised = cite("jahiz", "(الجاحظ 1965)")
    assert [i["t"] for i in _joined([_glued("و"), parenthesised])] == ["Str", "Cite"]


# --- Arabic punctuation and word order ------------------------------------------------------------

def test_arabic_citations_and_entries_take_arabic_punctuation_and_order():
    blocks = [para(cite("a", "(الجاحظ 1965, 45; الدوري 1960, 25)")),
              refs(entry("a", "الجابري, محمد و عبد الله العروي. تكوين العقل العربي. 4 ط. بيروت: مركز, 1991."))]
    fixed = arabize(blocks, "ar")
    assert stringify(fixed[0]) == "(الجاحظ 1965، 45؛ الدوري 1960، 25)"
    assert stringify(fixed[1]) == "الجابري، محمد وعبد الله العروي. تكوين العقل العربي. ط 4. بيروت: مركز، 1991."


def test_latin_words_digits_and_links_inside_an_arabic_entry_keep_their_commas():
    link = {"t": "Link", "c": [["", [], []], words("https://x.org/a,b"), ["https://x.org/a,b", ""]]}
    blocks = [refs(entry("a", "ابن رشد, تهافت. Paris, Vrin, ص 1,200."))]
    blocks[0]["c"][1][0]["c"][1][0]["c"] += [{"t": "Space"}, link] + words(", تاريخ الاطلاع")
    text = stringify(arabize(blocks, "ar"))
    assert text == "ابن رشد، تهافت. Paris, Vrin, ص 1,200. https://x.org/a,b، تاريخ الاطلاع"  # a URL is neutral


def test_persian_gets_the_punctuation_only_and_latin_languages_nothing():
    blocks = [para(cite("a", "(مطهری 1380, 3 ط و دیگران)"))]
    assert stringify(arabize(blocks, "fa")) == "(مطهری 1380، 3 ط و دیگران)"
    assert arabize(blocks, "en") == blocks


def test_the_edition_terms_come_from_the_bundled_locale():
    assert set(locale_terms("edition")) >= {"ط", "الطبعة"}


# --- the reference list -------------------------------------------------------------------------

def test_arabic_order_ignores_the_article_and_hamza_seats():
    names = ["العروي", "حسين", "الجابري", "أبو زيد", "ابن خلدون", "الجاحظ", "إبراهيم"]
    assert sorted(names, key=arabic_sort_key) == ["إبراهيم", "ابن خلدون", "أبو زيد", "الجابري", "الجاحظ",
                                                   "حسين", "العروي"]


def _list(*texts):
    return [{"t": "Header", "c": [1, ["bibliography", [], []], words("المراجع")]},
            refs(*(entry(str(i), text) for i, text in enumerate(texts)))]


def test_split_gives_the_arabic_sources_then_the_foreign_ones_under_sub_headings():
    blocks = arrange(_list("Smith, J.", "العروي، عبد الله.", "Adams, K.", "حسين، طه."), "ar", "rtl",
                     split=True, resort=True)
    assert [b["t"] for b in blocks] == ["Header", "Div", "Header", "Div"]
    first, foreign_heading, second = blocks[1], blocks[2], blocks[3]
    assert first["c"][0][0] == "refs" and first["c"][1][0]["t"] == "Header" and first["c"][1][0]["c"][0] == 2
    assert stringify(first["c"][1][0]) == "المراجع العربية" and stringify(foreign_heading) == "المراجع الأجنبية"
    assert [stringify(e) for e in first["c"][1][1:]] == ["حسين، طه.", "العروي، عبد الله."]
    assert [stringify(e) for e in second["c"][1]] == ["Smith, J.", "Adams, K."]  # citeproc's order kept
    assert ["custom-style", "Bibliography"] in second["c"][0][2]  # DOCX: the entries' paragraph style


def test_single_keeps_one_list_and_a_numbered_style_its_order():
    blocks = arrange(_list("Smith, J.", "العروي، عبد الله.", "حسين، طه."), "ar", "rtl", split=False, resort=False)
    assert [b["t"] for b in blocks] == ["Header", "Div"]
    assert [stringify(e) for e in blocks[1]["c"][1]] == ["العروي، عبد الله.", "حسين، طه.", "Smith, J."]


def test_one_script_only_needs_no_sub_headings():
    blocks = arrange(_list("العروي، عبد الله.", "حسين، طه."), "ar", "rtl", split=True, resort=True)
    assert [b["t"] for b in blocks] == ["Header", "Div"]


def test_a_dash_for_the_same_author_stays_after_its_entry():
    blocks = arrange(_list("العروي، عبد الله. أ.", "———. ب.", "حسين، طه."), "ar", "rtl", split=True, resort=True)
    assert [stringify(e) for e in blocks[1]["c"][1]] == ["حسين، طه.", "العروي، عبد الله. أ.", "———. ب."]


# --- BibTeX names, styles, settings -------------------------------------------------------------

def test_arabic_family_names_of_several_words_are_braced_on_their_lines():
    bib = ('@book{a,\n  author = {ابن خلدون, عبد الرحمن and\n    أبو زيد, نصر and الجابري, محمد and '
           'Van Gogh, Vincent and محمد عابد الجابري},\n  editor = "بن عاشور, محمد",\n  title = {ابن x, y}\n}\n')
    braced = brace_family_names(bib)
    assert braced == bib.replace("ابن خلدون,", "{ابن خلدون},").replace("أبو زيد,", "{أبو زيد},").replace(
        "بن عاشور,", "{بن عاشور},")


def test_the_arabic_locale_goes_into_a_copy_of_the_style_on_one_line(tmp_path):
    style = bundled_style("arabic-note")
    copy = style_for_run(style, "ar-MA", tmp_path)
    assert copy != style and copy.read_text().count("\n") == style.read_text().count("\n")
    locales = etree.parse(str(copy)).getroot().findall(f"{{{CSL}}}locale")
    assert [locale.get(XML_LANG) for locale in locales] == ["en", "ar"]
    assert style_for_run(style, "en", tmp_path) == style
    own = tmp_path / "own.csl"
    own.write_text(style.read_text().replace('<locale xml:lang="en">', '<locale xml:lang="ar">'))
    assert style_for_run(own, "ar", tmp_path) == own  # the style's own Arabic words win
    assert style_for_run(None, "ar", tmp_path).name == "ar-default.csl"  # Pandoc's default, with the locale


def test_a_numbered_style_keeps_citation_order(tmp_path):
    numbered = tmp_path / "ieee.csl"
    numbered.write_text(f'<style xmlns="{CSL}"><bibliography><sort><key variable="citation-number"/></sort>'
                        '<layout/></bibliography></style>')
    assert keeps_citation_order(numbered)
    assert not keeps_citation_order(bundled_style("arabic-author-date")) and not keeps_citation_order(None)


@pytest.mark.parametrize("lang, layout, split", [("ar", "", True), ("ar-MA", "single", False),
                                                 ("fa", "", False), ("en", "split", True)])
def test_bibliography_layout_defaults_to_split_in_arabic(lang, layout, split):
    text = f"title: t\nlang: {lang}\ncontents: [a.md]\n" + (f"bibliography_layout: {layout}\n" if layout else "")
    tree, _ = compose(text, Path("manuscript.yaml"))
    metadata, problems = validate(tree, Path("manuscript.yaml"))
    assert problems.diagnostics == [] and metadata.split_references is split


def test_a_wrong_bibliography_layout_is_an_error_at_its_line():
    tree, _ = compose("title: t\nlang: ar\ncontents: [a.md]\nbibliography_layout: two\n", Path("manuscript.yaml"))
    _, problems = validate(tree, Path("manuscript.yaml"))
    assert [str(d) for d in problems.diagnostics] == [
        "manuscript.yaml:4: error: bibliography_layout: must be one of: single, split"]


def test_a_reference_glued_to_another_word_is_a_warning_at_its_line_except_in_code():
    text = "نص و@tbl:a.\n\nانظر الجدول@tbl:a و`x@tbl:b`، name@example.org\n"
    ast, warnings = to_ast(text, Location(Path("a.md")))
    assert [(w.location.line, w.location.column, w.severity) for w in warnings] == [(3, 6, "warning")]
    assert "«الجدول@tbl:a»" in warnings[0].message and "put a space before @" in warnings[0].message
