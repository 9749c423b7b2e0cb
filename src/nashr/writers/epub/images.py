"""Images for the EPUB: packaged from inside the manuscript folder only, never fetched.

A build never reads outside the manuscript folder or the network, so an image that is remote, absolute
or outside the folder, missing, or of a type reading systems need not support is an error naming the
file (and its line when the image's address is found there).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nashr.ast import Node, map_nodes
from nashr.diagnostics import Collector
from nashr.document import Document
from nashr.positions import location
from nashr.sandbox import local_file, refusal

# EPUB 3 core media types for images: every reading system shows them, no fallback needed.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}


@dataclass(frozen=True)
class Resource:
    """A file packaged into the EPUB: its name in the book, its media type, its bytes."""

    href: str
    media_type: str
    data: bytes


def package_images(document: Document) -> tuple[Document, list[Resource]]:
    """The document with every image pointing into the book's images/ folder, and the files to pack."""
    root = document.project.root
    problems = Collector()
    resources: dict[Path, Resource] = {}

    def place(element: Node) -> Node | None:
        if element["t"] != "Image":
            return None
        url, title = element["c"][2]
        path, problem = _local_image(root, url)
        if problem:
            problems.error(location(document, element), problem)
            return None
        resolved = path.resolve()
        if resolved not in resources:
            resources[resolved] = Resource(f"images/image-{len(resources) + 1}{path.suffix.lower()}",
                                           IMAGE_TYPES[path.suffix.lower()], path.read_bytes())
        return {**element, "c": [element["c"][0], element["c"][1], [resources[resolved].href, title]]}

    blocks = [map_nodes(part.blocks, place) for part in document.parts]
    problems.raise_if_any()
    return document.with_blocks(blocks), list(resources.values())


def _local_image(root: Path, url: str) -> tuple[Path | None, str | None]:
    """The image file `url` names and None, or None and why it cannot go into the book."""
    if url.startswith("data:"):
        return None, (f"image {url[:40]}…: an EPUB packages images as files; save the image in the manuscript "
                      "folder and refer to it by its path")
    problem = refusal(root, url, "image")
    if problem:
        return None, problem
    path = local_file(root, url)
    if path.suffix.lower() not in IMAGE_TYPES:
        return None, f"image {url}: reading systems show PNG, JPEG, GIF, SVG or WebP images; convert it to one of them"
    return path, None
