"""Citations on hand-written ASTs and manifests: the schema keys, the choice of each source's words by
its script, and cutting citeproc's output back into the parts."""
from pathlib import Path

from nashr.citation_locales import by_script
from nashr.citations import _needs_heading, _split
from nashr.metadata import validate
from nashr.yamlnodes import compose

from .ast_builders import para, words

PATH = Path("manuscript.yaml")
MINIMAL = "title: عنوان\nlang: ar\ncontents: [a.md]\n"


def check(text: str):
    tree, _ = compose(text, PATH)
    metadata, problems = validate(tree, PATH)
    return metadata, [str(d) for d in problems.diagnostics]


def test_bibliography_is_one_path_or_a_list():
    one, problems = check(MINIMAL + "bibliography: refs.bib\ncsl: style.csl\n")
    assert problems == [] and one.bibliographies == ["refs.bib"] and one.csl == "style.csl"
    several, problems = check(MINIMAL + "bibliography:\n  - a.bib\n  - b.json\n")
    assert problems == [] and several.bibliographies == ["a.bib", "b.json"]
    assert check(MINIMAL)[0].bibliographies == []


def test_bad_citation_keys_are_errors_at_their_line():
    _, problems = check(MINIMAL + "bibliography:\n  file: a.bib\ncitation_lang: not a tag\n")
    assert problems == [
        "manuscript.yaml:5: error: bibliography: expected a single value (text), not a list or mapping",
        "manuscript.yaml:6: error: citation_lang: a language is a BCP 47 tag such as ar, ar-MA, fa, he or en",
    ]


def cite(key: str, text: str) -> dict:
    citation = {"citationId": key, "citationPrefix": [], "citationSuffix": [], "citationMode": {"t": "NormalCitation"},
                "citationNoteNum": 1, "citationHash": 0}
    return {"t": "Cite", "c": [[citation], words(text)]}


def entry(key: str, text: str) -> dict:
    return {"t": "Div", "c": [[f"ref-{key}", ["csl-entry"], []], [para(words(text))]]}


def refs(*entries: dict) -> dict:
    return {"t": "Div", "c": [["refs", ["references", "csl-bib-body"], []], list(entries)]}


def test_each_source_takes_the_words_of_its_own_script():
    arabic_run = [para(words("نص"), cite("smith", "(Smith و Doe 2020)"), cite("jabri", "(الجابري و العروي 2009)")),
                  refs(entry("jabri", "الجابري، محمد، و عبد الله العروي."), entry("smith", "Smith, John, و Jane Doe."))]
    latin_run = [para(words("نص"), cite("smith", "(Smith and Doe 2020)"), cite("jabri", "(الجابري and العروي 2009)")),
                 refs(entry("jabri", "الجابري، محمد، and عبد الله العروي."), entry("smith", "Smith, John, and Jane Doe."))]
    merged = by_script(arabic_run, latin_run)
    assert merged[0]["c"][1:] == latin_run[0]["c"][1:2] + arabic_run[0]["c"][2:]
    assert merged[1]["c"][1] == [arabic_run[1]["c"][1][0], latin_run[1]["c"][1][1]]


def test_runs_that_disagree_keep_the_article_language():
    article = [para(cite("a", "(Smith و Doe)"))]
    assert by_script(article, [para(words("nothing"))]) == article


def test_parts_get_their_blocks_back_and_the_last_one_the_reference_list():
    blocks = [para(words(str(n))) for n in range(6)]
    assert _split(blocks, [1, 2, 1]) == [blocks[:1], blocks[1:3], blocks[3:]]


def test_nashr_adds_a_heading_only_where_the_author_did_not():
    heading = {"t": "Header", "c": [1, ["references", ["unnumbered"], []], words("References")]}
    assert _needs_heading([para(words("text"))])
    assert not _needs_heading([para(words("text")), heading])  # Pandoc's convention: the article ends with it
    assert not _needs_heading([refs(), para(words("text"))])  # placed by the author with ::: {#refs}
