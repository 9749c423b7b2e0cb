"""Untrusted manuscripts: every way out of the manuscript folder is refused at its file and line, and
nothing is read or fetched."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from nashr.cli import main
from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build, prepare

from .engine_helpers import ConnectionRecorder, manifest, png_bytes, text_of


def problems(root: Path) -> list[str]:
    with pytest.raises(ManuscriptError) as error:
        prepare(root)
    return [str(d) for d in error.value.diagnostics]


def where(problem: str) -> str:
    """`file:line` of a printed problem (its column left out)."""
    location = problem.split(": error")[0]
    return ":".join(Path(location).name.split(":")[:2])


def one_problem_at(root: Path, file: str, line: int, *words: str) -> None:
    found = problems(root)
    assert len(found) == 1, found
    message = found[0].split(": error: ")[1]
    assert where(found[0]) == f"{file}:{line}", found
    for word in words:
        assert word in message, found


def article(body: str) -> dict[str, str]:
    return {"manuscript.yaml": manifest(), "a.md": "# Intro\n\nFirst paragraph.\n\n" + body + "\n"}


@pytest.mark.parametrize("target, words", [
    ("../secret.png", ["outside the manuscript folder"]),
    ("sub/../../secret.png", ["outside the manuscript folder"]),
    ("{outside}", ["absolute path"]),
    ("file://{outside}", ["file: URL"]),
    ("ftp://example.org/x.png", ["from the network", "never fetches"]),
    ("//example.org/x.png", ["from the network"]),
    ("mailto:someone@example.org", ["mailto: address"]),
    ("data-missing.png", ["not found: data-missing.png does not exist"]),
])
def test_image_targets_outside_are_refused_at_their_line(make_manuscript, tmp_path, target, words):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    root = make_manuscript(article(f"Text.\n\n![figure]({target.format(outside=secret)})"))
    one_problem_at(root, "a.md", 7, *words)


def test_a_symbolic_link_leading_outside_is_refused(make_manuscript, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    root = make_manuscript(article("![figure](link.png)"))
    os.symlink(secret, root / "link.png")
    one_problem_at(root, "a.md", 5, "outside the manuscript folder")


def test_each_occurrence_is_reported_at_its_own_line(make_manuscript):
    root = make_manuscript(article("![a](/etc/hostname)\n\nMore.\n\n![b](/etc/hostname)"))
    assert [where(p) for p in problems(root)] == ["a.md:5", "a.md:9"]


def test_attachments_and_style_urls_and_fetching_attributes_are_refused(make_manuscript):
    root = make_manuscript(article(
        "[notes](../notes.pdf){rel=attachment}\n\n"
        "[styled]{style=\"background: url('http://example.org/bg.png')\"}\n\n"
        "::: {src=\"https://example.org/frame\"}\nInside.\n:::\n"))
    found = problems(root)
    assert [where(p) for p in found] == ["a.md:5", "a.md:7", "a.md:9"], found
    assert "attachment" in found[0] and "style attribute url()" in found[1] and "'src' attribute" in found[2]


def test_style_urls_on_divs_and_headings_are_refused(make_manuscript):
    root = make_manuscript(article('::: {style="background: url(/etc/bg.png)"}\nboxed\n:::\n\n'
                                   '## Heading {style="background: url(../x.png)"}'))
    assert [where(p) for p in problems(root)] == ["a.md:5", "a.md:9"]


def test_an_abstract_is_checked_at_its_line_in_the_manifest(make_manuscript):
    root = make_manuscript({
        "manuscript.yaml": manifest(extra="abstract:\n  en: |\n    Summary.\n\n    ![x](http://example.org/x.png)\n"),
        "a.md": "Text.\n",
    })
    one_problem_at(root, "manuscript.yaml", 8, "from the network")


def test_a_bibliography_file_is_refused_by_the_schema(make_manuscript):
    root = make_manuscript({"manuscript.yaml": manifest(extra="bibliography: /etc/refs.bib\n"), "a.md": "Text.\n"})
    one_problem_at(root, "manuscript.yaml", 4, "bibliography")


def test_images_and_ordinary_links_inside_are_fine(make_manuscript, tmp_path):
    root = make_manuscript(article("![figure](img/fig.png)\n\nSee [the site](https://example.org/)."))
    (root / "img").mkdir()
    (root / "img" / "fig.png").write_bytes(png_bytes())
    import pypdf

    output = build(root, tmp_path / "out", ["pdf"])[0]
    reader = pypdf.PdfReader(output.path)
    assert any(page.images for page in reader.pages), "the image inside the folder is missing"


def test_network_targets_are_refused_and_never_fetched(make_manuscript, tmp_path, capsys):
    with ConnectionRecorder() as server:
        root = make_manuscript(article(
            f"![remote]({server.url('a.png')})\n\n"
            f"[bg]{{style=\"background-image: url({server.url('b.png')})\"}}\n\n"
            f"[att]({server.url('c.pdf')}){{rel=attachment}}\n"))
        assert main(["build", str(root), "-o", str(tmp_path / "out")]) == 1
        assert server.connections == 0
    errors = capsys.readouterr().err.splitlines()
    assert [where(line) for line in errors[:3]] == ["a.md:5", "a.md:7", "a.md:9"], errors
    assert not (tmp_path / "out").exists()


def test_raw_html_is_sanitized_and_fetches_nothing(make_manuscript, tmp_path):
    with ConnectionRecorder() as server:
        root = make_manuscript(article(
            f'<img src="{server.url("raw.png")}"> <script>alert(1)</script>\n\n'
            f'<link rel="stylesheet" href="{server.url("s.css")}">\n\n'
            f'<p style="background: url({server.url("bg.png")})">styled</p>\n'))
        warnings: list[str] = []
        outputs = build(root, tmp_path / "out", ["pdf", "epub", "docx"], warn=lambda w: warnings.append(str(w)))
        assert server.connections == 0
    assert [where(w.replace(": warning", ": error")) for w in warnings] == ["a.md:5", "a.md:7", "a.md:9"]
    assert "raw.png" in warnings[0] and "<link>" in warnings[1] and "style attribute" in warnings[2]
    for output in outputs:
        text = " ".join(text_of(output.path).split())
        assert "styled" in text and "alert" not in text and "<" not in text


def test_an_svg_inside_the_folder_cannot_fetch_for_it(make_manuscript, tmp_path):
    """The second wall: a renderer's own fetches (here, an SVG's <image>) are refused too."""
    with ConnectionRecorder() as server:
        root = make_manuscript(article("![drawing](drawing.svg)"))
        (root / "drawing.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="10" height="10"><image xlink:href="{server.url("x.png")}" width="10" height="10"/></svg>')
        with pytest.raises(ManuscriptError) as error:
            build(root, tmp_path / "out", ["pdf"])
        assert server.connections == 0
    assert server.url("x.png") in str(error.value)
    assert not (tmp_path / "out" / "t.pdf").exists()


AUDIT = """
import json, os, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(os.fsdecode(args[0]))
                 if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)) else None)
