"""The galley's file set: the page, and its images and fonts either beside it or inside it.

By default the images and fonts go into `<slug>_files/` next to `<slug>.html`, each named after a hash
of its bytes: a rebuild that leaves an image unchanged writes the same name, and a page being replaced
never points at a file that changed under it. Files neither the new page nor the page it replaces
refer to are removed. With `--self-contained` they are `data:` URLs inside the page. Either way the
page refers to nothing else: no request leaves the file set.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from nashr.ast import Node, map_nodes
from nashr.diagnostics import Collector
from nashr.document import Document
from nashr.positions import location
from nashr.sandbox import local_file, refusal

# What browsers show in an <img>.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp", ".avif": "image/avif"}


def folder_name(slug: str) -> str:
    return f"{slug}_files"


@dataclass
class FileSet:
    """The files a page refers to, by URL; `folder` is None for a self-contained page."""

    folder: str | None
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, name: str, data: bytes, media_type: str) -> str:
        """The URL the page uses for `data` (a file called after `name`)."""
        if self.folder is None:
            return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
        stem, suffix = os.path.splitext(re.sub(r"[^A-Za-z0-9._-]", "", name) or "file")
        file = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix.lower()}"
        self.files[file] = data
        return f"{self.folder}/{file}"

    def write(self, folder: Path, previous: Path) -> None:
        """Write the files into `folder`; remove those of its files that neither this page nor the
        `previous` page (the one being replaced, which stays in place should the build fail) uses."""
        if self.files:
            folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            target = folder / name
            if not target.is_file():  # else it holds these bytes already: the name is their hash
                temporary = folder / f".{name}.{os.getpid()}.tmp"
                temporary.write_bytes(data)
                os.replace(temporary, target)
        if not folder.is_dir():
            return
        old = previous.read_text(encoding="utf-8", errors="replace") if previous.is_file() else ""
        for path in folder.iterdir():
            if path.is_file() and path.name not in self.files and f"{folder.name}/{path.name}" not in old:
                path.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()


def place_images(document: Document, files: FileSet) -> Document:
    """The document with every local image's address replaced by its URL in `files`."""
    root = document.project.root
    problems = Collector()

    def place(element: Node) -> Node | None:
        if element["t"] != "Image" or element["c"][2][0].startswith("data:"):
            return None
        url, title = element["c"][2]
        problem = refusal(root, url, "image")
        path = None if problem else local_file(root, url)
        if path is not None and path.suffix.lower() not in IMAGE_TYPES:
            problem = (f"image {url}: browsers show PNG, JPEG, GIF, SVG, WebP or AVIF images; "
                       "convert it to one of them")
        if problem:
            problems.error(location(document, element), problem)
            return None
        address = files.add(path.name, path.read_bytes(), IMAGE_TYPES[path.suffix.lower()])
        return {**element, "c": [element["c"][0], element["c"][1], [address, title]]}

    blocks = [map_nodes(part.blocks, place) for part in document.parts]
    problems.raise_if_any()
    return document.with_blocks(blocks)
