"""Outputs that do not change between two builds of the same manuscript.

Archives (EPUB, DOCX) carry dates; taking them from the clock would make every build differ. The date
is SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the article's publication
(or acceptance, or reception) date, else a constant; ZIP entries are written in a fixed order with that
one timestamp and fixed permissions.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
import zipfile
from pathlib import Path

from nashr.metadata import Metadata

# The earliest time a ZIP entry can record.
DEFAULT_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def article_datetime(metadata: Metadata) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH, else the article's latest known date, in UTC; None when there is neither."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(DEFAULT_DATE, dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc))
    dates = metadata.dates
    for day in (dates.published, dates.accepted, dates.received) if dates else ():
        if isinstance(day, dt.date):
            return max(DEFAULT_DATE, dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))
    return None


def fixed_datetime(metadata: Metadata) -> dt.datetime:
    """The one date written into archives, in UTC."""
    return article_datetime(metadata) or DEFAULT_DATE


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


def w3c_date(metadata: Metadata) -> str:
    """`fixed_datetime` as a W3C/ISO 8601 string, e.g. 2024-03-15T00:00:00Z (PDF and EPUB metadata)."""
    return fixed_datetime(metadata).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_identifier(metadata: Metadata) -> str:
    """A UUID that names this article in every build: from its DOI when it has one, else title and slug."""
    name = f"doi:{metadata.doi}" if metadata.doi else f"title:{metadata.title}\nslug:{metadata.slug or ''}"
    return str(uuid.uuid5(NAMESPACE, name))


def pdf_identifier(metadata: Metadata) -> bytes:
    """The first half of the PDF trailer /ID: the same in every build of the same article."""
    return hashlib.md5(stable_identifier(metadata).encode()).hexdigest().encode()
