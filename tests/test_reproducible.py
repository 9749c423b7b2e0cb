"""The date every format records — `dates.published`, else SOURCE_DATE_EPOCH, else the build time — and
`--reproducible` builds, which are byte-identical in every registered format."""
from __future__ import annotations

import datetime as dt
import re
import time
import zipfile

import pypdf
import pytest

from nashr.cli import main
from nashr.pipeline import Output, build
from nashr.project import load_project
from nashr.reproducible import pdf_identifier, stable_identifier
from nashr.writers import formats

from .engine_helpers import manifest

UTC = dt.timezone.utc
BODY = "# مقدمة\n\nنص فيه هامش[^n] وعبارة English words.\n\n[^n]: الهامش.\n"


@pytest.fixture
def undated(make_manuscript, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return make_manuscript({"manuscript.yaml": manifest(title="مقال قصير", lang="ar"), "a.md": BODY})


@pytest.fixture
def published(make_manuscript):
    extra = "dates:\n  accepted: 2024-01-10\n  published: 2024-03-15\n"
    return make_manuscript({"manuscript.yaml": manifest(title="مقال قصير", lang="ar", extra=extra), "a.md": BODY})


def recorded(output: Output) -> set[dt.datetime]:
    """Every date the output records: PDF creation and modification dates; the EPUB's dcterms:modified,
    the DOCX's dcterms:created and modified, and their ZIP entries' times. A ZIP entry keeps even seconds
    only (MS-DOS time): every stamp is compared at that grain, the PDF's too (a build at an odd second
    records 13:40:27 in the PDF and 13:40:26 in a ZIP entry)."""
    if output.format == "pdf":
        info = pypdf.PdfReader(output.path).metadata
        found = {dt.datetime.strptime(info[key][2:16], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
                 for key in ("/CreationDate", "/ModDate")}
    else:
        with zipfile.ZipFile(output.path) as archive:
            found = {dt.datetime(*info.date_time, tzinfo=UTC) for info in archive.infolist()}
            for name in ("EPUB/package.opf", "docProps/core.xml"):
                if name in archive.namelist():
                    text = archive.read(name).decode("utf-8")
                    found |= {dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")) for stamp in
                              re.findall(r"(?:dcterms:modified\"|dcterms:W3CDTF\")>([^<]+)<", text)}
    return {when.replace(second=when.second - when.second % 2) for when in found}


# the formats that record when they were made (the HTML galley and the JATS record only the article's own dates)
DATED = [fmt for fmt in formats() if fmt not in ("html", "jats")]


@pytest.mark.parametrize("fmt", formats())
def test_two_reproducible_builds_are_byte_identical(undated, tmp_path, fmt):
    (first,) = build(undated, tmp_path / "one", [fmt], reproducible=True)
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    (undated / "a.md").touch()
    (second,) = build(undated, tmp_path / "two", [fmt], force=True, reproducible=True)
    assert first.path.read_bytes() == second.path.read_bytes()
    if fmt in DATED:
        assert recorded(first) == {dt.datetime(1980, 1, 1, tzinfo=UTC)}  # no date in the manuscript


def test_every_format_records_the_publication_date_even_with_source_date_epoch(published, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for output in build(published, tmp_path / "out", DATED):
        assert recorded(output) == {dt.datetime(2024, 3, 15, tzinfo=UTC)}, output.format


def test_without_a_publication_date_source_date_epoch_is_recorded(undated, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for output in build(undated, tmp_path / "out", DATED):
        assert recorded(output) == {dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)}, output.format


def test_without_either_every_format_records_the_build_time(undated, tmp_path):
    before = dt.datetime.now(UTC).replace(microsecond=0)
    before = before.replace(second=before.second - before.second % 2)
    outputs = build(undated, tmp_path / "out", DATED)
    after = dt.datetime.now(UTC)
    for output in outputs:
        (when,) = recorded(output)  # one date, the same in every place (to the even second of a ZIP)
        assert before <= when <= after, output.format
    assert len({recorded(output).pop() for output in outputs}) == 1  # chosen once for the whole build


def test_the_reproducible_flag_renders_again_once(undated, tmp_path):
    out = tmp_path / "out"
    build(undated, out, ["epub"])
    (fixed,) = build(undated, out, ["epub"], reproducible=True)
    assert fixed.rendered and recorded(fixed) == {dt.datetime(1980, 1, 1, tzinfo=UTC)}
    assert not build(undated, out, ["epub"], reproducible=True)[0].rendered


def test_the_command_line_flag(published, tmp_path, capsys):
    assert main(["build", str(published), "-o", str(tmp_path / "out"), "-f", "docx", "--reproducible", "-q"]) == 0
    first = (tmp_path / "out" / "t.docx").read_bytes()
    assert main(["build", str(published), "-o", str(tmp_path / "again"), "-f", "docx", "--reproducible", "-q"]) == 0
    assert (tmp_path / "again" / "t.docx").read_bytes() == first


def test_the_pdf_has_a_stable_identifier(published, tmp_path):
    reader = pypdf.PdfReader(build(published, tmp_path / "out", ["pdf"])[0].path)
    assert reader.trailer["/ID"][0] != reader.trailer["/ID"][1]
    assert reader.trailer["/ID"][0] == pdf_identifier(load_project(published).metadata).decode()


def test_the_identifier_names_the_article_not_the_build(make_manuscript):
    def metadata(extra: str):
        return load_project(make_manuscript({"manuscript.yaml": manifest(extra=extra), "a.md": "x\n"})).metadata

    plain, with_doi = metadata(""), metadata("doi: 10.1000/xyz\n")
    assert stable_identifier(plain) == stable_identifier(metadata("")) != stable_identifier(with_doi)
    assert len(pdf_identifier(plain)) == 32

