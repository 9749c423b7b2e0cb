"""End to end: build EPUBs and read the real books (package document, pages, EPUBCheck)."""
from __future__ import annotations

import base64
import re
import unicodedata

import pytest

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build
from nashr.project import load_project

from .conftest import MANUSCRIPT
from .epub_inspect import EPUB_TYPE, NS, open_book, epubcheck

NOTES = 31
# A 1×1 PNG, for manuscripts with an image.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture(scope="session")
def epub(built):
    return built["epub"]


@pytest.fixture(scope="session")
def book(epub):
    return open_book(epub)


def build_epub(root, out):
    (output,) = build(root, out, ["epub"])
    return output.path


def noterefs(page):
    return page.xpath(".//h:a[@epub:type='noteref']", namespaces=NS)


def asides(page):
    return page.xpath(".//h:aside[@epub:type='footnote']", namespaces=NS)


def test_epubcheck_finds_nothing(epub):
    messages = epubcheck(epub)
    assert [m for m in messages if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_package_document(book):
    assert book.dc("language") == ["ar"]
    assert book.dc("title") == [load_project(MANUSCRIPT).metadata.title]
    assert book.dc("creator") == ["باحث في سلك دكتوراه، المغرب"]
    assert book.package.get("version") == "3.0"
    assert book.package.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    (identifier,) = book.dc("identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", identifier)
    modified = book.package.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)


def test_two_builds_are_identical_and_keep_their_identifier(epub, tmp_path):
    (first,) = build(MANUSCRIPT, tmp_path / "one", ["epub"], reproducible=True)
    (again,) = build(MANUSCRIPT, tmp_path / "two", ["epub"], reproducible=True)
    again = again.path
    assert open_book(again).dc("identifier") == open_book(epub).dc("identifier")
    assert again.read_bytes() == first.path.read_bytes()
    names = open_book(again).archive.namelist()
    assert names[0] == "mimetype"
    assert open_book(again).archive.getinfo("mimetype").compress_type == 0


def test_every_page_is_right_to_left_arabic(book):
    pages = book.pages() + [("nav", book.nav())]
    assert len(pages) >= 6  # title page, four sections, navigation
    for href, page in pages:
        assert page.get("dir") == "rtl", href
        assert page.get("lang") == "ar" and page.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar", href


def test_notes_run_1_to_n_and_each_call_pops_up_its_aside(book):
    numbers = []
    for href, page in book.pages():
        notes = {aside.get("id"): aside for aside in asides(page)}
        assert len(notes) == len(noterefs(page)), href
        for call in noterefs(page):
            numbers.append(int(call.xpath("string()")))
            assert call.get("role") == "doc-noteref"
            target = notes[call.get("href").removeprefix("#")]  # the aside is in the same page
            assert target.get("role") == "doc-footnote"
            backlink = target.find(".//h:a[@role='doc-backlink']", NS)
            assert backlink.get("href") == "#" + call.get("id")
            assert backlink.text == f"{numbers[-1]}."
    assert numbers == list(range(1, NOTES + 1))


def test_notes_in_latin_script_read_left_to_right(book):
    directions = {}
    for _, page in book.pages():
        for aside in asides(page):
            number = int(aside.find(".//h:a[@role='doc-backlink']", NS).text.rstrip("."))
            text = aside.xpath("string()").split(".", 1)[1]
            first = next(unicodedata.bidirectional(ch) for ch in text if unicodedata.bidirectional(ch) in ("L", "R", "AL"))
            directions[number] = aside.get("dir")
            assert (aside.get("dir") == "ltr") == (first == "L"), f"note {number}: {text[:60]}"
    assert directions[1] == directions[2] == "ltr"
    assert directions[3] is None and directions[7] is None and directions[23] is None


def test_latin_runs_are_isolated(book):
    spans = [span.xpath("string()") for _, page in book.pages()
             for span in page.iterfind(".//h:section//h:span[@dir='ltr']", NS)]
    assert "DECT" in spans and "CNDH" in spans