from nashr.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as log:
    json.dump(sorted(set(opened)), log)
sys.exit(code)
"""


def files_opened_by(arguments: list[str], tmp_path: Path) -> tuple[int, list[str]]:
    """Run the CLI with a Python audit hook recording every file it opens."""
    import json
    import subprocess
    import sys

    from .conftest import REPO

    log = tmp_path / "opened.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-c", AUDIT, str(log), *arguments], env=env,
                            capture_output=True, text=True, timeout=300)
    return result.returncode, json.loads(log.read_text())


def test_a_build_opens_only_the_manuscript_its_outputs_and_nashrs_own_files(make_manuscript, tmp_path):
    import sys
    import tempfile

    from .conftest import REPO

    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    root = make_manuscript(article("![inside](fig.png)"))
    (root / "fig.png").write_bytes(png_bytes())
    out = tmp_path / "out"
    code, opened = files_opened_by(["build", str(root), "-o", str(out)], tmp_path)
    assert code == 0
    assert str(root / "fig.png") in opened and str(root / "a.md") in opened
    temporary = tempfile.gettempdir()
    allowed = (str(root) + os.sep, str(out) + os.sep, str(REPO) + os.sep, sys.prefix + os.sep,
               sys.base_prefix + os.sep, "/dev/", "/etc/", os.path.join(temporary, "weasyprint-"))
    strays = [path for path in opened if not path.startswith(allowed)
              and os.path.dirname(path) != temporary  # Pandoc's and tempfile's own scratch files
              and path not in (temporary, str(tmp_path / "opened.json"))]
    assert strays == []

    (root / "a.md").write_text(f"Text.\n\n![outside]({secret})\n", encoding="utf-8")
    code, opened = files_opened_by(["build", str(root), "-o", str(out), "--force"], tmp_path)
    assert code == 1
    assert str(secret) not in opened
