"""The EPUB writer's pieces on hand-written ASTs and pages: notes, sections, links, navigation."""
from __future__ import annotations

from nashr.ast import div, span, walk
from nashr.writers.epub.writer import split_sections
from nashr.writers.epub.notes import Note, aside, called_in, calls_to_noterefs
from nashr.writers.epub.xhtml import headings, link_pages, make_asides, nest, parse

from .ast_builders import note, para, words


def numbered(number: int, *blocks) -> dict:
    return span([note(*blocks)], classes=["nashr-note"], pairs={"number": str(number)})


def header(level: int, text: str) -> dict:
    return {"t": "Header", "c": [level, ["", [], []], words(text)]}


def test_calls_become_noterefs_and_notes_are_collected():
    notes: list[Note] = []
    blocks = calls_to_noterefs([para(words("نص"), numbered(7, para(words("هامش"))))], notes)
    assert called_in(blocks) == [7]
    assert notes == [Note(7, [para(words("هامش"))], "7")]
    assert not [n for n in walk(blocks) if n["t"] == "Note"]


def test_aside_takes_the_direction_of_a_latin_note_and_starts_with_its_backlink():
    result = aside(Note(2, [div([para(words("Brauch, H.G."))], pairs={"dir": "ltr"})], "2"))
    identifier, classes, pairs = result["c"][0]
    assert identifier == "nashr-note-2" and ["dir", "ltr"] in pairs and ["epub:type", "footnote"] in pairs
    first = result["c"][1][0]["c"]
    assert first[0]["t"] == "Link" and first[0]["c"][2][0] == "#nashr-noteref-2" and first[0]["c"][1][0]["c"] == "2."


def test_aside_of_a_note_starting_with_a_list_gets_its_number_in_a_line_of_its_own():
    listing = {"t": "BulletList", "c": [[{"t": "Plain", "c": words("item")}]]}
    blocks = aside(Note(1, [listing], "1"))["c"][1]
    assert blocks[0]["t"] == "Plain" and blocks[1] == listing


def test_sections_start_at_the_highest_top_level_heading():
    blocks = [para(words("before")), header(2, "A"), para(words("a")), header(3, "A.1"), header(2, "B")]
    assert [len(section) for section in split_sections(blocks)] == [1, 3, 1]
    assert split_sections([]) == []


XHTML_PAGE = ('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>{}'
              '</body></html>')


def test_pages_are_linked_and_ids_made_unique_across_the_book():
    pages = {
        "a.xhtml": parse(XHTML_PAGE.format('<h1 id="x">One<sup><a epub:type="noteref" href="#n">1</a></sup></h1>'
                                           '<p><a href="#y">to y</a> <a href="#x">to x</a></p>'
                                           '<div class="nashr-aside" id="n"><h2>not a heading</h2></div>')),
        "b.xhtml": parse(XHTML_PAGE.format('<h2 id="y" dir="ltr">Two</h2><div dir="rtl"><h1 id="x">Again</h1></div>'
                                           '<h3>Three</h3>')),
    }
    for page in pages.values():
        make_asides(page)
    link_pages(pages)
    links = [a.get("href") for a in pages["a.xhtml"].iter("{http://www.w3.org/1999/xhtml}a")]
    assert links == ["#n", "b.xhtml#y", "#x"]
    assert pages["a.xhtml"].find(".//{http://www.w3.org/1999/xhtml}aside").get("id") == "n"
    entries = headings("a.xhtml", pages["a.xhtml"]) + headings("b.xhtml", pages["b.xhtml"])
    assert entries == [(1, "a.xhtml#x", "One", ""), (2, "b.xhtml#y", "Two", "ltr"), (1, "b.xhtml#x-2", "Again", "rtl"),
                       (3, "b.xhtml#nashr-heading-3", "Three", "")]  # each heading's direction as set on its page
    tree = nest(entries)
    assert [entry.text for entry in tree] == ["One", "Again"]
    assert [entry.text for entry in tree[0].children] == ["Two"]
    assert [entry.text for entry in tree[1].children] == ["Three"]


def test_control_characters_pasted_into_the_text_do_not_break_the_page():
    page = parse(XHTML_PAGE.format("<p>a\x0cb\x0bc</p>"))
    assert page.find(".//{http://www.w3.org/1999/xhtml}p").text == "abc"


def test_links_that_cannot_leave_from_inside_the_book_lose_their_href_but_keep_their_text():
    page = parse(XHTML_PAGE.format('<p id="p"><a href="/url/">site</a> <a href="other.md">file</a> '
                                   '<a href="#nowhere">gone</a> <a href="#p">here</a> '
                                   '<a href="https://example.org/">web</a> <a href="mailto:a@b.org">mail</a></p>'))
    link_pages({"a.xhtml": page})
    links = [(a.text, a.get("href")) for a in page.iter("{http://www.w3.org/1999/xhtml}a")]
    assert links == [("site", None), ("file", None), ("gone", None), ("here", "#p"),
                     ("web", "https://example.org/"), ("mail", "mailto:a@b.org")]
