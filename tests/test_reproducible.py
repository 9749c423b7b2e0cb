"""Two builds of the same inputs give byte-identical outputs, in every registered format; the date they
record comes from the metadata or SOURCE_DATE_EPOCH, never from the clock."""
from __future__ import annotations

import datetime as dt
import os
import time

import pypdf
import pytest

from nashr.pipeline import build
from nashr.project import load_project
from nashr.reproducible import FALLBACK_DATE, build_date, stable_identifier, zip_date_time
from nashr.writers import formats

from .engine_helpers import manifest


@pytest.fixture
def ms(make_manuscript):
    return make_manuscript({
        "manuscript.yaml": manifest(title="مقال قصير", lang="ar", extra="dates:\n  published: 2024-03-15\n"),
        "a.md": "# مقدمة\n\nنص فيه هامش[^n] وعبارة English words.\n\n[^n]: الهامش.\n",
    })


@pytest.mark.parametrize("fmt", formats())
def test_two_builds_are_byte_identical(ms, tmp_path, fmt):
    first = build(ms, tmp_path / "one", [fmt])[0].path.read_bytes()
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    (ms / "a.md").touch()
    second = build(ms, tmp_path / "two", [fmt], force=True)[0].path.read_bytes()
    assert first == second


def test_the_pdf_records_the_publication_date_and_a_stable_identifier(ms, tmp_path):
    path = build(ms, tmp_path / "out", ["pdf"])[0].path
    reader = pypdf.PdfReader(path)
    assert reader.metadata["/CreationDate"].startswith("D:20240315000000")
    assert reader.metadata["/ModDate"].startswith("D:20240315000000")
    assert reader.trailer["/ID"][0] != reader.trailer["/ID"][1]


def test_source_date_epoch_wins(ms, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = build(ms, tmp_path / "out", ["pdf"])[0].path
    assert pypdf.PdfReader(path).metadata["/CreationDate"].startswith("D:20231114221320")


def test_build_date_falls_back_to_a_fixed_date(make_manuscript, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    metadata = load_project(make_manuscript({"manuscript.yaml": manifest(), "a.md": "x\n"})).metadata
    assert build_date(metadata) == FALLBACK_DATE
    assert zip_date_time(metadata) == (1980, 1, 1, 0, 0, 0)
    assert stable_identifier(metadata) == stable_identifier(metadata)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert build_date(metadata) == dt.datetime(2023, 11, 14, 22, 13, 21, tzinfo=dt.timezone.utc)
    assert zip_date_time(metadata)[-1] == 20  # ZIP keeps even seconds


def test_normalize_zip_makes_archives_independent_of_when_and_where(make_manuscript, tmp_path):
    import zipfile

    from nashr.reproducible import normalize_zip

    metadata = load_project(make_manuscript({"manuscript.yaml": manifest(), "a.md": "x\n"})).metadata
    archives = []
    for index, when in enumerate([(2001, 2, 3, 4, 5, 6), (2022, 7, 8, 9, 10, 12)]):
        path = tmp_path / f"{index}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype", when), "application/epub+zip")
            info = zipfile.ZipInfo("OEBPS/text.xhtml", when)
            info.external_attr = 0o100600 << 16
            archive.writestr(info, "<p>same</p>" * 50, zipfile.ZIP_DEFLATED)
        normalize_zip(path, metadata)
        archives.append(path.read_bytes())
    assert archives[0] == archives[1]
    with zipfile.ZipFile(tmp_path / "0.zip") as archive:
        first, second = archive.infolist()
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert second.compress_type == zipfile.ZIP_DEFLATED and second.date_time == (1980, 1, 1, 0, 0, 0)
        assert archive.read("OEBPS/text.xhtml") == b"<p>same</p>" * 50
