"""Fixed dates and identifiers, so two builds of the same inputs give the same bytes in every format.

A writer that stamps a date (PDF CreationDate/ModDate, EPUB `dcterms:modified`, DOCX core properties,
ZIP entry times) takes it from `build_date`, never from the clock: `SOURCE_DATE_EPOCH` when set (the
reproducible-builds.org convention, for a production server that wants the build time), else the
article's `dates.published`, else a fixed date. Identifiers come from `stable_identifier`, a hash of what
the article is, never a random number.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
import zipfile
from pathlib import Path

from nashr.metadata import Metadata

# The earliest time a ZIP entry can carry (DOS date), so the fallback suits EPUB and DOCX too.
FALLBACK_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
NAMESPACE = uuid.UUID("6f1c1a52-8d0c-4c55-9a55-6e6173687221")  # nashr's own uuid5 namespace


def build_date(metadata: Metadata) -> dt.datetime:
    """The date every output records as its creation and modification date (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    published = metadata.dates.published if metadata.dates else None
    if published is not None:
        return max(dt.datetime(published.year, published.month, published.day, tzinfo=dt.timezone.utc),
                   FALLBACK_DATE)
    return FALLBACK_DATE


def w3c_date(metadata: Metadata) -> str:
    """`build_date` as a W3C/ISO 8601 string, e.g. 2024-03-15T00:00:00Z (PDF and EPUB metadata)."""
    return build_date(metadata).strftime("%Y-%m-%dT%H:%M:%SZ")


def zip_date_time(metadata: Metadata) -> tuple[int, int, int, int, int, int]:
    """`build_date` as the `date_time` of a `zipfile.ZipInfo` (ZIP stores local time, 2-second steps)."""
    date = build_date(metadata)
    return (date.year, date.month, date.day, date.hour, date.minute, date.second - date.second % 2)


def stable_identifier(metadata: Metadata) -> str:
    """A UUID that names this article in every build: from its DOI when it has one, else title and slug."""
    name = f"doi:{metadata.doi}" if metadata.doi else f"title:{metadata.title}\nslug:{metadata.slug or ''}"
    return str(uuid.uuid5(NAMESPACE, name))


def pdf_identifier(metadata: Metadata) -> bytes:
    """The first half of the PDF trailer /ID: stable across builds of the same article."""
    return hashlib.md5(stable_identifier(metadata).encode()).hexdigest().encode()


def normalize_zip(path: Path, metadata: Metadata) -> None:
    """Rewrite the ZIP at `path` (an EPUB or DOCX, e.g. as Pandoc wrote it) so its bytes depend only on
    its contents: entries keep their order (an EPUB's `mimetype` stays first and stored), every entry gets
    `zip_date_time`, the same permissions and no extra fields (which hold file times)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    date_time = zip_date_time(metadata)
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time)
            fixed.compress_type = info.compress_type
            fixed.create_system = 3  # Unix, whatever the building machine
            fixed.external_attr = (0o40755 if info.is_dir() else 0o100644) << 16
            target.writestr(fixed, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)
