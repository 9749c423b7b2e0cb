"""The date every output records, and outputs that do not change between two builds.

A PDF's, EPUB's and DOCX's creation date (and their ZIP entries' time) is the article's
`dates.published`, else SOURCE_DATE_EPOCH (the reproducible-builds convention), else the time of the
build. `--reproducible` replaces the build time with the article's latest other date (accepted, else
received), else 1980-01-01, the earliest time a ZIP entry can record: two builds of the same inputs
are then byte-identical. ZIP entries are written in a fixed order with fixed permissions.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
import zipfile
from pathlib import Path

from nashr.document import Document
from nashr.metadata import Metadata

# The earliest time a ZIP entry can record.
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def creation_datetime(metadata: Metadata, reproducible: bool = False) -> dt.datetime:
    """The date the outputs of this build record, in UTC, to the second (see the module docstring)."""
    dates = metadata.dates
    published = dates.published if dates else None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if published:
        return _midnight(published)
    if epoch.isdigit():
        return max(EARLIEST, dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc))
    if not reproducible:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    day = next((day for day in (dates.accepted, dates.received) if day), None) if dates else None
    return _midnight(day) if day else EARLIEST


def dating(reproducible: bool) -> str:
    """What, besides the manuscript, decides the date a build records: a build whose answer differs
    from the last one's must render again (the cache compares it)."""
    return f"reproducible={reproducible}; SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}"


def recorded_datetime(document: Document) -> dt.datetime:
    """The date the pipeline chose for this build, else (a writer called on its own) the default."""
    return document.created or creation_datetime(document.metadata)


def _midnight(day: dt.date) -> dt.datetime:
    return max(EARLIEST, dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def write_zip(target: Path, entries: list[tuple[str, bytes]], when: dt.datetime, stored: set[str] = frozenset()) -> None:
    """A ZIP of `entries` in the order given; names in `stored` are not compressed."""
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


# The PDF's dates and identifier (WeasyPrint writes none by default, but PDF/A variants stamp the clock).
NAMESPACE = uuid.UUID("6f1c1a52-8d0c-4c55-9a55-6e6173687221")  # nashr's own uuid5 namespace


def w3c_date(when: dt.datetime) -> str:
    """A W3C/ISO 8601 date and time, e.g. 2024-03-15T00:00:00Z (PDF, EPUB and DOCX metadata)."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_identifier(metadata: Metadata) -> str:
    """A UUID that names this article in every build: from its DOI when it has one, else title and slug."""
    name = f"doi:{metadata.doi}" if metadata.doi else f"title:{metadata.title}\nslug:{metadata.slug or ''}"
    return str(uuid.uuid5(NAMESPACE, name))


def pdf_identifier(metadata: Metadata) -> bytes:
    """The first half of the PDF trailer /ID: the same in every build of the same article."""
    return hashlib.md5(stable_identifier(metadata).encode()).hexdigest().encode()
