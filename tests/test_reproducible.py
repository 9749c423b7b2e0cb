"""Two builds of the same inputs give byte-identical outputs, in every registered format; the date they
record comes from the metadata or SOURCE_DATE_EPOCH, never from the clock."""
from __future__ import annotations

import time

import pypdf
import pytest

from nashr.pipeline import build
from nashr.project import load_project
from nashr.reproducible import pdf_identifier, stable_identifier
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


def test_the_identifier_names_the_article_not_the_build(make_manuscript):
    def metadata(extra: str):
        return load_project(make_manuscript({"manuscript.yaml": manifest(extra=extra), "a.md": "x\n"})).metadata

    plain, with_doi = metadata(""), metadata("doi: 10.1000/xyz\n")
    assert stable_identifier(plain) == stable_identifier(metadata("")) != stable_identifier(with_doi)
    assert len(pdf_identifier(plain)) == 32
