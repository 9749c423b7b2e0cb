"""JATS and MECA end to end: the bundled, example, Persian, Urdu and Hebrew articles build to JATS that
is valid against the NISO DTD it names and has no JATS4R error, whose notes carry the numbers the PDF
prints, and to a MECA package that lists every file; the front matter, body, references and languages
land where archives look for them."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build

from .conftest import REPO
from .engine_helpers import png_bytes
from .jats_inspect import dtd_errors, needs_shared_jats, schematron_errors
from .pdf_inspect import note_calls, pages

ARTICLES = ("bundled", "example", "fa", "ur", "he", "he-ar")  # conftest.TEST_ARTICLES
XLINK = "{http://www.w3.org/1999/xlink}href"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MML = "{http://www.w3.org/1998/Math/MathML}math"
MANIFEST = "{https://manuscriptexchange.org/schema/manifest}"


@pytest.fixture(scope="module")
def article(request, every_format_of) -> dict[str, Path]:
    """{format: path} of every output of the article named by the test's parameter."""
    return every_format_of(request.param)


every_article = pytest.mark.parametrize("article", ARTICLES, indirect=True)


def jats(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


@needs_shared_jats
@every_article
def test_jats_is_valid_against_the_dtd_it_names_and_has_no_jats4r_error(article):
    xml = article["jats"].read_bytes()
    assert re.search(rb'<!DOCTYPE article PUBLIC "-//NLM//DTD JATS \(Z39\.96\) Journal (Publishing|Archiving)', xml)
    assert dtd_errors(xml) == []
    assert schematron_errors(xml) == []


@every_article
def test_note_labels_are_the_numbers_the_pdf_prints(article):
    root = jats(article["jats"])
    notes = {fn.get("id"): fn.findtext("label") for fn in root.iter("fn")}
    calls = [xref for xref in root.iter("xref") if xref.get("ref-type") == "fn"]
    assert calls and len(calls) == len(notes)
    assert all(xref.text == notes[xref.get("rid")] for xref in calls)
    in_pdf = [number for page in pages(article["pdf"]) for number in note_calls(page)]
    assert [int(label) for label in notes.values()] == in_pdf  # int() reads ٣ and ۳ as 3


@every_article
def test_meca_lists_every_file_with_its_media_type(article):
    with zipfile.ZipFile(article["meca"]) as archive:
        names = archive.namelist()
        manifest = etree.fromstring(archive.read("manifest.xml"))
        assert manifest.get("manifest-version") == "2.0"
        items = {item.find(f"{MANIFEST}instance").get(XLINK): item for item in manifest.iter(f"{MANIFEST}item")}
        assert set(items) == set(names) - {"manifest.xml"}
        kinds = {href: (item.get("item-type"), item.find(f"{MANIFEST}instance").get("media-type"))
                 for href, item in items.items()}
        slug = article["jats"].stem
        assert kinds[f"{slug}.xml"] == ("article-metadata", "application/xml")
        assert kinds[f"{slug}.pdf"] == ("manuscript", "application/pdf")
        assert kinds[f"{slug}.epub"] == ("manuscript", "application/epub+zip")
        assert kinds[f"{slug}.docx"][1].endswith("wordprocessingml.document")
        assert archive.read(f"{slug}.xml") == article["jats"].read_bytes()
        assert archive.read(f"{slug}.pdf") == article["pdf"].read_bytes()
        graphics = {graphic.get(XLINK) for graphic in jats(article["jats"]).iter("graphic", "inline-graphic")}
        assert graphics <= set(names)
        assert all(kinds[name] == ("figure", "image/png") for name in graphics)


@pytest.mark.parametrize("article", ["example"], indirect=True)
def test_front_matter_of_the_example(article):
    meta = jats(article["jats"]).find("front/article-meta")
    journal = jats(article["jats"]).find("front/journal-meta")
    assert journal.findtext("journal-title-group/journal-title") == "مجلة الدراسات النموذجية"
    assert journal.findtext("issn") == "1234-5679"
    assert meta.findtext("article-id[@pub-id-type='doi']") == "10.5555/nashr.example.2024.2.45"
    contrib = meta.find("contrib-group/contrib")
    assert contrib.findtext("contrib-id[@contrib-id-type='orcid']") == "https://orcid.org/0000-0002-1825-0097"
    assert meta.find(f"contrib-group/aff[@id='{contrib.find('xref').get('rid')}']/institution").text == "جامعة نموذجية"
    assert meta.find("pub-date").get("iso-8601-date") == "2024-06-30"
    assert (meta.findtext("volume"), meta.findtext("issue"), meta.findtext("fpage")) == ("7", "2", "45")
    assert int(meta.findtext("lpage")) == 45 + len(pypdf.PdfReader(article["pdf"]).pages) - 1
    assert [d.get("date-type") for d in meta.iterfind("history/date")] == ["received", "accepted"]
    assert meta.find("permissions/license/{*}license_ref").text == "https://creativecommons.org/licenses/by/4.0/"
    assert meta.find("abstract").get(LANG) is None and meta.find("trans-abstract").get(LANG) == "en"
    assert [group.get(LANG) for group in meta.iterfind("kwd-group")] == [None, "en"]
    assert meta.findtext("kwd-group[@{http://www.w3.org/XML/1998/namespace}lang='en']/kwd") == "Arabic script"


@pytest.mark.parametrize("article", ["example"], indirect=True)
def test_body_sections_figures_tables_and_languages_of_the_example(article):
    root = jats(article["jats"])
    assert root.get(LANG) == "ar"
    assert [sec.findtext("title") for sec in root.iterfind("body/sec")] == [
        "مقدمة", "المبحث الأول: من المطبعة إلى التنضيد", "المبحث الثاني: من الصفحة إلى الشاشة", "خاتمة"]
    assert all(sec.find("title") is not None for sec in root.iter("sec"))
    fig = root.find(".//fig")
    assert fig.findtext("label") == "شكل\u00a0١" and not fig.findtext("caption/p").startswith("شكل")
    assert fig.find("graphic").get(XLINK) == "images/image-1.png" and fig.findtext("graphic/alt-text")
    table = root.find(".//table-wrap")
    assert table.findtext("label") == "جدول\u00a0١" and len(table.findall("table/thead/tr/th")) == 4
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    references = [x for x in root.iter("xref") if x.get("ref-type") in ("fig", "table")]
    assert references and all(x.get("rid") in ids for x in references)
    english = [e for e in root.iter("styled-content") if e.get(LANG) == "en"]
    assert "ISSN" in {"".join(e.itertext()) for e in english}
    archive_note = next(fn for fn in root.iter("fn") if "ISO 19005" in "".join(fn.itertext()))
    assert archive_note.find("p").get(LANG) == "en"


@pytest.mark.parametrize("article", ["he-ar"], indirect=True)
def test_arabic_in_a_hebrew_article_says_its_script(article):
    root = jats(article["jats"])
    runs = {"".join(e.itertext()): e.get(LANG) for e in root.iter("styled-content")}
    assert runs["نجيب محفوظ"] == "und-Arab"  # Arabic script; the manuscript declares no Arabic language
    quote = root.find(".//disp-quote/p")
    assert quote.get(LANG) == "und-Arab" and quote.text.startswith("كانت")


REFERENCES = """\
[
 {"id": "smith2020", "type": "article-journal", "author": [{"family": "Smith", "given": "Jane"}],
  "title": "A study of things", "container-title": "Journal of Tests", "volume": "12", "issue": "3",
  "page": "101-119", "DOI": "10.1234/abc.5", "issued": {"date-parts": [[2020]]}},
 {"id": "khaldun", "type": "book", "author": [{"literal": "ابن خلدون"}], "title": "المقدمة",
  "publisher": "دار المثال", "issued": {"date-parts": [[1999]]}}
]
"""
STRESS = """\
# Section one

Cited [@smith2020, p. 3] and [@khaldun; @smith2020]; see @fig:sq and @tbl:t.[^n]

![A square](square.png){#fig:sq}

| a | b |
|---|---|
| 1 | 2 |

: Numbers {#tbl:t}

iv. fourth
v.  fifth

Inline $x^2$ and display:

$$\\frac{a}{b}$$

::: {lang=fr}
## Une section

Du texte.
:::

> quoted
>
> - item

[^n]: A note with a list:

    - first
    - second
"""


@pytest.fixture(scope="module")
def stress(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stress") / "ms"
    root.mkdir()
    (root / "a.md").write_text(STRESS, encoding="utf-8")
    (root / "refs.json").write_text(REFERENCES, encoding="utf-8")
    (root / "square.png").write_bytes(png_bytes())
    (root / "manuscript.yaml").write_text(
        "title: A stress article\nlang: en\nslug: stress\nbibliography: refs.json\n"
        "translated_titles: {ar: مقال}\nauthors: [{name: A, affiliation: U1}, {name: B, affiliation: U2}]\n"
        "journal: {name: Test Journal, issn: 1234-5679, publisher: Pub, first_page: 7,\n"
        "          destination: {journal: Other Journal, provider: Editorial Manager}}\n"
        "contents: [a.md]\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def stress_outputs(stress, tmp_path_factory) -> dict[str, Path]:
    return {o.format: o.path for o in build(stress, tmp_path_factory.mktemp("out"), ["pdf", "jats", "meca"])}


def test_references_are_element_and_mixed_citations_and_citations_link_to_them(stress_outputs):
    root = jats(stress_outputs["jats"])
    refs = {ref.get("id"): ref for ref in root.iterfind("back/ref-list/ref")}
    smith = refs["ref-smith2020"].find("element-citation")
    assert smith.get("publication-type") == "journal"
    assert [smith.findtext(tag) for tag in ("person-group/name/surname", "article-title", "source", "year",
                                            "volume", "issue", "fpage", "lpage")] == [
        "Smith", "A study of things", "Journal of Tests", "2020", "12", "3", "101", "119"]
    assert smith.findtext("pub-id[@pub-id-type='doi']") == "10.1234/abc.5"
    assert "Journal of Tests" in "".join(refs["ref-smith2020"].find("mixed-citation").itertext())
    assert refs["ref-khaldun"].findtext("element-citation/person-group/string-name") == "ابن خلدون"
    assert refs["ref-khaldun"].get(LANG) == "ar"  # an Arabic entry in an English article
    cites = [x for x in root.iter("xref") if x.get("ref-type") == "bibr"]
    # each work of a group its own xref, round its own words
    assert [x.get("rid") for x in cites] == ["ref-smith2020", "ref-khaldun", "ref-smith2020"]
    assert "Smith" in "".join(cites[0].itertext()) and "Smith" in "".join(cites[2].itertext())
    assert "خلدون" in "".join(cites[1].itertext()) and "Smith" not in "".join(cites[1].itertext())


def test_math_lists_languages_and_titles_of_the_stress_article(stress_outputs):
    root = jats(stress_outputs["jats"])
    assert root.find(f".//inline-formula/{MML}") is not None and root.find(f".//disp-formula/{MML}") is not None
    assert b"<mml:math" in stress_outputs["jats"].read_bytes()
    assert [label.text for label in root.iterfind(".//list-item/label")] == ["iv", "v"]
    french = next(sec for sec in root.iter("sec") if "Une section" in "".join(sec.find("title").itertext()))
    assert french.find("p").get(LANG) == "fr"
    assert root.find(".//trans-title-group").get(LANG) == "ar"
    assert root.find(".//fn/p/list") is not None  # a note holds only paragraphs: its list goes in one
    meta = root.find("front/article-meta")
    assert (meta.findtext("fpage"), meta.findtext("lpage")) == ("7", str(6 + len(pypdf.PdfReader(stress_outputs["pdf"]).pages)))


@needs_shared_jats
def test_the_stress_article_is_valid_in_jats_1_4_and_1_3(stress, stress_outputs, tmp_path):
    assert dtd_errors(stress_outputs["jats"].read_bytes()) == []
    assert schematron_errors(stress_outputs["jats"].read_bytes()) == []
    manifest = stress / "manuscript.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "jats: {version: 1.3}\n", encoding="utf-8")
    try:
        older = build(stress, tmp_path, ["jats"])[0].path.read_bytes()
    finally:
        manifest.write_text(manifest.read_text(encoding="utf-8").replace("jats: {version: 1.3}\n", ""), encoding="utf-8")
    assert b"Journal Publishing DTD with MathML3 v1.3 20210610" in older and b'dtd-version="1.3"' in older
    assert dtd_errors(older) == []


def test_meca_says_where_it_goes_when_the_journal_names_a_destination(stress_outputs):
    with zipfile.ZipFile(stress_outputs["meca"]) as archive:
        transfer = etree.fromstring(archive.read("transfer.xml"))
        manifest = archive.read("manifest.xml").decode()
    ns = "{https://manuscriptexchange.org/schema/transfer}"
    assert transfer.findtext(f"{ns}transfer-source/{ns}publication/{ns}publication-title") == "Test Journal"
    assert transfer.findtext(f"{ns}destination/{ns}publication/{ns}publication-title") == "Other Journal"
    assert transfer.findtext(f"{ns}destination/{ns}service-provider/{ns}provider-name") == "Editorial Manager"
    assert 'item-type="transfer-metadata"' in manifest and 'xlink:href="transfer.xml"' in manifest


def test_a_destination_without_the_sending_journal_is_an_error_at_its_line(make_manuscript, tmp_path):
    root = make_manuscript({"manuscript.yaml": "title: T\nlang: en\nslug: t\njournal:\n  destination:\n"
                                               "    journal: Other\ncontents: [a.md]\n", "a.md": "Text.\n"})
    with pytest.raises(ManuscriptError) as caught:
        build(root, tmp_path / "out", ["meca"])
    (problem,) = caught.value.diagnostics
    assert problem.location.line == 5 and "journal.name" in problem.message


@needs_shared_jats
def test_the_jats4r_checker_finds_errors_where_there_are_some():
    """The Schematron compiled by the tests reports what JATS4R forbids, so its silence means something."""
    bad = (b'<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with '
           b'MathML3 v1.4 20241031//EN" "https://jats.nlm.nih.gov/archiving/1.4/JATS-archivearticle1-4-mathml3.dtd">'
           b'<article xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.4" xml:lang="ar"><front>'
           b'<article-meta><title-group><article-title>t</article-title></title-group><contrib-group>'
           b'<contrib><string-name>A</string-name></contrib><contrib><string-name>B</string-name></contrib>'
           b'<aff id="a1">U1</aff><aff id="a2">U2</aff></contrib-group></article-meta></front>'
           b'<body><sec><p>x</p></sec><fig id="f" xml:lang="zz"><graphic xlink:href="a.png"/></fig></body></article>')
    found = {(finding.pattern, finding.message.split(".")[0]) for finding in schematron_errors(bad)}
    assert {pattern for pattern, _ in found} == {"accessibility-errors", "permissions-errors", "xml-lang-errors",
                                                 "auths-aff-errors"}
    assert len(found) == 5
    linked = bad.replace(b"<string-name>A</string-name>", b'<string-name>A</string-name><xref ref-type="aff" rid="a1"/>')
    linked = linked.replace(b"<string-name>B</string-name>", b'<string-name>B</string-name><xref ref-type="aff" rid="a2"/>')
    assert "auths-aff-errors" not in {finding.pattern for finding in schematron_errors(linked)}


@needs_shared_jats
def test_citations_a_note_style_makes_into_notes_still_link_to_the_reference_list(make_manuscript, tmp_path):
    data = REPO / "tests" / "data" / "citations"
    root = make_manuscript({"manuscript.yaml": "title: مقال\nlang: ar\nslug: n\nbibliography: [refs.bib, more.json]\n"
                                               "csl: notes.csl\ncontents: [a.md]\n",
                            "a.md": "نص [@brauch2011, 45] ونص آخر [@buzan1998; @jabri2009].[^a]\n\n[^a]: هامش.\n"})
    for name in ("refs.bib", "more.json", "notes.csl"):
        (root / name).write_bytes((data / name).read_bytes())
    xml = build(root, tmp_path / "out", ["jats"])[0].path.read_bytes()
    notes = etree.fromstring(xml).findall("back/fn-group/fn")
    assert [fn.findtext("label") for fn in notes] == ["1", "2", "3"]
    cited = [[x.get("rid") for x in fn.iter("xref")] for fn in notes]
    assert cited == [["ref-brauch2011"], ["ref-buzan1998 ref-jabri2009"], []]
    assert dtd_errors(xml) == [] and schematron_errors(xml) == []
