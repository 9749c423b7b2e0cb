"""Images for the EPUB (and the JATS and MECA package, which name them alike): each one packaged as a
file in the book's images/ folder, as the image policy (embedded_files.py) reads and converts it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from nashr.document import Document
from nashr.embedded_files import EmbeddedImage, with_images


@dataclass(frozen=True)
class Resource:
    """A file packaged into the EPUB: its name in the book, its media type, its bytes."""

    href: str
    media_type: str
    data: bytes


def package_images(document: Document) -> tuple[Document, list[Resource]]:
    """The document with every image pointing into the book's images/ folder, and the files to pack
    (one file for identical images)."""
    resources: dict[str, Resource] = {}

    def place(image: EmbeddedImage) -> str:
        key = hashlib.sha256(image.data).hexdigest()
        if key not in resources:
            resources[key] = Resource(f"images/image-{len(resources) + 1}{image.suffix}", image.media_type, image.data)
        return resources[key].href

    return with_images(document, "epub", place), list(resources.values())
