"""One behaviour per input: a bad manuscript gives the same messages (file:line) and the same exit code
whether it is checked, built in one format or built in all of them; and what `check` passes, every
format builds, images of every common type (and `data:` images) included."""
from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from nashr.cli import main

from .engine_helpers import png_bytes
from .epub_inspect import epubcheck, open_book

SINGLE = ["pdf", "epub", "docx", "html"]  # jats and meca need the pdf (and the others): built with "all"


def image_bytes(kind: str, color: tuple[int, int, int] = (20, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), color).save(buffer, kind)
    return buffer.getvalue()


def data_url(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    err = capsys.readouterr().err.splitlines()
    return code, [line for line in err if ": error: " in line or ": warning: " in line]


def every_way(capsys, root: Path, out: Path, formats: list[str] = SINGLE) -> dict[str, tuple[int, list[str]]]:
    """{"check" | format | "all": (exit code, the problems printed)} for the manuscript at `root`."""
    results = {"check": run(capsys, "check", str(root))}
    for name in formats:
        results[name] = run(capsys, "build", str(root), "-o", str(out / name), "-f", name, "-q", "--force")
    results["all"] = run(capsys, "build", str(root), "-o", str(out / "all"), "-q", "--force")
    return results


def article(body: str) -> dict[str, str]:
    return {"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md, b.md]\n",
            "a.md": "# One\n\nText.\n\n" + body + "\n", "b.md": "# Two\n\nMore text.\n"}


BAD = {  # name: (Markdown, what the problem says, the file:line it is reported at)
    "missing": ("![x](missing.png)", "not found", "a.md:5"),
    "outside": ("![x](../outside.png)", "outside the manuscript folder", "a.md:5"),
    "network": ("![x](https://example.org/x.png)", "from the network", "a.md:5"),
    "no image": ("![x](notes.png)", "notes.png", "a.md:5"),  # a text file named .png
    "unknown type": ("![x](drawing.emf)", "drawing.emf", "a.md:5"),
    "svg fetching": ("![x](fetching.svg)", "in its SVG code: https://example.org/x.png would come from the network",
                     "a.md:5"),
    "broken data": ("![x](data:image/png;base64,AAAA)", "data:image/png", "a.md:5"),
    "data no image": ("![x](data:text/plain;base64,aGVsbG8=)", "data:text/plain", "a.md:5"),
    # used twice, defined once: one error, where the target is written
    "reference": ("![x][f] and ![y][f]\n\n[f]: missing.png", "used at", "a.md:7:6"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_image_is_the_same_error_everywhere(make_manuscript, tmp_path, capsys, name):
    markdown, words, where = BAD[name]
    root = make_manuscript(article(markdown))
    (tmp_path / "outside.png").write_bytes(png_bytes())
    (root / "notes.png").write_text("not an image\n", encoding="utf-8")
    (root / "drawing.emf").write_bytes(b"\x01\x00\x00\x00" + bytes(80))
    (root / "fetching.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
                                       '<image href="https://example.org/x.png" width="9" height="9"/></svg>')
    results = every_way(capsys, root, tmp_path / "out")
    expected = results["check"]
    assert expected[0] == 1 and len(expected[1]) == 1, results
    (problem,) = expected[1]
    assert f"{root / where}:" in problem and words in problem and ": error: " in problem, problem
    assert {way: result for way, result in results.items() if result != expected} == {}
    assert not (tmp_path / "out" / "all").exists() or not any((tmp_path / "out" / "all").glob("*.*"))


def test_a_missing_citation_is_the_same_warning_everywhere(make_manuscript, tmp_path, capsys):
    files = article("See [@nokey] and [@k1].")
    files["manuscript.yaml"] = files["manuscript.yaml"].replace("contents", "bibliography: refs.bib\ncontents")
    files["refs.bib"] = "@book{k1, title={A Book}, author={Writer, Ann}, year={2000}}\n"
    root = make_manuscript(files)
    results = every_way(capsys, root, tmp_path / "out")
    expected = results["check"]
    assert expected[0] == 0 and len(expected[1]) == 1 and "@nokey" in expected[1][0], results
    assert f"{root / 'a.md'}:5:" in expected[1][0]
    assert {way: result for way, result in results.items() if result != expected} == {}


def test_a_meca_transfer_without_a_journal_name_is_found_by_check(make_manuscript, tmp_path, capsys):
    files = article("Text.")
    files["manuscript.yaml"] += "journal:\n  destination:\n    journal: Other Journal\n"
    root = make_manuscript(files)
    checked = run(capsys, "check", str(root))
    built = run(capsys, "build", str(root), "-o", str(tmp_path / "out"), "-q")
    assert checked[0] == built[0] == 1 and checked == built
    assert "journal.name" in checked[1][0] and f"{root / 'manuscript.yaml'}:5:" in checked[1][0]


def test_a_writer_that_fails_is_an_internal_error_with_one_format_or_all(make_manuscript, tmp_path, capsys,
                                                                          monkeypatch):
    """A bug in a writer (here Pandoc failing inside the DOCX writer) reads the same, in-process or in a
    worker process: an internal error, exit 1, nothing written — never a bare traceback."""
    from nashr import pandoc
    from nashr.writers.docx import writer as docx

    def failing(arguments, source, cwd=None):
        raise pandoc.PandocFailed("pandoc: out of memory")

    monkeypatch.setattr(docx, "run_pandoc", failing)
    root = make_manuscript(article("Text."))
    outcomes = []
    for formats in (["-f", "docx"], ["-f", "docx", "-f", "epub"]):
        code = main(["build", str(root), "-o", str(tmp_path / "out"), "-q", *formats])
        err = capsys.readouterr().err
        outcomes.append((code, err.splitlines()[0]))
        assert "out of memory" in err
    assert outcomes == [(1, "nashr: internal error (a bug in nashr; please report it); nothing was written")] * 2
    assert not (tmp_path / "out" / "ms.docx").exists() and not (tmp_path / "out" / "ms.epub").exists()


KINDS = {"png": ("PNG", "image/png"), "jpg": ("JPEG", "image/jpeg"), "gif": ("GIF", "image/gif"),
         "webp": ("WEBP", "image/webp"), "tiff": ("TIFF", "image/tiff"), "bmp": ("BMP", "image/bmp")}


def test_every_common_image_type_and_data_images_build_in_every_format(make_manuscript, tmp_path, capsys):
    """What Word or a web page hands an editor — TIFF, BMP, WebP, `data:` images — goes into every
    format, converted to PNG where the format does not show its type."""
    figures = "\n\n".join(f"![{name}](fig.{name})" for name in KINDS)
    inline = data_url(image_bytes("PNG", (200, 10, 10)))
    tiff_inline = data_url(image_bytes("TIFF", (10, 200, 10)), "image/tiff")
    root = make_manuscript(article(f"{figures}\n\n![inline]({inline})\n\n![scan]({tiff_inline})"))
    for name, (kind, _) in KINDS.items():
        (root / f"fig.{name}").write_bytes(image_bytes(kind))
    assert run(capsys, "check", str(root)) == (0, [])
    out = tmp_path / "out"
    assert run(capsys, "build", str(root), "-o", str(out), "-q") == (0, [])
    count = len(KINDS) + 2

    book = open_book(out / "ms.epub")
    pictures = [img.get("src") for _, page in book.pages() for img in page.iter("{http://www.w3.org/1999/xhtml}img")]
    assert len(pictures) == count
    types = {book.manifest()[src].get("media-type") for src in pictures}
    assert types <= {"image/png", "image/jpeg", "image/gif", "image/webp"}, types
    assert all(Image.open(io.BytesIO(book.read(src))).size == (12, 8) for src in pictures)
    assert [m for m in epubcheck(out / "ms.epub") if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []

    with zipfile.ZipFile(out / "ms.docx") as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
        assert len(media) >= count - 1  # identical bytes may share one part
        assert all(Image.open(io.BytesIO(docx.read(name))).format in ("PNG", "JPEG", "GIF", "TIFF")
                   for name in media)
        extents = etree.fromstring(docx.read("word/document.xml")).iterfind(
            ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
        assert len({(extent.get("cx"), extent.get("cy")) for extent in extents}) == 1  # every one sized as drawn

    page = etree.parse(str(out / "ms.html"), etree.HTMLParser())
    sources = page.xpath("//img/@src")
    assert len(sources) == count and all(src.startswith("ms_files/") for src in sources), sources
    assert not any(src.endswith((".tiff", ".bmp")) for src in sources)

    import pypdf

    assert sum(len(p.images) for p in pypdf.PdfReader(out / "ms.pdf").pages) == count

    jats = etree.parse(str(out / "ms.xml"))
    graphics = [g.get("{http://www.w3.org/1999/xlink}href") for g in jats.iter("graphic", "inline-graphic")]
    with zipfile.ZipFile(out / "ms.meca.zip") as meca:
        assert graphics and all(href in meca.namelist() for href in graphics), graphics
