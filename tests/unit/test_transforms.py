import pytest
from pathlib import Path

from nashr.ast import attr_value, stringify, walk
from nashr.diagnostics import Location
from nashr.document import Document, Part
from nashr.metadata import Metadata
from nashr.project import Project
from nashr.transforms.bidi import isolate_directions
from nashr.transforms.footnotes import number_notes
from nashr.vocabulary import numbered_notes

from .ast_builders import note, para, words


def document(*body_parts: list, lang: str = "ar", abstract: list | None = None) -> Document:
    metadata = Metadata(title="t", lang=lang, contents=["a.md"])
    project = Project(Path("/m"), Path("/m/manuscript.yaml"), metadata, [])
    parts = [Part("abstract", "en", Path("/m/manuscript.yaml"), abstract)] if abstract else []
    parts += [Part("body", lang, Path(f"/m/{i}.md"), blocks) for i, blocks in enumerate(body_parts)]
    return Document(project, parts, [1, 23, 1])


def ltr_spans(blocks) -> list[str]:
    return [stringify(n["c"][1]) for n in walk(blocks) if n["t"] == "Span" and attr_value(n, "dir") == "ltr"]


def test_notes_are_numbered_across_files_in_call_order():
    doc = document(
        [para(words("أ"), note(para(words("first"))), words("ب"), note(para(words("second"))))],
        [para(words("ج"), note(para(words("third"))))],
    )
    numbered = number_notes(doc)
    found = numbered_notes(numbered.body_blocks())
    assert [n for n, _ in found] == [1, 2, 3]
    assert [stringify(n["c"]) for _, n in found] == ["first", "second", "third"]


def test_latin_run_inside_arabic_is_isolated_without_its_punctuation():
    doc = document([para(words("قالت القوات المسلحة (FAR)، ووفق Concepts of Security Threats، نقرأ"))])
    blocks = isolate_directions(doc).body_blocks()
    assert ltr_spans(blocks) == ["FAR", "Concepts of Security Threats"]
    assert stringify(blocks) == "قالت القوات المسلحة (FAR)، ووفق Concepts of Security Threats، نقرأ"


def test_digits_between_latin_words_stay_inside_the_run():
    doc = document([para(words("انظر Vol. 279 No.2 هنا"))])
    assert ltr_spans(isolate_directions(doc).body_blocks()) == ["Vol. 279 No.2"]  # the number after "No." reads with it (bidi rule W7)


@pytest.mark.parametrize("text, spans", [
    ("مانند Wolf (1998) استدلال", ["Wolf (1998)"]),  # a year in brackets after a name reads with it
    ("گزارش (World Bank, 2014) را", ["World Bank, 2014"]),  # the outer brackets stay outside, balanced
    ("کے Press Act of 1910 کے ذریعے", ["Press Act of 1910"]),
    ("رشد GDP 5%. سپس", ["GDP 5%"]),
    ("השוו את הדברים אצל: Leiden: Brill, p.\u00a0112.", ["Leiden: Brill, p.\u00a0112"]),  # Pandoc's space after "p."
    ("منبع داده‌ها: FAO AQUASTAT، ۲۰۲۳", ["FAO AQUASTAT"]),  # after the Arabic comma, the number is the RTL text's
    ("سال Wolf ۱۳۹۵", ["Wolf"]),  # Persian digits belong to the Persian text
    ("نگاه Wolf (1998 در", ["Wolf"]),  # never an unbalanced bracket inside the run
    ("في ترجمة الكتاب إلى الإنجليزية لـ A. J. Arberry (London, 1957, p. 45).",
     ["A. J. Arberry (London, 1957, p. 45)"]),  # closes its bracket
    ("كتاب Arberry (London). وهو", ["Arberry (London)"]),  # with no number too
    ("كتاب Arberry [ed.] هنا", ["Arberry [ed.]"]),
])
def test_european_digits_after_a_latin_run_read_with_it(text, spans):
    blocks = isolate_directions(document([para(words(text))], lang="fa")).body_blocks()
    assert ltr_spans(blocks) == spans
    assert stringify(blocks) == text


