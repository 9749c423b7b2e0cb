"""The date the outputs record: the publication date, else SOURCE_DATE_EPOCH, else the build time, which
`--reproducible` replaces with the article's latest other date, else a constant."""
from __future__ import annotations

import datetime as dt
import zipfile

from nashr.metadata import Dates, Metadata
from nashr.reproducible import EARLIEST, creation_datetime, dating, write_zip

PUBLISHED = Metadata(title="t", lang="ar", contents=["a.md"], dates=Dates(published=dt.date(2024, 3, 15)))
ACCEPTED = Metadata(title="t", lang="ar", contents=["a.md"],
                    dates=Dates(received=dt.date(2023, 5, 1), accepted=dt.date(2023, 9, 2)))
UNDATED = Metadata(title="t", lang="ar", contents=["a.md"])
UTC = dt.timezone.utc


def test_the_publication_date_then_source_date_epoch_then_the_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert creation_datetime(PUBLISHED) == dt.datetime(2024, 3, 15, tzinfo=UTC)
    assert creation_datetime(UNDATED) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert creation_datetime(UNDATED, reproducible=True) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(UTC).replace(microsecond=0)
    assert before <= creation_datetime(UNDATED) <= dt.datetime.now(UTC)
    assert before <= creation_datetime(ACCEPTED) <= dt.datetime.now(UTC)  # accepted is not the file's date


def test_reproducible_takes_the_latest_other_date_else_a_constant(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert creation_datetime(PUBLISHED, reproducible=True) == dt.datetime(2024, 3, 15, tzinfo=UTC)
    assert creation_datetime(ACCEPTED, reproducible=True) == dt.datetime(2023, 9, 2, tzinfo=UTC)
    assert creation_datetime(UNDATED, reproducible=True) == EARLIEST == dt.datetime(1980, 1, 1, tzinfo=UTC)


def test_a_date_before_zip_time_is_raised_to_it(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert creation_datetime(UNDATED) == EARLIEST


def test_what_decides_the_date_besides_the_manuscript(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain, fixed = dating(False), dating(True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len({plain, fixed, dating(False)}) == 3


def test_zip_entries_keep_their_order_date_and_compression(tmp_path):
    when = dt.datetime(2024, 3, 15, 10, 30, tzinfo=dt.timezone.utc)
    write_zip(tmp_path / "a.zip", [("mimetype", b"application/epub+zip"), ("b/c.txt", b"x" * 100)], when,
              stored={"mimetype"})
    infos = zipfile.ZipFile(tmp_path / "a.zip").infolist()
    assert [i.filename for i in infos] == ["mimetype", "b/c.txt"]
    assert [i.compress_type for i in infos] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]
    assert {i.date_time for i in infos} == {(2024, 3, 15, 10, 30, 0)}
    write_zip(tmp_path / "b.zip", [("mimetype", b"application/epub+zip"), ("b/c.txt", b"x" * 100)], when,
              stored={"mimetype"})
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