def test_navigation_lists_the_headings(book):
    project = load_project(MANUSCRIPT)
    headings = [line.lstrip("#").strip() for source in project.sources
                for line in source.text.splitlines() if line.startswith("#")]
    toc = book.nav().find(".//h:nav[@epub:type='toc']", NS)
    links = toc.findall(".//h:a", NS)
    assert [link.text for link in links[1:]] == headings
    for link in links:
        href, _, fragment = link.get("href").partition("#")
        page = book.page(href)
        assert not fragment or page.xpath(f".//*[@id='{fragment}']"), link.get("href")


def test_landmarks_point_to_the_title_page_and_the_body(book):
    landmarks = book.nav().find(".//h:nav[@epub:type='landmarks']", NS)
    links = {link.get(EPUB_TYPE): link for link in landmarks.iterfind(".//h:a", NS)}
    assert links["titlepage"].get("href") == "title.xhtml"
    assert links["bodymatter"].get("href") == book.spine()[1] and links["bodymatter"].text == "مقدمة"


def test_accessibility_metadata(book):
    def values(name: str) -> list[str]:
        return [m.text for m in book.package.iterfind(f"opf:metadata/opf:meta[@property='schema:{name}']", NS)]

    assert values("accessMode") == ["textual"]  # the bundled article has no images
    assert values("accessModeSufficient") == ["textual"] and values("accessibilityHazard") == ["none"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(values("accessibilityFeature"))
    assert values("accessibilitySummary")


def test_title_page_and_embedded_amiri(book):
    title_page = book.page(book.spine()[0])
    text = title_page.xpath("string(.//h:body)", namespaces=NS)
    project = load_project(MANUSCRIPT)
    assert project.metadata.title in text and "الكلمات المفتاحية" in text and "التعاون الأمني" in text
    css = book.read("styles/epub.css").decode()
    fonts = re.findall(r'src: url\("\.\./(fonts/[^"]+)"\)', css)
    manifest = book.manifest()
    assert len(fonts) == 4 and all(manifest[f].get("media-type") == "font/ttf" for f in fonts)
    assert all(book.read(f)[:4] == b"\x00\x01\x00\x00" for f in fonts)  # TrueType files
    assert not re.search(r"\b(direction|unicode-bidi)\s*:", css)  # properties EPUB forbids


LTR = {
    "manuscript.yaml": """
        title: Security cooperation in the Maghreb
        lang: en
        doi: 10.34752/2022-e279
        license: CC-BY-4.0
        dates:
          published: 2024-03-15
        authors:
          - name: Ada Lovelace
          - name: Alan Turing
        contents:
          - one.md
          - two.md
    """,
    "one.md": """
        # Introduction

        Text with a note.[^a] And a picture: ![a dot](images/dot.png)

        See [the conclusion](#conclusion).

        [^a]: A note in English.
    """,
    "two.md": """
        # Conclusion

        More text.[^b]

        [^b]: هامش مكتوب بالعربية.
    """,
}


def test_left_to_right_manuscript(make_manuscript, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_manuscript(LTR)
    (root / "images" / "dot.png").parent.mkdir()
    (root / "images" / "dot.png").write_bytes(PNG)
    path = build_epub(root, tmp_path / "out")
    book = open_book(path)
    assert [m for m in epubcheck(path) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []
    assert book.package.find("opf:spine", NS).get("page-progression-direction") == "ltr"
    assert book.dc("identifier") == ["urn:doi:10.34752/2022-e279"]
    assert book.dc("creator") == ["Ada Lovelace", "Alan Turing"]
    assert book.dc("date") == ["2024-03-15"] and book.dc("rights") == ["CC-BY-4.0"]
    assert book.package.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text == "2024-03-15T00:00:00Z"
    pages = book.pages()
    assert all(page.get("dir") == "ltr" and page.get("lang") == "en" for _, page in pages)
    calls = [(href, int(call.xpath("string()"))) for href, page in pages for call in noterefs(page)]
    assert [number for _, number in calls] == [1, 2] and calls[0][0] != calls[1][0]  # two pages, one count
    arabic = [aside for _, page in pages for aside in asides(page) if aside.get("id").endswith("-2")]
    assert arabic[0].get("dir") == "rtl"
    image = pages[1][1].find(".//h:img", NS)
    assert book.manifest()[image.get("src")].get("media-type") == "image/png"
    assert book.read(image.get("src")) == PNG
    modes = [m.text for m in book.package.iterfind("opf:metadata/opf:meta[@property='schema:accessMode']", NS)]
    assert modes == ["textual", "visual"]
    link = next(a for a in pages[1][1].iterfind(".//h:a", NS) if a.text == "the conclusion")
    assert link.get("href") == f"{pages[2][0]}#conclusion"  # points into the next page


def test_english_abstract_reads_left_to_right(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": """
            title: مقال
            lang: ar
            abstract:
              ar: ملخص المقال.^[هامش في الملخص.]
              en: The article in brief.
            keywords:
              en: [security, Maghreb]
            contents: [one.md]
        """,
        "one.md": "# مقدمة\n\nنص.^[هامش في المتن.]\n",
    })
    book = open_book(build_epub(root, tmp_path / "out"))
    title_page = book.page(book.spine()[0])
    assert title_page.get("dir") == "rtl"
    english = title_page.find(".//h:section[@lang='en']", NS)
    assert english.get("dir") == "ltr"
    assert "Abstract" in english.xpath("string()") and "security, Maghreb" in english.xpath("string()")
    arabic = title_page.find(".//h:section[@lang='ar']", NS)
    assert arabic.get("dir") == "rtl" and "ملخص المقال" in arabic.xpath("string()")
    # a note in the abstract is note 1, on the title page; the body's first note is 2
    calls = [(href, call.xpath("string()"), page.find(f".//h:aside[@id='{call.get('href')[1:]}']", NS))
             for href, page in book.pages() for call in noterefs(page)]
    assert [(number, aside.xpath("string()").strip()) for _, number, aside in calls] == [
        ("1", "1. هامش في الملخص."), ("2", "2. هامش في المتن.")]
    assert calls[0][0] == book.spine()[0] != calls[1][0]


@pytest.mark.parametrize("reference, problem", [
    ("../outside.png", "outside the manuscript folder"),
    ("https://example.org/a.png", "from the network"),
    ("missing.png", "not found"),
    ("picture.bmp", "is not a PNG, JPEG, GIF, WebP, SVG, TIFF, BMP or AVIF image"),
])
def test_images_come_only_from_inside_the_manuscript(make_manuscript, tmp_path, reference, problem):
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [one.md]\n",
                            "one.md": f"# One\n\nText.\n\n![an image]({reference})\n"})
    (tmp_path / "outside.png").write_bytes(PNG)
    (root / "picture.bmp").write_bytes(b"BM")
    with pytest.raises(ManuscriptError) as error:
        build_epub(root, tmp_path / "out")
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.location.path == root / "one.md" and diagnostic.location.line == 5
    assert reference in diagnostic.message and problem in diagnostic.message
    assert not (tmp_path / "out" / "ms.epub").exists()


def test_consecutive_note_calls_are_set_apart(make_manuscript, tmp_path):
    """Two calls in a row read "³,⁴", not "³⁴" (note 34)."""
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md]\n",
                            "a.md": "Two notes[^b][^c] in a row.\n\n[^b]: Second.\n[^c]: Third.\n"})
    book = open_book(build_epub(root, tmp_path / "out"))
    paragraph = next(p for _, page in book.pages() for p in page.iterfind(".//h:p", NS) if "in a row" in p.xpath("string()"))
    assert "notes1,2 in a row" in paragraph.xpath("string()")
