"""`nashr new`: a starter manuscript in each language that builds, clean, into every format."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from nashr.cli import main
from nashr.labels import label
from nashr.pipeline import build
from nashr.starter import languages
from nashr.writers import formats

from .docx_inspect import Docx
from .engine_helpers import text_of
from .epub_inspect import epubcheck
from .pdf_inspect import pdffonts, pdftotext

TITLES = {"ar": "مقال نموذجي للبدء في الكتابة", "fa": "مقالهٔ نمونه برای آغاز نوشتن",
          "ur": "آغاز کے لیے ایک نمونہ مقالہ", "he": "מאמר לדוגמה להתחלת הכתיבה",
          "en": "A Sample Article to Start From"}
SWITCHED_OFF = re.compile(r"^(\s*)# (?=\s*[a-z_]+:)", re.MULTILINE)  # a key after "# "


def bare(text: str) -> str:
    """Without combining marks: pdftotext puts Persian's hamza above (مقالهٔ) on the wrong letter."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def test_every_language_has_a_title_here():
    assert set(languages()) == set(TITLES)


@pytest.mark.parametrize("lang", list(TITLES))
def test_the_starter_builds_clean_in_every_format(lang, tmp_path, capsys):
    folder = tmp_path / f"start-{lang}"
    assert main(["new", str(folder), "--lang", lang]) == 0
    assert f"nashr build {folder}" in capsys.readouterr().out
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "article.md", "figures/page.png", "manuscript.yaml", "references.bib"]
    warnings: list = []
    outputs = {o.format: o.path for o in build(folder, tmp_path / "out", formats(), warn=warnings.append)}
    assert warnings == []
    pdf = pdftotext(outputs["pdf"])
    for path in outputs.values():
        text = text_of(path)
        assert bare(TITLES[lang]) in bare(text), path.name
        assert "Bringhurst" in text and ("ابن خلدون" in text or "خلدون ابن" in text), path.name  # both cited
        assert "[^" not in text and "@fig" not in text and "@bringhurst" not in text, path.name
    assert len(Docx(outputs["docx"]).footnotes()) == 2
    # the figure's number after its label, in its caption and where it is referred to
    assert len(re.findall(rf"{label(lang, 'figure')}\W*[1۱]", pdf)) == 2, pdf
    names = {font["name"].split("+")[-1] for font in pdffonts(outputs["pdf"])}
    assert not {name for name in names if "DejaVu" in name}, names


def test_the_epub_passes_epubcheck(tmp_path):
    main(["new", str(tmp_path / "start"), "--lang", "ar"])
    (output,) = build(tmp_path / "start", tmp_path / "out", ["epub"])
    assert [m for m in epubcheck(output.path) if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_every_switched_off_key_is_valid_once_switched_on(tmp_path):
    folder = tmp_path / "start"
    main(["new", str(folder), "--lang", "ar-EG"])
    manifest = folder / "manuscript.yaml"
    text = SWITCHED_OFF.sub(r"\1", manifest.read_text(encoding="utf-8"))
    text = text.replace("csl: style.csl", "# csl: style.csl")  # it names a file the starter does not ship
    manifest.write_text(text, encoding="utf-8")
    keys = yaml.safe_load(text)
    assert {"journal", "doi", "license", "dates", "layout", "slug"} <= set(keys) and keys["lang"] == "ar-EG"
    (output,) = build(folder, tmp_path / "out", ["pdf"])
    assert output.path.name == "my-article.pdf"
    first = pdftotext(output.path, 1)
    assert "اسم المجلة" in first and "10.5555/example" in first and "CC-BY-4.0" in first


def test_it_writes_only_into_a_new_or_empty_folder(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path / "full")]) == 1
    assert "folder is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty")]) == 0
    assert main(["new", str(tmp_path / "x"), "--lang", "de"]) == 2
    assert "choose one of: ar, fa, ur, he, en" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_the_default_folder_is_the_one_build_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new"]) == 0 and main(["check"]) == 0
    assert Path("manuscript/manuscript.yaml").is_file()
