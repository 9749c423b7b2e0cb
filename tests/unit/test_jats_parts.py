"""Pieces of the JATS writer that need no build: licences by SPDX id, script runs, languages of marked
runs, XML identifiers."""
from __future__ import annotations

import pytest

from nashr.licences import licence
from nashr.project import load_project
from nashr.writers.jats.display import split_caption
from nashr.writers.jats.ids import Identifiers
from nashr.writers.jats.languages import Languages, script_runs


@pytest.mark.parametrize("text, url", [
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("cc-by-nc-sa-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    ("CC-BY-ND-3.0", "https://creativecommons.org/licenses/by-nd/3.0/"),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("https://example.org/licence", "https://example.org/licence"),
    ("All rights reserved", None),
    ("CC-BY-5.0", None),
])
def test_licences_named_by_spdx_id_have_their_canonical_url(text, url):
    assert licence(text).url == url


def test_a_licence_statement_names_the_licence_in_full():
    assert licence("CC-BY-4.0").statement == "Creative Commons Attribution 4.0 International (CC BY 4.0)"


def test_runs_of_another_script_keep_their_punctuation_inside_and_brackets_outside():
    assert script_runs("נגיב (نجيب محفوظ), זוכה", "Hebr") == [
        (None, "נגיב ("), ("Arab", "نجيب محفوظ"), (None, "), זוכה")]
    assert script_runs("كَتَبَ and", "Latn") == [("Arab", "كَتَبَ"), (None, " and")]  # the last vowel mark stays
    assert script_runs("a Ωμέγα b مرحبا", "Latn") == [(None, "a "), ("Grek", "Ωμέγα"), (None, " b "), ("Arab", "مرحبا")]
    assert script_runs("1998, (ok)", "Latn") == [(None, "1998, (ok)")]


def languages(make_manuscript, extra: str) -> Languages:
    root = make_manuscript({"manuscript.yaml": f"title: T\nlang: ar\ncontents: [a.md]\n{extra}", "a.md": "x\n"})
    return Languages(load_project(root).metadata)


def test_a_run_marked_only_by_direction_takes_the_declared_language_of_its_script(make_manuscript):
    words = [{"t": "Str", "c": "Copenhagen"}]
    assert languages(make_manuscript, "").of_element(None, "ltr", words) == "en"  # citation_lang's default
    assert languages(make_manuscript, "citation_lang: fr\n").of_element(None, "ltr", words) == "fr"
    assert languages(make_manuscript, "").of_element("de", "ltr", words) == "de"  # an explicit lang wins
    assert languages(make_manuscript, "").of_element(None, None, words) is None
    greek = [{"t": "Str", "c": "λόγος"}]
    assert languages(make_manuscript, "").of_element(None, "ltr", greek) == "und-Grek"


def test_two_declared_languages_of_one_script_leave_the_language_undetermined(make_manuscript):
    both = languages(make_manuscript, "abstract:\n  en: An abstract.\n  fr: Un résumé.\n")
    assert both.of_element(None, "ltr", [{"t": "Str", "c": "word"}]) == "und-Latn"


def test_identifiers_are_valid_xml_names_and_unique():
    ids = Identifiers()
    assert ids.add("fig:map", "fig") == "fig-map"
    assert ids.add("1-intro", "sec") == "sec-1-intro"
    assert ids.add("fig-map", "sec") == "fig-map-2"
    assert ids.add("fig:map", "fig") == "fig-map"
    assert (ids.new("fig"), ids.new("fig")) == ("fig-1", "fig-2")
    assert ids.target("fig:map") == ("fig-map", "fig") and ids.target("nowhere") is None


def test_a_caption_label_is_found_inside_the_div_of_its_direction():
    label = {"t": "Span", "c": [["", ["nashr-caption-label"], []], [{"t": "Str", "c": "شكل\u00a01"}]]}
    plain = {"t": "Plain", "c": [label, {"t": "Str", "c": ":"}, {"t": "Space"}, {"t": "Str", "c": "Cap"}]}
    wrapped = {"t": "Div", "c": [["", [], [["dir", "rtl"]]], [plain]]}
    assert split_caption([plain]) == ("شكل\u00a01", [{"t": "Plain", "c": [{"t": "Str", "c": "Cap"}]}])
    assert split_caption([wrapped]) == ("شكل\u00a01", [{"t": "Div", "c": [["", [], [["dir", "rtl"]]],
                                                                         [{"t": "Plain", "c": [{"t": "Str", "c": "Cap"}]}]]}])