def test_an_arabic_run_in_english_text_closes_its_brackets():
    blocks = isolate_directions(document([para(words("See الأصفهاني (الأغاني), vol. 2."))], lang="en")).body_blocks()
    rtl = [stringify(e) for e in walk(blocks) if e["t"] == "Span" and attr_value(e, "dir") == "rtl"]
    assert rtl == ["الأصفهاني (الأغاني)"]


@pytest.mark.parametrize("text, lang, direction, runs", [
    ("The sura opens with the oath «وَاللَّيْلِ إِذَا يَغْشَىٰ» (92:1).", "en", "rtl", ["وَاللَّيْلِ إِذَا يَغْشَىٰ"]),
    ("ديوانه (ed. al-Barqu\u0304qi\u0304) ص 3", "ar", "ltr", ["ed. al-Barqu\u0304qi\u0304"]),
])
def test_a_run_keeps_the_combining_marks_of_its_last_letter(text, lang, direction, runs):
    """Left outside the run, the mark would be drawn alone on a dotted circle."""
    blocks = isolate_directions(document([para(words(text))], lang=lang)).body_blocks()
    found = [stringify(e["c"][1]) for e in walk(blocks) if e["t"] == "Span" and attr_value(e, "dir") == direction]
    assert found == runs
    assert stringify(blocks) == text


def test_arabic_only_text_is_untouched():
    blocks = [para(words("نص عربي خالص 2017، ص45."))]
    assert isolate_directions(document(blocks)).body_blocks() == blocks


def test_english_note_in_arabic_article_becomes_ltr_and_isolates_arabic():
    english = note(para(words("Brauch, H.G. (2011). Concepts of Security, see المغرب here.")))
    arabic = note(para(words("عادل المطيري: أثر التهديدات، ص45.")))
    doc = number_notes(document([para(words("نص"), english, words("ونص"), arabic)]))
    found = numbered_notes(isolate_directions(doc).body_blocks())
    first, second = found[0][1]["c"], found[1][1]["c"]
    assert first[0]["t"] == "Div" and attr_value(first[0], "dir") == "ltr"
    rtl = [stringify(n["c"][1]) for n in walk(first) if n["t"] == "Span" and attr_value(n, "dir") == "rtl"]
    assert rtl == ["المغرب"]
    assert second[0]["t"] == "Para"  # an Arabic note keeps the page direction


def test_url_letters_do_not_make_an_arabic_note_ltr():
    link = {"t": "Link", "c": [["", ["uri"], []], words("https://www.un.org/ar/globalceasefire/conflict-prevention"),
                               ["https://www.un.org/ar/globalceasefire/conflict-prevention", ""]]}
    blocks = [para(words("الأمم المتحدة: منع نشوب الصراعات، ينظر الرابط:"), {"t": "Space"}, link)]
    result = isolate_directions(document(blocks)).body_blocks()
    assert result[0]["t"] == "Para"
    assert ltr_spans(result) == ["https://www.un.org/ar/globalceasefire/conflict-prevention"]


def test_english_abstract_gets_its_own_direction():
    doc = document([para(words("نص"))], abstract=[para(words("An English abstract."))])
    abstract = isolate_directions(doc).abstracts()[0].blocks
    assert abstract[0]["t"] == "Div" and attr_value(abstract[0], "dir") == "ltr"


def test_hebrew_run_in_english_document_is_isolated_rtl():
    doc = document([para(words("The word שלום means peace."))], lang="en")
    spans = [n for n in walk(isolate_directions(doc).body_blocks()) if n["t"] == "Span"]
    assert [(attr_value(s, "dir"), stringify(s["c"][1])) for s in spans] == [("rtl", "שלום")]
