"""Incremental builds: nothing changed renders nothing; a change renders what it concerns; a missing or
modified output is rebuilt; --force renders everything."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nashr import cache as cache_module
from nashr.cache import BuildCache, concerns
from nashr.diagnostics import ManuscriptError
from nashr.pipeline import build

from .engine_helpers import manifest, png_bytes
from .fake_writers import fakes  # noqa: F401 - a fixture


@pytest.fixture
def ms(make_manuscript) -> Path:
    root = make_manuscript({"manuscript.yaml": manifest(contents="[a.md, b.md]"),
                            "a.md": "# Intro\n\nText.[^n]\n\n![fig](fig.png)\n\n[^n]: A note.\n",
                            "b.md": "# More\n\nOther text.\n"})
    (root / "fig.png").write_bytes(png_bytes())
    return root


def rendered(outputs) -> list[str]:
    return [output.format for output in outputs if output.rendered]


def test_a_second_build_renders_nothing_and_touches_nothing(fakes, ms, tmp_path):
    out = tmp_path / "out"
    assert rendered(build(ms, out, ["txt", "pdf"])) == ["txt", "pdf"]
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build(ms, out, ["txt", "pdf"])
    assert rendered(again) == []
    assert [o.path.name for o in again] == ["t.txt", "t.pdf"]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps


@pytest.mark.parametrize("change", [
    lambda root: (root / "b.md").write_text("# More\n\nEdited text.\n", encoding="utf-8"),
    lambda root: (root / "fig.png").write_bytes(png_bytes((0, 0, 255))),
    lambda root: (root / "manuscript.yaml").write_text(manifest(title="New", contents="[a.md, b.md]")),
])
def test_a_change_to_any_input_renders_again(fakes, ms, tmp_path, change):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    change(ms)
    assert rendered(build(ms, out, ["txt"])) == ["txt"]


def test_a_touched_but_unchanged_file_renders_nothing(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    (ms / "b.md").write_text((ms / "b.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert rendered(build(ms, out, ["txt"])) == []


def test_a_missing_or_modified_output_is_rebuilt(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt", "pdf"])
    (out / "t.txt").unlink()
    assert rendered(build(ms, out, ["txt", "pdf"])) == ["txt"]
    (out / "t.txt").write_text("edited by hand")
    assert rendered(build(ms, out, ["txt", "pdf"])) == ["txt"]
    assert (out / "t.txt").read_text(encoding="utf-8").startswith("Test article")


def test_force_renders_everything(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    assert rendered(build(ms, out, ["txt"], force=True)) == ["txt"]


def test_formats_built_separately_keep_their_own_state(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    build(ms, out, ["pdf"])
    assert rendered(build(ms, out, ["txt", "pdf"])) == []


def test_a_failed_build_records_nothing(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    good = (ms / "b.md").read_text(encoding="utf-8")
    (ms / "b.md").write_text("Broken call[^nowhere].\n", encoding="utf-8")
    with pytest.raises(ManuscriptError):
        build(ms, out, ["txt"])
    (ms / "b.md").write_text(good, encoding="utf-8")
    assert rendered(build(ms, out, ["txt"])) == []


def test_a_corrupt_cache_only_means_a_full_build(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["txt"])
    (out / ".nashr-cache" / "state.json").write_text("{not json")
    assert rendered(build(ms, out, ["txt"])) == ["txt"]


@pytest.mark.parametrize("path, pdf, epub", [
    ("pdf.css", True, False), ("epub.css", False, True), ("epub-rtl.css", False, True),
    ("pdf/article.html.j2", True, False), ("docx/reference.docx", False, False), ("base.css", True, True),
])
def test_which_templates_and_styles_concern_which_format(path, pdf, epub):
    formats = ["pdf", "epub", "docx"]
    assert concerns(Path(path), "pdf", formats) is pdf
    assert concerns(Path(path), "epub", formats) is epub


def test_a_style_change_for_one_format_leaves_the_others_up_to_date(monkeypatch, ms, tmp_path):
    from nashr import resources

    templates, styles = tmp_path / "templates", tmp_path / "styles"
    shutil.copytree(resources.templates_dir(), templates)
    shutil.copytree(resources.styles_dir(), styles)
    (styles / "epub.css").write_text("p { margin: 0 }")
    monkeypatch.setattr(cache_module, "templates_dir", lambda: templates)
    monkeypatch.setattr(cache_module, "styles_dir", lambda: styles)
    formats = ["pdf", "epub"]

    def fingerprints() -> dict[str, dict[str, str]]:
        cache = BuildCache(tmp_path / "out", formats)
        return {name: cache.fingerprint(name, ms, [ms / "manuscript.yaml"]) for name in formats}

    before = fingerprints()
    (styles / "epub.css").write_text("p { margin: 1em }")
    after = fingerprints()
    assert after["pdf"] == before["pdf"] and after["epub"] != before["epub"]
    (styles / "pdf.css").write_text("p { margin: 2em }")
    assert fingerprints()["pdf"] != after["pdf"]


def needy_text(out: Path) -> str:
    """What the needy writer should have written from the txt output beside it."""
    text = (out / "t.txt").read_text(encoding="utf-8")
    return f"{len(text.split())} words: {text}"


def test_a_format_made_from_another_builds_it_first_and_reads_its_facts(fakes, ms, tmp_path):
    out = tmp_path / "out"
    (needy,) = build(ms, out, ["needy"])
    assert needy.path.read_text(encoding="utf-8") == needy_text(out)
    assert rendered(build(ms, out, ["needy"])) == []
    (out / "t.needy").unlink()
    assert build(ms, out, ["needy"])[0].path.read_text(encoding="utf-8") == needy_text(out)  # facts from the cache


def test_a_format_that_uses_another_reads_it_only_when_the_build_makes_it(fakes, ms, tmp_path):
    out = tmp_path / "out"
    assert [o.format for o in build(ms, out, ["using"])] == ["using"] and not (out / "t.txt").exists()
    assert (out / "t.using").read_text(encoding="utf-8") == "no txt"
    assert rendered(build(ms, out, ["using"])) == []
    with_txt = build(ms, out, ["using", "txt"])  # made after the txt, from its facts
    assert rendered(with_txt) == ["using", "txt"]
    words = len((out / "t.txt").read_text(encoding="utf-8").split())
    assert (out / "t.using").read_text(encoding="utf-8") == f"{words} words"
    assert rendered(build(ms, out, ["txt", "using"])) == []
    assert rendered(build(ms, out, ["using"])) == ["using"]  # alone again: without the txt's facts
    assert (out / "t.using").read_text(encoding="utf-8") == "no txt"


def test_a_format_renders_again_when_what_it_is_made_from_changes(fakes, ms, tmp_path):
    out = tmp_path / "out"
    build(ms, out, ["needy"])
    (ms / "b.md").write_text("# More\n\nOther text, longer now.\n", encoding="utf-8")
    build(ms, out, ["txt"])  # the txt alone: the needy output is now older than it
    assert rendered(build(ms, out, ["needy"])) == ["needy"]
    assert (out / "t.needy").read_text(encoding="utf-8") == needy_text(out)
