"""The one date archives carry: SOURCE_DATE_EPOCH, else the publication date, else a constant."""
from __future__ import annotations

import datetime as dt
import zipfile

from nashr.metadata import Dates, Metadata
from nashr.reproducible import DEFAULT_DATE, fixed_datetime, write_zip

PUBLISHED = Metadata(title="t", lang="ar", contents=["a.md"], dates=Dates(published=dt.date(2024, 3, 15)))
UNDATED = Metadata(title="t", lang="ar", contents=["a.md"])


def test_source_date_epoch_wins_then_the_publication_date_then_a_constant(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fixed_datetime(PUBLISHED) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert fixed_datetime(PUBLISHED) == dt.datetime(2024, 3, 15, tzinfo=dt.timezone.utc)
    assert fixed_datetime(UNDATED) == DEFAULT_DATE


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
