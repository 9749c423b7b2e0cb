"""`nashr build paper.md`: one Markdown file whose YAML front matter holds the manuscript's keys, its
folder the manuscript folder. Problems are reported at the file's own lines, in the front matter and
in the body."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from nashr.cli import main
from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build, prepare
from nashr.progress import Progress
from nashr.watch import watch, watched

from .engine_helpers import png_bytes, text_of
from .fake_writers import fakes  # noqa: F401 - a fixture

PAPER = """\
---
title: "الكتابة العربية على الشاشة"
lang: ar
authors:
  - name: "أحمد المغربي"
bibliography: refs.bib
---

# مقدمة

نص المقال الأول فيه هامش[^n] واستشهاد [@jabri2009, 12].

![شكل تجريبي](figures/dot.png){#fig:dot}

كما يبين @fig:dot.

[^n]: نص الهامش الأول.
"""
BIB = """@article{jabri2009,
  author  = {الجابري, محمد عابد},
  title   = {نقد العقل العربي},
  journal = {مجلة الفكر},
  year    = {2009}
}
"""


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "dot.png").write_bytes(png_bytes())
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    (folder / "notes-for-myself.md").write_text("not part of the article\n", encoding="utf-8")
    path = folder / "paper.md"
    path.write_text(PAPER, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ManuscriptError) as caught:
        prepare(path)
    return [str(diagnostic) for diagnostic in caught.value.diagnostics]


def test_every_format_builds_from_one_file_named_after_it(paper, tmp_path):
    outputs = build(paper, tmp_path / "out", ["pdf", "epub", "docx"])
    assert [output.path.name for output in outputs] == ["paper.pdf", "paper.epub", "paper.docx"]
    for output in outputs:
        text = text_of(output.path)
        assert "الكتابة العربية على الشاشة" in text and "نص المقال الأول" in text, output.format
        assert "نص الهامش الأول" in text and "الجابري" in text, output.format
        assert "title:" not in text and "---" not in text, output.format  # the front matter is not text


def test_the_body_is_the_content_and_its_folder_the_manuscript_folder(paper):
    document = prepare(paper)
    assert [part.source for part in document.body()] == [paper]
    assert document.project.root == paper.parent and document.slug == "paper"
    assert document.metadata.contents == []


def test_a_slug_key_names_the_outputs(paper, tmp_path):
    paper.write_text(PAPER.replace("lang: ar\n", "lang: ar\nslug: screen-writing\n"), encoding="utf-8")
    assert build(paper, tmp_path / "out", ["docx"])[0].path.name == "screen-writing.docx"


@pytest.mark.parametrize("change, expected", [
    (("lang: ar\n", "lang: ar\nautors: []\n"), "paper.md:4: error: autors: unknown key 'autors'; did you mean 'authors'?"),
    (("lang: ar\n", "lang: arabic language\n"), "paper.md:3: error: lang: a language is a BCP 47 tag"),
    (("lang: ar\n", "lang: ar\ncontents: [paper.md]\n"), "paper.md:4: error: contents: a Markdown file built on its own"),
    (("lang: ar\n", 'lang: ar\nsubtitle: "unclosed\n'), "paper.md:4:11: error: YAML syntax error"),
    (("lang: ar\n", "lang: ar\ndates:\n  published: 2024-13-01\n"), "paper.md:5: error: dates.published: a date"),
    (("bibliography: refs.bib", "bibliography: missing.bib"), "paper.md:6: error: bibliography: not found"),
    (("هامش[^n]", "هامش[^x]"), "paper.md:11:25: error: note [^x] is called but never defined"),
    (("figures/dot.png", "../outside.png"), "paper.md:13:15: error: image ../outside.png lies outside"),
])
def test_problems_are_at_the_files_own_lines(paper, change, expected):
    paper.write_text(PAPER.replace(*change, 1), encoding="utf-8")
    found = problems(paper)
    display = str(paper.relative_to(Path.cwd())) if paper.is_relative_to(Path.cwd()) else str(paper)
    assert any(line.replace(display, "paper.md").startswith(expected) for line in found), found


def test_front_matter_not_closed(paper):  # a file without any: tests/test_front_matter_dialects.py
    paper.write_text("---\ntitle: x\nlang: ar\n\n# مقدمة\n", encoding="utf-8")
    (message,) = problems(paper)
    assert ":1: error: the front matter opened here is never closed" in message


def test_a_word_file_is_sent_to_nashr_import(tmp_path):
    (tmp_path / "article.docx").write_bytes(b"PK\x03\x04")
    (message,) = problems(tmp_path / "article.docx")
    assert "nashr import article.docx" in message


def test_manuscript_yaml_names_its_folder(make_manuscript, tmp_path):
    root = make_manuscript({"manuscript.yaml": "title: t\nlang: en\nslug: t\ncontents: [a.md]\n", "a.md": "Text.\n"})
    assert prepare(root / "manuscript.yaml").project.root == root
    assert main(["check", str(root / "manuscript.yaml")]) == 0


def test_two_files_in_one_folder_built_into_one_output_folder(fakes, paper, tmp_path):
    other = paper.with_name("other.md")
    other.write_text(PAPER.replace("الكتابة العربية على الشاشة", "مقال آخر"), encoding="utf-8")
    out = tmp_path / "out"
    assert build(paper, out, ["txt"])[0].rendered
    (second,) = build(other, out, ["txt"])
    assert second.rendered and second.path.name == "other.txt"
    assert second.path.read_text(encoding="utf-8").startswith("مقال آخر")
    assert not build(paper, out, ["txt"])[0].rendered and not build(other, out, ["txt"])[0].rendered


def test_the_command_line_builds_checks_and_names_the_outputs(paper, tmp_path, capsys):
    assert main(["check", str(paper)]) == 0
    assert "ok (1 content files)" in capsys.readouterr().out
    assert main(["build", str(paper), "-o", str(tmp_path / "out"), "-f", "epub"]) == 0
    assert (tmp_path / "out" / "paper.epub").is_file()


def test_watch_follows_the_file_and_what_it_embeds_not_the_whole_folder(fakes, paper, tmp_path):
    out = tmp_path / "out"
    assert watched(paper, out)[0] == paper  # nothing built yet: the file itself
    build(paper, out, ["txt"])
    files = [path for path in watched(paper, out) if path.is_file()]
    assert set(files) == {paper, paper.parent / "figures" / "dot.png", paper.parent / "refs.bib"}

    stop = threading.Event()
    builds: list[int] = []
    thread = threading.Thread(target=watch, args=(paper, out, ["txt"], lambda: _Counting(builds), print),
                              kwargs={"keep_going": lambda: not stop.is_set()}, daemon=True)
    thread.start()
    try:
        _wait(lambda: len(builds) == 1)
        (paper.parent / "notes-for-myself.md").write_text("edited\n", encoding="utf-8")
        time.sleep(1.5)  # several looks at the files: an unrelated file starts no build
        assert len(builds) == 1
        (paper.parent / "figures" / "dot.png").write_bytes(png_bytes((0, 0, 255)))
        _wait(lambda: len(builds) == 2)
    finally:
        stop.set()
        thread.join(timeout=30)


class _Counting(Progress):
    def __init__(self, builds: list[int]):
        self.builds = builds

    def close(self) -> None:
        self.builds.append(1)


def _wait(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
