from pathlib import Path

import pytest

from nashr.metadata import Metadata, direction_of, validate
from nashr.yamlnodes import compose

PATH = Path("manuscript.yaml")


def check(text: str) -> tuple[Metadata | None, list[str]]:
    tree, syntax = compose(text, PATH)
    metadata, problems = validate(tree, PATH)
    return metadata, [str(d) for d in syntax + problems.diagnostics]


MINIMAL = "title: عنوان\nlang: ar\ncontents:\n  - a.md\n"


def test_minimal_manuscript_is_valid_and_rtl():
    metadata, problems = check(MINIMAL)
    assert problems == []
    assert metadata.title == "عنوان" and metadata.contents == ["a.md"]
    assert metadata.direction == "rtl"


@pytest.mark.parametrize("lang, expected", [("ar", "rtl"), ("ar-MA", "rtl"), ("fa", "rtl"), ("he", "rtl"),
                                            ("ur", "rtl"), ("en", "ltr"), ("fr", "ltr"), ("az-Arab", "rtl")])
def test_direction_follows_language(lang, expected):
    assert direction_of(lang) == expected


def test_missing_required_keys_are_named():
    _, problems = check("slug: x\n")
    joined = "\n".join(problems)
    for key in ("title", "lang", "contents"):
        assert f"{key}: required key is missing" in joined


def test_unknown_key_suggests_the_nearest_with_its_line():
    _, problems = check(MINIMAL + "autors:\n  - name: A\n")
    assert problems == ["manuscript.yaml:5: error: autors: unknown key 'autors'; did you mean 'authors'?"]


@pytest.mark.parametrize("snippet, line, fragment", [
    ("authors:\n  - name: A\n    orcid: 0000-0002-1825-0098\n", 7, "authors[0].orcid: ORCID iD 0000-0002-1825-0098 has a wrong check digit"),
    ("authors:\n  - name: A\n    orcid: https://orcid.org/0000-0002-1825-0097\n", 7, "authors[0].orcid: an ORCID iD is written"),
    ("doi: https://doi.org/10.1000/xyz\n", 5, "doi: a DOI starts with 10."),
    ("journal:\n  issn: 2658-0828\n", 6, "journal.issn: ISSN 2658-0828 has a wrong check digit"),
    ("dates:\n  received: 2024-13-01\n", 6, "dates.received: a date is written YYYY-MM-DD"),
    ("journal:\n  first_page: many\n", 6, "journal.first_page: expected a whole number"),
    ("authors: Ahmad\n", 5, "authors: expected a list"),
    ("dir: sideways\n", 5, "dir: must be one of: rtl, ltr"),
    ("keywords:\n  arabic: [a]\n", 6, "keywords.arabic: keys here are language tags"),
])
def test_bad_values_are_reported_at_their_line(snippet, line, fragment):
    _, problems = check(MINIMAL + snippet)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"manuscript.yaml:{line}: error: ")
    assert fragment in problems[0]


def test_valid_identifiers_pass():
    metadata, problems = check(MINIMAL + "authors:\n  - name: A\n    orcid: 0000-0002-1825-0097\n"
                               "journal:\n  issn: 2658-0829\n  first_page: 17\ndoi: 10.34752/2022-e279\n"
                               "dates:\n  accepted: 2024-02-29\n")
    assert problems == []
    assert metadata.journal.first_page == 17 and metadata.authors[0].orcid == "0000-0002-1825-0097"


def test_all_problems_are_reported_together_even_after_a_syntax_error():
    text = MINIMAL + 'subtitle: "unclosed\nslugg: x\n'
    _, problems = check(text)
    assert any(p.startswith("manuscript.yaml:5") and "YAML syntax error" in p for p in problems)
    assert any("unknown key 'slugg'" in p for p in problems), problems
