"""The HTML galley in a real browser (Chromium through Playwright, tests/browser.py): screenshots at a
phone's and a desktop's width, a note's pop-up opened with the keyboard, a note followed and its
back-link, side notes on the page's inline-end side, notes printed on their call's page, axe-core with
no violation on every test article, and `nashr preview` reloading the page after a save. No request
may leave the file set."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nashr.pipeline import build

from .browser import NARROW, WIDE, chromium_or_skip, opened
from .pdf_inspect import pdftotext
from .test_html import ARTICLES


@pytest.fixture(scope="module")
def browser():
    manager, chromium = chromium_or_skip()
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture(scope="module")
def galleys(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("galleys")
    return {name: build(root, out / name, ["html"])[0].path for name, root in ARTICLES.items()}


def page_of(browser, path: Path, viewport: dict, media: str | None = None):
    return opened(browser, path.as_uri(), [path.parent.as_uri() + "/"], viewport, media)


@pytest.mark.parametrize("name", list(ARTICLES))
def test_axe_finds_no_violation_and_nothing_leaves_the_file_set(browser, galleys, name):
    from axe_playwright_python.sync_playwright import Axe

    for viewport in (WIDE, NARROW):
        with page_of(browser, galleys[name], viewport) as (page, requests):
            results = Axe().run(page)
            problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
            assert problems == []
            assert results.response["passes"], "axe ran its rules"
            assert requests.outside() == [] and requests.seen[0] == galleys[name].as_uri()
            assert page.evaluate("[...document.fonts].every(f => f.status !== 'error')")


def test_screenshots_narrow_and_wide(browser, galleys, tmp_path):
    """A phone: one column, no side scrolling, notes hidden until called. A desktop: the column on the
    right of this right-to-left page and every note beside its call on the left."""
    page_path = galleys["example"]
    with page_of(browser, page_path, NARROW) as (page, _):
        page.screenshot(path=str(tmp_path / "narrow.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        assert page.evaluate("[...document.querySelectorAll('.note-popup')].every(p => !p.offsetParent)")
        assert page.evaluate("document.fonts.check('16px Amiri', 'نص')")
    with page_of(browser, page_path, WIDE) as (page, _):
        page.screenshot(path=str(tmp_path / "wide.png"), full_page=True)
        column = page.locator("main > p").first.bounding_box()
        for index in range(page.locator("main p .note-popup").count()):
            note = page.locator("main p .note-popup").nth(index)
            call = note.locator("xpath=preceding-sibling::a[1]")
            box, at = note.bounding_box(), call.bounding_box()
            assert box["x"] + box["width"] <= column["x"], "side notes sit on the left of a right-to-left page"
            assert abs(box["y"] - at["y"]) < 3 * at["height"] + 40, "a side note sits beside its call"
    assert (tmp_path / "narrow.png").stat().st_size > 10_000 and (tmp_path / "wide.png").stat().st_size > 10_000


def test_a_note_pops_up_on_keyboard_focus_and_links_both_ways(browser, galleys):
    with page_of(browser, galleys["example"], NARROW) as (page, _):
        for _ in range(40):  # Tab through the page to the first note's call
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('note-call')"):
                break
        call = page.evaluate("document.activeElement.id")
        assert call == "nashr-noteref-1"
        popup = page.locator("#nashr-popup-1")
        assert popup.is_visible()
        box, at = popup.bounding_box(), page.locator("#nashr-noteref-1").bounding_box()
        assert box["y"] >= at["y"] + at["height"] - 2 and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
        assert popup.inner_text().split(None, 1)[1] == page.locator("#nashr-note-1").inner_text().split(None, 1)[1]
        page.keyboard.press("Enter")  # follow the call
        assert page.evaluate("location.hash") == "#nashr-note-1"
        assert page.locator("#nashr-note-1").is_visible() and _in_view(page, "#nashr-note-1")
        page.locator("#nashr-note-1 a[role=doc-backlink]").focus()
        page.keyboard.press("Enter")  # and back
        assert page.evaluate("location.hash") == "#nashr-noteref-1" and _in_view(page, "#nashr-noteref-1")
        assert page.locator("#nashr-popup-1").is_visible(), "back at the call, which has the focus: its note shows"
        page.evaluate("document.activeElement.blur()")
        page.locator("#nashr-noteref-2").hover()
        assert page.locator("#nashr-popup-2").is_visible() and not page.locator("#nashr-popup-1").is_visible()


def _in_view(page, selector: str) -> bool:
    return page.evaluate(f"""(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight; }})()""")


NOTES = 14


@pytest.fixture(scope="module")
def many_notes(tmp_path_factory) -> Path:
    """An Arabic article whose long paragraphs call notes all along: call k follows the Latin word
    `callmarkK`, and note k starts with `notebodyK`, so the printed pages show where each one went."""
    root = tmp_path_factory.mktemp("notes")
    filler = "وهذا نص عربي يملأ السطر ويطيل الفقرة حتى تمتد على صفحات عدة من المقال المطبوع. " * 6
    paragraphs, notes = [], []
    for k in range(1, NOTES + 1):
        paragraphs.append(f"{filler} callmark{k}[^n{k}] {filler}")
        notes.append(f"[^n{k}]: notebody{k} هامش رقم {k} يشرح ما سبق.")
    (root / "manuscript.yaml").write_text("title: هوامش كثيرة\nlang: ar\nslug: notes\ncontents: [a.md]\n",
                                          encoding="utf-8")
    (root / "a.md").write_text("# مقدمة\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(notes) + "\n",
                               encoding="utf-8")
    return build(root, root / "dist", ["html"])[0].path


def test_printed_notes_sit_on_their_calls_page(browser, many_notes, tmp_path):
    pdf = tmp_path / "printed.pdf"
    with page_of(browser, many_notes, WIDE) as (page, requests):
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        assert requests.outside() == []
    pages = pdftotext(pdf).split("\f")
    assert len([p for p in pages if p.strip()]) >= 4

    def page_holding(word: str) -> int:
        found = [index for index, text in enumerate(pages) if re.search(rf"(?<![A-Za-z]){word}(?!\d)", text)]
        assert len(found) == 1, f"{word} printed once: {found}"
        return found[0]

    for k in range(1, NOTES + 1):
        assert page_holding(f"notebody{k}") == page_holding(f"callmark{k}"), f"note {k}"
    assert "الهوامش" not in "".join(pages), "the note list is not printed: the notes are on their pages"


def test_preview_reloads_the_page_after_a_save(browser, tmp_path):
    root = tmp_path / "ms"
    root.mkdir()
    (root / "manuscript.yaml").write_text("title: معاينة\nlang: ar\nslug: live\ncontents: [a.md]\n", encoding="utf-8")
    (root / "a.md").write_text("# مقدمة\n\nالنص الأول.\n", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "nashr", "preview", str(root), "-o", str(tmp_path / "out")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = _url(server)
        with opened(browser, url, [url]) as (page, requests):
            assert "النص الأول" in page.inner_text("main")
            page.evaluate("window.nashrMark = 1")  # gone once the page reloads
            with page.expect_navigation(timeout=60_000):
                (root / "a.md").write_text("# مقدمة\n\nالنص الثاني بعد الحفظ.\n", encoding="utf-8")
            assert "النص الثاني" in page.inner_text("main") and page.evaluate("window.nashrMark") is None
            assert requests.outside() == []
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output
    assert output.count("html: wrote") == 1, output  # the rebuild after the save (_url read the first build's)


def _url(server: subprocess.Popen) -> str:
    """The URL `nashr preview` prints first, once the first build is over."""
    first = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", first)
    assert match, first
    for line in server.stdout:
        if "watching" in line:
            return match[0]
    raise AssertionError("nashr preview stopped before its first build")
